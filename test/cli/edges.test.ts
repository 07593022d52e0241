// Where the user stands is not always a sane place: a current directory deleted under the shell, a
// --python path that does not exist, a python3.X that is not installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { CLI, CLI_ARGS, CLI_FILE, GIT, HAVE_SYSTEM_PY, NEEDS, NPM_BUILD, SYSTEM_PY } from '../helpers/cli.js';

/**
 * What users run: the npm build's launcher (Node 18's module loader needs a current directory; it stands in
 * /), or the single file itself.
 */
const LAUNCHER = existsSync(join(dirname(CLI), 'venv-doctor.cjs'))
  ? [process.execPath, join(dirname(CLI), 'venv-doctor.cjs')]
  : [CLI];

const base = mkdtempSync(join(tmpdir(), 'vd-edges-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Runs the doctor from a directory that is removed just before it starts (as `cd x; rm -r ../x` leaves a shell). */
function inDeletedDirectory(args: string[]) {
  const dir = join(base, `gone-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  return spawnSync('/bin/sh', ['-c', 'cd "$1" && rmdir "$1" && shift && exec "$@"', 'sh', dir, ...LAUNCHER, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });
}

// The single file (Bun) refuses to start there, before any of venv-doctor runs: "The current working
// directory was deleted, so that command didn't work" (docs/single-file.md).
describe.skipIf(!NPM_BUILD)(`started in a deleted directory ${NEEDS.npmBuild}`, () => {
  it('diagnoses the machine, says why there is no project, and never "please report this"', () => {
    const run = inDeletedDirectory(['--json']);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Report;
    expect(report.project).toBeNull();
    expect(report.warnings).toEqual([
      'The current directory no longer exists (deleted, or moved away): only this machine was diagnosed, not a project. Go into the project (cd), or name it: venv-doctor DIR.',
    ]);
    expect(report.checks.find((c) => c.id === 'project-venv')?.status).toBe('skip');
    expect(run.status).toBe(report.exitCode);
    expect(run.status).not.toBe(3);
  });
  it('a relative DIR cannot be found from there: exit 2 with the reason', () => {
    const run = inDeletedDirectory(['proj']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('the current directory no longer exists, so proj cannot be found from it');
  });
  it('an absolute DIR is diagnosed as usual', () => {
    const run = inDeletedDirectory(['--json', base]);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.project?.dir).toBe(base);
  });
});

describe('--python that is not there', () => {
  it('a path: says the path is wrong, not that the distribution lacks a fix', () => {
    const run = spawnSync(CLI_FILE, [...CLI_ARGS, '--json', '--python', '/no/such/python3'], {
      encoding: 'utf8',
      cwd: base,
    });
    const report = JSON.parse(run.stdout) as Report;
    expect(report.exitCode).toBe(1);
    expect(report.advice).toEqual([
      'There is no interpreter at /no/such/python3: check the path given to --python, or leave --python out to use python3 from PATH.',
    ]);
    expect(report.fixes).toEqual([]);
  });
});

describe.skipIf(!GIT || !HAVE_SYSTEM_PY)(`venvs by two names, and git ${NEEDS.git} ${NEEDS.systemPython}`, () => {
  function gitProject(name: string): string {
    const dir = join(base, name);
    mkdirSync(dir, { recursive: true });
    spawnSync('git', ['init', '-q', dir]);
    writeFileSync(join(dir, 'requirements.txt'), 'requests\n');
    return dir;
  }
  const doctorJson = (dir: string) =>
    JSON.parse(spawnSync(CLI_FILE, [...CLI_ARGS, '--json', dir], { encoding: 'utf8' }).stdout) as Report;
  it('.venv -> venv is one venv: not "another venv beside it"', () => {
    const dir = gitProject('two-names');
    spawnSync(SYSTEM_PY, ['-m', 'venv', '--without-pip', join(dir, 'venv')]);
    symlinkSync('venv', join(dir, '.venv'));
    writeFileSync(join(dir, '.gitignore'), 'venv/\n.venv\n');
    const r = doctorJson(dir);
    expect(r.checks.find((c) => c.id === 'project-venv')?.message).not.toContain('beside it');
    expect(r.checks.find((c) => c.id === 'gitignore')?.message).toBe('git ignores .venv.');
  });
  it('a .venv link that git ignores, to a directory it does not: what git status shows, the doctor says', () => {
    const dir = gitProject('link-target');
    mkdirSync(join(dir, 'envs'));
    spawnSync(SYSTEM_PY, ['-m', 'venv', '--without-pip', join(dir, 'envs/py311')]);
    symlinkSync('envs/py311', join(dir, '.venv'));
    writeFileSync(join(dir, '.gitignore'), '.venv\n');
    const status = spawnSync('git', ['-C', dir, 'status', '--porcelain'], { encoding: 'utf8' }).stdout;
    expect(status).toContain('?? envs/');
    const r = doctorJson(dir);
    expect(r.checks.find((c) => c.id === 'gitignore')?.status).toBe('warn');
    expect(r.advice).toContain(`Add this line to ${dir}/.gitignore: envs/py311/`);
  });
});
