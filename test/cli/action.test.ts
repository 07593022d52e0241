// The GitHub Action (action.yml): its metadata against SchemaStore's published schema, and its step run by a
// simulated runner (test/helpers/action-runner.ts) on real projects with Debian's python3: the outputs, the
// annotations and the job summary; the npm package and the single file (downloaded from a release mirror
// through GITHUB_SERVER_URL, checked against its SHA256SUMS); and inputs that must not become code.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_FILE, actionMetadata, runAction } from '../helpers/action-runner.js';
import { CLI, GIT, NEEDS, NPM_BUILD, onPath, READY_SYSTEM_PY, SYSTEM_PY } from '../helpers/cli.js';
import { PROJECT } from '../helpers/paths.js';

const VERSION = (JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')) as { version: string }).version;
const REPOSITORY = 'venv-doctor/venv-doctor';
/** The linux-x64 single file to serve from the mirror: the build under test, else one compiled from this dist/. */
const SINGLE_FILE = NPM_BUILD ? join(PROJECT, `dist-exe/venv-doctor-${VERSION}-linux-x64`) : CLI;
const HAVE_SINGLE_FILE = NPM_BUILD
  ? spawnSync(
      process.execPath,
      [join(PROJECT, 'scripts/build-exe.mjs'), '--skip-build', '--check', '--targets=linux-x64'],
      { stdio: 'ignore' },
    ).status === 0
  : existsSync(SINGLE_FILE);
const NEEDS_SINGLE_FILE =
  "(needs the linux-x64 single file of this build: npm run build:exe; CI's single-file stage runs it)";
const NEEDS_PROJECT = `${NEEDS.readySystemPython} ${NEEDS.git}`;

let work = '';
let workspace = '';

/** A workspace holding app/: a Python project git ignores the venv of; with a venv without pip, a warning. */
function project(withVenv = false): string {
  workspace = mkdtempSync(join(work, 'workspace-'));
  const app = join(workspace, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'pyproject.toml'), '[project]\nname = "demo"\nrequires-python = ">=3.9"\n');
  if (GIT) expect(runOk(GIT, ['init', '-q', app])).toBe(0);
  writeFileSync(join(app, '.gitignore'), '.venv/\n');
  if (withVenv) expect(runOk(SYSTEM_PY, ['-m', 'venv', '--without-pip', join(app, '.venv')])).toBe(0);
  return workspace;
}

function runOk(file: string, args: string[]): number | null {
  return spawnSync(file, args, { stdio: 'ignore', timeout: 60_000 }).status;
}

/** A release mirror (GITHUB_SERVER_URL=file://...) with these files under REPOSITORY's release v<version>. */
function mirror(files: Record<string, string | Buffer>, version = VERSION): string {
  const root = mkdtempSync(join(work, 'mirror-'));
  const dir = join(root, REPOSITORY, 'releases/download', `v${version}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return `file://${root}`;
}
const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

const annotations = (stdout: string) => stdout.split('\n').filter((l) => /^::(error|warning) /.test(l));

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'venv-doctor-action-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('action.yml', () => {
  it("is valid against SchemaStore's github-action.json (the schema editors and linters check action metadata with)", () => {
    const schema = JSON.parse(readFileSync(join(PROJECT, 'test/fixtures/schemastore/github-action.json'), 'utf8'));
    const validate = new Ajv.default({ allErrors: true, strict: false }).compile(schema);
    const valid = validate(actionMetadata());
    expect(validate.errors ?? [], ACTION_FILE).toEqual([]);
    expect(valid).toBe(true);
  });
  it('is a composite action whose inputs reach its step only through env, never spliced into the script', () => {
    const action = actionMetadata();
    expect(action.runs.using).toBe('composite');
    const env = Object.values(action.runs.steps[0]?.env ?? {}).join('\n');
    for (const input of Object.keys(action.inputs)) expect(env).toContain(`\${{ inputs.${input} }}`);
    for (const step of action.runs.steps) expect(step.run ?? '').not.toContain('${{');
    expect(Object.keys(action.outputs)).toEqual(['ok', 'exit-code']);
    expect(Object.keys(action.inputs)).toEqual([
      'python',
      'require',
      'strict',
      'fix',
      'yes',
      'working-directory',
      'version',
    ]);
  });
  it("this repository's workflow uses it (uses: ./) with inputs it has", () => {
    const workflow = parse(readFileSync(join(PROJECT, '.github/workflows/preflight.yml'), 'utf8')) as {
      jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
    };
    const local = Object.values(workflow.jobs).flatMap((job) => job.steps.filter((step) => step.uses === './'));
    expect(local.length).toBeGreaterThan(0);
    const inputs = Object.keys(actionMetadata().inputs);
    for (const step of local) for (const key of Object.keys(step.with ?? {})) expect(inputs).toContain(key);
  });
});

describe.skipIf(!NPM_BUILD || !READY_SYSTEM_PY || !GIT)(
  `the step with the npm package (version: a path to it) ${NEEDS_PROJECT}`,
  { timeout: 120_000 },
  () => {
    const inputs = (more: Record<string, string> = {}) => ({
      version: PROJECT,
      python: SYSTEM_PY,
      'working-directory': 'app',
      ...more,
    });
    it('a ready project: ok=true, exit-code=0, the summary says Ready, no annotation', () => {
      const r = runAction({ workspace: project(), inputs: inputs() });
      expect(r.code, r.stderr).toBe(0);
      expect(r.outputs).toEqual({ ok: 'true', 'exit-code': '0' });
      expect(r.summary).toMatch(/^## venv-doctor .*: \*\*Ready\*\*/m);
      expect(r.stdout).toContain('::stop-commands::');
      expect(annotations(r.stdout)).toEqual([]);
    });
    it('strict: the warning fails the step, annotated as an error (on no file: the venv is git-ignored)', () => {
      const r = runAction({ workspace: project(true), inputs: inputs({ strict: 'true' }) });
      expect(r.code).toBe(1);
      expect(r.outputs).toEqual({ ok: 'false', 'exit-code': '1' });
      // On no file: the venv's pyvenv.cfg is git-ignored, and a pull request cannot show it.
      expect(annotations(r.stdout)).toEqual([
        expect.stringMatching(/^::error title=venv-doctor%3A project-venv::\.venv has no pip/),
      ]);
      expect(r.summary).toMatch(/\*\*Not ready\*\*/);
      // Without strict the same project is ready, with the warning.
      const loose = runAction({ workspace, inputs: inputs() });
      expect(loose.outputs).toEqual({ ok: 'true', 'exit-code': '0' });
      expect(annotations(loose.stdout)).toEqual([
        expect.stringMatching(/^::warning title=venv-doctor%3A project-venv::/),
      ]);
    });
    it('require: the requirement given; fix without yes is refused by venv-doctor (exit 2)', () => {
      const unmet = runAction({ workspace: project(), inputs: inputs({ require: '>=3.99' }) });
      expect(unmet.outputs).toEqual({ ok: 'false', 'exit-code': '1' });
      expect(annotations(unmet.stdout).join('\n')).toContain('this project requires >=3.99 (--require)');
      const refused = runAction({ workspace: project(true), inputs: inputs({ fix: 'true' }) });
      expect(refused.outputs).toEqual({ ok: 'false', 'exit-code': '2' });
      expect(refused.stderr).toContain('--yes');
    });
    it("version: . in this repository's checkout, as its own workflow runs it", () => {
      const r = runAction({ workspace: PROJECT, inputs: { version: '.', python: SYSTEM_PY } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.outputs).toEqual({ ok: 'true', 'exit-code': '0' });
    });
    it('inputs are data: a python input that is shell code runs nothing', () => {
      const marker = join(work, 'pwned');
      const r = runAction({
        workspace: project(),
        inputs: inputs({ python: `$(touch ${marker})`, require: `\`touch ${marker}-2\`` }),
      });
      expect(existsSync(marker)).toBe(false);
      expect(existsSync(`${marker}-2`)).toBe(false);
      expect(r.outputs['exit-code']).not.toBe('0');
    });
  },
);

describe('the step refuses what it cannot run, with exit code 2 and the outputs set', { timeout: 60_000 }, () => {
  it('a boolean input that is not true or false', () => {
    const r = runAction({ workspace: project(), inputs: { strict: 'yes', version: PROJECT } });
    expect(r.code).toBe(2);
    expect(r.outputs).toEqual({ ok: 'false', 'exit-code': '2' });
    expect(r.stderr).toBe('venv-doctor action: input strict must be true or false\n');
  });
  it('a version that is neither a release nor a path, whose text never reaches the log', () => {
    for (const version of ['latest', '1.0', '1.2.3; touch x', 'npm:latest']) {
      const r = runAction({ workspace: project(), inputs: { version } });
      expect(r.code).toBe(2);
      expect(r.outputs).toEqual({ ok: 'false', 'exit-code': '2' });
      expect(r.stderr).toMatch(/^venv-doctor action: version (must be|npm:X must name) a release/);
      expect(r.stderr.split('\n')).toHaveLength(2);
    }
    const missing = runAction({ workspace: project(), inputs: { version: './not-there-::warning::x' } });
    expect(missing.stderr).toBe('venv-doctor action: version names a path that does not exist\n');
  });
  it('any input with a line break or another control character: refused before anything runs, not echoed', () => {
    const hostile: Record<string, string>[] = [
      { version: './x\n::error::forged' },
      { version: '1.2.3\n::error::forged' },
      { python: '/usr/bin/python3\n::error::forged' },
      { 'working-directory': 'app\r::error::forged' },
      { require: '>=3.9\u001b[2J' },
    ];
    for (const inputs of hostile) {
      const r = runAction({ workspace: project(), inputs });
      expect(r.code).toBe(2);
      expect(r.outputs).toEqual({ ok: 'false', 'exit-code': '2' });
      expect(r.stderr).toBe('venv-doctor action: an input holds a control character (a line break?)\n');
      expect(r.stdout).toBe('');
    }
  });
  it("a failure of the step's own commands still sets the outputs (exit code 3)", () => {
    const r = runAction({ workspace: project(), env: { GITHUB_ACTION_PATH: join(work, 'no-action-here') } });
    expect(r.code).toBe(3);
    expect(r.outputs).toEqual({ ok: 'false', 'exit-code': '3' });
    const noTemp = runAction({
      workspace: project(),
      inputs: { version: PROJECT },
      env: { RUNNER_TEMP: join(work, 'no-such-dir') },
    });
    expect(noTemp.outputs).toEqual({ ok: 'false', 'exit-code': '2' });
    expect(noTemp.stderr).toContain('cannot make a temporary directory');
  });
  it('npm:X runs the npm package even where a single file exists (Linux X64)', () => {
    const r = runAction({
      workspace: project(),
      actionRepository: REPOSITORY,
      inputs: { version: `npm:${VERSION}` },
      env: { npm_config_offline: 'true', GITHUB_SERVER_URL: 'file:///nonexistent' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot install the venv-doctor package that version names');
  });
  it('a working-directory that is not one', () => {
    const r = runAction({ workspace: project(), inputs: { version: PROJECT, 'working-directory': 'nowhere' } });
    expect(r.outputs).toEqual({ ok: 'false', 'exit-code': '2' });
    expect(r.stderr).toContain('working-directory is not a directory');
  });
  it('a working-directory that leads outside the workspace (a committed link, or ..): refused, nothing run', () => {
    const workspace = project();
    const outside = mkdtempSync(join(tmpdir(), 'venv-doctor-outside-'));
    try {
      symlinkSync(outside, join(workspace, 'app-link'));
      for (const dir of ['app-link', '..', outside]) {
        const r = runAction({
          workspace,
          inputs: { version: PROJECT, 'working-directory': dir, fix: 'true', yes: 'true' },
        });
        expect(r.outputs, dir).toEqual({ ok: 'false', 'exit-code': '2' });
        expect(r.stderr).toContain('working-directory leads outside the workspace');
        expect(r.stdout).toBe('');
      }
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
  it('a local action (uses: ./) on Linux X64 without a version path: no release to download from', () => {
    const r = runAction({ workspace: project() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('set version to a path');
  });
  it("Windows ARM64 (no single file): the npm package of the action's own version", () => {
    const r = runAction({
      workspace: project(),
      actionRepository: REPOSITORY,
      env: { RUNNER_OS: 'Windows', RUNNER_ARCH: 'ARM64', npm_config_offline: 'true', GITHUB_SERVER_URL: 'file:///x' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot install the venv-doctor package that version names');
  });
});

// The Action downloads with curl (GitHub's runners have it; a fresh Debian has not).
describe.skipIf(!onPath('curl'))(
  `the single file, from the release of the action repository ${NEEDS.curl}`,
  { timeout: 120_000 },
  () => {
    it("one that does not match the release's SHA256SUMS is removed, never run", () => {
      const marker = join(work, 'ran');
      const forged = `#!/bin/sh\ntouch ${marker}\n`;
      const name = `venv-doctor-${VERSION}-linux-x64`;
      const server = mirror({ [name]: forged, SHA256SUMS: `${sha256('something else')}  ${name}\n` });
      const r = runAction({ workspace: project(), actionRepository: REPOSITORY, env: { GITHUB_SERVER_URL: server } });
      expect(r.code).toBe(2);
      expect(r.outputs).toEqual({ ok: 'false', 'exit-code': '2' });
      expect(r.stderr).toContain(`${name} does not match the release's SHA256SUMS`);
      expect(r.stderr).toContain(`/releases/download/v${VERSION})`); // the action's own version by default
      expect(existsSync(marker)).toBe(false);
      expect(readdirSync(r.temp).flatMap((dir) => readdirSync(join(r.temp, dir)))).not.toContain(name);
    });
    it('a file left in RUNNER_TEMP by an earlier step is never run: each run downloads and checks its own', () => {
      const marker = join(work, 'planted-ran');
      const name = `venv-doctor-${VERSION}-linux-x64`;
      const server = mirror({ [name]: 'not the release', SHA256SUMS: `${sha256('something else')}  ${name}\n` });
      const temp = mkdtempSync(join(work, 'runner-temp-'));
      for (const dir of ['venv-doctor-action', 'venv-doctor']) {
        mkdirSync(join(temp, dir), { recursive: true });
        writeFileSync(join(temp, dir, name), `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
      }
      const r = runAction({
        workspace: project(),
        actionRepository: REPOSITORY,
        env: { GITHUB_SERVER_URL: server, RUNNER_TEMP: temp },
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('does not match the release');
      expect(existsSync(marker)).toBe(false);
    });
    it('one missing from SHA256SUMS is not run either; ARM64 asks for the arm64 file', () => {
      const name = `venv-doctor-${VERSION}-linux-arm64`;
      const server = mirror({ [name]: '#!/bin/sh\nexit 0\n', SHA256SUMS: '' });
      const r = runAction({
        workspace: project(),
        actionRepository: REPOSITORY,
        env: { GITHUB_SERVER_URL: server, RUNNER_ARCH: 'ARM64' },
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${name} does not match the release's SHA256SUMS`);
    });
    it('macOS ARM64 and X64 and Windows X64 ask for their own files (the Windows one ends in .exe)', () => {
      const platforms: [string, string, string][] = [
        ['macOS', 'ARM64', 'darwin-arm64'],
        ['macOS', 'X64', 'darwin-x64'],
        ['Windows', 'X64', 'windows-x64.exe'],
      ];
      for (const [os, arch, target] of platforms) {
        const name = `venv-doctor-${VERSION}-${target}`;
        const server = mirror({ [name]: '#!/bin/sh\nexit 0\n', SHA256SUMS: `${sha256('other')}  ${name}\n` });
        const r = runAction({
          workspace: project(),
          actionRepository: REPOSITORY,
          env: { GITHUB_SERVER_URL: server, RUNNER_OS: os, RUNNER_ARCH: arch },
        });
        expect(r.code, `${os}/${arch}`).toBe(2);
        expect(r.stderr).toContain(`${name} does not match the release's SHA256SUMS`);
      }
    });
    it.skipIf(!onPath('shasum'))(
      "without sha256sum (macOS): shasum -a 256 checks the file, which then runs; with neither it is not run (needs shasum, Perl's)",
      () => {
        // A PATH with what the step uses, but sha256sum (and, the second time, shasum).
        const bin = (omit: string[]) => {
          const dir = mkdtempSync(join(work, 'bin-'));
          for (const tool of ['tr', 'sed', 'realpath', 'mktemp', 'curl', 'awk', 'cut', 'rm', 'chmod', 'shasum']) {
            const found = onPath(tool);
            if (found && !omit.includes(tool)) symlinkSync(found, join(dir, tool));
          }
          return dir;
        };
        const marker = join(work, 'ran-after-shasum');
        const name = `venv-doctor-${VERSION}-darwin-arm64`;
        const script = `#!/bin/sh\n: > ${marker}\necho '::notice::the single file ran'\n`;
        const server = mirror({ [name]: script, SHA256SUMS: `${sha256(script)}  ${name}\n` });
        const env = { GITHUB_SERVER_URL: server, RUNNER_OS: 'macOS', RUNNER_ARCH: 'ARM64' };
        const neither = runAction({
          workspace: project(),
          actionRepository: REPOSITORY,
          env: { ...env, PATH: bin(['shasum']) },
        });
        expect(neither.code).toBe(2);
        expect(neither.stderr).toContain('neither sha256sum nor shasum is installed');
        expect(existsSync(marker)).toBe(false);
        const r = runAction({ workspace: project(), actionRepository: REPOSITORY, env: { ...env, PATH: bin([]) } });
        expect(r.code, r.stderr).toBe(0);
        expect(r.outputs).toEqual({ ok: 'true', 'exit-code': '0' });
        expect(r.stdout).toContain('::notice::the single file ran');
        expect(existsSync(marker)).toBe(true);
      },
    );
    it('a release without the file: the download fails, clearly', () => {
      const r = runAction({
        workspace: project(),
        actionRepository: REPOSITORY,
        env: { GITHUB_SERVER_URL: mirror({}) },
        inputs: { version: '9.9.9' },
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`cannot download file://`);
      expect(r.stderr).toContain('/releases/download/v9.9.9/SHA256SUMS');
    });
    it.skipIf(!HAVE_SINGLE_FILE || !READY_SYSTEM_PY || !GIT)(
      `the real file, checked and run: outputs and summary ${NEEDS_SINGLE_FILE} ${NEEDS_PROJECT}`,
      () => {
        const name = `venv-doctor-${VERSION}-linux-x64`;
        const content = readFileSync(SINGLE_FILE);
        const server = mirror({ [name]: content, SHA256SUMS: `${sha256(content)}  ${name}\n` });
        const r = runAction({
          workspace: project(true),
          actionRepository: REPOSITORY,
          env: { GITHUB_SERVER_URL: server },
          inputs: { python: SYSTEM_PY, 'working-directory': 'app', strict: 'true' },
        });
        expect(r.code, r.stderr).toBe(1);
        expect(r.outputs).toEqual({ ok: 'false', 'exit-code': '1' });
        expect(annotations(r.stdout)).toEqual([expect.stringMatching(/^::error title=venv-doctor%3A project-venv::/)]);
        expect(r.summary).toMatch(/\*\*Not ready\*\*/);
      },
    );
  },
);
