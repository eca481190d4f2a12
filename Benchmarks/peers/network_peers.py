#!/usr/bin/env python3
"""Network-metric timings for python-igraph (C core) and networkx on one edge list, the same
workloads as `skein-network-bench`: load, components, average clustering, PageRank, betweenness
from 500 sampled sources, Louvain, Leiden, core numbers. Best of N runs after a warm-up (one run when over 5 s).

  python3 network_peers.py EDGES [--repeat 3] [--skip-networkx] [--networkx-repeat 1]

Single-threaded on both sides (igraph and networkx are). networkx's betweenness uses k=500
sources (its sampled estimator); igraph's uses the same 500 random sources via `sources=`.
"""
import argparse
import os
import random
import sys
import time

from peerlib import Recorder

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def best(label, repeats, fn):
    """Best of `repeats` timed runs after a warm-up; a workload whose warm-up takes over 5 s is
    timed once (the warm-up run), as skein-network-bench does."""
    t = time.perf_counter()
    result = fn()
    times = [time.perf_counter() - t]
    if times[0] < 5:
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - t)
    print(f"{label:<34} {min(times):8.4f} s", flush=True)
    global LAST, LAST_RUNS
    LAST, LAST_RUNS = min(times), len(times)
    return result


LAST = 0.0
LAST_RUNS = 1
RECORD = Recorder(None)


def run_igraph(path, repeats):
    import igraph as ig
    print(f"python-igraph {ig.__version__}")
    peer = f"python-igraph {ig.__version__}"
    name = os.path.basename(path).split(".")[0]

    def load():
        g = ig.Graph.Read_Edgelist(path, directed=False)
        return g.simplify()
    g = best("load edge list", repeats, load)
    print(f"  n = {g.vcount()}, m = {g.ecount()}")
    RECORD.emit(f"load-{name}", peer, LAST, runs=LAST_RUNS, nodes=g.vcount(), edges=g.ecount())
    comps = best("connected components", repeats, lambda: g.connected_components())
    print(f"  components = {len(comps)}")
    RECORD.emit(f"components-{name}", peer, LAST, runs=LAST_RUNS, components=len(comps))
    c = best("average clustering", repeats, lambda: g.transitivity_avglocal_undirected(mode="zero"))
    print(f"  average clustering = {c}")
    RECORD.emit(f"clustering-{name}", peer, LAST, runs=LAST_RUNS, average_clustering=c)
    pr = best("PageRank (unweighted)", repeats, lambda: g.pagerank())
    print(f"  max PageRank = {max(pr)}")
    RECORD.emit(f"pagerank-{name}", peer, LAST, runs=LAST_RUNS, max_pagerank=max(pr))
    random.seed(1)
    sources = random.sample(range(g.vcount()), 500)
    b = best("betweenness, 500 sampled sources", repeats, lambda: g.betweenness(sources=sources))
    print(f"  max betweenness (unnormalised) = {max(b)}")
    RECORD.emit(f"betweenness-{name}", peer, LAST, runs=LAST_RUNS)
    louv = best("Louvain (1 run)", repeats, lambda: g.community_multilevel())
    print(f"  communities = {len(louv)}, modularity = {louv.modularity}")
    RECORD.emit(f"louvain-{name}", peer, LAST, runs=LAST_RUNS, communities=len(louv), modularity=louv.modularity)
    leid = best("Leiden", repeats, lambda: g.community_leiden(objective_function="modularity", n_iterations=2))
    print(f"  communities = {len(leid)}, modularity = {g.modularity(leid.membership)}")
    RECORD.emit(f"leiden-{name}", peer, LAST, runs=LAST_RUNS, communities=len(leid), modularity=g.modularity(leid.membership))
    cores = best("core numbers", repeats, lambda: g.coreness())
    print(f"  max core = {max(cores)}")
    RECORD.emit(f"kcore-{name}", peer, LAST, runs=LAST_RUNS, max_core=max(cores))


def run_networkx(path, repeats, skip=()):
    import networkx as nx
    print(f"networkx {nx.__version__}")
    peer = f"networkx {nx.__version__}"
    name = os.path.basename(path).split(".")[0]
    g = best("load edge list", repeats, lambda: nx.read_edgelist(path, nodetype=int, data=False))
    print(f"  n = {g.number_of_nodes()}, m = {g.number_of_edges()}")
    RECORD.emit(f"load-{name}", peer, LAST, runs=LAST_RUNS, nodes=g.number_of_nodes(), edges=g.number_of_edges())
    comps = best("connected components", repeats, lambda: nx.number_connected_components(g))
    print(f"  components = {comps}")
    RECORD.emit(f"components-{name}", peer, LAST, runs=LAST_RUNS, components=comps)
    c = best("average clustering", repeats, lambda: nx.average_clustering(g))
    print(f"  average clustering = {c}")
    RECORD.emit(f"clustering-{name}", peer, LAST, runs=LAST_RUNS, average_clustering=c)
    pr = best("PageRank (unweighted)", repeats, lambda: nx.pagerank(g, weight=None))
    print(f"  max PageRank = {max(pr.values())}")
    RECORD.emit(f"pagerank-{name}", peer, LAST, runs=LAST_RUNS, max_pagerank=max(pr.values()))
    if "betweenness" not in skip:
        b = best("betweenness, 500 sampled sources", repeats, lambda: nx.betweenness_centrality(g, k=500, seed=1))
        print(f"  max betweenness = {max(b.values())}")
        RECORD.emit(f"betweenness-{name}", peer, LAST, runs=LAST_RUNS, max_betweenness=max(b.values()))
    if "louvain" not in skip:
        louv = best("Louvain (1 run)", repeats, lambda: nx.community.louvain_communities(g, seed=1))
        print(f"  communities = {len(louv)}, modularity = {nx.community.modularity(g, louv)}")
        RECORD.emit(f"louvain-{name}", peer, LAST, runs=LAST_RUNS, communities=len(louv), modularity=nx.community.modularity(g, louv))
    cores = best("core numbers", repeats, lambda: nx.core_number(g))
    print(f"  max core = {max(cores.values())}")
    RECORD.emit(f"kcore-{name}", peer, LAST, runs=LAST_RUNS, max_core=max(cores.values()))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("edges")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-networkx", action="store_true")
    ap.add_argument("--networkx-repeat", type=int, default=1)
    ap.add_argument("--networkx-skip", default="", help="comma-separated: betweenness,louvain (minutes each on ba100k)")
    ap.add_argument("--json", help="append one JSON line per workload here (for compare.py)")
    a = ap.parse_args()
    RECORD.path = a.json
    print(f"network peers on {a.edges} (python {sys.version.split()[0]})")
    run_igraph(a.edges, a.repeat)
    if not a.skip_networkx:
        run_networkx(a.edges, a.networkx_repeat, skip=set(filter(None, a.networkx_skip.split(","))))


if __name__ == "__main__":
    main()
