// Scenarios: recorded facts (real roots and this machine) and Ubuntu/uv facts derived from them ->
// the report, as JSON and as the text a person reads, compared with golden files reviewed by hand
// (test/fixtures/golden/). Key outcomes are also asserted outright, so a golden file is never the only check.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks.js';
import { planFixes } from '../../src/fixes/plan.js';
import { renderJson } from '../../src/render/json.js';
import { renderPlain } from '../../src/render/plain.js';
import { buildReport } from '../../src/report.js';
import { runChecks } from '../../src/run-checks.js';
import type { Facts, Report } from '../../src/types.js';
import { recordedFacts } from '../helpers/facts.js';
import { FIXTURES, PROJECT } from '../helpers/paths.js';
import { UBUNTU_RELEASES, type UbuntuRelease, ubuntuFacts, uvFacts } from './ubuntu.js';

function diagnose(facts: Facts): Report {
  const results = runChecks(CHECKS, facts, () => 0);
  return buildReport(facts, results, planFixes(facts, results), { version: 'X', factsFrom: 'file', durationMs: 0 });
}

// Every report is validated against the published schema (docs/schema/report.v1.json).
const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(PROJECT, 'docs/schema/report.v1.json'), 'utf8')),
);

async function golden(name: string, report: Report) {
  expect(validate(JSON.parse(renderJson(report))), JSON.stringify(validate.errors)).toBe(true);
  await expect(renderPlain(report, { color: false, verbose: true })).toMatchFileSnapshot(
    join(FIXTURES, 'golden', `${name}.txt`),
  );
  await expect(renderJson(report)).toMatchFileSnapshot(join(FIXTURES, 'golden', `${name}.json`));
}

const recorded = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? recorded(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
const factsDir = join(FIXTURES, 'facts');
const recordings = recorded(factsDir).map((f) => relative(factsDir, f).replace(/\.json$/, ''));

describe('recorded facts', () => {
  it('has the recordings of the three Debian suites and of this machine', () => {
    for (const suite of ['bullseye', 'bookworm', 'trixie']) {
      for (const scenario of [
        'python3-only',
        'healthy',
        'empty-lists',
        'no-python',
        'pip-only',
        'non-root-no-sudo',
        'non-root-sudo',
      ]) {
        expect(recordings).toContain(`${suite}/${scenario}`);
      }
    }
    expect(recordings).toContain('this-machine/pyenv-shim');
  });

  it.each(recordings)('%s', async (name) => {
    const report = diagnose(recordedFacts(name));
    await golden(name.replace('/', '--'), report);
    const [, scenario] = name.split('/');
    const venvFix = report.fixes.at(-1)?.argv.at(-1);
    switch (scenario) {
      case 'healthy':
      case 'pyenv-shim':
      case 'debian12-system-python':
        expect(report).toMatchObject({ ok: true, exitCode: 0, fixes: [] });
        break;
      case 'python3-only':
      case 'pip-only':
      case 'empty-lists':
        expect(report.exitCode).toBe(1);
        expect(venvFix).toBe(`python${report.python.version?.split('.').slice(0, 2).join('.')}-venv`);
        expect(report.fixes[0]?.argv[0]).toBe(scenario === 'empty-lists' ? 'apt-get' : 'apt-get');
        if (scenario === 'empty-lists') expect(report.fixes[0]?.argv).toEqual(['apt-get', 'update']);
        break;
      case 'no-python':
        expect(report.fixes.map((f) => f.argv)).toEqual([['apt-get', 'install', '-y', 'python3', 'python3-venv']]);
        break;
      case 'non-root-no-sudo':
        expect(report.fixes[0]?.argv[0]).toBe('apt-get');
        expect(report.notes[0]).toMatch(/not root and sudo is not installed/);
        break;
      case 'non-root-sudo':
        expect(report.fixes[0]?.argv[0]).toBe('sudo');
        break;
      case 'python2':
        expect(report.exitCode).toBe(1);
        break;
      case 'half-created':
        expect(report.checks.find((c) => c.id === 'project-venv')?.status).toBe('fail');
        expect(report.fixes.map((f) => f.manager)).toEqual(['apt', 'venv']);
        expect(report.fixes[1]?.argv).toEqual(['python3', '-I', '-m', 'venv', '--clear', '/root/proj/.venv']);
        break;
    }
  });
});

describe('Ubuntu (derived from the recorded Debian root and the os-release corpus)', () => {
  const releases = Object.keys(UBUNTU_RELEASES) as UbuntuRelease[];
  it.each(releases)('%s with python3 only: the versioned venv package of its own Python', async (release) => {
    const xy = UBUNTU_RELEASES[release].python.split('.').slice(0, 2).join('.');
    const report = diagnose(ubuntuFacts(release, { venvPackage: false }));
    await golden(`ubuntu-${release}--python3-only`, report);
    expect(report.os.id).toBe('ubuntu');
    expect(report.python.externallyManaged).toBe(UBUNTU_RELEASES[release].marker);
    expect(report.fixes.map((f) => f.argv)).toEqual([['apt-get', 'install', '-y', `python${xy}-venv`]]);
  });
  it.each(releases)('%s healthy: ready', async (release) => {
    const report = diagnose(ubuntuFacts(release, { venvPackage: true }));
    await golden(`ubuntu-${release}--healthy`, report);
    expect(report).toMatchObject({ ok: true, fixes: [] });
  });
  it.each(releases)(
    '%s in a container with empty lists, pip installed: update first; pip is not the fix',
    async (release) => {
      const xy = UBUNTU_RELEASES[release].python.split('.').slice(0, 2).join('.');
      const report = diagnose(ubuntuFacts(release, { venvPackage: false, systemPip: true, aptLists: 'empty' }));
      await golden(`ubuntu-${release}--empty-lists-pip`, report);
      expect(report.fixes.map((f) => f.argv)).toEqual([
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', `python${xy}-venv`],
      ]);
    },
  );
  it('24.04 without universe, as a sudo user: enable universe, update, install', async () => {
    const report = diagnose(
      ubuntuFacts('24.04', { venvPackage: false, candidate: false, universe: false, user: 'sudo-user' }),
    );
    await golden('ubuntu-24.04--no-universe-sudo', report);
    expect(report.fixes.map((f) => f.command)).toEqual([
      'sudo add-apt-repository -y universe',
      'sudo apt-get update',
      'sudo apt-get install -y python3.12-venv',
    ]);
  });
  it('24.04 with universe but still no candidate: no install line, an honest word', async () => {
    const report = diagnose(ubuntuFacts('24.04', { venvPackage: false, candidate: false, universe: true }));
    await golden('ubuntu-24.04--no-candidate', report);
    expect(report.fixes.map((f) => f.command)).toEqual(['apt-get update']);
    expect(report.advice.join(' ')).toMatch(/no install candidate for python3.12-venv/);
  });
});

describe('uv (derived)', () => {
  it('a uv Python: marked by uv, ready, and never an apt line', async () => {
    const report = diagnose(uvFacts());
    await golden('uv--healthy', report);
    expect(report.python).toMatchObject({ source: 'uv', externallyManaged: true });
    expect(report.ok).toBe(true);
    expect(report.checks.find((c) => c.id === 'externally-managed')?.details.join('\n')).toMatch(/managed by uv/);
  });
  it('a uv Python without ensurepip: uv advice, no apt', () => {
    const f = uvFacts();
    if (f.python.probe) f.python.probe.ensurepipMain = false;
    const report = diagnose(f);
    expect(report.fixes).toEqual([]);
    expect(report.advice).toEqual(['This interpreter is managed by uv; create the environment with: uv venv']);
  });
});
