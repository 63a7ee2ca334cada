#!/usr/bin/env bash
# The test virtual environment, target/venv: the packages of tests/requirements.txt (pinned), for
# the client-driver and statistics tests. Idempotent: made again only when the requirements change.
# Prints the venv's python.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/venv
stamp="$venv/.requirements-$(md5sum <tests/requirements.txt | cut -c1-12)"
if [ ! -f "$stamp" ]; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/requirements.txt >&2
    touch "$stamp"
fi
echo "$PWD/$venv/bin/python"
