// The real CLI (the built dist/cli.mjs) against this machine's real interpreters: python3 on PATH is a
// pyenv shim (3.11.7, not externally managed), /usr/bin/python3 is Debian's 3.11 with the PEP 668 marker.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherFacts } from '../../src/facts/gather.js';
import { realSystem } from '../../src/system.js';
import type { Report } from '../../src/types.js';
import { PROJECT } from '../helpers/paths.js';

const CLI = join(PROJECT, 'dist/cli.mjs');
const ESC = '\u001b';
let work = '';

function doctor(args: string[], env: Record<string, string | undefined> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, CI: 'true', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(PROJECT, 'docs/schema/report.v1.json'), 'utf8')),
);

/** The JSON report of a real run: only JSON on stdout, valid against the published schema. */
function json(args: string[], env?: Record<string, string | undefined>): Report {
  const run = doctor(['--json', ...args], env);
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout) as Report;
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  expect(run.code).toBe(report.exitCode);
  return report;
}

const havePyenv = existsSync('/root/.pyenv/shims/python3');

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/cli.mjs is missing: npm run build (npm install runs it).');
  work = mkdtempSync(join(tmpdir(), 'venv-doctor-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.runIf(existsSync('/usr/bin/python3'))("Debian's own /usr/bin/python3", () => {
  it('is the distribution interpreter, externally managed, and ready: exit 0, no fixes', () => {
    const r = json(['--python', '/usr/bin/python3']);
    expect(r).toMatchObject({ ok: true, exitCode: 0, fixes: [] });
    expect(r.python).toMatchObject({ source: 'distro', externallyManaged: true, inVenv: false });
    expect(r.python.executable).toMatch(/^\/usr\/bin\/python3\.\d+$/);
    expect(r.checks.find((c) => c.id === 'externally-managed')?.message).toMatch(/is externally managed \(PEP 668\)/);
  });
  it('quotes the distribution text in verbose mode', () => {
    const run = doctor(['--python', '/usr/bin/python3', '--verbose']);
    expect(run.stdout).toContain('To install Python packages system-wide, try apt install');
    expect(run.stdout).toMatch(/\(\d+(\.\d+)? ms\)/);
  });
});

describe.runIf(havePyenv)('python3 on PATH: the pyenv shim', () => {
  it('resolves the shim to the pyenv build: not externally managed, and never an apt line', () => {
    const r = json([]);
    expect(r.python).toMatchObject({ command: 'python3', shim: 'pyenv', source: 'pyenv', externallyManaged: false });
    expect(r.python.executable).toMatch(/\/\.pyenv\/versions\/[^/]+\/bin\/python3/);
    expect(r.fixes).toEqual([]);
    expect(JSON.stringify(r)).not.toMatch(/apt-get/);
  });
  it.each(['3.6.15', '3.9.18', '3.12.1', '3.13.0'])('probes pyenv Python %s', async (version) => {
    const path = `/root/.pyenv/versions/${version}/bin/python3`;
    if (!existsSync(path)) return;
    const f = await gatherFacts(realSystem(), { python: path, version: 't' });
    expect(f.python.problem).toBeNull();
    expect(f.python.probe?.version).toBe(version);
    expect(f.python.probe?.ensurepipMain).toBe(true);
  });
  it('Python 2 is reported as too old, with its version', () => {
    const py2 = '/root/.pyenv/versions/2.7.18/bin/python';
    if (!existsSync(py2)) return;
    const r = json(['--python', py2]);
    expect(r.exitCode).toBe(1);
    expect(r.checks.find((c) => c.id === 'python')?.message).toMatch(/too old: .* is Python 2\.7\.18/);
  });
});

describe('bad input: a clear message and the right exit code, never a stack trace or a hang', () => {
  const noTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

  it.each([
    ['a missing file', () => join(work, 'nope'), /does not exist/],
    ['a directory', () => work, /is not a file/],
    [
      'a file that is not executable',
      () => {
        const f = join(work, 'not-exec');
        writeFileSync(f, '#!/bin/sh\n');
        return f;
      },
      /is not executable/,
    ],
    [
      'an interpreter that exits non-zero',
      () => script('fails', 'echo "broken install" >&2; exit 3'),
      /exited with status 3: broken install/,
    ],
    [
      'an interpreter that prints garbage',
      () => script('garbage', 'echo hello'),
      /did not answer like a Python interpreter: "hello"/,
    ],
  ])('--python naming %s: exit 1 and says why', (_what, path, message) => {
    const run = doctor(['--python', path()]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(message);
    noTrace(run.stdout + run.stderr);
  });

  it('an interpreter that hangs is stopped (with whatever it started) and reported', async () => {
    // Like a pyenv shim: a shell script whose child would keep the pipes open if only the script died.
    const hang = script('hangs', 'sleep 60 & sleep 60');
    const started = performance.now();
    const f = await gatherFacts(realSystem(), { python: hang, version: 't', probeTimeoutMs: 500 });
    expect(f.python.problem).toEqual({ kind: 'timeout', detail: `${hang} did not answer within 0.5 s` });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('a path with spaces and non-ASCII works', () => {
    const dir = join(work, 'dir with spaces', 'pythön');
    mkdirSync(dir, { recursive: true });
    symlinkSync('/usr/bin/python3', join(dir, 'python3'));
    const r = json(['--python', join(dir, 'python3')]);
    expect(r.python.resolved).toBe(join(dir, 'python3'));
    expect(r.python.version).toMatch(/^3\./);
  });

  it('no python3 on PATH at all: exit 1, says so', () => {
    const r = json([], { PATH: '/nonexistent' });
    expect(r.exitCode).toBe(1);
    expect(r.checks.find((c) => c.id === 'python')?.message).toBe(
      'No python3 interpreter: python3 was not found on PATH.',
    );
  });

  it.each([
    [['--frobnicate'], /Unknown option '--frobnicate'/],
    [['--format', 'xml'], /--format must be one of plain, json, github, junit, markdown, not "xml"/],
    [['--python'], /argument missing/],
    [['--python', ''], /--python needs a value/],
    [['one', 'two'], /one project directory at most, not 2: one two/],
    [['/nonexistent-project'], /the project directory \/nonexistent-project does not exist/],
    [['--facts', '/nonexistent/facts.json'], /cannot replay \/nonexistent\/facts.json: no such file/],
  ])('usage error %j: exit 2 with a message on stderr', (args, message) => {
    const run = doctor(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    noTrace(run.stderr);
  });

  it.each([
    ['not JSON', '{"factsVersion": 1', /it is not JSON/],
    ['another JSON', '{"hello": "world"}', /is it a venv-doctor --dump-facts file/],
    [
      'a newer version',
      '{"factsVersion": 99, "gatheredBy": "9", "host": {}, "os": {}, "python": {}, "packages": null}',
      /factsVersion is 99/,
    ],
  ])('--facts with %s: exit 2', (_what, text, message) => {
    const file = join(work, 'facts.json');
    writeFileSync(file, text);
    const run = doctor(['--facts', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe('output and replay', () => {
  it('--dump-facts then --facts replays to the same diagnosis, with no host name in the facts', () => {
    const file = join(work, 'dump.json');
    const live = json(['--python', '/usr/bin/python3', '--dump-facts', file, '--no-redact']);
    const replay = json(['--facts', file]);
    const strip = (r: Report) => ({
      ...r,
      durationMs: 0,
      factsFrom: '',
      checks: r.checks.map((c) => ({ ...c, durationMs: 0 })),
    });
    expect(strip(replay)).toEqual(strip(live));
    expect(replay.factsFrom).toBe('file');
    const dumped = spawnSync('cat', [file], { encoding: 'utf8' }).stdout;
    expect(dumped).not.toContain(spawnSync('hostname', { encoding: 'utf8' }).stdout.trim() || '\u0000');
  });
  it('without a terminal: plain lines, no colour codes, no spinners', () => {
    const run = doctor(['--python', '/usr/bin/python3']);
    expect(run.stdout).not.toContain(ESC);
    expect(run.stdout).toMatch(/^ok {6}os {18}/m);
  });
  it('an explicit --color colours even in CI; --no-color never does', () => {
    expect(doctor(['--python', '/usr/bin/python3', '--color']).stdout).toContain(`${ESC}[32mok`);
    expect(doctor(['--python', '/usr/bin/python3', '--no-color']).stdout).not.toContain(ESC);
  });
  it('--help lists every option the parser accepts', async () => {
    const { OPTIONS } = await import('../../src/settings.js');
    const help = doctor(['--help']);
    expect(help.code).toBe(0);
    for (const name of Object.keys(OPTIONS)) expect(help.stdout).toContain(`--${name}`);
  });
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(spawnSync('cat', [join(PROJECT, 'package.json')], { encoding: 'utf8' }).stdout);
    expect(doctor(['--version']).stdout.trim()).toBe(pkg.version);
  });
});

function script(name: string, body: string): string {
  const file = join(work, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}
