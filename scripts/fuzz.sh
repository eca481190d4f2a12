#!/usr/bin/env bash
# Fuzzes every parser Skein reads user files with (libFuzzer + address sanitizer, Fuzz/ package).
#   scripts/fuzz.sh [SECONDS] [TARGET ...]   SECONDS per target (default 60); all targets by default
# First every committed regression input (Tests/SkeinCLITests/Hardening, Fuzz/regressions/TARGET)
# is replayed once; then each target runs for SECONDS from seeds made from the repository's own
# examples and fixtures, with its dictionary. A finding (trap, sanitizer report, hang over 10 s,
# more than 2 GB) stops the run with exit 1 and is kept in Fuzz/findings/TARGET/ to be added to
# Fuzz/regressions once fixed.
set -euo pipefail
# Leaks at exit are Foundation's one-time caches, not findings.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
# Swift's own backtracer would read memory under the sanitizer; the fuzzer reports the trap itself.
export SWIFT_BACKTRACE=enable=no
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
all=(delimited whitespace nodes graphml gexf pajek kumu xlsx vna survey npy votes-long votes-wide responses scenario suite edits)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

echo "fuzz: building Fuzz/ with -sanitize=fuzzer,address"
# A failed build stops here: fuzzing a binary left from an earlier build would test old code.
buildlog=$(mktemp)
if ! (cd Fuzz && swift build -Xswiftc -sanitize=fuzzer,address -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld > "$buildlog" 2>&1); then
    grep -E "error" "$buildlog" | sort -u | head -20 >&2
    rm -f "$buildlog"
    echo "fuzz: the build failed" >&2
    exit 1
fi
grep -E "warning: unre|Build" "$buildlog" || true
rm -f "$buildlog"
bin=Fuzz/.build/debug/skein-fuzz
[ -x "$bin" ] || { echo "fuzz: the build failed" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
hardening=Tests/SkeinCLITests/Hardening

# What each target starts from: files of the repository in its format.
seeds() {
    case $1 in
        delimited) echo Tests/GraphsTests/Fixtures/networkx_*/edges.csv "$hardening/B07-triangle.csv" ;;
        nodes) echo Tests/GraphsTests/Fixtures/networkx_*/nodes.csv ;;
        graphml) echo Tests/GraphsTests/Fixtures/formats/*.graphml ;;
        gexf) echo Tests/GraphsTests/Fixtures/formats/*.gexf ;;
        pajek) echo Tests/GraphsTests/Fixtures/formats/*.net ;;
        kumu) echo Tests/GraphsTests/Fixtures/formats/*.json ;;
        xlsx) echo Tests/GraphsTests/Fixtures/formats/*.xlsx ;;
        vna) echo Tests/GraphsTests/Fixtures/formats/*.vna ;;
        survey) echo Tests/GraphsTests/Fixtures/formats/survey.csv ;;
        npy) echo "$hardening"/B1*.npy ;;
        responses) echo Examples/polis-biodiversity/comments.csv ;;
        scenario) echo Scenarios/*.yaml ;;
        suite) echo Benchmarks/suites/*.yaml ;;
        edits) echo Examples/curation/edits.yaml ;;
    esac
}
# Inputs that once broke a parser: replayed every run.
regressions() {
    case $1 in
        pajek) echo "$hardening"/B01-*.net ;;
        graphml) echo "$hardening"/B05b-*.graphml ;;
        gexf) echo "$hardening"/B05-*.gexf ;;
        npy) echo "$hardening"/B0[23]-*.npy "$hardening"/B1[78]-*.npy ;;
        scenario) echo "$hardening"/B06-*.yaml "$hardening"/B08*.yaml "$hardening"/B10-*.yaml ;;
        delimited) echo "$hardening"/R1-an/assignments.csv "$hardening"/R2-run/network.csv "$hardening"/R3-run/network.csv ;;
    esac
    [ -d "Fuzz/regressions/$1" ] && find "Fuzz/regressions/$1" -type f
    true
}
dictionary() {
    case $1 in
        delimited|whitespace|nodes|responses|survey) echo Fuzz/dictionaries/delimited.dict ;;
        votes-long|votes-wide) echo Fuzz/dictionaries/votes.dict ;;
        edits) echo Fuzz/dictionaries/scenario.dict ;;
        *) echo "Fuzz/dictionaries/$1.dict" ;;
    esac
}

status=0
for t in "${targets[@]}"; do
    corpus=Fuzz/.corpus/$t findings=Fuzz/findings/$t seedsdir=$work/seeds-$t
    mkdir -p "$corpus" "$findings" "$seedsdir"
    for f in $(seeds "$t"); do [ -f "$f" ] && cp "$f" "$seedsdir/"; done
    case $t in  # formats the repository holds no file of: made from one it does
        votes-wide) head -n 12 Examples/polis-biodiversity/participants-votes.csv | cut -d, -f1-20 > "$seedsdir/participants-votes.csv" ;;
        whitespace) tail -n +2 Tests/GraphsTests/Fixtures/networkx_karate_club/edges.csv | tr ',' ' ' > "$seedsdir/karate.edges" ;;
        votes-long) { echo "timestamp,datetime,comment-id,voter-id,vote"; for v in 0 1 2 3; do for c in 0 1 2; do echo "$((v * 3 + c)),x,$c,$v,$(( (v + c) % 3 - 1 ))"; done; done; } > "$seedsdir/votes.csv" ;;
    esac
    replay=$(regressions "$t" | tr '\n' ' ')
    if [ -n "${replay// }" ]; then
        if ! SKEIN_FUZZ_TARGET=$t "$bin" -runs=0 -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 $replay > "$work/$t-replay.log" 2>&1; then
            echo "fuzz: $t: a regression input fails again"; tail -20 "$work/$t-replay.log" || true; status=1; continue
        fi
    fi
    if SKEIN_FUZZ_TARGET=$t "$bin" "$corpus" "$seedsdir" -dict="$(dictionary "$t")" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -malloc_limit_mb=2048 -detect_leaks=0 -artifact_prefix="$findings/" -print_final_stats=1 > "$work/$t.log" 2>&1; then
        echo "fuzz: $t: $(grep -E '^stat::number_of_executed_units' "$work/$t.log" | awk '{print $2}') inputs in ${seconds} s, no finding"
    else
        echo "fuzz: $t: FINDING — kept in $findings/"
        grep -E "ERROR|Fatal|SUMMARY|deadly|timeout|out-of-memory" "$work/$t.log" | head -5 || tail -5 "$work/$t.log"
        status=1
    fi
done
exit $status
