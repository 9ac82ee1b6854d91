#!/usr/bin/env bash
# Refresh the lock files from pyproject.toml (exact versions with hashes):
#   scripts/lock.sh             keep today's pins where the ranges still allow them
#   scripts/lock.sh --upgrade   take the newest versions the ranges allow
# requirements.lock        what `pathways` needs (make run)
# requirements-dev.lock    also what the tests, lint and type checks need (make test, CI)
# requirements-bench.lock  also PM4Py for benchmarks/ (AGPL: benchmark only, never runtime)
set -euo pipefail
cd "$(dirname "$0")/.."
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools/venv"
"$tools/venv/bin/pip" install -q "pip-tools==7.6.2"
compile() {
  "$tools/venv/bin/pip-compile" -q --generate-hashes --allow-unsafe --strip-extras \
    --no-emit-index-url --all-build-deps "$@" pyproject.toml
}
compile "${@}" -o requirements.lock
compile "${@}" --extra dev -o requirements-dev.lock
compile "${@}" --extra dev --extra bench -o requirements-bench.lock
