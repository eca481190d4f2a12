#!/usr/bin/env bash
# Network-metric benchmark, Skein beside python-igraph and networkx in the same run (issue #3):
# ba100k (../shared/data/bench), SNAP email-Enron, and a generated BA(1,000,000, m = 5).
# Writes Benchmarks/results/network-<date>.txt. Peers are installed in Benchmarks/.venv.
#   scripts/bench-network.sh [--skip-networkx]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared/data
data=Benchmarks/.data
mkdir -p "$data" Benchmarks/results
out="Benchmarks/results/network-$(date +%Y-%m-%d).txt"
skip_networkx=${1:-}

flags=(-Xswiftc -target-cpu -Xswiftc native)
[ "${PORTABLE:-0}" = 1 ] && flags=()
swift build -c release --package-path Benchmarks "${flags[@]}" --product skein-network-bench >/dev/null
bench=Benchmarks/.build/release/skein-network-bench

if [ ! -x Benchmarks/.venv/bin/python ]; then
    python3 -m venv Benchmarks/.venv
    Benchmarks/.venv/bin/pip install -q igraph networkx scipy numpy
fi
py=Benchmarks/.venv/bin/python

# Inputs as whitespace edge lists, which every tool reads the same way.
[ -f "$shared/bench/ba100k.edges" ] || { echo "error: $shared/bench/ba100k.edges is missing" >&2; exit 1; }
cp "$shared/bench/ba100k.edges" "$data/ba100k.edges"
[ -f "$data/enron.edges" ] || tail -n +2 "$shared/networks/snap_email_enron/edges.csv" | tr ',' ' ' > "$data/enron.edges"
[ -f "$data/ba1m.edges" ] || "$bench" --generate-ba 1000000,5 --repeat 0 --load-only -o "$data/ba1m.edges" >/dev/null

{
    echo "# Network benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
    for input in ba100k enron ba1m; do
        echo
        echo "## $input"
        "$bench" "$data/$input.edges" --threads 1 --repeat 3
        "$bench" "$data/$input.edges" --threads 2 --repeat 3
        if [ "$input" = ba1m ] || [ "$skip_networkx" = --skip-networkx ]; then
            "$py" Benchmarks/peers/network_peers.py "$data/$input.edges" --repeat 3 --skip-networkx
        else
            "$py" Benchmarks/peers/network_peers.py "$data/$input.edges" --repeat 3
        fi
    done
} 2>&1 | tee "$out"
echo "written: $out"
