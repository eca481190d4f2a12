#!/usr/bin/env python3
"""Mean final sizes of independent cascade and linear threshold on Zachary's karate club, computed
once with cynetdiff, for Skein's tests (which then need no Python).

Run from this folder with cynetdiff installed (Benchmarks/.venv after `make bench-simulation`):
    python3 make_cynetdiff_reference.py > cynetdiff_reference.json
Graph: networkx.karate_club_graph() as an undirected graph (arcs both ways). IC with uniform p;
LT with cynetdiff's defaults: thresholds uniform on [0, 1) per run, influence 1/in-degree.
"""
import json
import statistics
import sys

import cynetdiff
import networkx as nx
from cynetdiff.utils import networkx_to_ic_model, networkx_to_lt_model

TRIALS = 200_000
g = nx.karate_club_graph()
out = {"cynetdiff_version": getattr(cynetdiff, "__version__", "0.1.18"), "networkx_version": nx.__version__,
       "python_version": sys.version.split()[0], "graph": "networkx.karate_club_graph()", "trials": TRIALS, "cases": []}


def run(model, mapping, seeds):
    sizes = []
    for _ in range(TRIALS):
        model.reset_model()
        model.set_seeds([mapping[s] for s in seeds])
        model.advance_until_completion()
        sizes.append(model.get_num_activated_nodes())
    return statistics.mean(sizes), statistics.stdev(sizes)


for p, seeds in [(0.1, [0]), (0.2, [0, 33]), (0.3, [16])]:
    model, mapping = networkx_to_ic_model(g, activation_prob=p, rng=1)
    mean, sd = run(model, mapping, seeds)
    out["cases"].append({"model": "independent-cascade", "p": p, "seeds": seeds, "mean": mean, "sd": sd})
for seeds in [[0], [0, 33], [16, 26]]:
    model, mapping = networkx_to_lt_model(g.to_directed(), rng=1)
    mean, sd = run(model, mapping, seeds)
    out["cases"].append({"model": "linear-threshold", "thresholds": "uniform", "seeds": seeds, "mean": mean, "sd": sd})
json.dump(out, sys.stdout, indent=1)
