// The CI preflight and support uses, on the real CLI: check selection, strict mode, configuration, the
// github/junit/markdown formats, --fix with consent, and the programmatic API. The interpreter is Debian's
// /usr/bin/python3; what a test needs beyond it is in its title, "(needs ...)" (test/helpers/cli.ts).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/judge/registry.js';
import { NO_IDENTITY, redactText } from '../../src/redact.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import type { Report } from '../../src/types.js';
import {
  API,
  CLI_ARGS,
  CLI_FILE,
  GIT,
  HAVE_SYSTEM_PY,
  NEEDS,
  NPM_BUILD,
  SYSTEM_PY as PY,
  READY_SYSTEM_PY,
} from '../helpers/cli.js';
import { junitSchemaErrors } from '../helpers/junit.js';
import { PROJECT } from '../helpers/paths.js';

let work = '';

function run(args: string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync(CLI_FILE, [...CLI_ARGS, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      CI: 'true',
      VIRTUAL_ENV: undefined,
      GITHUB_STEP_SUMMARY: undefined,
      GITHUB_WORKSPACE: undefined,
      ...env,
    },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const json = (args: string[], env?: Record<string, string | undefined>) =>
  JSON.parse(run(['--json', '--python', PY, ...args], env).stdout) as Report;
const status = (r: Report, id: string) => r.checks.find((c) => c.id === id)?.status;

function must(file: string, args: string[]): void {
  const r = spawnSync(file, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')}: ${r.error?.message ?? ''}${r.stderr}`);
}

/**
 * A Python project with a venv made --without-pip (a warning); with git installed, a git work tree that
 * does not ignore the venv (another warning).
 */
function project(name: string, extraToml = ''): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pyproject.toml'), `[project]\nname = "demo"\nrequires-python = ">=3.9"\n${extraToml}`);
  if (GIT) must(GIT, ['init', '-q', dir]);
  must(PY, ['-m', 'venv', '--without-pip', join(dir, '.venv')]);
  writeFileSync(join(dir, '.gitignore'), '');
  return dir;
}

/** What most tests here need: Debian's python3 ready to make venvs, and git's verdict on the project venv. */
const LACKS_READY_OR_GIT = !READY_SYSTEM_PY || !GIT;
const NEEDS_READY_AND_GIT = `${NEEDS.readySystemPython} ${NEEDS.git}`;

beforeAll(() => {
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
  it.skipIf(LACKS_READY_OR_GIT)(`--strict: a warning fails ${NEEDS_READY_AND_GIT}`, () => {
    const dir = project('strict');
    const loose = json([dir]);
    expect(loose).toMatchObject({ ok: true, exitCode: 0, strict: false });
    expect(status(loose, 'gitignore')).toBe('warn');
    expect(loose.checks.filter((c) => c.status === 'fail')).toEqual([]);
    const strict = run(['--json', '--python', PY, dir, '--strict']);
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout)).toMatchObject({ ok: false, exitCode: 1, strict: true });
  });
});

describe.skipIf(!HAVE_SYSTEM_PY || !GIT)(
  `configuration: [tool.venv-doctor] and --config ${NEEDS.systemPython} ${NEEDS.git}`,
  // Each test makes a real venv first (seconds on a loaded machine).
  { timeout: 30_000 },
  () => {
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
  },
);

describe('formats', { timeout: 30_000 }, () => {
  it.skipIf(LACKS_READY_OR_GIT)(`github: annotations for warnings, and a step summary ${NEEDS_READY_AND_GIT}`, () => {
    const dir = project('github');
    const summary = join(work, 'summary.md');
    const r = run(['--python', PY, '--format', 'github', dir], { GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^::warning title=venv-doctor%3A gitignore::git does not ignore \.venv\//m);
    expect(r.stdout).toMatch(/^::warning title=venv-doctor%3A project-venv::\.venv has no pip/m);
    expect(r.stdout).not.toContain('::error');
    expect(r.stdout).toContain('Ready:');
    expect(readFileSync(summary, 'utf8')).toMatch(/^## venv-doctor .*: \*\*Ready\*\*/);
  });
  it.skipIf(LACKS_READY_OR_GIT)(
    `github in a workspace: file= and line= relative to it, --strict warnings as errors, paths shown from it ${NEEDS_READY_AND_GIT}`,
    () => {
      const dir = project('github-workspace');
      writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "demo"\nrequires-python = ">=3.99"\n');
      const summary = join(work, 'summary-workspace.md');
      const r = run(['--python', PY, '--format', 'github', '--strict', dir], {
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_WORKSPACE: work,
      });
      expect(r.code).toBe(1);
      const annotations = r.stdout
        .split('\n')
        .filter((line) => line.startsWith('::error') || line.startsWith('::warning'));
      expect(annotations).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^::error title=venv-doctor%3A python-version,file=github-workspace\/pyproject\.toml,line=3::/,
          ),
          expect.stringMatching(/^::error title=venv-doctor%3A gitignore,file=github-workspace\/\.gitignore::/),
          // The venv's own files are git-ignored: no file= a pull request cannot show.
          expect.stringMatching(/^::error title=venv-doctor%3A project-venv::/),
        ]),
      );
      expect(annotations.filter((line) => line.startsWith('::warning'))).toEqual([]);
      // The workspace's own paths are relative in the messages and the summary (fix commands run as printed).
      for (const line of annotations) expect(line.replace(/%0AFix: .*$/, '')).not.toContain(work);
      const shown = readFileSync(summary, 'utf8');
      expect(shown).toContain('github-workspace/.venv');
      // The checks' table: relative. (What is to be run, fixes, advice and notes, stays as it runs from here.)
      const table = shown.split('\n').filter((line) => line.startsWith('|'));
      expect(table.length).toBeGreaterThan(0);
      expect(table.join('\n')).not.toContain(work);
    },
  );
  it.skipIf(!READY_SYSTEM_PY)(
    `junit: valid against Jenkins xunit's and Surefire's schemas; failures carry message and fix ${NEEDS.readySystemPython}`,
    async () => {
      const dir = project('junit');
      writeFileSync(join(dir, '.venv/pyvenv.cfg'), ''); // a broken venv: a failure with a fix
      const r = run(['--python', PY, '--format', 'junit', dir]);
      expect(r.code).toBe(1);
      expect(await junitSchemaErrors(r.stdout)).toEqual([]);
      expect(r.stdout).toMatch(
        /<testcase classname="venv-doctor" name="project-venv" time="[\d.]+">\s*<failure message="\.venv is not a usable venv: pyvenv\.cfg is empty\."/,
      );
      expect(r.stdout).toContain(`Fix:\n  ${PY} -I -m venv --clear ${dir}/.venv`);
      expect(r.stdout.match(/<testcase /g)?.length).toBe(CHECKS.length);
    },
  );
  it.skipIf(!HAVE_SYSTEM_PY)(
    `markdown: a ticket report with the home directory as ~ and the user name redacted ${NEEDS.systemPython}`,
    () => {
      const home = join(work, 'home', 'alice');
      const dir = join(home, 'code', 'app');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'requirements.txt'), '');
      // --only: no fix on any machine (on a fresh Debian the plan would end with the venv, whose command keeps
      // its path: a footer then says so; tested in test/unit/mutation-redact.test.ts).
      const r = run(['--python', PY, '--format', 'markdown', '--only', 'os,project-venv', dir], {
        HOME: home,
        USER: 'alice',
      });
      expect(r.stdout).toContain('- Project: `~/code/app`');
      expect(r.stdout).not.toContain('alice');
      expect(r.stdout).toContain('Redacted: the home directory is shown as \\~.');
      // The JSON keeps the real paths.
      expect(json([dir], { HOME: home, USER: 'alice' }).project?.dir).toBe(dir);
    },
  );
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
  it.skipIf(!READY_SYSTEM_PY)(`--dry-run shows the commands and runs nothing ${NEEDS.readySystemPython}`, () => {
    const dir = project('dry');
    spawnSync('mv', [join(dir, '.venv'), join(dir, 'moved')]);
    spawnSync('mv', [join(dir, 'moved'), join(dir, '.venv2')]);
    const r = run(['--python', PY, '--venv', '.venv2', '--fix', '--dry-run', dir]);
    expect(r.stdout).toContain(
      `venv-doctor --fix will run:\n\n    ${PY} -I -m venv --clear ${dir}/.venv2\n        (empties and recreates the venv ${dir}/.venv2)`,
    );
    expect(r.stdout).toContain('(--dry-run: nothing was run.)');
    expect(r.code).toBe(1);
    // Nothing was run: the venv is still the moved one, with no activate script rewritten for it.
    expect(json(['--venv', '.venv2', dir]).checks.find((c) => c.id === 'venv-relocated')?.status).toBe('fail');
  });
  it.skipIf(!HAVE_SYSTEM_PY)(`without a terminal and without --yes it refuses, exit 2 ${NEEDS.systemPython}`, () => {
    const dir = project('refuse');
    spawnSync('mv', [join(dir, '.venv'), join(dir, '.venv2')]);
    const r = run(['--python', PY, '--venv', '.venv2', '--fix', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--fix without a terminal to ask for consent: add --yes');
  });
  it.each([
    ['--yes', '--yes goes with --fix (venv-doctor --fix --yes)'],
    ['--dry-run', '--dry-run goes with --fix (venv-doctor --fix --dry-run)'],
    ['-y --dry-run', '--yes and --dry-run go with --fix (venv-doctor --fix --yes --dry-run)'],
  ])('%s without --fix: usage error, exit 2, names the option given', (args, said) => {
    expect(run(args.split(' '))).toEqual({ code: 2, stdout: '', stderr: `venv-doctor: ${said}\n` });
  });
});

describe.skipIf(!HAVE_SYSTEM_PY || !NPM_BUILD)(
  `the programmatic API ${NEEDS.systemPython} ${NEEDS.npmBuild}`,
  { timeout: 30_000 },
  () => {
    it('diagnose() of the built package returns the same report as --json', async () => {
      const dir = project('api');
      const { diagnose } = (await import(API)) as typeof import('../../src/index.js');
      const report = await diagnose({ python: PY, cwd: dir });
      // The CLI run in the same directory (fixes name the venv relative to where the doctor runs).
      const cli = JSON.parse(
        spawnSync(CLI_FILE, [...CLI_ARGS, '--json', '--python', PY], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, CI: 'true', VIRTUAL_ENV: undefined },
        }).stdout,
      ) as Report;
      const strip = (r: Report) => ({ ...r, durationMs: 0, checks: r.checks.map((c) => ({ ...c, durationMs: 0 })) });
      expect(strip(report)).toEqual(strip(cli));
    });
    // The example imports 'venv-doctor': the tree's own build, whichever build VENV_DOCTOR_CLI names.
    it.skipIf(LACKS_READY_OR_GIT || process.env.VENV_DOCTOR_CLI !== undefined)(
      `the documented example runs against the built package ${NEEDS_READY_AND_GIT} (and the tree's build, not VENV_DOCTOR_CLI)`,
      () => {
        const dir = project('example');
        // Its python3 is Debian's: first on PATH, through a directory outside the project.
        const bin = join(work, 'example-bin');
        mkdirSync(bin);
        symlinkSync(PY, join(bin, 'python3'));
        const r = spawnSync(process.execPath, [join(PROJECT, 'examples/diagnose.mjs'), dir], {
          encoding: 'utf8',
          env: { ...process.env, PATH: `${bin}:/usr/bin:/bin`, VIRTUAL_ENV: undefined },
        });
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        const lines = r.stdout.trimEnd().split('\n');
        expect(lines[0]).toBe('ready');
        expect(lines).toContain('warn\tproject-venv\t.venv has no pip (made with --without-pip, or pip was removed).');
        expect(lines).toContain(
          'warn\tgitignore\tgit does not ignore .venv/: its thousands of files would show up in `git status` and could be committed.',
        );
        // A warning's remedy is still offered: the venv recreated with pip, named relative to the project.
        expect(lines.filter((l) => l.startsWith('fix\t'))).toEqual(['fix\tpython3 -I -m venv --clear .venv']);
      },
    );
  },
);
