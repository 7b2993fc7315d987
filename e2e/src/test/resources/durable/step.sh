#!/usr/bin/env bash
# One pipeline command of the crash tests and the history recorder: a build, a migration, its undo
# or a deploy. It logs every run with its idempotency key, applies a migration only once per key
# (as a real migration tool would), and deploys by calling the target with the key, so the target
# marks a retried deploy as a duplicate.
#
# A test makes one step slow by creating <markers>/<application>/<step>.hold before the release:
# the first run of that step renames it to <step>.started (the moment to kill the worker) and
# takes 5 seconds; its retries are fast.
#
# Usage: step.sh <markers-dir> <application> <step> [<target-url> <environment> <component> <version> <weight>]
set -euo pipefail

markers="$1/$2"
application="$2"
step="$3"
shift 3
key="${DEPLOYFLOW_IDEMPOTENCY_KEY:-none}"
mkdir -p "$markers"
echo "$key" >> "$markers/$step.runs"

if mv "$markers/$step.hold" "$markers/$step.started" 2>/dev/null; then
  echo "$step: holding for 5 s"
  sleep 5
fi

if [[ $# -eq 5 ]]; then
  body="{\"environment\":\"$2\",\"component\":\"$3\",\"version\":\"$4\",\"weight\":$5}"
  curl -sS --fail --max-time 20 -X POST -H 'Content-Type: application/json' \
    -H "Idempotency-Key: $key" --data "$body" "$1/$application/deploy"
  echo
elif grep -qxF "$key" "$markers/$step.applied" 2>/dev/null; then
  echo "$step: already applied (key $key)"
else
  echo "$key" >> "$markers/$step.applied"
fi
echo "$step: done"
