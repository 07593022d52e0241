// --dump-facts FILE on the built CLI: never through a symbolic link (these tests run as root, where a link
// to /etc/passwd would be written through), never over an existing file without --force, mode 0600, and
// redacted by default (--no-redact keeps everything); the dump replays with --facts.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isVocabulary } from '../../src/redact.js';
import type { Facts, Report } from '../../src/types.js';
import { CLI, CLI_ARGS, CLI_FILE } from '../helpers/cli.js';

const PY = '/usr/bin/python3';
let work = '';
let n = 0;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('the build is missing: npm run build');
  work = mkdtempSync(join(tmpdir(), 'venv-doctor-dump-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync(CLI_FILE, [...CLI_ARGS, '--python', PY, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, CI: 'true', VIRTUAL_ENV: undefined, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh directory for one test. */
function place(): string {
  const dir = join(work, `t${++n}`);
  mkdirSync(dir);
  return dir;
}

const mode = (path: string) => statSync(path).mode & 0o777;

function expectRefused(r: ReturnType<typeof run>, message: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/^\s+at /m); // no stack trace
  expect(r.stdout).toBe(''); // refused before any report
}

describe.runIf(existsSync(PY))(
  `--dump-facts FILE, written safely (needs Debian's python3 at ${PY})`,
  { timeout: 60_000 },
  () => {
    it('never through a symbolic link (a committed facts.json -> a system file), even with --force', () => {
      const dir = place();
      const target = join(dir, 'passwd');
      writeFileSync(target, 'root:x:0:0:root:/root:/bin/bash\n', { mode: 0o644 });
      const link = join(dir, 'facts.json');
      symlinkSync(target, link);
      for (const force of [[], ['--force']]) {
        expectRefused(run(['--dump-facts', link, ...force]), /cannot write .*facts\.json: it is a symbolic link/);
        expect(readFileSync(target, 'utf8')).toBe('root:x:0:0:root:/root:/bin/bash\n');
        expect(mode(target)).toBe(0o644);
        expect(lstatSync(link).isSymbolicLink()).toBe(true);
      }
    });
    it('a dangling link is not followed to create its target', () => {
      const dir = place();
      const link = join(dir, 'facts.json');
      symlinkSync(join(dir, 'created-through-the-link'), link);
      for (const force of [[], ['--force']]) {
        expectRefused(run(['--dump-facts', link, ...force]), /it is a symbolic link/);
        expect(existsSync(join(dir, 'created-through-the-link'))).toBe(false);
      }
    });
    it('an existing file is not overwritten without --force', () => {
      const file = join(place(), 'facts.json');
      writeFileSync(file, 'precious\n');
      expectRefused(run(['--dump-facts', file]), /it already exists; add --force to overwrite it/);
      expect(readFileSync(file, 'utf8')).toBe('precious\n');
    });
    it('--force overwrites a regular file, and makes it 0600', () => {
      const file = join(place(), 'facts.json');
      writeFileSync(file, `${'x'.repeat(100_000)}\n`);
      chmodSync(file, 0o644);
      const r = run(['--dump-facts', file, '--force', '--json']);
      expect(r.stderr).toMatch(
        new RegExp(
          `^venv-doctor: wrote the facts to ${file.replace(/[.]/g, '\\.')} \\(\\d+\\.\\d KiB, readable by you only\\): .*, redacted: home as ~, user and host names as \\[user\\] and \\[host\\]\\. Attach it to the ticket; support replays it with venv-doctor --facts FILE\\.\n$`,
        ),
      );
      expect(mode(file)).toBe(0o600);
      const dumped = JSON.parse(readFileSync(file, 'utf8')) as Facts; // all of it replaced, no old tail
      expect(dumped.factsVersion).toBe(1);
    });
    it('--force does not write through a second hard link (a file that is also another file)', () => {
      const dir = place();
      const other = join(dir, 'other');
      writeFileSync(other, 'other file\n');
      linkSync(other, join(dir, 'facts.json'));
      expectRefused(run(['--dump-facts', join(dir, 'facts.json'), '--force']), /other hard links/);
      expect(readFileSync(other, 'utf8')).toBe('other file\n');
    });
    it('a new file is 0600 whatever the umask', () => {
      const file = join(place(), 'facts.json');
      const r = spawnSync(
        'sh',
        // --only os: ready on any machine (a fresh Debian's python3 lacks its venv package: exit 1).
        [
          '-c',
          'umask 000 && exec "$0" "$@"',
          CLI_FILE,
          ...CLI_ARGS,
          '--python',
          PY,
          '--only',
          'os',
          '--dump-facts',
          file,
        ],
        {
          encoding: 'utf8',
          env: { ...process.env, CI: 'true' },
        },
      );
      expect(r.status).toBe(0);
      expect(mode(file)).toBe(0o600);
    });
    it('--force and --no-redact are usage errors without --dump-facts', () => {
      expectRefused(run(['--force']), /--force goes with --dump-facts/);
      expectRefused(run(['--no-redact']), /--no-redact goes with --dump-facts or --format markdown/);
    });
  },
);

describe.runIf(existsSync(PY))(
  `--dump-facts FILE, redacted by default (needs Debian's python3 at ${PY})`,
  { timeout: 60_000 },
  () => {
    // A home, a user name and the host name that must not leave the machine: the project lives in
    // <home>/<host>/zq-secret-user_app, so its paths carry all three.
    const host = hostname();
    const hostUsable = host.length >= 2 && !isVocabulary(host) && !/^localhost/i.test(host);
    const setup = () => {
      const home = join(place(), 'home', 'zq-secret-home');
      const dir = join(home, host, 'zq-secret-user_app');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'requirements.txt'), '');
      return { home, dir, env: { HOME: home, USER: 'zq-secret-user', LOGNAME: undefined, SUDO_USER: undefined } };
    };

    it('home, user and host are absent from the dump; the dump replays with --facts', () => {
      const { home, dir, env } = setup();
      const file = join(dir, '..', 'facts.json');
      const live = run(['--json', '--dump-facts', file, dir], env);
      // One line on stderr, after the report: where the file is and what it holds (stdout is the JSON alone).
      expect(live.stderr.split('\n')).toHaveLength(2);
      expect(live.stderr).toContain(`wrote the facts to ${file}`);
      expect(live.stderr).toContain('redacted: home as ~');
      const text = readFileSync(file, 'utf8');
      expect(text).not.toContain(home);
      expect(text).not.toContain('zq-secret');
      const dumped = JSON.parse(text) as Facts;
      expect(dumped.project?.dir).toBe(hostUsable ? '~/[host]/[user]_app' : `~/${host}/[user]_app`);
      if (hostUsable) expect(text).not.toMatch(new RegExp(`\\b${host}\\b`, 'i'));

      // The replay: the same diagnosis, on the redacted paths.
      const replay = run(['--json', '--facts', file], env);
      expect(replay.stderr).toBe('');
      const a = JSON.parse(live.stdout) as Report;
      const b = JSON.parse(replay.stdout) as Report;
      expect(b.factsFrom).toBe('file');
      expect(b.exitCode).toBe(a.exitCode);
      expect(b.checks.map((c) => [c.id, c.status])).toEqual(a.checks.map((c) => [c.id, c.status]));
      expect(b.project?.dir).toBe(dumped.project?.dir);
    });
    it('--no-redact keeps them all', () => {
      const { home, dir, env } = setup();
      const file = join(dir, '..', 'facts-raw.json');
      const r = run(['--dump-facts', file, '--no-redact', '--only', 'os', dir], env);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('not redacted (--no-redact): it holds your home directory, user and host names');
      const dumped = JSON.parse(readFileSync(file, 'utf8')) as Facts;
      expect(dumped.project?.dir).toBe(dir);
      expect(readFileSync(file, 'utf8')).toContain(home);
    });
    it('--format markdown redacts the same way; the user name from $LOGNAME when $USER is unset', () => {
      const { dir, env } = setup();
      // --only: no fix on any machine (a fix command keeps its path exact, and the footer says so).
      const r = run(['--format', 'markdown', '--only', 'os,project-venv', dir], {
        ...env,
        USER: undefined,
        LOGNAME: 'zq-secret-user',
      });
      expect(r.stdout).not.toContain('zq-secret');
      expect(r.stdout).toContain(hostUsable ? '- Project: `~/[host]/[user]_app`' : '- Project: `~/');
      expect(r.stdout).toMatch(/Redacted: the home directory is shown as \\~, the user name as \\\[user\\\]/);
    });
  },
);

// The passwd entry of the current uid is read by the CLI itself (bounded, a regular file): with $HOME unset,
// root's home /root still becomes ~ (here, where the interpreter is a pyenv one under /root/.pyenv).
const PYENV_PY = '/root/.pyenv/versions/3.12.1/bin/python3';
describe.runIf(existsSync(PYENV_PY) && process.getuid?.() === 0)(
  `the passwd entry (needs root, and pyenv's Python at ${PYENV_PY})`,
  { timeout: 60_000 },
  () => {
    it('gives the home directory when $HOME is unset', () => {
      const dir = place();
      const r = spawnSync(CLI_FILE, [...CLI_ARGS, '--python', PYENV_PY, '--format', 'markdown', dir], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, CI: 'true' },
      });
      expect(r.stdout).toContain('at `~/.pyenv/versions/3.12.1/bin/python3.12`');
      expect(r.stdout).not.toContain('/root/');
      const file = join(dir, 'facts.json');
      spawnSync(CLI_FILE, [...CLI_ARGS, '--python', PYENV_PY, '--dump-facts', file, dir], {
        env: { PATH: process.env.PATH, CI: 'true' },
      });
      const dumped = JSON.parse(readFileSync(file, 'utf8')) as Facts;
      expect(dumped.python.probe?.realExecutable).toBe('~/.pyenv/versions/3.12.1/bin/python3.12');
    });
  },
);
