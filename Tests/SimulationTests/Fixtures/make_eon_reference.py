#!/usr/bin/env python3
"""Mean final size of continuous-time SIR on Zachary's karate club, computed once with EoN's
fast_SIR, for Skein's tests (which then need no Python).

Run from this folder with EoN installed (Benchmarks/.venv after `make bench-simulation`):
    python3 make_eon_reference.py > eon_reference.json
"""
import json
import random
import statistics
import sys

import EoN
import networkx as nx

TRIALS = 100_000
random.seed(1)
g = nx.karate_club_graph()
out = {"eon_version": "2.0", "networkx_version": nx.__version__, "python_version": sys.version.split()[0],
       "graph": "networkx.karate_club_graph()", "trials": TRIALS, "cases": []}
for tau, gamma, seeds in [(0.3, 1.0, [0]), (0.15, 0.5, [16, 26])]:
    sizes = []
    for _ in range(TRIALS):
        t, S, I, R = EoN.fast_SIR(g, tau, gamma, initial_infecteds=seeds)
        sizes.append(int(R[-1]))
    out["cases"].append({"tau": tau, "gamma": gamma, "seeds": seeds, "mean": statistics.mean(sizes), "sd": statistics.stdev(sizes)})
json.dump(out, sys.stdout, indent=1)
