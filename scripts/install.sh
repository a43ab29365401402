#!/usr/bin/env bash
# Install the workbench into .venv (idempotent). With --test, also the browser the end-to-end
# test drives: Debian's chromium and a Chinese font (never `playwright install`).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
apt_install() {  # Debian packages, as root or through sudo
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}
if [ ! -x .venv/bin/python ]; then
  if ! command -v "$PY" >/dev/null && [ -z "${PYTHON:-}" ]; then  # a new machine without Python at all
    apt_install python3 python3-venv
  fi
  if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "the workbench needs Python 3.11 or newer: $PY is $("$PY" -V 2>&1 || echo missing); set PYTHON=/path/to/python3.11" >&2
    exit 1
  fi
  if ! "$PY" -m venv .venv 2>/dev/null; then  # Debian ships venv/ensurepip apart: python3.X-venv
    rm -rf .venv
    apt_install python3-venv "python$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')-venv"
    "$PY" -m venv .venv
  fi
fi
# (pip's notes about this machine's optional local package folders are noise: filtered out)
.venv/bin/python -m pip install -q --upgrade pip 2> >(grep -v "is ignored: it is neither" >&2)
.venv/bin/python -m pip install -q -r requirements.txt 2> >(grep -v "is ignored: it is neither" >&2)
if [ "${1:-}" = "--test" ]; then
  need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" || need+=(fonts-wqy-microhei)
  if [ ${#need[@]} -gt 0 ]; then
    apt_install "${need[@]}"
  fi
fi
echo "installed into .venv"
