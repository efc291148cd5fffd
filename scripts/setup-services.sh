#!/usr/bin/env bash
# Starts PostgreSQL and Redis if they are not running and installs Debian's chromium
# for the browser tests. Idempotent; needs root.
set -euo pipefail
PGV=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)
pg_isready -h 127.0.0.1 -p 5432 -q || pg_ctlcluster --skip-systemctl-redirect "${PGV:-15}" main start
redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
if ! command -v chromium >/dev/null 2>&1; then
  echo "setup-services: installing chromium" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
echo "setup-services: ready" >&2
