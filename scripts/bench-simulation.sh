#!/usr/bin/env bash
# Simulation benchmark, Skein beside cynetdiff and EoN in the same run (issue #4), on ba100k.
# Writes Benchmarks/results/simulation-<date>.txt. Peers are installed in Benchmarks/.venv.
set -euo pipefail
cd "$(dirname "$0")/.."
edges=../shared/data/bench/ba100k.edges
[ -f "$edges" ] || { echo "error: $edges is missing" >&2; exit 1; }
mkdir -p Benchmarks/results
out="Benchmarks/results/simulation-$(date +%Y-%m-%d).txt"
flags=(-Xswiftc -target-cpu -Xswiftc native)
[ "${PORTABLE:-0}" = 1 ] && flags=()
swift build -c release --package-path Benchmarks "${flags[@]}" --product skein-simulation-bench >/dev/null
if [ ! -x Benchmarks/.venv/bin/python ]; then python3 -m venv Benchmarks/.venv; fi
Benchmarks/.venv/bin/pip install -q networkx cynetdiff EoN igraph scipy numpy
{
    echo "# Simulation benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
    Benchmarks/.build/release/skein-simulation-bench "$edges" --threads 1 --repeat 5
    Benchmarks/.build/release/skein-simulation-bench "$edges" --threads 2 --repeat 5
    Benchmarks/.venv/bin/python Benchmarks/peers/simulation_peers.py "$edges" --repeat 3
} 2>&1 | tee "$out"
echo "written: $out"
