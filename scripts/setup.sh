#!/usr/bin/env bash
# Set up a fresh machine for pathways: system packages, a virtual environment, the package.
#   scripts/setup.sh          what `pathways` needs (Graphviz, fonts, Pango for PDF)
#   scripts/setup.sh --test   also what the tests need (Chromium, LibreOffice, poppler,
#                             Java and Maven for the Neo4j test server, Node.js for bpmnlint)
# Python packages come from the lock files at their exact versions and hashes
# (requirements.lock, requirements-dev.lock); scripts/lock.sh refreshes them.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

packages=()
need() { # need COMMAND-OR-FILE PACKAGE
  if [[ "$1" == /* ]]; then [ -e "$1" ] || packages+=("$2"); else command -v "$1" >/dev/null 2>&1 || packages+=("$2"); fi
}
need dot graphviz
need /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf fonts-dejavu-core
need /usr/share/doc/libpango-1.0-0 libpango-1.0-0
need /usr/share/doc/libpangoft2-1.0-0 libpangoft2-1.0-0
if [ "$want_test" = 1 ]; then
  need chromium chromium
  need java openjdk-17-jdk-headless
  need mvn maven
  need pdftoppm poppler-utils
  need soffice libreoffice-writer-nogui
  need node nodejs
  need npm npm
fi
if [ "${#packages[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "Installing system packages: ${packages[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

lock=requirements.lock
[ "$want_test" = 1 ] && lock=requirements-dev.lock
python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes --no-deps -r "$lock"
.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
if [ "$want_test" = 1 ]; then
  (cd tests/bpmnlint && npm ci --no-audit --no-fund --silent)
fi
