#!/usr/bin/env bash
# Makes sure PostgreSQL server binaries (initdb, pg_ctl) are on this machine, installing Debian's
# package when they are not. Nothing to do when LQ_CONNECTION names an existing server.
set -euo pipefail
[ -n "${LQ_CONNECTION:-}" ] && exit 0
if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "PostgreSQL server binaries are missing; install them (apt-get install postgresql) or set LQ_CONNECTION." >&2
  exit 1
fi
echo "Installing PostgreSQL server binaries (Debian package postgresql)…" >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
# Debian's package starts its own cluster on port 5432; LandQuality runs its own, so stop that one.
if command -v pg_ctlcluster >/dev/null 2>&1; then
  for c in /etc/postgresql/*/main; do [ -d "$c" ] && pg_ctlcluster "$(basename "$(dirname "$c")")" main stop 2>/dev/null || true; done
fi
