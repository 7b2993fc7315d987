#!/usr/bin/env bash
# Measures the worker's ready time in embedded mode: JVM start to the "deployflow worker ready"
# log line, as the worker itself reports it (JVM uptime at ApplicationReadyEvent). Prints the
# numbers; asserts nothing. Needs the exec jar:
#   mvn -q -B -o -pl worker -am install -DskipTests
# Usage: worker/src/test/scripts/measure-ready.sh [runs]   (default 3)
set -euo pipefail

runs="${1:-3}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$(ls "$here"/../../../target/deployflow-worker-*-exec.jar 2>/dev/null | head -n 1 || true)"
if [[ -z "$jar" ]]; then
  echo "no exec jar under worker/target: build it first (mvn -pl worker -am install -DskipTests)" >&2
  exit 2
fi

work="$(mktemp -d)"
pid=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/pipelines"

for run in $(seq 1 "$runs"); do
  log="$work/worker-$run.log"
  (cd "$work" && exec java -jar "$jar" \
      --server.port=0 --deployflow.embedded.port=0 --spring.temporal.connection.target= \
      >"$log" 2>&1) &
  pid=$!
  ready=""
  for _ in $(seq 1 600); do
    ready="$(grep -o 'deployflow worker ready in [0-9]* ms' "$log" || true)"
    [[ -n "$ready" ]] && break
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "run $run: the worker exited before it was ready; its log:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.1
  done
  if [[ -z "$ready" ]]; then
    echo "run $run: not ready after 60s" >&2
    exit 1
  fi
  ms="$(grep -o '[0-9]*' <<<"$ready" | head -n 1)"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
  echo "run $run: JVM start to ready: ${ms} ms"
done
