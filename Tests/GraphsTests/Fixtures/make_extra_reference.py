#!/usr/bin/env python3
"""Reference values that reference_metrics.json does not hold, computed once with networkx.

Centralities: closeness (networkx default, Wasserman–Faust scaling), eigenvector (tol 1e-12),
core numbers, Burt's constraint and effective size, all unweighted.

Run from this folder: python3 make_extra_reference.py > extra_reference.json
E-I index is computed here by direct counting (networkx has no E-I function); the rest are networkx calls.
"""
import csv
import json
import sys

import networkx as nx


def load(name, directed=False):
    g = nx.DiGraph() if directed else nx.Graph()
    with open(f"{name}/nodes.csv") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        g.add_node(r["id"], **{k: v for k, v in r.items() if k != "id"})
    with open(f"{name}/edges.csv") as f:
        for r in csv.DictReader(f):
            g.add_edge(r["source"], r["target"])
    return g


out = {"networkx_version": nx.__version__, "python_version": sys.version.split()[0]}
karate = load("networkx_karate_club")
e = sum(1 for u, v in karate.edges() if karate.nodes[u]["club"] != karate.nodes[v]["club"])
i = karate.number_of_edges() - e
out["karate_club"] = {
    "attribute_assortativity_club": nx.attribute_assortativity_coefficient(karate, "club"),
    "ei_external": e,
    "ei_internal": i,
    "ei_index": (e - i) / (e + i),
    "closeness_top3": sorted(((v, k) for k, v in nx.closeness_centrality(karate).items()), reverse=True)[:3],
}
# A directed graph: Florentine ties made one-way from the alphabetically smaller family.
flo = load("networkx_florentine_families")
d = nx.DiGraph()
d.add_nodes_from(flo.nodes())
d.add_edges_from((min(u, v), max(u, v)) for u, v in flo.edges())
d.add_edge("Tornabuoni", "Albizzi")  # close one cycle
out["florentine_directed"] = {
    "edges": [[u, v] for u, v in d.edges()],
    "strong_components": nx.number_strongly_connected_components(d),
    "largest_strong_component": max(len(c) for c in nx.strongly_connected_components(d)),
    "weak_components": nx.number_weakly_connected_components(d),
    "pagerank": {k: v for k, v in nx.pagerank(d).items()},
    "betweenness": {k: v for k, v in nx.betweenness_centrality(d).items()},
    "degree_assortativity": nx.degree_assortativity_coefficient(d),
    "closeness": nx.closeness_centrality(d),
    "core_number": nx.core_number(d),
    "constraint": nx.constraint(d),
    "effective_size": nx.effective_size(d),
}
# Centralities and brokerage on the four undirected reference graphs (unweighted).
out["centrality"] = {}
for name in ["networkx_karate_club", "networkx_les_miserables", "networkx_florentine_families", "networkx_davis_southern_women"]:
    g = load(name)
    out["centrality"][name] = {
        "closeness": nx.closeness_centrality(g),
        "eigenvector": nx.eigenvector_centrality(g, max_iter=1000, tol=1e-12),
        "core_number": nx.core_number(g),
        "constraint": nx.constraint(g),
        "effective_size": nx.effective_size(g),
    }
json.dump(out, sys.stdout, indent=1, sort_keys=True)
