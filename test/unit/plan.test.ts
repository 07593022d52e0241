// The planner: every remedy merged into the fewest commands, sudo from the real uid, never an install
// line for a package apt has no candidate for.
import { describe, expect, it } from 'vitest';
import { planFixes, shellQuote } from '../../src/fixes/plan.js';
import type { CheckResult, Facts, Remedy } from '../../src/types.js';
import { facts, missingVenvFacts, packages } from '../helpers/facts.js';

function failing(...remedies: Remedy[]): CheckResult[] {
  return remedies.map((remedy, i) => ({
    id: `c${i}`,
    title: '',
    status: 'fail',
    message: '',
    details: [],
    durationMs: 0,
    findings: [{ severity: 'fail', message: '', remedy }],
  }));
}

const venv: Remedy = { kind: 'package-install', packages: ['python3.11-venv'] };
const argvs = (f: Facts, ...r: Remedy[]) => planFixes(f, failing(...r)).fixes.map((x) => x.argv);

describe('planFixes', () => {
  it('one apt-get install with every package, merged and de-duplicated', () => {
    const f = missingVenvFacts({ packages: { candidates: { 'python3-pip-whl': '23.0.1+dfsg-1' } } });
    expect(argvs(f, venv, { kind: 'package-install', packages: ['python3-pip-whl', 'python3.11-venv'] })).toEqual([
      ['apt-get', 'install', '-y', 'python3.11-venv', 'python3-pip-whl'],
    ]);
  });
  it('says when the install could not be checked against apt (apt-cache failed or is missing)', () => {
    const f = missingVenvFacts();
    if (f.packages) f.packages.candidates = {};
    const plan = planFixes(f, failing(venv));
    expect(plan.fixes.map((x) => x.command)).toEqual(['apt-get install -y python3.11-venv']);
    expect(plan.notes).toEqual([
      'apt-cache could not be asked, so venv-doctor could not confirm that apt can install python3.11-venv.',
    ]);
  });
  it('no sudo as root', () => {
    expect(planFixes(missingVenvFacts(), failing(venv)).fixes[0]?.command).toBe('apt-get install -y python3.11-venv');
  });
  it('sudo when not root and sudo exists', () => {
    const f = missingVenvFacts({ host: { isRoot: false, sudo: '/usr/bin/sudo' } });
    expect(planFixes(f, failing(venv)).fixes[0]?.command).toBe('sudo apt-get install -y python3.11-venv');
  });
  it('not root and no sudo: the command without sudo, and a clear line to run it as root', () => {
    const plan = planFixes(missingVenvFacts({ host: { isRoot: false, sudo: null } }), failing(venv));
    expect(plan.fixes[0]?.argv).toEqual(['apt-get', 'install', '-y', 'python3.11-venv']);
    expect(plan.fixes[0]?.needsRoot).toBe(true);
    expect(plan.notes).toEqual([
      'You are not root and sudo is not installed: run the apt command as root (for example in `su -`).',
    ]);
  });
  it('apt-get update first when the lists are empty', () => {
    const f = missingVenvFacts({ packages: { lists: 'empty', candidates: { 'python3.11-venv': null } } });
    expect(argvs(f, venv)).toEqual([
      ['apt-get', 'update'],
      ['apt-get', 'install', '-y', 'python3.11-venv'],
    ]);
  });
  it('no candidate on Debian: never an install line; update the lists, then run the doctor again', () => {
    const f = missingVenvFacts({ packages: { candidates: { 'python3.11-venv': null } } });
    const plan = planFixes(f, failing(venv));
    expect(plan.fixes.map((x) => x.argv)).toEqual([['apt-get', 'update']]);
    expect(plan.advice.join(' ')).toMatch(/no install candidate for python3.11-venv.*run venv-doctor again/);
  });
  it('no candidate on Ubuntu without universe: enable universe, update, install', () => {
    const f = missingVenvFacts({
      os: { id: 'ubuntu', idLike: ['debian'] },
      host: { isRoot: false, sudo: '/usr/bin/sudo' },
      packages: packages({
        installed: {},
        candidates: { 'python3.12-venv': null },
        universe: false,
        tools: { addAptRepository: true },
      }),
    });
    expect(argvs(f, { kind: 'package-install', packages: ['python3.12-venv'] })).toEqual([
      ['sudo', 'add-apt-repository', '-y', 'universe'],
      ['sudo', 'apt-get', 'update'],
      ['sudo', 'apt-get', 'install', '-y', 'python3.12-venv'],
    ]);
  });
  it('Ubuntu without universe and without add-apt-repository: advice, no command', () => {
    const f = missingVenvFacts({
      os: { id: 'ubuntu', idLike: ['debian'] },
      packages: packages({ installed: {}, candidates: { 'python3.12-venv': null }, universe: false }),
    });
    const plan = planFixes(f, failing({ kind: 'package-install', packages: ['python3.12-venv'] }));
    expect(plan.fixes).toEqual([]);
    expect(plan.advice.join(' ')).toMatch(/universe component, which is not enabled/);
  });
  it('leaves out packages dpkg already has, unless reinstalling', () => {
    const f = facts({ packages: { installed: { 'python3-pip-whl': { installed: true, version: '1' } } } });
    expect(argvs(f, { kind: 'package-install', packages: ['python3-pip-whl'] })).toEqual([]);
    expect(argvs(f, { kind: 'package-install', packages: ['python3-pip-whl'], reinstall: true })).toEqual([
      ['apt-get', 'install', '-y', '--reinstall', 'python3-pip-whl'],
    ]);
  });
  it('refuses a package name that is not one', () => {
    const plan = planFixes(
      missingVenvFacts(),
      failing({ kind: 'package-install', packages: ['python3.11-venv; rm -rf /'] }),
    );
    expect(plan.fixes).toEqual([]);
    expect(plan.advice[0]).toMatch(/refused to put the odd package name/);
  });
  it('without apt-get, says it cannot plan the install', () => {
    const plan = planFixes(missingVenvFacts({ packages: { tools: { install: false } } }), failing(venv));
    expect(plan.fixes).toEqual([]);
    expect(plan.advice[0]).toMatch(/apt-get is not available/);
  });
  it('passes advice through, once', () => {
    const advice: Remedy = { kind: 'advice', text: 'use uv venv' };
    expect(planFixes(facts(), failing(advice, advice)).advice).toEqual(['use uv venv']);
  });
  it('ignores remedies of passing findings', () => {
    const results = failing(venv).map((r) => ({
      ...r,
      status: 'pass' as const,
      findings: [{ severity: 'pass' as const, message: '', remedy: venv }],
    }));
    expect(planFixes(missingVenvFacts(), results).fixes).toEqual([]);
  });
});

describe('shellQuote', () => {
  it('leaves plain words bare and quotes the rest', () => {
    expect(shellQuote(['apt-get', 'install', '-y', 'python3.11-venv'])).toBe('apt-get install -y python3.11-venv');
    expect(shellQuote(['echo', "it's a dir with spaces"])).toBe(`echo 'it'\\''s a dir with spaces'`);
  });
});
