#!/usr/bin/env bash
# Demo build: packs a tiny release of one component into var/demo/build/<component>-<version>.tar.gz
# and writes its checksum beside it in sha256sum format, as a real CI build would.
# Usage: demo/ci/build.sh <component> <version>   (run from the repository top)
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 <component> <version>" >&2
  exit 2
fi
component="$1"
version="$2"
out="var/demo/build"
name="${component}-${version}.tar.gz"

mkdir -p "$out"
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT

mkdir -p "$staging/$component"
printf '%s %s\n' "$component" "$version" > "$staging/$component/VERSION"
# Some bytes so that the artifact has a size worth checking.
head -c 65536 /dev/urandom > "$staging/$component/app.bin"

echo "building $component $version"
tar -czf "$out/$name.tmp" -C "$staging" "$component"
mv "$out/$name.tmp" "$out/$name"
(cd "$out" && sha256sum "$name" > "$name.sha256")
echo "built $out/$name ($(wc -c < "$out/$name") bytes), sha256 $(cut -d' ' -f1 "$out/$name.sha256")"
