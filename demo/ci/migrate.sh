#!/usr/bin/env bash
# Demo database migration: records "up" or "down" for an environment in var/demo/migrations.log.
# Idempotent by DEPLOYFLOW_IDEMPOTENCY_KEY: a retry of the same step is recognised and skipped.
# Usage: demo/ci/migrate.sh <environment> up|down   (run from the repository top)
set -euo pipefail

if [[ $# -ne 2 || ( "$2" != "up" && "$2" != "down" ) ]]; then
  echo "usage: $0 <environment> up|down" >&2
  exit 2
fi
environment="$1"
direction="$2"
key="${DEPLOYFLOW_IDEMPOTENCY_KEY:-}"
log="var/demo/migrations.log"

mkdir -p "$(dirname "$log")"
touch "$log"
if [[ -n "$key" ]] && grep -qF "key=$key " "$log"; then
  echo "migration $direction in $environment already applied (key $key)"
  exit 0
fi
printf '%s %s %s key=%s \n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$environment" "$direction" "${key:-none}" >> "$log"
echo "migration $direction in $environment done"
