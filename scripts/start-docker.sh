#!/usr/bin/env bash
# Installs (Debian) and starts a Docker Engine if none answers. Safe to run repeatedly.
set -euo pipefail

if docker info >/dev/null 2>&1; then
  echo "docker: engine already running ($(docker version --format '{{.Server.Version}}'))"
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "docker: not installed; run as root or: sudo apt-get install -y docker.io" >&2
    exit 1
  fi
  echo "docker: installing docker.io from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
fi

if command -v systemctl >/dev/null 2>&1 && systemctl is-system-running >/dev/null 2>&1; then
  systemctl start docker
else
  echo "docker: starting dockerd in the background (log: /var/log/berth-dockerd.log)"
  nohup dockerd >/var/log/berth-dockerd.log 2>&1 &
fi

for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    echo "docker: engine ready ($(docker version --format '{{.Server.Version}}'))"
    exit 0
  fi
  sleep 0.5
done
echo "docker: engine did not start; see /var/log/berth-dockerd.log" >&2
tail -n 20 /var/log/berth-dockerd.log >&2 || true
exit 1
