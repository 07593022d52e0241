#!/usr/bin/env bash
# Refreshes the recorded facts in test/fixtures/facts/ from real systems:
#  - every scenario of the end-to-end suite, inside real Debian 11/12/13 roots (needs root and network
#    to Debian's archive; see docs/testing.md);
#  - this machine's interpreters.
# Then run `npm test` and review the golden diffs (`npx vitest run --project unit -u` accepts them).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build
VENV_DOCTOR_RECORD=1 npx vitest run --project e2e
out=test/fixtures/facts/this-machine
mkdir -p "$out"
node dist/cli.mjs --json --dump-facts "$out/pyenv-shim.json" >/dev/null || true
node dist/cli.mjs --json --python /usr/bin/python3 --dump-facts "$out/debian12-system-python.json" >/dev/null || true
if [ -x /root/.pyenv/versions/2.7.18/bin/python ]; then
  node dist/cli.mjs --json --python /root/.pyenv/versions/2.7.18/bin/python --dump-facts "$out/python2.json" >/dev/null || true
fi
git status --short test/fixtures
