// A facts file (--facts FILE) may come from anyone: a support ticket, a hand edit, an attacker. It is read
// bounded (a regular file of at most 4 MiB, never a FIFO or a device that would hang the run) and validated
// in full against docs/schema/facts.v1.json, which is generated from src/types.ts. A bad field is a usage
// error (exit 2) naming the field, in every format; never a crash, never a stack trace.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACTS_MAX_BYTES, parseFactsFile } from '../../src/facts/facts-file.js';
import type { Facts } from '../../src/types.js';
import { CLI, CLI_ARGS, CLI_FILE } from '../helpers/cli.js';
import { FIXTURES, PROJECT } from '../helpers/paths.js';

const FORMATS = ['plain', 'json', 'github', 'junit', 'markdown'];
let work = '';

function doctor(args: string[], timeout = 30_000) {
  const started = performance.now();
  const r = spawnSync(CLI_FILE, [...CLI_ARGS, ...args], {
    encoding: 'utf8',
    timeout,
    env: { ...process.env, CI: 'true', VIRTUAL_ENV: undefined, GITHUB_STEP_SUMMARY: undefined },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
}

/** A usage error, said in one sentence: no stack trace, no crash message. */
function noTrace(stderr: string) {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain('could not finish');
  expect(stderr).not.toMatch(/\b(Type|Range|Syntax|Reference)?Error\b/);
}

const fixtureFiles = (['bullseye', 'bookworm', 'trixie', 'this-machine'] as const).flatMap((dir) =>
  readdirSync(join(FIXTURES, 'facts', dir))
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(FIXTURES, 'facts', dir, name)),
);
const BASE = join(FIXTURES, 'facts/bookworm/half-created.json');

const DELETE = Symbol('delete');

/** The recorded dump, with the field at `path` set to `value` (or deleted). */
function mutated(path: (string | number)[], value: unknown): string {
  const facts = JSON.parse(readFileSync(BASE, 'utf8')) as Record<string, unknown>;
  let node = facts as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (value === DELETE) delete node[last];
  else node[last] = value;
  return JSON.stringify(facts);
}

/** Wrong-typed fields at several depths, and what the message must name. */
const BAD: [string, (string | number)[], unknown, string][] = [
  ['project.required = 5', ['project', 'required'], 5, 'project.required must be string or null'],
  [
    'project.pyproject.requiresPython = {}',
    ['project', 'pyproject', 'requiresPython'],
    {},
    'project.pyproject.requiresPython must be string or null',
  ],
  ['python.probe.versionInfo = "x"', ['python', 'probe', 'versionInfo'], 'x', 'python.probe.versionInfo must be array'],
  ['packages.candidates = []', ['packages', 'candidates'], [], 'packages.candidates must be object'],
  ['host.isRoot = "yes"', ['host', 'isRoot'], 'yes', 'host.isRoot must be boolean'],
];

/** Control characters (C0, DEL, C1), which a message must never carry from the file. */
const CONTROL = /\p{Cc}/u;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('the build is missing: npm run build');
  work = mkdtempSync(join(tmpdir(), 'venv-doctor-facts-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the facts schema', () => {
  // The generator's own dependencies (glob) need Node 18.19; the runtime matrix runs the suite on 18.13 too.
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const generatorRuns = major > 18 || (major === 18 && minor >= 19);
  it.skipIf(!generatorRuns)(
    'is what scripts/schema.mjs generates from src/types.ts now (run `npm run schema` after changing a type) (needs Node 18.19 or newer for the generator)',
    () => {
      const fresh = execFileSync(process.execPath, [join(PROJECT, 'scripts/schema.mjs'), '--print'], {
        encoding: 'utf8',
        cwd: PROJECT,
      });
      expect(fresh).toBe(readFileSync(join(PROJECT, 'docs/schema/facts.v1.json'), 'utf8'));
    },
    60_000,
  );
  it('is a valid draft-07 schema that ajv compiles in strict mode (the CLI skips this check)', () => {
    const schema = JSON.parse(readFileSync(join(PROJECT, 'docs/schema/facts.v1.json'), 'utf8'));
    const ajv = new Ajv.default({ strict: true, validateSchema: true });
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });
  it('is strict: every object of a dump says which fields it may have', () => {
    const schema = JSON.parse(readFileSync(join(PROJECT, 'docs/schema/facts.v1.json'), 'utf8'));
    const definitions = Object.values(
      schema.definitions as Record<string, { type?: unknown; additionalProperties?: unknown }>,
    );
    const objects = definitions.filter((d) => d.type === 'object');
    expect(objects.length).toBeGreaterThan(8);
    for (const d of objects) expect(d.additionalProperties).toBe(false);
  });
});

describe('parseFactsFile', () => {
  it.each(fixtureFiles)('accepts the recorded dump %s', async (file) => {
    const parsed = await parseFactsFile(readFileSync(file, 'utf8'));
    expect(parsed).toHaveProperty('facts');
  });
  it.each(BAD)('%s: names the field', async (_what, path, value, message) => {
    expect(await parseFactsFile(mutated(path, value))).toEqual({ error: message });
  });
  it.each([
    ['a missing field', ['host', 'kernel'], DELETE, 'host.kernel is missing'],
    ['a nullable object of the wrong type', ['python', 'probe'], 5, 'python.probe must be object or null'],
    [
      'a value outside an enum',
      ['python', 'shim'],
      'rbenv',
      'python.shim must be one of "pyenv", "asdf", "mise", null',
    ],
    ['a field of a list item', ['python', 'others', 0, 'path'], null, 'python.others[0].path must be string'],
    [
      'a record entry, by its key',
      ['packages', 'installed', 'python3.11-venv', 'installed'],
      1,
      'packages.installed["python3.11-venv"].installed must be boolean',
    ],
    [
      'a string too long to be real',
      ['os', 'prettyName'],
      'x'.repeat(70_000),
      'os.prettyName is longer than 65536 characters',
    ],
    [
      'a field the format does not have',
      ['project', 'venv', 'extra'],
      1,
      'project.venv.extra is not a field of a facts file',
    ],
    [
      'a probe of the venv that is incomplete',
      ['project', 'venv', 'probe', 'versionInfo'],
      [3, 11],
      'project.venv.probe.versionInfo must have at least 3 items',
    ],
  ] as [string, (string | number)[], unknown, string][])('%s: names the field', async (_what, path, value, message) => {
    expect(await parseFactsFile(mutated(path, value))).toEqual({ error: message });
  });
  it('shows an unknown key without its control characters, and cut short', async () => {
    const key = `\u001b[2J\u001b]0;pwned\u0007${'k'.repeat(500)}`;
    const parsed = await parseFactsFile(mutated(['host', key], true));
    expect('error' in parsed && parsed.error).toMatch(/^host\[".*"\] is not a field of a facts file$/);
    const error = 'error' in parsed ? parsed.error : '';
    expect(error).not.toMatch(CONTROL);
    expect(error.length).toBeLessThan(200);
  });
  it('keeps the old checks: not JSON, not a dump, another factsVersion', async () => {
    expect(await parseFactsFile('{"factsVersion": 1')).toEqual({ error: 'it is not JSON' });
    expect(await parseFactsFile('[]')).toMatchObject({ error: expect.stringContaining('is it a venv-doctor') });
    expect(await parseFactsFile(mutated(['factsVersion'], 2))).toMatchObject({
      error: expect.stringContaining('its factsVersion is 2'),
    });
  });
  it('refuses text longer than the limit without parsing it', async () => {
    expect(await parseFactsFile(' '.repeat(FACTS_MAX_BYTES + 1))).toEqual({ error: 'it is larger than 4 MiB' });
  });
  it("a dump of venv-doctor 0.1 (dpkg's fields) is read as the apt facts it describes", async () => {
    const old = readFileSync(join(FIXTURES, 'facts-0.1', 'bookworm-python3-only.json'), 'utf8');
    expect(JSON.parse(old).packages).toMatchObject({ manager: 'dpkg', aptLists: 'present' });
    const parsed = (await parseFactsFile(old)) as { facts: Facts };
    expect(parsed.facts).toEqual(
      JSON.parse(readFileSync(join(FIXTURES, 'facts', 'bookworm', 'python3-only.json'), 'utf8')),
    );
    expect(parsed.facts.packages?.installed?.['python3.11-venv']).toEqual({ installed: false, version: null });
    expect(parsed.facts.packages?.installed?.python3).toEqual({ installed: true, version: '3.11.2-1+b1' });
    expect(parsed.facts.packages?.tools).toEqual({ install: true, candidates: true, addAptRepository: false });
  });
  it('a valid dump comes back as the same facts', async () => {
    const text = readFileSync(BASE, 'utf8');
    const parsed = (await parseFactsFile(text)) as { facts: Facts };
    expect(parsed.facts).toEqual(JSON.parse(text));
  });
});

describe('venv-doctor --facts FILE', () => {
  // Every format for the first bad field; the others in one format (the check comes before any format).
  it.each(BAD.map((bad, i) => [...bad, i === 0 ? FORMATS : ['json']] as const))(
    '%s: exit 2 with the field (formats %5$s), nothing on stdout, no trace',
    (what, path, value, message, formats) => {
      const file = join(work, `${what.replace(/\W+/g, '_')}.json`);
      writeFileSync(file, mutated(path, value));
      for (const format of formats) {
        const r = doctor(['--facts', file, '--format', format]);
        expect(r.code, `${format}: ${r.stderr}`).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toContain(`venv-doctor: cannot replay ${file}: ${message}`);
        noTrace(r.stderr);
      }
    },
  );

  // Hang guards, not timing targets: a read that waited would be killed at the run's 10 s, with no exit code
  // of its own; the bound only has to stay below that (a loaded CI machine took 2 s to start the CLI here).
  const WAITED = 8_000;
  it('a FIFO: refused at once (exit 2), never waits for a writer', () => {
    const fifo = join(work, 'facts.fifo');
    execFileSync('/usr/bin/mkfifo', [fifo]);
    const r = doctor(['--facts', fifo], 10_000);
    expect(r.code).toBe(2);
    expect(r.ms).toBeLessThan(WAITED);
    expect(r.stderr).toContain('it is a named pipe (FIFO), not a regular file');
    noTrace(r.stderr);
  });
  it('/dev/zero: refused at once (exit 2), never read', () => {
    const r = doctor(['--facts', '/dev/zero'], 10_000);
    expect(r.code).toBe(2);
    expect(r.ms).toBeLessThan(WAITED);
    expect(r.stderr).toContain('cannot replay /dev/zero: it is a character device, not a regular file');
  });
  it('/dev/tty: refused at once (exit 2), never waits for a keyboard', () => {
    const r = doctor(['--facts', '/dev/tty'], 10_000);
    expect(r.code).toBe(2);
    expect(r.ms).toBeLessThan(WAITED);
    expect(r.stderr).toContain('cannot replay /dev/tty: ');
    noTrace(r.stderr);
  });
  it('a directory: exit 2, says so', () => {
    const dir = join(work, 'a-directory.json');
    mkdirSync(dir);
    const r = doctor(['--facts', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('it is a directory, not a regular file');
  });
  it('a 20 MiB file: exit 2, too large, not read', () => {
    const big = join(work, 'big.json');
    writeFileSync(big, Buffer.alloc(20 * 1024 * 1024, 0x20));
    const r = doctor(['--facts', big]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('it is larger than 4 MiB (20971520 bytes)');
    noTrace(r.stderr);
  });
  // Every fixture is replayed in-process by test/scenarios; through the command, one per suite.
  const perSuite = [...new Map(fixtureFiles.map((f) => [f.split('/').at(-2), f])).values()];
  it.each(perSuite)('the recorded %s replays: exit 0 or 1, a report, nothing on stderr', (file) => {
    const r = doctor(['--facts', file, '--json']);
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.code);
    expect(JSON.parse(r.stdout)).toMatchObject({ exitCode: r.code, factsFrom: 'file' });
  });
});
