#!/usr/bin/env bash
# The screenshots in docs/screenshots/: the report in a real terminal (xterm on a virtual X display) at 60,
# 80 and 120 columns, of a recorded Debian 12 root without python3.11-venv (test/fixtures/facts/), replayed.
# Needs Debian's xvfb, xterm, imagemagick and fonts-dejavu-core; not run by CI (docs/testing.md).
# Usage: bash scripts/screenshots.sh   (after npm run build)
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screenshots
mkdir -p "$out"
facts=test/fixtures/facts/bookworm/python3-only.json
display=:97
Xvfb "$display" -screen 0 1400x1300x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true' EXIT
sleep 1
for width in 60 80 120; do
  rows=$([ "$width" = 60 ] && echo 62 || echo 40)
  DISPLAY=$display xterm -geometry "${width}x${rows}+0+0" -fa 'DejaVu Sans Mono' -fs 10 -bg '#1e1e1e' -fg '#d4d4d4' \
    -xrm 'XTerm*borderWidth: 0' -e bash -c "node dist/venv-doctor.cjs --facts $facts; sleep 4" &
  term=$!
  sleep 2.5
  DISPLAY=$display import -window root -crop "$(DISPLAY=$display xwininfo -root -tree | awk '/xterm/ {print $0; exit}' | grep -o '[0-9]*x[0-9]*+[0-9]*+[0-9]*' | head -1)" "$out/report-${width}-columns.png"
  wait "$term" || true
  echo "wrote $out/report-${width}-columns.png"
done
