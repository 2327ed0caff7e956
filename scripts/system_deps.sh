#!/usr/bin/env bash
# System packages the browser test needs: Debian's Chromium + driver and a CJK font (Chinese text).
# Installs them when missing and running as root; otherwise says loudly why the browser test will skip.
set -u
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium chromium-driver)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "system_deps: installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "system_deps: apt-get install failed"; exit 1; }
  rm -rf "${HOME:-/root}/.cache/matplotlib"   # let matplotlib see the new font
else
  echo "system_deps: WARNING: missing ${missing[*]} and not root: the real-browser test will be SKIPPED"
fi
