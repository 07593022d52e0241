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
# Exit 0 (ready) and 1 (not ready) are both recordings; 2 and 3 (a usage error, a failure) stop the script.
dump() {
  local file="$1"
  shift
  node dist/venv-doctor.cjs --json --force --dump-facts "$out/$file" "$@" >/dev/null || [ $? -eq 1 ]
}
dump pyenv-shim.json
dump debian12-system-python.json --python /usr/bin/python3
if [ -x /root/.pyenv/versions/2.7.18/bin/python ]; then
  dump python2.json --python /root/.pyenv/versions/2.7.18/bin/python
fi
git status --short test/fixtures
