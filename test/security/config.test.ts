// [tool.venv-doctor] lives in the project's pyproject.toml, and a project may come from anyone. Its unknown
// names are reported once, capped and printable, whatever their number; its venv must be a directory inside
// the project.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig, venvPathProblem } from '../../src/config.js';
import { CHECKS } from '../../src/judge/registry.js';
import { quoted as printable } from '../../src/neutralize.js';
import type { Report } from '../../src/types.js';
import { CLI, CLI_ARGS, CLI_FILE } from '../helpers/cli.js';

const PY = '/usr/bin/python3';
const IDS = CHECKS.map((c) => c.id);
const SOURCE = 'pyproject.toml [tool.venv-doctor]';
let work = '';

function doctor(args: string[]) {
  const r = spawnSync(CLI_FILE, [...CLI_ARGS, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, CI: 'true', VIRTUAL_ENV: undefined, GITHUB_STEP_SUMMARY: undefined },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A project whose pyproject.toml has this [tool.venv-doctor] table. */
function project(name: string, table: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pyproject.toml'), `[project]\nname = "demo"\n\n[tool.venv-doctor]\n${table}\n`);
  return dir;
}

/** Control characters (C0, DEL, C1) and bidirectional overrides, which a message must never carry. */
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
const occurrences = (text: string, word: string) => text.split(word).length - 1;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('the build is missing: npm run build');
  work = mkdtempSync(join(tmpdir(), 'venv-doctor-config-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('unknown names: one warning, capped, printable', () => {
  // A million names: seconds on a loaded machine or an older Node, whatever the cap does.
  it('a million unknown check ids (with repeats) give one warning of a few hundred characters', {
    timeout: 60_000,
  }, () => {
    const ids = Array.from({ length: 1_000_000 }, (_, i) => `nope-${i % 500_000}`);
    const read = readConfig({ ignore: ids }, SOURCE, IDS);
    if ('error' in read) throw new Error(read.error);
    expect(read.warnings).toHaveLength(1);
    const [warning] = read.warnings as [string];
    expect(warning.length).toBeLessThan(1024);
    expect(warning).toContain('ignore names no checks "nope-0", "nope-1", "nope-2"');
    expect(warning).toContain('and 499990 more; the checks are: os, python');
    expect(occurrences(warning, '"nope-0"')).toBe(1);
  });
  it('one unknown id, named twice: the message of a single name, once', () => {
    const read = readConfig({ ignore: ['gitignore', 'frob', 'frob'] }, SOURCE, IDS);
    expect(read).toEqual({
      config: { source: SOURCE, ignore: { gitignore: `ignored in ${SOURCE}` } },
      warnings: [`${SOURCE}: ignore names no check "frob"; the checks are: ${IDS.join(', ')}`],
    });
  });
  it('many unknown keys: one warning naming ten', () => {
    const table = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`key${i}`, 1]));
    const read = readConfig(table, SOURCE, IDS);
    if ('error' in read) throw new Error(read.error);
    expect(read.warnings).toEqual([
      `${SOURCE}: unknown keys "key0", "key1", "key2", "key3", "key4", "key5", "key6", "key7", "key8", "key9" and 99990 more (ignored); the valid keys are: require, venv, strict, ignore`,
    ]);
  });
  it('two unknown keys: both named', () => {
    const read = readConfig({ a: 1, b: 2 }, SOURCE, IDS);
    expect('warnings' in read && read.warnings).toEqual([
      `${SOURCE}: unknown keys "a" and "b" (ignored); the valid keys are: require, venv, strict, ignore`,
    ]);
  });
  it('names are cut to 64 characters and control characters are shown escaped', () => {
    const hostile = `\u001b]0;owned\u0007\u001b[2J\u202e${'x'.repeat(10_000)}`;
    const read = readConfig({ [hostile]: 1, ignore: [hostile] }, SOURCE, IDS);
    if ('error' in read) throw new Error(read.error);
    expect(read.warnings).toHaveLength(2);
    for (const warning of read.warnings) {
      expect(warning).not.toMatch(UNSAFE);
      expect(warning).toContain(`"\\x1b]0;owned\\x07\\x1b[2J\\u202e${'x'.repeat(64 - 15)}..."`);
      expect(warning.length).toBeLessThan(400);
    }
  });
  it('an ignore reason is shown cut short, on one line', () => {
    const read = readConfig({ ignore: { gitignore: `line one\nline two\u001b[31m${'r'.repeat(5000)}` } }, SOURCE, IDS);
    if ('error' in read) throw new Error(read.error);
    const reason = read.config.ignore.gitignore ?? '';
    expect(reason.startsWith('line one\\nline two\\x1b[31mrrr')).toBe(true);
    // 200 characters kept, two of them shown as escapes (\\n: 2, \\x1b: 4), then "...".
    expect(reason).toHaveLength(207);
  });
  it('printable keeps ordinary text, including non-ASCII, as it is', () => {
    expect(printable('pythön-3.12 ✓')).toBe('pythön-3.12 ✓');
    expect(printable('😀'.repeat(70))).toBe(`${'😀'.repeat(64)}...`);
  });
  it('a require value with control characters is refused', () => {
    expect(readConfig({ require: '>=3.9\u001b[2J' }, SOURCE, IDS)).toEqual({
      error: `${SOURCE}: require ">=3.9\\x1b[2J" is not a version specifier`,
    });
  });
});

describe('venvPathProblem: the venv is a directory inside the project', () => {
  const outside = (v: string) =>
    `venv "${v}" is outside the project; venv-doctor only looks at a venv inside the project`;
  it.each([
    ['/usr', outside('/usr')],
    ['/tmp/x', outside('/tmp/x')],
    ['../victim', outside('../victim')],
    ['a/../../x', outside('a/../../x')],
    ['./..', outside('./..')],
    ['\\\\server\\share', outside('\\\\server\\share')],
    ['C:\\venv', outside('C:\\venv')],
    ['.', `venv "." is the project directory itself; name the venv's directory inside the project, such as .venv`],
    ['./', `venv "./" is the project directory itself; name the venv's directory inside the project, such as .venv`],
    [
      'a/..',
      `venv "a/.." is the project directory itself; name the venv's directory inside the project, such as .venv`,
    ],
    ['', `venv is empty; name the venv's directory inside the project, such as .venv`],
    ['a/../b', `venv "a/../b" goes through ".."; name the venv's directory inside the project as b`],
    ['.venv\n', 'venv ".venv\\n" contains control characters'],
    ['.ve\u0000nv', 'venv ".ve\\x00nv" contains control characters'],
    ['x'.repeat(2000), `venv "${'x'.repeat(64)}..." is longer than 1024 characters`],
  ])('%j is refused', (value, message) => {
    expect(venvPathProblem(value)).toBe(message);
  });
  it.each(['.venv', 'venv', 'sub/.venv', './.venv', '.venv/', 'envs/py3.12', 'vénv'])('%j is accepted', (value) => {
    expect(venvPathProblem(value)).toBeNull();
  });
  it('names the flag it checks', () => {
    expect(venvPathProblem('/usr', '--venv')).toMatch(/^--venv "\/usr" is outside the project/);
  });
  it('readConfig refuses such a venv with the source', () => {
    expect(readConfig({ venv: '/usr' }, SOURCE, IDS)).toEqual({ error: `${SOURCE}: ${outside('/usr')}` });
  });
});

describe('venv-doctor on a project with a hostile [tool.venv-doctor]', () => {
  it('0.95 MB of unknown ids: not parsed (more than the 64 KiB venv-doctor parses at once), and said so', () => {
    const ids = Array.from({ length: 38_000 }, (_, i) => `"no-such-check-${String(i).padStart(6, '0')}"`);
    const dir = project('many-ids-too-large', `ignore = [${ids.join(', ')}]`);
    const json = doctor(['--json', '--python', PY, dir]);
    expect(json.stderr).toBe('');
    const report = JSON.parse(json.stdout) as Report;
    expect(report.warnings).toEqual([
      'pyproject.toml is too large: its top level, [project] and the [tool] tables venv-doctor reads hold more than 64 KiB: not read, so [tool.venv-doctor] was not read.',
    ]);
    expect(json.stdout).not.toContain('no-such-check-000000');
  });
  it('60 KB of unknown ids: the warnings stay under 2 KB, each id named at most once', () => {
    const ids = Array.from({ length: 2_400 }, (_, i) => `"no-such-check-${String(i).padStart(6, '0')}"`);
    const dir = project('many-ids', `ignore = [${ids.join(', ')}]`);
    const json = doctor(['--json', '--python', PY, dir]);
    expect(json.stderr).toBe('');
    const report = JSON.parse(json.stdout) as Report;
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings.join('\n').length).toBeLessThan(2048);
    expect(report.warnings[0]).toContain('and 2390 more');
    const plain = doctor(['--python', PY, dir]);
    expect(plain.stdout.length).toBeLessThan(16_384);
    for (const out of [json.stdout, plain.stdout]) {
      expect(occurrences(out, 'no-such-check-000000')).toBe(1);
      expect(occurrences(out, 'no-such-check-000010')).toBe(0);
    }
  });
  it.each([
    ['/usr', 'is outside the project'],
    ['../victim', 'is outside the project'],
    ['.', 'is the project directory itself'],
    ['a/../../x', 'is outside the project'],
    ['/tmp/x', 'is outside the project'],
  ])('venv = %j: exit 2 with the message', (value, says) => {
    const dir = project(`venv-${value.replace(/\W+/g, '_')}`, `venv = ${JSON.stringify(value)}`);
    for (const format of ['plain', 'json']) {
      const r = doctor(['--python', PY, '--format', format, dir]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`venv-doctor: ${SOURCE}: venv "${value}" ${says}`);
    }
  });
  it('venv = "sub/.venv" is accepted: the report names it', () => {
    const dir = project('venv-sub', 'venv = "sub/.venv"');
    const r = doctor(['--json', '--python', PY, dir]);
    expect([0, 1]).toContain(r.code);
    const report = JSON.parse(r.stdout) as Report;
    expect(JSON.stringify(report.checks)).toContain('sub/.venv');
  });
});
