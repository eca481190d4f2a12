#!/usr/bin/env python3
"""NDlib (Rossetti et al. 2018) on the discrete-time workloads it shares with Skein: independent
cascade (p = 0.05 per tie) and SIR (β = 0.05 per tie and step, γ = 0.2), 50 random seeds, 50
iterations, on a 10 000-node BA edge list (NDlib iterates in Python over every node each step,
so ba100k would take hours). Time is the simulation of all replicates (graph loading excluded).

  python3 ndlib_peers.py EDGES [--replicates 10] [--json FILE]
"""
import argparse
import importlib.metadata
import os
import random
import sys

from peerlib import Recorder, size_figures, timed

os.environ.setdefault("OMP_NUM_THREADS", "1")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("edges")
    ap.add_argument("--replicates", type=int, default=10)
    ap.add_argument("--json", help="append one JSON line per workload here (for compare.py)")
    a = ap.parse_args()
    import networkx as nx
    import ndlib.models.ModelConfig as mc
    import ndlib.models.epidemics as ep
    version = importlib.metadata.version("ndlib")
    record = Recorder(a.json)
    g = nx.read_edgelist(a.edges, nodetype=int, data=False)
    rng = random.Random(1)
    nodes = list(g.nodes)
    seed_sets = [rng.sample(nodes, 50) for _ in range(a.replicates)]
    print(f"NDlib {version} on {a.edges}: n = {g.number_of_nodes()}, m = {g.number_of_edges()}, "
          f"{a.replicates} replicates (python {sys.version.split()[0]})")

    def run(make, configure):
        sizes = []
        for r, seeds in enumerate(seed_sets):
            model = make(g, seed=r)
            config = mc.Configuration()
            configure(config)
            config.add_model_initial_configuration("Infected", seeds)
            model.set_initial_status(config)
            model.iteration_bunch(50, node_status=False)
            status = model.status
            sizes.append(sum(1 for s in status.values() if s != 0))  # ever infected: infected or removed
        return sizes

    def ic_config(config):
        for e in g.edges():
            config.add_edge_configuration("threshold", e, 0.05)

    seconds, sizes = timed(lambda: run(ep.IndependentCascadesModel, ic_config))
    print(f"NDlib IC p = 0.05                    {seconds:9.4f} s   mean final size {sum(sizes) / len(sizes):.1f}")
    record.emit("ic-p0.05-ba10k-ndlib", f"NDlib {version}", seconds, **size_figures(sizes))

    def sir_config(config):
        config.add_model_parameter("beta", 0.05)
        config.add_model_parameter("gamma", 0.2)

    seconds, sizes = timed(lambda: run(ep.SIRModel, sir_config))
    print(f"NDlib SIR β = 0.05, γ = 0.2           {seconds:9.4f} s   mean final size {sum(sizes) / len(sizes):.1f}")
    record.emit("sir-ba10k-ndlib", f"NDlib {version}", seconds, **size_figures(sizes))


if __name__ == "__main__":
    main()
