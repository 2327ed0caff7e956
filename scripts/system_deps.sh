#!/usr/bin/env bash
# Debian packages, installed when missing and running as root:
#   the app (`scripts/system_deps.sh app`, run by make run/dev/serve): Graphviz, which lays the diagrams out on
#     the server (without `dot` the browser lays them out, seconds per rerun), and a CJK font for Chinese text;
#   the tests (no argument, run by make test/bench): also Debian's Chromium and its driver for the browser tests.
# Not root: says loudly what is missing and what that costs.
set -u
missing=()
command -v dot >/dev/null || missing+=(graphviz)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
[ "${1:-}" = app ] || [ -x /usr/bin/chromium ] || missing+=(chromium chromium-driver)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "system_deps: installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "system_deps: apt-get install failed"; exit 1; }
  rm -rf "${HOME:-/root}/.cache/matplotlib"   # let matplotlib see the new font
else
  echo "system_deps: WARNING: missing ${missing[*]} and not root (install them with apt-get):"
  echo "  graphviz: diagrams are laid out in the browser, slowly; chromium: the real-browser tests are SKIPPED"
fi
