// A reader that goes away is not a failure of the doctor: `venv-doctor --verbose | head -1` or
// `venv-doctor --fix ... | head` ends quietly (nothing on stderr, no stack trace) with the exit code the
// same run gives when its output is read to the end.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, CLI_ARGS, CLI_FILE } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/paths.js';

const PY = '/usr/bin/python3';
const ENV = { ...process.env, CI: 'true', VIRTUAL_ENV: undefined, GITHUB_STEP_SUMMARY: undefined };

/** The run with its output read to the end. */
function readToTheEnd(args: string[]) {
  const r = spawnSync(CLI_FILE, [...CLI_ARGS, ...args], { encoding: 'utf8', timeout: 60_000, env: ENV });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The run with a stream whose reader is gone before the doctor writes a byte (the doctor takes tens of
 * milliseconds to start): every write to it fails with EPIPE.
 */
function readerGone(args: string[], closed: 'stdout' | 'stderr'): Promise<{ code: number | null; other: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(CLI_FILE, [...CLI_ARGS, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: ENV });
    child[closed].destroy();
    let other = '';
    child[closed === 'stdout' ? 'stderr' : 'stdout'].on('data', (chunk: Buffer) => {
      other += chunk.toString('utf8');
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the doctor did not end'));
    }, 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, other });
    });
  });
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('the build is missing: npm run build');
});

describe('stdout closed by its reader', () => {
  it.each([
    ['a ready machine replayed, --verbose', ['--facts', join(FIXTURES, 'facts/bookworm/healthy.json'), '--verbose']],
    ['a machine that is not ready, --verbose', ['--facts', join(FIXTURES, 'facts/bookworm/python3-only.json'), '-v']],
    ['JSON', ['--facts', join(FIXTURES, 'facts/trixie/pip-only.json'), '--json']],
    ['markdown', ['--facts', join(FIXTURES, 'facts/bullseye/healthy.json'), '--format', 'markdown']],
  ])('%s: the same exit code, nothing on stderr', async (_what, args) => {
    const whole = readToTheEnd(args);
    expect(whole.stdout.length).toBeGreaterThan(0);
    const cut = await readerGone(args, 'stdout');
    expect(cut.code).toBe(whole.code);
    expect(cut.other).toBe('');
  });

  it('the two exit codes are really told apart: ready is 0 and not ready is 1 with the pipe closed', async () => {
    const ready = await readerGone(['--facts', join(FIXTURES, 'facts/bookworm/healthy.json'), '-v'], 'stdout');
    const notReady = await readerGone(['--facts', join(FIXTURES, 'facts/bookworm/python3-only.json'), '-v'], 'stdout');
    expect([ready.code, notReady.code]).toEqual([0, 1]);
  });

  it.runIf(existsSync(PY))(
    `--fix on this machine (several writes): the same exit code, nothing on stderr (needs Debian's python3 at ${PY})`,
    async () => {
      const args = ['--python', PY, '--fix', '--dry-run'];
      const whole = readToTheEnd(args);
      expect(whole.stdout).not.toBe('');
      const cut = await readerGone(args, 'stdout');
      expect(cut.code).toBe(whole.code);
      expect(cut.other).toBe('');
    },
  );
});

describe('stderr closed by its reader', () => {
  it('a usage error still exits 2, and stdout stays empty', async () => {
    const cut = await readerGone(['--facts', '/nonexistent/facts.json'], 'stderr');
    expect(cut.code).toBe(2);
    expect(cut.other).toBe('');
  });
});
