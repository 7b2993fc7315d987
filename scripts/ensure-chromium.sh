#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver when they are missing, for the Temporal UI test
# (e2e, TemporalUiTest), and prints the paths of both. Needs root and apt-get; without them it
# says why and exits 1, and the UI test then skips with the same reason.
set -euo pipefail

find_browser() { command -v chromium || command -v chromium-browser || true; }
find_driver() { command -v chromedriver || true; }

if [[ -n "$(find_browser)" && -n "$(find_driver)" ]]; then
  echo "$(find_browser) $(find_driver)"
  exit 0
fi
if [[ "$(id -u)" != "0" ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: chromium or chromium-driver is missing and apt-get cannot run here" \
    "(needs root and Debian): install both by hand" >&2
  exit 1
fi
echo "ensure-chromium: installing chromium and chromium-driver with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium chromium-driver; } \
    >"$log" 2>&1; then
  echo "ensure-chromium: apt-get failed:" >&2
  tail -n 30 "$log" >&2
  rm -f "$log"
  exit 1
fi
rm -f "$log"
echo "$(find_browser) $(find_driver)"
