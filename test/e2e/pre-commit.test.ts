// The pre-commit hook (.pre-commit-hooks.yaml) with Debian's real pre-commit, offline: pre-commit clones
// this repository (the tree under test, committed in a scratch repository), installs it as a Node hook (npm
// install from npm's cache, npm pack, npm install -g into its node_env), and runs it in a real git
// repository of a Python project: passing when the venv can be made, failing with the fix when not, and
// refusing a `git commit` until the printed fix is run.
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GIT, onPath, READY_SYSTEM_PY, SYSTEM_PY } from '../helpers/cli.js';
import { PROJECT } from '../helpers/paths.js';

const PRE_COMMIT = onPath('pre-commit') ?? '/usr/bin/pre-commit';
const HAVE = Boolean(onPath('pre-commit') && GIT && READY_SYSTEM_PY);

let work = '';
let hookRepo = '';
let rev = '';

const ENV = () => ({
  ...process.env,
  PRE_COMMIT_HOME: join(work, 'pre-commit-home'),
  // Offline: npm installs the hook from its cache (filled by `npm ci` of this checkout).
  npm_config_offline: 'true',
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.org',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.org',
  VIRTUAL_ENV: '',
});

/** Runs without blocking the test worker (pre-commit's first install takes a minute or more). */
function run(file: string, args: string[], cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, encoding: 'utf8', timeout: 600_000, env: ENV() }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}
function must(file: string, args: string[], cwd: string): string {
  const r = spawnSync(file, args, { cwd, encoding: 'utf8', timeout: 120_000, env: ENV() });
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')}: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** A Python project's git repository that uses the hook, with Debian's python3 judged. */
function project(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir);
  must(GIT as string, ['init', '-q'], dir);
  writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "demo"\nrequires-python = ">=3.9"\n');
  writeFileSync(join(dir, '.gitignore'), '.venv/\n');
  writeFileSync(
    join(dir, '.pre-commit-config.yaml'),
    `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: venv-doctor\n        args: [--python, ${SYSTEM_PY}]\n`,
  );
  must(GIT as string, ['add', '-A'], dir);
  return dir;
}

beforeAll(() => {
  if (!HAVE) return;
  work = mkdtempSync(join(tmpdir(), 'venv-doctor-pre-commit-'));
  // The tree under test as pre-commit would clone it from a tag: tracked and new files, not what git ignores.
  hookRepo = join(work, 'venv-doctor');
  const files = must(GIT as string, ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], PROJECT)
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(join(hookRepo, dirname(file)), { recursive: true });
    try {
      cpSync(join(PROJECT, file), join(hookRepo, file));
    } catch {} // deleted in the tree, not yet in the index
  }
  must(GIT as string, ['init', '-q'], hookRepo);
  must(GIT as string, ['add', '-A'], hookRepo);
  must(GIT as string, ['commit', '-qm', 'the tree under test'], hookRepo);
  rev = must(GIT as string, ['rev-parse', 'HEAD'], hookRepo).trim();
}, 120_000);
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!HAVE)('pre-commit (needs pre-commit, git and a python3 with its venv package)', () => {
  it('pre-commit run venv-doctor --all-files: Passed on a project whose venv can be made', async () => {
    const dir = project('ready');
    const r = await run(PRE_COMMIT, ['run', 'venv-doctor', '--all-files'], dir);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/^venv-doctor \(can this machine make the project's venv\?\)\.+Passed$/m);
  });
  it('Failed, with the fix, on a broken venv; git commit is refused until the printed fix is run', async () => {
    const dir = project('broken');
    mkdirSync(join(dir, '.venv'));
    writeFileSync(join(dir, '.venv', 'pyvenv.cfg'), '');
    const failed = await run(PRE_COMMIT, ['run', 'venv-doctor', '--all-files'], dir);
    expect(failed.code, failed.out).toBe(1);
    expect(failed.out).toMatch(/\.+Failed$/m);
    expect(failed.out).toContain('FAIL    project-venv        .venv is not a usable venv: pyvenv.cfg is empty.');
    const fix = `${SYSTEM_PY} -I -m venv --clear .venv`;
    expect(failed.out).toContain(`    ${fix}\n`);

    must(PRE_COMMIT, ['install'], dir);
    const refused = await run(GIT as string, ['commit', '-qm', 'first'], dir);
    expect(refused.code, refused.out).not.toBe(0);
    expect(refused.out).toMatch(/\.+Failed$/m);
    // The printed fix, run as printed from where the hook ran (the repository's root).
    must(SYSTEM_PY, ['-I', '-m', 'venv', '--clear', '.venv'], dir);
    const committed = await run(GIT as string, ['commit', '-qm', 'first'], dir);
    expect(committed.code, committed.out).toBe(0);
    expect(committed.out).toMatch(/\.+Passed$/m);
  });
});
