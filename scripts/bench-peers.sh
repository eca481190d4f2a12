#!/usr/bin/env bash
# Skein beside its peers (cynetdiff, NDlib, EoN, networkx, python-igraph, scikit-learn, SUBSIM) on the same
# inputs in the same run; writes Benchmarks/RESULTS.md. Peers are installed in Benchmarks/.venv;
# inputs come from ../shared/data (ba100k, STC2) plus a BA(10⁴, 5) edge list made by skein. ROUNDS=3 rounds
# alternate Skein and the peers (medians over rounds with their ranges), and callgrind counts the
# instructions of Skein's timed runs (scripts/bench-instructions.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
skein=${SKEIN:-.build/release/skein}
shared=../shared/data
for f in "$shared/bench/ba100k.edges" "$shared/text/stc2/StackOverflow.txt" "$shared/text/stc2/SearchSnippets.txt"; do
    [ -f "$f" ] || { echo "error: $f is missing (the public data beside the checkout)" >&2; exit 1; }
done
if [ ! -x Benchmarks/.venv/bin/python ]; then python3 -m venv Benchmarks/.venv; fi
Benchmarks/.venv/bin/pip install -q --disable-pip-version-check networkx cynetdiff EoN igraph scipy numpy scikit-learn ndlib six
date=$(date +%Y-%m-%d)
results=Benchmarks/results
mkdir -p "$results/inputs"
"$skein" network generate barabasi-albert --param n=10000 --param m=5 --seed 1 -o "$results/inputs/ba10k.csv" >/dev/null
tail -n +2 "$results/inputs/ba10k.csv" | tr ',' ' ' > "$results/inputs/ba10k.edges"
py=Benchmarks/.venv/bin/python
# SUBSIM (C++, the seed-selection peer) is cloned and built beside the checkout, never committed;
# SUBSIM_REPO points elsewhere (a local mirror) where GitHub is out of reach.
subsim=Benchmarks/.peers/subsim
if [ ! -d "$subsim" ]; then
    mkdir -p Benchmarks/.peers
    git clone -q "${SUBSIM_REPO:-https://github.com/qtguo/subsim}" "$subsim" || echo "warning: SUBSIM could not be cloned; its rows are skipped" >&2
fi
# The 200k and 2M corpora: the same replicated responses skein's themes workloads analyse.
for n in 200000:200k 2000000:2m; do
    count=${n%%:*}; tag=${n##*:}
    "$skein" export corpus "$shared/text/stc2/StackOverflow.txt" --responses "$count" \
        --labels "$shared/text/stc2/StackOverflow_gnd.txt" --labels-out "$results/inputs/so$tag-labels.txt" -o "$results/inputs/so$tag.txt" >/dev/null
done
# ROUNDS rounds (default 3), Skein and every peer alternating within each, so a minute of load on this
# machine falls on one round of each side and the medians over rounds stand.
rounds=${ROUNDS:-3}
args=()
for round in $(seq 1 "$rounds"); do
    peers="$results/peers-$date-r$round.jsonl"
    : > "$peers"
    echo "== round $round of $rounds: Skein"
    "$skein" bench Benchmarks/suites/peers.yaml --threads 1 --out "$results/peers-skein-1t-$date-r$round.json"
    if [ "$round" = 1 ]; then
        "$skein" bench Benchmarks/suites/peers.yaml --threads 2 --out "$results/peers-skein-2t-$date.json" >/dev/null
    fi
    echo "== round $round: simulation peers"; $py Benchmarks/peers/simulation_peers.py "$shared/bench/ba100k.edges" --repeat 3 --json "$peers"
    echo "== round $round: NDlib"; $py Benchmarks/peers/ndlib_peers.py "$results/inputs/ba10k.edges" --replicates 20 --json "$peers"
    echo "== round $round: network peers"
    $py Benchmarks/peers/network_peers.py "$shared/bench/ba100k.edges" --repeat 3 --networkx-skip betweenness,louvain --json "$peers"
    if [ -f "$subsim/subsim.cpp" ]; then
        echo "== round $round: SUBSIM"; $py Benchmarks/peers/subsim_peer.py --subsim "$subsim" "$shared/bench/ba100k.edges" --repeat 5 --json "$peers"
    fi
    echo "== round $round: scikit-learn"
    $py Benchmarks/peers/analyse_peers.py "$shared/text/stc2/StackOverflow.txt" "$shared/text/stc2/StackOverflow_gnd.txt" \
        --workload themes-stackoverflow-20k --json "$peers"
    $py Benchmarks/peers/analyse_peers.py "$shared/text/stc2/SearchSnippets.txt" "$shared/text/stc2/SearchSnippets_gnd.txt" \
        --workload themes-searchsnippets-12k --json "$peers"
    for tag in 200k 2m; do
        $py Benchmarks/peers/analyse_peers.py "$results/inputs/so$tag.txt" "$results/inputs/so$tag-labels.txt" \
            --workload "themes-stackoverflow-$tag" --json "$peers"
    done
    echo "== round $round: skein analyse as a whole process"
    $py Benchmarks/peers/analyse_process.py --skein "$skein" "$shared/text/stc2/StackOverflow.txt" --k 20 --workload themes-stackoverflow-20k --json "$peers"
    $py Benchmarks/peers/analyse_process.py --skein "$skein" "$shared/text/stc2/SearchSnippets.txt" --k 8 --workload themes-searchsnippets-12k --json "$peers"
    $py Benchmarks/peers/analyse_process.py --skein "$skein" "$results/inputs/so200k.txt" --k 20 --workload themes-stackoverflow-200k --json "$peers"
    args+=(--round "$results/peers-skein-1t-$date-r$round.json" "$peers")
done
echo "== instructions (callgrind)"
./scripts/bench-instructions.sh "$results/instructions-$date.jsonl"
$py Benchmarks/peers/compare.py "${args[@]}" --skein-2t "$results/peers-skein-2t-$date.json" \
    --instructions "$results/instructions-$date.jsonl" --out Benchmarks/RESULTS.md
