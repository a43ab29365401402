#!/usr/bin/env bash
# Install the workbench into .venv (idempotent). With --test, also the browser the end-to-end
# test drives: Debian's chromium and a Chinese font (never `playwright install`).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "the workbench needs Python 3.11 or newer: $PY is $("$PY" -V 2>&1 || echo missing); set PYTHON=/path/to/python3.11" >&2
    exit 1
  fi
  "$PY" -m venv .venv
fi
# (pip's notes about this machine's optional local package folders are noise: filtered out)
.venv/bin/python -m pip install -q --upgrade pip 2> >(grep -v "is ignored: it is neither" >&2)
.venv/bin/python -m pip install -q -r requirements.txt 2> >(grep -v "is ignored: it is neither" >&2)
if [ "${1:-}" = "--test" ]; then
  need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" || need+=(fonts-wqy-microhei)
  if [ ${#need[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi
echo "installed into .venv"
