#!/usr/bin/env bash
# Starts PostgreSQL and Redis if they are not running and installs what the browser and
# PDF tests need. Idempotent; needs root.
set -euo pipefail
PGV=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)
pg_isready -h 127.0.0.1 -p 5432 -q || pg_ctlcluster --skip-systemctl-redirect "${PGV:-15}" main start
redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
# Debian's chromium for the browser tests, and the Noto CJK fonts that the evidence and
# demo-library PDFs (and the screenshots) need for Chinese text.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup-services: installing ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
echo "setup-services: ready" >&2
