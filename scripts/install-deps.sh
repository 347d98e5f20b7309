#!/usr/bin/env bash
# Installs the system packages the dev stack and the tests need (Debian 12), only those missing.
# redis-server and rabbitmq-server run as local executables (no Docker here); docker-compose and
# promtool (prometheus) validate deployment files offline; fonts-dejavu-core renders report charts.
set -euo pipefail

wanted=(redis-server rabbitmq-server docker-compose prometheus fonts-dejavu-core)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian starts the packaged services where an init system runs; our stack runs private instances
# on its own ports, so stop the default ones to free memory and ports (harmless when absent).
if command -v service >/dev/null 2>&1; then
  service redis-server stop >/dev/null 2>&1 || true
  service rabbitmq-server stop >/dev/null 2>&1 || true
fi

for tool in dotnet redis-server rabbitmq-server; do
  command -v "$tool" >/dev/null || { echo "missing $tool after install" >&2; exit 1; }
done
