#!/usr/bin/env bash
# Installs what the test suite uses beyond the build: headless Chromium, which renders the HTML
# reports in the browser tests (they skip with a message when it is absent). Debian/Ubuntu, with
# apt-get update first; does nothing when Chromium is already there or apt is unavailable.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "test dependencies: no apt-get; the browser tests will be skipped (install chromium to run them)" >&2
    exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "test dependencies: installing chromium (for the HTML report browser tests)"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
