#!/usr/bin/env bash
# Set up a fresh machine for pathways: system packages, a virtual environment, the package.
#   scripts/setup.sh          what `pathways` needs (Graphviz, fonts)
#   scripts/setup.sh --test   also what the tests need (Chromium, Java and Maven for the Neo4j test server)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

packages=()
command -v dot >/dev/null 2>&1 || packages+=(graphviz)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || packages+=(fonts-dejavu-core)
if [ "$want_test" = 1 ]; then
  command -v chromium >/dev/null 2>&1 || packages+=(chromium)
  command -v java >/dev/null 2>&1 || packages+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || packages+=(maven)
fi
if [ "${#packages[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "Installing system packages: ${packages[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
extra=""
[ "$want_test" = 1 ] && extra="[dev]"
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".${extra}"
