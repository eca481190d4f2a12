#!/usr/bin/env bash
# Makes .build/interop-venv with networkx and openpyxl: the independent readers and writers the
# network-format round-trip tests check Skein against (Tests/GraphsTests/InteropTests.swift).
# The tests skip, saying so, without it; under CI=true they fail instead.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/interop-venv
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import networkx, openpyxl' >/dev/null 2>&1; then
    echo "interop: $("$venv/bin/python" -c 'import networkx, openpyxl; print("networkx", networkx.__version__, "openpyxl", openpyxl.__version__)')"
    exit 0
fi
mkdir -p .build
python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check networkx openpyxl
echo "interop: $("$venv/bin/python" -c 'import networkx, openpyxl; print("networkx", networkx.__version__, "openpyxl", openpyxl.__version__)')"
