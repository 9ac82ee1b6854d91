#!/usr/bin/env bash
# Build the embedded Neo4j test server (target/neo4j-test-server.jar + target/lib/)
# unless the artifact is newer than pom.xml and Launcher.java.
# Dependencies are cached by Maven in ~/.m2 between runs.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
cd "$HERE"

JAR=target/neo4j-test-server.jar
SRC=src/main/java/pathways/testserver/Launcher.java
STAMP=target/.build-complete   # written last, so an interrupted build is redone

up_to_date() { [[ -f "$JAR" && -f "$STAMP" && "$STAMP" -nt pom.xml && "$STAMP" -nt "$SRC" ]]; }

up_to_date && exit 0
# Serialise concurrent builds (e.g. pytest-xdist workers), then check again.
exec 9<"$HERE/build.sh"
if command -v flock >/dev/null 2>&1; then flock 9; fi
up_to_date && exit 0

if ! command -v mvn >/dev/null 2>&1; then
    echo "build.sh: mvn not found on PATH" >&2
    exit 1
fi

rm -f "$STAMP"
# "clean" drops stale jars from target/lib after a version change. The sed only strips
# the stray ANSI resets Debian's Maven 3.8 prints even in batch mode (pipefail keeps rc).
mvn -q -B clean package -DskipTests 2>&1 | sed 's/\x1b\[[0-9;]*m//g'

touch "$STAMP"
