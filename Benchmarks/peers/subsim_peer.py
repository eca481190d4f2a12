#!/usr/bin/env python3
"""SUBSIM (Guo, Wang, Wei & Chen, SIGMOD 2020; github.com/qtguo/subsim) selecting 50 seeds on the
same edge list Skein's opim-* workloads read, ε = 0.1, δ = 1/n (its defaults), for IC p = 0.01 and
the weighted cascade. The undirected edges are written in both directions, as Skein reads them.

SUBSIM's code is not part of Skein: `--subsim DIR` is a checkout (scripts/bench-peers.sh clones it
into Benchmarks/.peers/subsim), built here with its own Makefile's flags. The time is SUBSIM's own
timer around its selection (graph loading excluded), best of --repeat runs.

  python3 subsim_peer.py --subsim DIR EDGES [--repeat 5] [--json PEERS.jsonl]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

from peerlib import Recorder

RUNS = [("opim-p0.01-ba100k", ["-pdist=uniform", "-pedge=0.01"]), ("opim-wc-ba100k", ["-pdist=wc"])]


def build(source):
    binary = os.path.join(source, "subsim")
    if not os.path.exists(binary):
        subprocess.run(["g++", "-std=c++14", "-O3", "subsim.cpp", "-o", "subsim"], cwd=source, check=True)
    commit = subprocess.run(["git", "-C", source, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    return binary, commit or "unknown commit"


def write_graph(edges, folder):
    arcs, n = [], 0
    with open(edges) as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2 or line.startswith("#"):
                continue
            u, v = int(parts[0]), int(parts[1])
            arcs.append((u, v))
            n = max(n, u + 1, v + 1)
    with open(os.path.join(folder, "g"), "w") as f:
        f.write(f"{n} {2 * len(arcs)}\n")
        for u, v in arcs:
            f.write(f"{u}\t{v}\n{v}\t{u}\n")


def main():
    a = argparse.ArgumentParser()
    a.add_argument("edges")
    a.add_argument("--subsim", required=True)
    a.add_argument("--repeat", type=int, default=5)
    a.add_argument("--json")
    args = a.parse_args()
    binary, commit = build(args.subsim)
    recorder = Recorder(args.json)
    with tempfile.TemporaryDirectory() as tmp:
        for workload, formatting in RUNS:
            folder = os.path.join(tmp, workload)
            os.makedirs(folder)
            write_graph(args.edges, folder)
            subprocess.run([binary, "-func=format", "-gname=g", f"-dir={folder}", *formatting], check=True, capture_output=True)
            times, figures = [], {}
            for _ in range(args.repeat):
                out = subprocess.run([binary, "-func=im", "-gname=g", f"-dir={folder}", "-seedsize=50", "-eps=0.1",
                                      f"-outpath={tmp}/result"], check=True, capture_output=True, text=True).stdout
                done = re.search(r"==>Influence via R2: ([0-9.e+]+), time: ([0-9.e+-]+)", out)
                last = re.findall(r"approx\. \(max-cover\): ([0-9.]+) .*#RR sets: (\d+)", out)
                if not done or not last:
                    sys.exit(f"SUBSIM printed no result for {workload}:\n{out[-2000:]}")
                times.append(float(done.group(2)))
                figures = {"estimated_spread": float(done.group(1)), "approximation": float(last[-1][0]),
                           "rr_sets": 2 * int(last[-1][1])}
            print(f"{workload}: SUBSIM best {min(times) * 1000:.1f} ms of {len(times)}, spread {figures['estimated_spread']:.0f}, "
                  f"{figures['rr_sets']} RR sets")
            recorder.emit(workload, f"SUBSIM ({commit}, g++ -O3)", min(times), runs=len(times), **figures)


if __name__ == "__main__":
    main()
