#!/usr/bin/env bash
# The exported example notebooks (Notebooks-export/).
#   scripts/notebooks.sh export SKEIN   runs every example scenario and analysis into Notebooks-export/runs/
#                                       and exports one notebook per example (make notebooks)
#   scripts/notebooks.sh check SKEIN    creates a virtual environment (.build/notebook-venv) with nbformat,
#                                       nbconvert, ipykernel, pandas and matplotlib, validates every notebook
#                                       with nbformat and executes it with jupyter nbconvert (make test);
#                                       a notebook whose run folder is absent reruns SKEIN to recreate it.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?usage: notebooks.sh export|check SKEIN}
skein=$(realpath "${2:?usage: notebooks.sh export|check SKEIN}")
out=Notebooks-export

examples_scenarios=(sprint national-network cancer-network sustaining-the-spark training-vs-connecting qsir-training seeding-strategies staff-turnover)

# The calibration example (Scenarios/calibration/): the likelihood regime with held-out months, and
# ABC of the example scenario's bass model.
calibration() {
    local e=Scenarios/calibration/medinnovations
    "$skein" calibrate $e/nodes.csv --id node_id --network $e/edges.csv --group city --holdout-after 8 \
        --out "$out/runs/medinnovations-likelihood" --force >/dev/null
    "$skein" export notebook "$out/runs/medinnovations-likelihood" -o "$out/medinnovations-likelihood.ipynb"
    "$skein" calibrate $e/nodes.csv --id node_id --network $e/edges.csv --group city --scenario Scenarios/calibration/medinnovations.yaml \
        --fit model.innovation=0:0.3 --fit model.imitation=0:1 --out "$out/runs/medinnovations-abc" --force >/dev/null
    "$skein" export notebook "$out/runs/medinnovations-abc" -o "$out/medinnovations-abc.ipynb"
}

if [ "$mode" = export ]; then
    mkdir -p "$out/runs"
    for name in "${examples_scenarios[@]}"; do
        "$skein" run "Scenarios/$name.yaml" --out "$out/runs/$name" --force >/dev/null
        "$skein" export notebook "$out/runs/$name" -o "$out/$name.ipynb"
    done
    "$skein" analyse Examples/polis-biodiversity/comments.csv --out "$out/runs/biodiversity-themes" --force >/dev/null
    "$skein" export notebook "$out/runs/biodiversity-themes" -o "$out/biodiversity-themes.ipynb"
    "$skein" analyse-votes Examples/polis-biodiversity --out "$out/runs/biodiversity-votes" --force >/dev/null
    "$skein" export notebook "$out/runs/biodiversity-votes" -o "$out/biodiversity-votes.ipynb"
    calibration
    exit 0
fi

[ "$mode" = check ] || { echo "usage: notebooks.sh export|check SKEIN" >&2; exit 2; }
venv=.build/notebook-venv
if [ ! -x "$venv/bin/jupyter" ]; then
    echo "notebooks: creating $venv (nbformat, nbconvert, ipykernel, pandas, matplotlib)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check nbformat nbconvert ipykernel pandas matplotlib
fi
shopt -s nullglob
notebooks=("$out"/*.ipynb)
[ ${#notebooks[@]} -gt 0 ] || { echo "notebooks: none in $out/" >&2; exit 1; }
failed=0
for nb in "${notebooks[@]}"; do
    if ! "$venv/bin/python" -c 'import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))' "$nb"; then
        echo "notebooks: $nb is not a valid nbformat 4 notebook" >&2; failed=1; continue
    fi
    if SKEIN="$skein" "$venv/bin/jupyter" nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
            --output-dir .build/notebook-runs "$nb" >.build/notebook-runs.log 2>&1; then
        echo "notebooks: $nb valid and runs"
    else
        echo "notebooks: $nb failed to run:" >&2; tail -20 .build/notebook-runs.log >&2; failed=1
    fi
done
exit $failed
