#!/usr/bin/env bash
# Builds and installs pgvector for the local PostgreSQL 15 from Debian 13's source
# package (pgvector is not packaged for Debian 12). Idempotent: skips the build when
# the extension is already installed. Needs root and Debian's package mirrors.
set -euo pipefail
PGV=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)
PGV=${PGV:-15}
if [ ! -f "/usr/share/postgresql/$PGV/extension/vector.control" ]; then
  echo "setup-pgvector: building pgvector for PostgreSQL $PGV" >&2
  if [ ! -f /etc/apt/sources.list.d/pgvector-src.sources ]; then
    awk 'BEGIN{RS="";ORS="\n\n"} /Suites: bookworm /' /etc/apt/sources.list.d/debian.sources \
      | sed -e 's/^Types: deb$/Types: deb-src/' -e 's/^Suites: .*/Suites: trixie/' \
      > /etc/apt/sources.list.d/pgvector-src.sources
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-server-dev-$PGV" dpkg-dev >/dev/null
  d=$(mktemp -d)
  (cd "$d" && apt-get source -qq pgvector >/dev/null 2>&1 && cd pgvector-*/ && make -s >/dev/null && make -s install >/dev/null)
  rm -rf "$d"
fi
pg_isready -h 127.0.0.1 -p 5432 -q || pg_ctlcluster --skip-systemctl-redirect "$PGV" main start
for i in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
psql -h 127.0.0.1 -U postgres -d test -qc 'CREATE EXTENSION IF NOT EXISTS vector' >/dev/null
echo "setup-pgvector: pgvector ready" >&2
