#!/usr/bin/env bash
# The real-Slurm test of cluster sweeps (issue #22): a single-node cluster (scripts/slurm-local.sh),
# a 12-point sweep submitted as a 4-task array, one task cancelled mid-way (SIGTERM, as at a time
# limit), `skein sweep status` listing it failed, `--retry failed` resubmitting only it, the task
# resuming from the points it kept, `skein merge`, and the merged results compared byte for byte with
# the same sweep run in one process.
#   scripts/slurm-test.sh SKEIN_BINARY
# Exits 0 when it passes, 1 when it fails, and 0 with a line starting "slurm test: SKIPPED" when this
# machine cannot run a cluster (no root, no apt-get, daemons that will not start). SKEIN_SLURM_TEST=0
# skips it; SKEIN_SLURM_TEST=1 turns a skip into a failure (CI, where Slurm must run);
# SKEIN_SLURM_TEST_KEEP=1 keeps its folder (cluster logs, plan) for a look afterwards.
set -uo pipefail

skein="${1:?usage: $0 SKEIN_BINARY}"
skein="$(cd "$(dirname "$skein")" && pwd)/$(basename "$skein")"
here="$(cd "$(dirname "$0")" && pwd)"
required="${SKEIN_SLURM_TEST:-auto}"

skip() {
    if [ "$required" = 1 ]; then echo "slurm test: FAILED — could not run: $1" >&2; exit 1; fi
    echo "slurm test: SKIPPED — $1"
    exit 0
}
fail() {
    echo "slurm test: FAILED — $1" >&2
    if [ -n "${work:-}" ]; then
        echo "--- skein sweep status" >&2; "$skein" sweep status "$plan" --lines 20 >&2 || true
        for f in "$work"/cluster/log/*.log; do echo "--- $f (last lines)" >&2; tail -n 15 "$f" >&2; done
    fi
    exit 1
}
[ "$required" = 0 ] && { echo "slurm test: SKIPPED — SKEIN_SLURM_TEST=0"; exit 0; }
[ -x "$skein" ] || fail "$skein is not an executable"
[ "$(id -u)" -eq 0 ] || skip "a local cluster needs root (slurmd starts jobs as their users); run make test as root or in CI"

"$here/slurm-local.sh" install || skip "slurm-wlm and munge could not be installed with apt-get"
work="$(mktemp -d "${TMPDIR:-/tmp}/skein-slurm-test.XXXXXX")"
chmod 0755 "$work"
cleanup() {
    [ -n "${job:-}" ] && scancel "$job" 2>/dev/null
    [ -n "${retry_job:-}" ] && scancel "$retry_job" 2>/dev/null
    [ -n "${finish_job:-}" ] && scancel "$finish_job" 2>/dev/null
    "$here/slurm-local.sh" stop "$work/cluster" >/dev/null 2>&1
    if [ -n "${SKEIN_SLURM_TEST_KEEP:-}" ]; then echo "slurm test: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
conf="$("$here/slurm-local.sh" start "$work/cluster" 2>"$work/start.err")" || skip "the cluster did not start: $(tail -n 1 "$work/start.err")"
eval "$conf"
echo "slurm test: single-node cluster up ($SLURM_CONF); $(sbatch --version)"

# Twelve points, each about as long as the others (every p spreads through the whole network) and a
# few seconds in a debug build: long enough to cancel a task between points.
cat >"$work/sweep12.yaml" <<'YAML'
name: slurm-test-sweep
network:
  generate: watts-strogatz
  seed: 3
  parameters: {n: 20000, k: 6, p: 0.1}
model:
  type: independent-cascade
  p: 0.2
seeding:
  strategy: random
  count: 4
horizon: 30
replicates: 10
seed: 11
sweep:
  replicates: 300
  grid:
    model.p: [0.3, 0.35, 0.4, 0.45, 0.5, 0.55]
    seeding.count: [2, 6]
YAML
plan="$work/plan"

# Wait until `skein sweep status` satisfies a jq-free test on its JSON (python reads it), or time out.
status_json() { "$skein" sweep status "$plan" --json 2>/dev/null; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
wait_until() { # seconds, python expression on d, what
    local deadline=$(( $(date +%s) + $1 ))
    while [ "$(date +%s)" -lt "$deadline" ]; do
        [ "$(status_json | field "$2")" = True ] && return 0
        sleep 0.5
    done
    fail "timed out after $1 s waiting for: $3"
}
jobs_gone() { # the job ids given have left the queue
    local deadline=$(( $(date +%s) + $1 )); shift
    while [ "$(date +%s)" -lt "$deadline" ]; do
        [ -z "$(squeue -h -j "$(IFS=,; echo "$*")" 2>/dev/null)" ] && return 0
        sleep 1
    done
    fail "jobs $* still queued after the wait"
}

out="$("$skein" sweep "$work/sweep12.yaml" --slurm "$plan" --tasks 4 --concurrent 2 --threads 1 --time 0:30:00 --mem 1G --submit --json)" \
    || fail "skein sweep --slurm --submit failed"
job="$(echo "$out" | field 'd["job"]')"
[ "$(echo "$out" | field 'd["points"], d["tasks"]')" = "(12, 4)" ] || fail "the plan should have 12 points in 4 tasks: $out"
grep -q -- '--array=0-3%2' "$plan/sweep.sbatch" || fail "sweep.sbatch lacks --array=0-3%2"
echo "slurm test: plan of 12 points in 4 tasks submitted as job $job"

# Task 1 (the second) runs once task 0 or 1 has a slot; cancel it after its first point is committed.
wait_until 600 'any(t["task"] == 1 and t["state"] == "running" and t["points_done"] >= 1 for t in d["task_states"])' \
    "task 1 running with a point done"
scancel "${job}_1" || fail "scancel ${job}_1 failed"
echo "slurm test: cancelled task 1 (${job}_1) mid-way"
jobs_gone 900 "$job"

"$skein" sweep status "$plan" >"$work/status1.txt"; code=$?
cat "$work/status1.txt"
[ "$code" -eq 1 ] || fail "status should exit 1 while a task has failed (exit $code)"
s="$(status_json)"
[ "$(echo "$s" | field '[t["state"] for t in d["task_states"]]')" = "['done', 'failed', 'done', 'done']" ] \
    || fail "after the cancel, tasks should be done, failed, done, done: $s"
kept="$(echo "$s" | field 'd["task_states"][1]["points_done"]')"
[ "$kept" -ge 1 ] && [ "$kept" -lt 3 ] || fail "the cancelled task should keep 1 or 2 of its 3 points (kept $kept)"
grep -q "stopped by SIGTERM" "$plan/logs/task-0001.log" || fail "task 1's log does not say it stopped by SIGTERM"
ls "$plan/shards/task-0001.sqlite.partial" >/dev/null 2>&1 || fail "the cancelled task left no .partial shard"
"$skein" merge "$work/refused.sqlite" "$plan" 2>"$work/refused.err"; code=$?
[ "$code" -ne 0 ] && grep -q "task 1 failed" "$work/refused.err" || fail "merge should refuse the partial shard and name it (exit $code): $(cat "$work/refused.err")"
[ ! -e "$work/refused.sqlite" ] || fail "a refused merge left $work/refused.sqlite behind"

retry="$("$skein" sweep status "$plan" --retry failed --json)"
retry_job="$(echo "$retry" | field 'd["retry_job"]')"
[ "$(echo "$retry" | field 'd["retried_tasks"]')" = "[1]" ] || fail "--retry failed should resubmit task 1 alone: $retry"
echo "slurm test: resubmitted task 1 as job $retry_job"
jobs_gone 900 "$retry_job"
"$skein" sweep status "$plan" || fail "every task should be done after the retry"
grep -q "$kept already done" "$plan/logs/task-0001.log" || fail "the retried task did not resume from its $kept kept points (see its log)"

"$skein" merge "$work/merged.sqlite" "$plan" >/dev/null || fail "merge failed"
"$skein" sweep "$work/sweep12.yaml" --db "$work/one.sqlite" --threads 2 --json >/dev/null || fail "the one-process sweep failed"
"$skein" export sweep "$work/merged.sqlite" -o "$work/merged.csv" >/dev/null || fail "export of the merged database failed"
"$skein" export sweep "$work/one.sqlite" -o "$work/one.csv" >/dev/null || fail "export of the one-process database failed"
rows="$(($(wc -l <"$work/one.csv") - 1))"
[ "$rows" -eq 3600 ] || fail "the one-process sweep should have 12 × 300 = 3600 rows (has $rows)"
cmp "$work/merged.csv" "$work/one.csv" || fail "the merged results differ from the one-process sweep"
echo "slurm test: sweep — 4-task array, task 1 cancelled after $kept points, retried, resumed; merged results equal the one-process sweep byte for byte ($rows rows)"

# Calibration on the cluster: rejection ABC as a 3-task array and a finishing job after it (afterok),
# against the same calibration in one process.
E="$here/../Scenarios/calibration/medinnovations"
abc=(calibrate "$E/nodes.csv" --id node_id --network "$E/edges.csv" --fit model.innovation=0:0.3 --fit model.imitation=0:1
     --abc-simulations 3000 --accept 0.02)
cal="$work/calplan"
out="$("$skein" "${abc[@]}" --out "$work/cal-slurm" --slurm "$cal" --tasks 3 --threads 1 --time 0:20:00 --mem 1G --submit --json)" \
    || fail "skein calibrate --slurm --submit failed"
job="$(echo "$out" | field 'd["job"]')"; finish_job="$(echo "$out" | field 'd["finish_job"]')"
echo "slurm test: calibration plan of 3000 simulations in 3 tasks submitted as job $job, finishing job $finish_job after it"
jobs_gone 900 "$job" "$finish_job"
"$skein" calibrate "$cal" >"$work/calstatus.txt" || { cat "$work/calstatus.txt"; tail -n 20 "$cal/logs/finish.log"; fail "the calibration plan did not finish"; }
"$skein" "${abc[@]}" --out "$work/cal-one" >/dev/null || fail "the one-process calibration failed"
for f in calibration.csv calibrated.yaml network.graphml; do
    cmp "$work/cal-slurm/$f" "$work/cal-one/$f" || fail "the cluster's $f differs from the one-process calibration's"
done
python3 - "$work/cal-slurm/calibration.json" "$work/cal-one/calibration.json" <<'PY' || fail "the cluster's calibration.json differs from the one-process one (beyond its seconds)"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b): d.pop("seconds")
sys.exit(0 if a == b else 1)
PY
echo "slurm test: calibration — 3-task array and finishing job; posterior, draws and calibrated scenario equal the one-process calibration's"
echo "slurm test: PASSED"
