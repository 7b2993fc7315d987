#!/bin/sh
# Makes sure a Prometheus server binary is available for the PrometheusIT integration test.
#
# When `prometheus` is already on the PATH (or at /usr/bin/prometheus) nothing is installed.
# Otherwise, when running as root, the Debian package `prometheus` is installed with apt-get,
# non-interactively. The distro's service must not be started: the test runs its own server
# on a free loopback port, so a policy-rc.d that refuses service starts is put in place for the
# duration of the install (and removed again if this script created it).
#
# On success the last line printed is the absolute path of the binary; exit code 0.
# On failure a reason is printed to stderr; exit code 1.
set -eu

find_binary() {
  if command -v prometheus >/dev/null 2>&1; then
    command -v prometheus
  elif [ -x /usr/bin/prometheus ]; then
    echo /usr/bin/prometheus
  else
    return 1
  fi
}

if path=$(find_binary); then
  echo "prometheus already installed"
  echo "$path"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-prometheus: prometheus is missing and installing it needs root (running as uid $(id -u))" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-prometheus: prometheus is missing and apt-get is not available on this machine" >&2
  exit 1
fi

# Keep the distro's prometheus.service from starting: invoke-rc.d honours exit code 101.
policy=/usr/sbin/policy-rc.d
created_policy=no
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod 755 "$policy"
  created_policy=yes
fi
cleanup() {
  if [ "$created_policy" = yes ]; then rm -f "$policy"; fi
}
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
started=$(date +%s)
apt-get update -q
apt-get install -y -q --no-install-recommends prometheus
finished=$(date +%s)
echo "ensure-prometheus: installed in $((finished - started))s"

if path=$(find_binary); then
  echo "$path"
  exit 0
fi
echo "ensure-prometheus: apt-get finished but no prometheus binary was found" >&2
exit 1
