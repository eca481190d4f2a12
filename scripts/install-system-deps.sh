#!/usr/bin/env bash
# Installs the system libraries Skein builds against, when they are missing (Debian/Ubuntu).
#   OpenBLAS (CBLAS + LAPACK): Debian package libopenblas-dev, found through pkg-config `openblas`.
#   libxml2: Foundation's XML parser (GraphML and GEXF import) loads it at run time.
#   SQLite (libsqlite3-dev): sweep results databases, through GRDB.
# With --tests, also headless Chromium, which renders the HTML reports in the browser tests (they
# skip with a message when it is absent, so it is optional where apt-get is not available), and
# python3-venv, in which scripts/notebooks.sh installs Jupyter to validate and run the exported notebooks.
# Uses sudo when not root; runs apt-get update before installing. Does nothing when all is there.
set -euo pipefail

need=()
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if ! pkg-config --exists openblas 2>/dev/null; then need+=(libopenblas-dev); fi
if ! ldconfig -p 2>/dev/null | grep -q 'libxml2\.so\.2'; then need+=(libxml2); fi
if ! pkg-config --exists sqlite3 2>/dev/null; then need+=(libsqlite3-dev); fi
optional=()
if [ "${1:-}" = "--tests" ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    optional+=(chromium)
fi
if [ "${1:-}" = "--tests" ] && ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    optional+=(python3-venv)
fi

if [ ${#need[@]} -eq 0 ] && [ ${#optional[@]} -eq 0 ]; then
    echo "system dependencies: present (OpenBLAS $(pkg-config --modversion openblas), SQLite $(pkg-config --modversion sqlite3))"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    if [ ${#need[@]} -gt 0 ]; then
        echo "error: missing ${need[*]} and no apt-get here; install OpenBLAS (with its pkg-config file) by hand" >&2
        exit 1
    fi
    echo "system dependencies: no apt-get; the browser tests will be skipped (install chromium to run them)" >&2
    exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "system dependencies: installing ${need[*]} ${optional[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" "${optional[@]}" >/dev/null
echo "system dependencies: OpenBLAS $(pkg-config --modversion openblas) installed"
