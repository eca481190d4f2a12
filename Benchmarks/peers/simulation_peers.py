#!/usr/bin/env python3
"""Simulation timings for the issue #4 workloads with cynetdiff (IC, LT) and EoN (continuous-time
SIR), on the same edge list Skein reads: 100 replicates, each from its own 50 random seeds;
IC p = 0.01 and 0.05; LT with fixed thresholds θ = 0.10 and 0.15 (weights 1/in-degree); SIR with
τ = 0.05, γ = 1. Time is the simulation of all replicates (graph conversion excluded), best of N
after a warm-up; the mean final size is printed beside it for the outcome comparison.

  python3 simulation_peers.py EDGES [--replicates 100] [--repeat 3]
"""
import argparse
import importlib.metadata
import os
import random
import statistics
import sys
import time

from peerlib import Recorder, size_figures

os.environ.setdefault("OMP_NUM_THREADS", "1")


RECORD = Recorder(None)


def best(label, repeats, fn, workload=None, peer=None):
    fn()
    times, sizes = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        sizes = fn()
        times.append(time.perf_counter() - t)
    sd = statistics.stdev(sizes) if len(sizes) > 1 else 0.0
    print(f"{label:<36} {min(times):9.4f} s   mean final size {statistics.mean(sizes):.1f} (SD {sd:.1f})", flush=True)
    if workload:
        RECORD.emit(workload, peer, min(times), runs=repeats, **size_figures(sizes))



def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("edges")
    ap.add_argument("--replicates", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="append one JSON line per workload here (for compare.py)")
    a = ap.parse_args()
    RECORD.path = a.json
    import networkx as nx
    g = nx.read_edgelist(a.edges, nodetype=int, data=False)
    nodes = list(g.nodes)
    rng = random.Random(1)
    seed_sets = [rng.sample(nodes, 50) for _ in range(a.replicates)]
    print(f"simulation peers on {a.edges}: n = {g.number_of_nodes()}, m = {g.number_of_edges()}, "
          f"{a.replicates} replicates (python {sys.version.split()[0]})")

    try:
        import cynetdiff
        from cynetdiff.utils import networkx_to_ic_model, networkx_to_lt_model
        version = getattr(cynetdiff, "__version__", None) or importlib.metadata.version("cynetdiff")
        print(f"cynetdiff {version}")

        import array

        def unpack(x):
            return x if isinstance(x, tuple) else (x, {v: v for v in nodes})

        for p in (0.01, 0.05):
            model, mapping = unpack(networkx_to_ic_model(g, activation_prob=p))

            def run_ic(model=model, mapping=mapping):
                sizes = []
                for seeds in seed_sets:
                    model.set_seeds([mapping[v] for v in seeds])
                    model.advance_until_completion()
                    sizes.append(model.get_num_activated_nodes())
                return sizes
            best(f"cynetdiff IC p = {p}", a.repeat, run_ic, f"ic-p{p}-ba100k", f"cynetdiff {version}")

        # LT with weights 1/in-degree (cynetdiff's default) on the graph as arcs both ways. cynetdiff
        # 0.1.18 draws thresholds itself; fixed thresholds go through compute_marginal_gains'
        # `_node_thresholds`, whose first value is the seed set's spread for one trial.
        directed = g.to_directed()
        lt_model, lt_mapping = unpack(networkx_to_lt_model(directed))
        for theta in (0.10, 0.15):
            thresholds = array.array("f", [theta] * directed.number_of_nodes())

            def run_lt(model=lt_model, mapping=lt_mapping, thresholds=thresholds):
                return [model.compute_marginal_gains([mapping[v] for v in seeds], [], 1, _node_thresholds=thresholds)[0]
                        for seeds in seed_sets]
            best(f"cynetdiff LT θ = {theta:.2f}", a.repeat, run_lt, f"lt-{theta:.2f}-ba100k", f"cynetdiff {version}")
    except ImportError as error:
        print(f"cynetdiff: not installed ({error})")

    # The batched sparse-matrix formulation the issue quotes (0.66 s there): all replicates as the
    # columns of an n × R matrix, one SpMM per step (counts += A · frontier), until no one adopts.
    try:
        import numpy as np
        import scipy
        import scipy.sparse  # noqa: F401
        print(f"scipy {scipy.__version__} (batched sparse-matrix LT, single thread)")
        index = {v: i for i, v in enumerate(nodes)}
        A = nx.to_scipy_sparse_array(g, nodelist=nodes, format="csr", dtype=np.float32)
        deg = np.asarray(A.sum(axis=1)).ravel()
        for theta in (0.10, 0.15):
            needed = np.maximum(1, np.minimum(deg, np.ceil(theta * deg - 1e-9))).astype(np.float32)[:, None]

            def run_batched(needed=needed):
                n, R = len(nodes), len(seed_sets)
                adopted = np.zeros((n, R), dtype=bool)
                for r, seeds in enumerate(seed_sets):
                    adopted[[index[v] for v in seeds], r] = True
                frontier = adopted.astype(np.float32)
                counts = np.zeros((n, R), dtype=np.float32)
                while frontier.any():
                    counts += A @ frontier
                    new = (counts >= needed) & ~adopted
                    adopted |= new
                    frontier = new.astype(np.float32)
                return [int(x) for x in adopted.sum(axis=0)]
            best(f"batched SpMM LT θ = {theta:.2f}", a.repeat, run_batched, f"lt-{theta:.2f}-ba100k", f"SciPy {scipy.__version__} batched SpMM")
    except ImportError as error:
        print(f"scipy: not installed ({error})")

    try:
        import EoN
        eon_version = getattr(EoN, "__version__", None) or importlib.metadata.version("EoN")
        print(f"EoN {eon_version}")

        def run_sir():
            sizes = []
            for seeds in seed_sets:
                t, S, I, R = EoN.fast_SIR(g, 0.05, 1.0, initial_infecteds=seeds)
                sizes.append(int(R[-1]))
            return sizes
        best("EoN fast_SIR τ = 0.05, γ = 1", 1, run_sir, "ct-sir-ba100k", f"EoN {eon_version} fast_SIR")
    except ImportError as error:
        print(f"EoN: not installed ({error})")


if __name__ == "__main__":
    main()
