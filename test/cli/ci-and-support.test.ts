// The CI preflight and support uses, on the real CLI: check selection, strict mode, configuration, the
// github/junit/markdown formats, --fix with consent, and the programmatic API.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { CHECKS } from '../../src/checks.js';
import { NO_IDENTITY, redactText } from '../../src/redact.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import type { Report } from '../../src/types.js';
import { FIXTURES, PROJECT } from '../helpers/paths.js';

const CLI = join(PROJECT, 'dist/cli.mjs');
const PY = '/usr/bin/python3';
let work = '';

function run(args: string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, CI: 'true', VIRTUAL_ENV: undefined, GITHUB_STEP_SUMMARY: undefined, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const json = (args: string[], env?: Record<string, string | undefined>) =>
  JSON.parse(run(['--json', '--python', PY, ...args], env).stdout) as Report;
const status = (r: Report, id: string) => r.checks.find((c) => c.id === id)?.status;

/** A Python project in a git work tree with a venv that git does not ignore (a warning). */
function project(name: string, extraToml = ''): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pyproject.toml'), `[project]\nname = "demo"\nrequires-python = ">=3.9"\n${extraToml}`);
  spawnSync('git', ['init', '-q', dir]);
  spawnSync(PY, ['-m', 'venv', '--without-pip', join(dir, '.venv')]);
  writeFileSync(join(dir, '.gitignore'), '');
  return dir;
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/cli.mjs is missing: npm run build');
  work = mkdtempSync(join(tmpdir(), 'venv-doctor-ci-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('check selection and strict mode', () => {
  it('--list-checks lists every check, as text and as JSON', () => {
    const text = run(['--list-checks']).stdout;
    for (const c of CHECKS) expect(text).toContain(`${c.id}`);
    const list = JSON.parse(run(['--list-checks', '--json']).stdout) as { id: string; title: string }[];
    expect(list.map((c) => c.id)).toEqual(CHECKS.map((c) => c.id));
  });
  it('--only runs just those; the rest are shown as not run', () => {
    const r = json(['--only', 'python,ensurepip']);
    expect(r.checks.filter((c) => c.status !== 'skip').map((c) => c.id)).toEqual(['python', 'ensurepip']);
    expect(r.checks.find((c) => c.id === 'os')?.message).toBe('Not run (not in --only).');
  });
  it('--skip with an unknown id is a usage error listing the checks', () => {
    const r = run(['--skip', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--skip: no check nope; the checks are: os, python');
  });
  it('--strict: a warning fails', () => {
    const dir = project('strict');
    expect(json([dir]).exitCode).toBe(0);
    expect(status(json([dir]), 'gitignore')).toBe('warn');
    expect(json([dir, '--strict']).exitCode).toBe(1);
  });
});

describe('configuration: [tool.venv-doctor] and --config', () => {
  it('ignores a check with the reason, stays visible, warns about unknown keys, and flags win', () => {
    const dir = project(
      'configured',
      '\n[tool.venv-doctor]\nstrict = true\nrequire = ">=3.99"\nfrobnicate = 1\n\n[tool.venv-doctor.ignore]\ngitignore = "the venv is outside the repository"\n',
    );
    const r = json([dir, '--require', '>=3.9']);
    expect(r.checks.find((c) => c.id === 'gitignore')).toMatchObject({
      status: 'ignored',
      message: expect.stringMatching(/^Ignored \(the venv is outside the repository\): git does not ignore/),
    });
    expect(r.warnings).toEqual([
      'pyproject.toml [tool.venv-doctor]: unknown key "frobnicate" (ignored); the valid keys are: require, venv, strict, ignore',
    ]);
    expect(r.strict).toBe(true);
    expect(r.project?.requirement).toBe('>=3.9'); // --require beat require = ">=3.99"
    // strict = true from the file: the venv made --without-pip warns, and a warning fails.
    expect(status(r, 'project-venv')).toBe('warn');
    expect(r.exitCode).toBe(1);
    expect(run(['--python', PY, dir]).stdout).toContain('warning: pyproject.toml [tool.venv-doctor]: unknown key');
  });
  it('--config FILE with top-level keys; a bad value is a usage error', () => {
    const dir = project('with-config-file');
    const file = join(work, 'venv-doctor.toml');
    writeFileSync(file, 'ignore = ["gitignore"]\n');
    expect(status(json([dir, '--config', file]), 'gitignore')).toBe('ignored');
    writeFileSync(file, 'strict = "yes"\n');
    const bad = run(['--python', PY, dir, '--config', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('strict must be true or false');
  });
});

describe('formats', { timeout: 30_000 }, () => {
  it('github: annotations for warnings and failures, with the fix, and a step summary', () => {
    const dir = project('github');
    const summary = join(work, 'summary.md');
    const r = run(['--python', PY, '--format', 'github', dir], { GITHUB_STEP_SUMMARY: summary });
    expect(r.stdout).toMatch(/^::warning title=venv-doctor%3A gitignore::git does not ignore \.venv\//m);
    expect(r.stdout).toContain('Ready:');
    expect(readFileSync(summary, 'utf8')).toMatch(/^## venv-doctor .*: \*\*Ready\*\*/);
  });
  it('junit: valid against the JUnit schema; failures carry message and fix', async () => {
    const dir = project('junit');
    writeFileSync(join(dir, '.venv/pyvenv.cfg'), ''); // a broken venv: a failure with a fix
    const r = run(['--python', PY, '--format', 'junit', dir]);
    expect(r.code).toBe(1);
    const schema = readFileSync(join(FIXTURES, 'junit/junit.xsd'), 'utf8');
    const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: r.stdout }], schema: [schema] });
    expect(result.errors, JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(r.stdout).toMatch(
      /<testcase classname="venv-doctor" name="project-venv" time="[\d.]+">\s*<failure message="\.venv is not a usable venv: pyvenv\.cfg is empty\."/,
    );
    expect(r.stdout).toContain(`Fix:\n  ${PY} -I -m venv --clear ${dir}/.venv`);
    expect(r.stdout.match(/<testcase /g)?.length).toBe(CHECKS.length);
  });
  it('markdown: a ticket report with the home directory as ~ and the user name redacted', () => {
    const home = join(work, 'home', 'alice');
    const dir = join(home, 'code', 'app');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'requirements.txt'), '');
    const r = run(['--python', PY, '--format', 'markdown', dir], { HOME: home, USER: 'alice' });
    expect(r.stdout).toContain('- Project: `~/code/app`');
    expect(r.stdout).not.toContain('alice');
    expect(r.stdout).toContain('Redacted: the home directory is shown as \\~.');
    // The JSON keeps the real paths.
    expect(json([dir], { HOME: home, USER: 'alice' }).project?.dir).toBe(dir);
  });
  it('redaction also covers other homes and the host name', () => {
    const identity = { homes: [], users: ['carol'], hosts: ['buildhost-7'] };
    // User names only inside paths: "by carol" is a word here, /home/carol a path.
    expect(redactText('/home/bob/x on buildhost-7 by carol in /home/carol', identity)).toBe(
      '/home/[user]/x on [host] by carol in /home/[user]',
    );
    const report = json(['--only', 'os']);
    expect(renderMarkdown(report, NO_IDENTITY)).toMatch(/\| ⏭️ \| `python` \| Not run/);
  });
});

describe('--fix', { timeout: 60_000 }, () => {
  it('--dry-run shows the commands and runs nothing', () => {
    const dir = project('dry');
    spawnSync('mv', [join(dir, '.venv'), join(dir, 'moved')]);
    spawnSync('mv', [join(dir, 'moved'), join(dir, '.venv2')]);
    const r = run(['--python', PY, '--venv', '.venv2', '--fix', '--dry-run', dir]);
    expect(r.stdout).toContain(
      `venv-doctor --fix will run:\n\n    ${PY} -I -m venv --clear ${dir}/.venv2\n        (empties and recreates the venv ${dir}/.venv2)`,
    );
    expect(r.stdout).toContain('(--dry-run: nothing was run.)');
    expect(r.code).toBe(1);
  });
  it('without a terminal and without --yes it refuses, exit 2', () => {
    const dir = project('refuse');
    spawnSync('mv', [join(dir, '.venv'), join(dir, '.venv2')]);
    const r = run(['--python', PY, '--venv', '.venv2', '--fix', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--fix without a terminal to ask for consent: add --yes');
  });
  it('--yes and --dry-run go with --fix', () => {
    expect(run(['--yes']).code).toBe(2);
  });
});

describe('the programmatic API', { timeout: 30_000 }, () => {
  it('diagnose() of the built package returns the same report as --json', async () => {
    const dir = project('api');
    const { diagnose } = (await import(join(PROJECT, 'dist/api/index.mjs'))) as typeof import('../../src/index.js');
    const report = await diagnose({ python: PY, cwd: dir });
    // The CLI run in the same directory (fixes name the venv relative to where the doctor runs).
    const cli = JSON.parse(
      spawnSync(process.execPath, [CLI, '--json', '--python', PY], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, CI: 'true', VIRTUAL_ENV: undefined },
      }).stdout,
    ) as Report;
    const strip = (r: Report) => ({ ...r, durationMs: 0, checks: r.checks.map((c) => ({ ...c, durationMs: 0 })) });
    expect(strip(report)).toEqual(strip(cli));
  });
  it('the documented example runs against the built package', () => {
    const dir = project('example');
    const r = spawnSync(process.execPath, [join(PROJECT, 'examples/diagnose.mjs'), dir], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^(ready|not ready)\n/);
    expect(r.stdout).toMatch(/\tgitignore\tgit does not ignore/);
  });
});
