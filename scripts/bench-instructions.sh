#!/usr/bin/env bash
# Instructions each of Skein's peer workloads executes, counted by valgrind's callgrind: one timed
# run of the workload alone (its preparation and checks are not counted: collection is toggled on
# BenchRunner.skeinTimedExecution only). Unlike a time, the count does not move with the machine's
# load, so a regression shows whatever else the machine is doing.
#
#   scripts/bench-instructions.sh OUT.jsonl [SUITE] [WORKLOAD ...]
#
# The counts are of a portable build (.build-portable, no -target-cpu native: valgrind decodes no
# AVX-512), so they compare with each other from run to run, not with the native build's times.
# Workloads default to the simulation and network rows (the analyser's would take minutes each
# under valgrind). Writes one JSON line per workload: {"workload", "instructions", "build"}.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/bench-instructions.sh OUT.jsonl [SUITE] [WORKLOAD ...]}
suite=${2:-Benchmarks/suites/peers.yaml}
shift $(( $# >= 2 ? 2 : $# ))
workloads=("$@")
if [ ${#workloads[@]} -eq 0 ]; then
    workloads=(ic-p0.01-ba100k ic-p0.05-ba100k lt-0.10-ba100k lt-0.15-ba100k ct-sir-ba100k ic-p0.05-ba10k-ndlib sir-ba10k-ndlib
               load-ba100k components-ba100k clustering-ba100k pagerank-ba100k leiden-ba100k kcore-ba100k)
fi
command -v valgrind >/dev/null || { echo "bench-instructions: valgrind is not installed (apt-get install valgrind); no counts" >&2; exit 0; }
swift build -c release --product skein --scratch-path .build-portable >/dev/null 2>&1 || { echo "bench-instructions: the portable build failed (swift build -c release --scratch-path .build-portable)" >&2; exit 1; }
binary=$(mktemp -d)/skein
# valgrind 3.19 cannot read Swift 6's DWARF 5; the symbol table is all the toggle needs.
strip --strip-debug -o "$binary" .build-portable/release/skein
build=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
: > "$out"
for w in "${workloads[@]}"; do
    profile=$(mktemp)
    if ! valgrind --tool=callgrind --collect-atstart=no '--toggle-collect=*skeinTimedExecution*' --callgrind-out-file="$profile" \
        "$binary" bench "$suite" --only "$w" --threads 1 --repeat 1 --warmup 0 >/dev/null 2>"$profile.log"; then
        echo "bench-instructions: $w failed under valgrind (see $profile.log)" >&2
        continue
    fi
    count=$(awk '/^summary:/ { print $2 }' "$profile")
    if [ -z "$count" ] || [ "$count" = 0 ]; then
        echo "bench-instructions: $w: nothing counted (skipped: its input is absent?)" >&2
        continue
    fi
    printf '{"workload": "%s", "instructions": %s, "build": "%s portable"}\n' "$w" "$count" "$build" >> "$out"
    printf '  %-28s %15s instructions\n' "$w" "$count"
    rm -f "$profile" "$profile.log"
done
rm -rf "$(dirname "$binary")"
