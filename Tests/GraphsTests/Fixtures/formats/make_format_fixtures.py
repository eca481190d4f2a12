#!/usr/bin/env python3
"""GraphML, GEXF and Pajek files written by networkx, for Skein's import tests.

Run from this folder: python3 make_format_fixtures.py
The graph is Zachary's karate club (networkx.karate_club_graph(), public domain data) with its
`club` attribute, a numeric attribute `tenure` (= node id × 0.5, made up for the test) and edge
weights (networkx's `weight`, the interaction counts).
"""
import networkx as nx

g = nx.karate_club_graph()
for v in g.nodes:
    g.nodes[v]["tenure"] = v * 0.5
g = nx.relabel_nodes(g, {v: f"m{v}" for v in g.nodes})
nx.write_graphml(g, "karate.graphml")
nx.write_gexf(g, "karate.gexf")
h = nx.Graph()
h.add_nodes_from(g.nodes)
h.add_edges_from((u, v, {"weight": float(d["weight"])}) for u, v, d in g.edges(data=True))
nx.write_pajek(h, "karate.net")
d = nx.DiGraph()
d.add_edges_from([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
nx.write_graphml(d, "directed.graphml")
print(g.number_of_nodes(), g.number_of_edges(), sum(w for _, _, w in g.edges(data="weight")))
