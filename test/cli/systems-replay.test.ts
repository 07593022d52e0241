// Composed facts of the other families (test/scenarios/systems.ts), replayed through the built CLI with
// --facts, as support replays a user's dump: the same exact fix as in process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_ARGS, CLI_FILE } from '../helpers/cli.js';
import { type Situation, type SystemName, systemFacts } from '../scenarios/systems.js';

describe('composed facts, replayed through the CLI (--facts), as support replays a dump', () => {
  const dir = mkdtempSync(join(tmpdir(), 'venv-doctor-systems-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it.each([
    ['fedora-41', { noEnsurepip: true, user: 'sudo-user' }, 'sudo dnf reinstall -y python3-libs'],
    ['alpine-3.21', { noWheels: true, lists: 'empty' }, 'apk fix --update-cache --reinstall python3'],
    ['arch', { noEnsurepip: true }, 'pacman -S --noconfirm python'],
    ['tumbleweed', { noEnsurepip: true }, 'zypper --non-interactive install --force python313-base'],
  ] as [SystemName, Situation, string][])('%s', (system, situation, command) => {
    const file = join(dir, `${system}.json`);
    writeFileSync(file, JSON.stringify(systemFacts(system, situation)));
    const run = spawnSync(CLI_FILE, [...CLI_ARGS, '--facts', file, '--json'], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as { fixes: { command: string; manager: string }[] };
    expect(report.fixes.map((fix) => fix.command)).toEqual([command]);
  });
});
