// The slow half of the project tests (each creates a real venv with pip, seconds apiece), kept out of
// `npm test`: a healthy venv passes every project check, --deep creates and removes a throwaway venv,
// and --fix --yes really recreates a moved venv. Needs this machine's /usr/bin/python3 with venv.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { CLI, CLI_ARGS, CLI_FILE } from '../helpers/cli.js';
import { EXE } from './roots.js';

const PY = '/usr/bin/python3';
let work = '';

function run(args: string[]) {
  const r = spawnSync(CLI_FILE, [...CLI_ARGS, '--python', PY, ...args], {
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, CI: 'true', VIRTUAL_ENV: undefined },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const json = (args: string[]) => JSON.parse(run(['--json', ...args]).stdout) as Report;
const check = (r: Report, id: string) => r.checks.find((c) => c.id === id);

function project(name: string, venvArgs: string[]): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "demo"\nrequires-python = ">=3.9"\n');
  writeFileSync(join(dir, '.gitignore'), '.venv/\n.venv2/\n');
  spawnSync('git', ['init', '-q', dir]);
  const made = spawnSync(PY, ['-m', 'venv', ...venvArgs, join(dir, '.venv')], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(made.stdout + made.stderr);
  return dir;
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('the build is missing: npm run build');
  if (!existsSync(PY)) throw new Error(`${PY} is missing: these tests use the machine's own Python`);
  work = mkdtempSync(join(tmpdir(), 'venv-doctor-real-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('real venvs with pip', { timeout: 180_000 }, () => {
  it('a healthy, ignored venv: every project check passes', () => {
    const dir = project('healthy', []);
    const r = json([dir]);
    expect(r.exitCode).toBe(0);
    for (const id of ['python-version', 'project-venv', 'venv-relocated', 'gitignore']) {
      expect(check(r, id)?.status, `${id}: ${check(r, id)?.message}`).toBe('pass');
    }
    expect(check(r, 'project-venv')?.message).toMatch(/^\.venv is a complete venv of Python 3\.\d+\.\d+\.$/);
  });

  it('--deep creates a real venv with pip, reports the time, and leaves nothing behind', () => {
    const ours = () => readdirSync(tmpdir()).filter((n) => /^venv-doctor-[A-Za-z0-9]{6}$/.test(n));
    const before = ours();
    const r = json([join(work, 'healthy'), '--deep']);
    expect(check(r, 'venv-create')?.message).toMatch(/^Created a venv with pip in \d+\.\d s \(pip \d+/);
    expect(ours()).toEqual(before);
  });

  it('--fix --yes runs the planned commands, then checks again: a moved venv is recreated, exit 0', () => {
    const dir = project('fix-yes', ['--without-pip']);
    spawnSync('mv', [join(dir, '.venv'), join(dir, '.venv2')]);
    const r = run(['--json', '--venv', '.venv2', '--fix', '--yes', dir]);
    expect(r.stderr).toContain(`$ ${PY} -I -m venv --clear ${dir}/.venv2`);
    const after = JSON.parse(r.stdout) as Report;
    expect(r.code).toBe(0);
    expect(after.exitCode).toBe(0);
    expect(check(after, 'venv-relocated')?.status).toBe('pass');
    expect(check(after, 'project-venv')?.status).toBe('pass');
  });
});

/** The two builds users run: the npm package (Node and dist/venv-doctor.cjs) and the single file by itself. */
const BUILDS = [
  ['npm', `${process.execPath} ${CLI}`],
  ['single-file', EXE],
] as const;

describe('--fix in a real terminal (tmux): asks, and does what the answer says', { timeout: 120_000 }, () => {
  const tmux = (...args: string[]) => spawnSync('tmux', args, { encoding: 'utf8' });
  const screen = () => tmux('capture-pane', '-t', 'vdfix', '-p', '-S', '-200').stdout;
  const waitFor = async (text: string) => {
    for (let i = 0; i < 150 && !screen().includes(text); i++) await new Promise((r) => setTimeout(r, 200));
    expect(screen()).toContain(text);
  };

  it.each(
    BUILDS.flatMap(([build, command]) =>
      (
        [
          ['n', 'Nothing was run.', 1],
          ['y', 'Checking again:', 0],
          ['C-c', 'Nothing was run.', 1],
        ] as const
      ).map(([answer, said, exitCode]) => [build, command, answer, said, exitCode] as const),
    ),
  )('%s build (%s), answering %s', async (build, command, answer, said, exitCode) => {
    if (spawnSync('sh', ['-c', 'command -v tmux']).status !== 0)
      throw new Error('tmux is needed: apt-get install tmux');
    if (!existsSync(command.split(' ').at(-1) ?? '')) throw new Error(`${command} is missing: npm run build:exe`);
    const dir = project(`tty-${build}-${answer}`, ['--without-pip']);
    spawnSync('mv', [join(dir, '.venv'), join(dir, '.venv2')]);
    tmux('kill-session', '-t', 'vdfix');
    tmux('new-session', '-d', '-s', 'vdfix', '-x', '160', '-y', '50', '-e', 'CI=', 'sh');
    tmux(
      'send-keys',
      '-t',
      'vdfix',
      `env -u CI ${command} --python ${PY} --venv .venv2 --fix ${dir}; echo "EX""IT=$?"`,
      'Enter',
    );
    await waitFor('Run these commands? [y/N]');
    if (answer === 'C-c') tmux('send-keys', '-t', 'vdfix', 'C-c');
    else tmux('send-keys', '-t', 'vdfix', answer, 'Enter');
    await waitFor('EXIT='); // the typed command line reads EX""IT, so this is the output
    const text = screen();
    tmux('kill-session', '-t', 'vdfix');
    expect(text).toContain(said);
    expect(text).toContain(`EXIT=${exitCode}`);
    // Answered y, the venv was made again and works; otherwise nothing was touched.
    const pip = spawnSync(join(dir, '.venv2/bin/python'), ['-m', 'pip', '--version'], { encoding: 'utf8' });
    expect(pip.status === 0, pip.stderr).toBe(answer === 'y');
  });
});
