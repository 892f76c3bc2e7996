#!/usr/bin/env bash
# End-to-end tests need Chromium. Playwright's own download is unreachable on our machines,
# so use Debian's: install it when it is missing and we may (root with apt-get).
set -euo pipefail
browser="${PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then exit 0; fi
if [ -d "${HOME:-/root}/.cache/ms-playwright" ] && ls "${HOME:-/root}/.cache/ms-playwright" | grep -q chromium; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's Chromium for the end-to-end tests …"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Chromium is missing: install it (Debian: apt-get install chromium; elsewhere: npx playwright install chromium) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH." >&2
exit 1
