#!/usr/bin/env bash
# Makes sure Debian's Chromium is on this machine for the end-to-end tests and the page screenshots,
# installing the package when it is not. Playwright drives it through its executable path
# (LQ_CHROMIUM, default /usr/bin/chromium); Playwright's own browser download cannot work here.
set -euo pipefail
chromium="${LQ_CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing; install it (apt-get install chromium) or set LQ_CHROMIUM." >&2
  exit 1
fi
echo "Installing Chromium (Debian package chromium)…" >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
