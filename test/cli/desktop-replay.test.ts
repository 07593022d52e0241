// The macOS and Windows composed facts (test/scenarios/desktop.ts) replayed through the built CLI with
// --facts, as support replays a user's dump: the same verdict and exact fix as in process, and the facts
// schema takes them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_ARGS, CLI_FILE } from '../helpers/cli.js';
import { DESKTOP_CASES, desktopFacts } from '../scenarios/desktop.js';

describe('macOS and Windows facts, replayed through the CLI (--facts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'venv-doctor-desktop-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it.each(DESKTOP_CASES)('%s', (_title, name, expected) => {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(desktopFacts(name)));
    const run = spawnSync(CLI_FILE, [...CLI_ARGS, '--facts', file, '--json'], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status, run.stderr).toBe(expected.exitCode);
    const report = JSON.parse(run.stdout) as { fixes: { command: string }[] };
    expect(report.fixes.map((fix) => fix.command)).toEqual(expected.fixes);
  });
});
