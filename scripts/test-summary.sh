#!/usr/bin/env bash
# Prints the plain closing line "N passed, N failed" from a `swift test` log, counting Swift Testing
# tests (from its "Test run with N tests" line) and XCTest cases.
set -euo pipefail
log="$1"
total=$(grep -oE 'Test run with [0-9]+ tests?' "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -E '^✘ Test "' "$log" | grep -cE ' failed after ' || true)
xpassed=$(grep -cE "^Test Case '.*' passed" "$log" || true)
xfailed=$(grep -cE "^Test Case '.*' failed" "$log" || true)
echo "tests: $((total - failed + xpassed)) passed, $((failed + xfailed)) failed"
[ $((failed + xfailed)) -eq 0 ]
