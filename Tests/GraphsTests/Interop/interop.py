"""Independent writers and readers for Skein's network formats (networkx, openpyxl, json).

  interop.py write DIR      writes a known network (Zachary's karate club, with attributes, from
                            networkx) as Kumu JSON, Kumu .xlsx, Polinode .xlsx and NodeXL .xlsx, and
                            the network itself as expected.json
  interop.py read FILE      reads a GraphML or GEXF file Skein wrote with networkx and prints its
                            nodes, edges and node attributes as JSON
  interop.py read-xlsx FILE reads a workbook Skein wrote with openpyxl and prints every sheet's rows

Run by Tests/GraphsTests/InteropTests.swift with the interpreter scripts/interop-venv.sh makes.
"""
import json
import os
import sys

import networkx as nx


def karate():
    g = nx.karate_club_graph()
    nodes = []
    for v in sorted(g.nodes):
        nodes.append({
            "id": f"p{v}",
            "club": g.nodes[v]["club"],
            "degree": g.degree(v),
            "tags": ["founder"] if v in (0, 33) else (["member", "student"] if v % 5 == 0 else ["member"]),
        })
    edges = [{"from": f"p{u}", "to": f"p{v}", "weight": int(d.get("weight", 1))} for u, v, d in g.edges(data=True)]
    return nodes, edges


def write(folder):
    from openpyxl import Workbook
    nodes, edges = karate()
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump({"nodes": nodes, "edges": edges}, f)

    # Kumu JSON as its import documentation shows it: labels, fields, multi-valued tags.
    kumu = {
        "elements": [{"label": n["id"], "type": "Person", "club": n["club"], "degree": n["degree"], "tags": n["tags"]} for n in nodes],
        "connections": [{"from": e["from"], "to": e["to"], "direction": "undirected", "strength": e["weight"], "type": "knows"} for e in edges],
    }
    with open(os.path.join(folder, "kumu.json"), "w") as f:
        json.dump(kumu, f, indent=1)

    # Kumu's Excel layout: Elements (Label, Type, fields, pipe-separated Tags), Connections (From, To, Direction).
    wb = Workbook()
    el = wb.active
    el.title = "Elements"
    el.append(["Label", "Type", "Club", "Degree", "Tags"])
    for n in nodes:
        el.append([n["id"], "Person", n["club"], n["degree"], " | ".join(n["tags"])])
    co = wb.create_sheet("Connections")
    co.append(["From", "To", "Direction", "Strength", "Type"])
    for e in edges:
        co.append([e["from"], e["to"], "undirected", e["weight"], "knows"])
    wb.save(os.path.join(folder, "kumu.xlsx"))

    # Polinode's Excel layout: Nodes (Name and attributes), Edges (Source, Target, Weight).
    wb = Workbook()
    ns = wb.active
    ns.title = "Nodes"
    ns.append(["Name", "club", "degree"])
    for n in nodes:
        ns.append([n["id"], n["club"], n["degree"]])
    es = wb.create_sheet("Edges")
    es.append(["Source", "Target", "Weight"])
    for e in edges:
        es.append([e["from"], e["to"], e["weight"]])
    wb.save(os.path.join(folder, "polinode.xlsx"))

    # NodeXL's template: group captions above the column names, Vertex 1 / Vertex 2.
    wb = Workbook()
    es = wb.active
    es.title = "Edges"
    es.append(["Vertices", None, "Visual Properties"])
    es.append(["Vertex 1", "Vertex 2", "Color", "Width"])
    for e in edges:
        es.append([e["from"], e["to"], "Black", float(e["weight"])])
    vs = wb.create_sheet("Vertices")
    vs.append(["Vertex", "Color", "Shape", "Club"])
    for n in nodes:
        vs.append([n["id"], "Red" if n["club"] == "Officer" else "Blue", "Disk", n["club"]])
    wb.save(os.path.join(folder, "nodexl.xlsx"))


def read(path):
    g = nx.read_gexf(path) if path.endswith(".gexf") else nx.read_graphml(path)
    out = {
        "directed": g.is_directed(),
        "nodes": {str(v): {k: d[k] for k in d if k not in ("label",)} for v, d in g.nodes(data=True)},
        "labels": {str(v): d.get("label", str(v)) for v, d in g.nodes(data=True)},
        "edges": [[str(u), str(v), float(d.get("weight", 1.0)), d.get("relation", "")] for u, v, d in g.edges(data=True)],
    }
    json.dump(out, sys.stdout, default=str)


def read_xlsx(path):
    from openpyxl import load_workbook
    wb = load_workbook(path)
    json.dump({ws.title: [[c for c in row] for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}, sys.stdout, default=str)


if __name__ == "__main__":
    {"write": write, "read": read, "read-xlsx": read_xlsx}[sys.argv[1]](sys.argv[2])
