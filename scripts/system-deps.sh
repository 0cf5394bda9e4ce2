#!/usr/bin/env bash
# Install the Debian packages the test suite drives for real, where missing.
# Usage: scripts/system-deps.sh CMD:PACKAGE ...   e.g. rapper:raptor2-utils chromium:chromium
# Needs root (CI and the dev machines run as root); without it, says what to install.
set -euo pipefail
missing=()
for pair in "$@"; do
  cmd=${pair%%:*}
  pkg=${pair#*:}
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "system-deps: please install: ${missing[*]} (apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "system-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
