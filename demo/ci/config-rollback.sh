#!/usr/bin/env bash
# Demo configuration rollback (level 1): records that the remote configuration was reverted,
# in var/demo/config-rollbacks.log.
# Usage: demo/ci/config-rollback.sh   (run from the repository top)
set -euo pipefail

log="var/demo/config-rollbacks.log"
mkdir -p "$(dirname "$log")"
printf '%s reverted remote configuration key=%s\n' \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "${DEPLOYFLOW_IDEMPOTENCY_KEY:-none}" >> "$log"
echo "remote configuration reverted to the previous revision"
