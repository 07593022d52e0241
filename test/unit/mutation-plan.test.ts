// The planner, case by case: which findings plan anything, how apt's state (lists, candidates, universe, dpkg)
// decides the commands, sudo from the real uid, and the venv (re)creation after apt. Each case states the
// whole plan.
import { describe, expect, it } from 'vitest';
import { packagesToLookUp, planFixes } from '../../src/fixes/plan.js';
import type { CheckResult, Finding, Fix, Remedy, Status } from '../../src/types.js';
import { facts, missingVenvFacts, project } from '../helpers/facts.js';

function result(status: Status, ...findings: Finding[]): CheckResult {
  return { id: 'c', title: '', status, message: '', details: [], durationMs: 0, findings };
}
const fail = (remedy: Remedy): Finding => ({ severity: 'fail', message: '', remedy });
const failing = (...remedies: Remedy[]) => remedies.map((r) => result('fail', fail(r)));

const VENV_PKG: Remedy = { kind: 'package-install', packages: ['python3.11-venv'] };
const apt = (argv: string[], why: string, pkgs: string[]): Fix => ({
  manager: 'apt',
  why,
  packages: pkgs,
  needsRoot: true,
  argv,
  command: argv.join(' '),
});
const INSTALL_VENV = apt(['apt-get', 'install', '-y', 'python3.11-venv'], 'install python3.11-venv', [
  'python3.11-venv',
]);
const venvCreate = (path: string, clear = false, note?: string): Remedy => ({
  kind: 'venv-create',
  interpreter: '/usr/bin/python3.11',
  path,
  clear,
  ...(note ? { note } : {}),
});
const NO_CANDIDATE = (name: string) =>
  `apt has no install candidate for ${name} in its current package lists. After the update, run venv-doctor again: if there is still none, your apt sources do not provide it (a removed PPA, or a release that no longer has this Python).`;

describe('which findings plan anything', () => {
  it('skipped and ignored checks plan nothing, whatever their findings', () => {
    const results = [result('skip', fail(VENV_PKG)), result('ignored', fail({ kind: 'advice', text: 'a' }))];
    expect(planFixes(missingVenvFacts(), results)).toEqual({ fixes: [], optional: [], advice: [], notes: [] });
  });
  it('a warning check plans its remedy; a passing finding never does', () => {
    const warn = result('warn', { severity: 'warn', message: '', remedy: VENV_PKG });
    expect(planFixes(missingVenvFacts(), [warn]).fixes).toEqual([INSTALL_VENV]);
    const pass = result('pass', { severity: 'pass', message: '', remedy: VENV_PKG });
    expect(planFixes(missingVenvFacts(), [pass])).toEqual({ fixes: [], optional: [], advice: [], notes: [] });
  });
  it('a finding of an active check is planned next to a skipped one', () => {
    const results = [
      result('skip', fail({ kind: 'advice', text: 'skipped' })),
      ...failing({ kind: 'advice', text: 'x' }),
    ];
    expect(planFixes(facts(), results)).toEqual({ fixes: [], optional: [], advice: ['x'], notes: [] });
  });
  it('advice only: no apt at all is consulted (a machine without dpkg says nothing about apt)', () => {
    const noApt = facts({ packages: null });
    expect(planFixes(noApt, failing({ kind: 'advice', text: 'a' }, { kind: 'advice', text: 'a' }))).toEqual({
      optional: [],
      fixes: [],
      advice: ['a'],
      notes: [],
    });
  });
});

describe('package names', () => {
  it('an odd name never reaches a command; it is named (cut to 60) in advice', () => {
    const odd = `X${'y'.repeat(99)}`;
    const plan = planFixes(missingVenvFacts(), failing({ kind: 'package-install', packages: ['Bad;rm', odd, 'a'] }));
    expect(plan).toEqual({
      optional: [],
      fixes: [],
      advice: [
        'venv-doctor refused to put the odd package name "Bad;rm" into a command.',
        `venv-doctor refused to put the odd package name "${odd.slice(0, 60)}" into a command.`,
        'venv-doctor refused to put the odd package name "a" into a command.',
      ],
      notes: [],
    });
  });
  it('a name with an odd prefix is refused, a Debian name of 2 to 64 characters is accepted', () => {
    expect(
      packagesToLookUp(
        failing({ kind: 'package-install', packages: ['Xpython3', 'ab', 'a'.repeat(64), 'a'.repeat(65)] }),
      ),
    ).toEqual(['ab', 'a'.repeat(64)]);
  });
});

describe('packagesToLookUp', () => {
  it('the apt packages of findings that are not passing, deduplicated, with extra ones, valid names only', () => {
    const results = [
      result('fail', fail({ kind: 'package-install', packages: ['python3.11-venv', 'python3-pip-whl'] })),
      result('warn', {
        severity: 'warn',
        message: '',
        remedy: { kind: 'package-install', packages: ['python3.11-venv'] },
      }),
      result('pass', { severity: 'pass', message: '', remedy: { kind: 'package-install', packages: ['passing-pkg'] } }),
      result('fail', fail({ kind: 'advice', text: 'x' }), fail(venvCreate('.venv')), { severity: 'fail', message: '' }),
    ];
    expect(packagesToLookUp(results, ['python3.12-venv', 'python3-pip-whl', 'BAD'])).toEqual([
      'python3.11-venv',
      'python3-pip-whl',
      'python3.12-venv',
    ]);
    expect(packagesToLookUp(results)).toEqual(['python3.11-venv', 'python3-pip-whl']);
    expect(packagesToLookUp([])).toEqual([]);
  });
});

describe('apt', () => {
  it('no dpkg facts at all: advice that apt-get is not there, naming the packages', () => {
    const plan = planFixes(facts({ packages: null }), failing({ kind: 'package-install', packages: ['a1', 'b2'] }));
    expect(plan).toEqual({
      optional: [],
      fixes: [],
      advice: ['apt-get is not available here, so venv-doctor cannot plan the install of a1 b2.'],
      notes: [],
    });
  });
  it('dpkg but no apt-get: the same advice', () => {
    const f = missingVenvFacts({ packages: { tools: { install: false } } });
    expect(planFixes(f, failing(VENV_PKG)).advice).toEqual([
      'apt-get is not available here, so venv-doctor cannot plan the install of python3.11-venv.',
    ]);
  });
  it('dpkg was not asked (null): every wanted package is installed', () => {
    const f = missingVenvFacts({ packages: { installed: null } });
    expect(planFixes(f, failing(VENV_PKG)).fixes).toEqual([INSTALL_VENV]);
  });
  it('an installed package is not installed again, unless the remedy says reinstall', () => {
    expect(planFixes(facts(), failing(VENV_PKG))).toEqual({ fixes: [], optional: [], advice: [], notes: [] });
    const plan = planFixes(facts(), failing({ ...VENV_PKG, reinstall: true }));
    expect(plan.fixes).toEqual([
      apt(['apt-get', 'install', '-y', '--reinstall', 'python3.11-venv'], 'install python3.11-venv', [
        'python3.11-venv',
      ]),
    ]);
  });
  it('empty package lists: update first, then install', () => {
    const f = missingVenvFacts({ packages: { lists: 'empty' } });
    expect(planFixes(f, failing(VENV_PKG))).toEqual({
      optional: [],
      fixes: [
        apt(['apt-get', 'update'], "download apt's package lists (they are empty, as in fresh container images)", []),
        INSTALL_VENV,
      ],
      advice: [],
      notes: [],
    });
  });
  it('apt-cache not asked: the install, with a note that it is unverified', () => {
    const f = missingVenvFacts({ packages: { candidates: { 'python3.11-venv': '1' } } });
    const plan = planFixes(f, failing({ kind: 'package-install', packages: ['python3.11-venv', 'python3-pip-whl'] }));
    expect(plan.notes).toEqual([
      'apt-cache could not be asked, so venv-doctor could not confirm that apt can install python3-pip-whl.',
    ]);
    const unasked = missingVenvFacts();
    if (unasked.packages) unasked.packages.candidates = {};
    const two = planFixes(
      unasked,
      failing({ kind: 'package-install', packages: ['python3.11-venv', 'python3-pip-whl'] }),
    );
    expect(two.notes).toEqual([
      'apt-cache could not be asked, so venv-doctor could not confirm that apt can install python3.11-venv, python3-pip-whl.',
    ]);
  });
  it('no candidate (Debian): refresh the lists, no install line, and advice', () => {
    const f = missingVenvFacts({ packages: { candidates: { 'python3.11-venv': null } } });
    expect(planFixes(f, failing(VENV_PKG))).toEqual({
      optional: [],
      fixes: [apt(['apt-get', 'update'], 'refresh the package lists', [])],
      advice: [NO_CANDIDATE('python3.11-venv')],
      notes: [],
    });
  });
  it('no candidate in lists refreshed within the hour: no second update (the fix of the round before), advice', () => {
    const fresh = (age: number | null) =>
      missingVenvFacts({ packages: { candidates: { 'python3.11-venv': null }, listsAgeSeconds: age } });
    expect(planFixes(fresh(600), failing(VENV_PKG))).toEqual({
      optional: [],
      fixes: [],
      advice: [
        'apt has no install candidate for python3.11-venv, and its package lists are fresh (downloaded 10 min ago): your apt sources do not provide it (a removed PPA, or a release that no longer has this Python).',
      ],
      notes: [],
    });
    expect(planFixes(fresh(3599), failing(VENV_PKG)).fixes).toEqual([]);
    // An hour or older, or unknown: refresh them.
    expect(planFixes(fresh(3600), failing(VENV_PKG)).fixes.map((f) => f.command)).toEqual(['apt-get update']);
    expect(planFixes(fresh(null), failing(VENV_PKG)).fixes.map((f) => f.command)).toEqual(['apt-get update']);
  });
  it('no candidate for two: both named, "them"', () => {
    const f = missingVenvFacts({ packages: { candidates: { 'python3.11-venv': null, 'python3-pip-whl': null } } });
    const plan = planFixes(f, failing({ kind: 'package-install', packages: ['python3.11-venv', 'python3-pip-whl'] }));
    expect(plan.advice).toEqual([
      'apt has no install candidate for python3.11-venv, python3-pip-whl in its current package lists. After the update, run venv-doctor again: if there is still none, your apt sources do not provide them (a removed PPA, or a release that no longer has this Python).',
    ]);
  });

  const ubuntu = (addAptRepository: boolean, candidates: Record<string, string | null>) =>
    missingVenvFacts({
      os: { id: 'ubuntu', idLike: ['debian'], versionId: '24.04', codename: 'noble' },
      packages: { candidates, universe: false, tools: { addAptRepository } },
    });
  it('Ubuntu without universe and without add-apt-repository: advice only, "is" for one', () => {
    expect(planFixes(ubuntu(false, { 'python3.11-venv': null }), failing(VENV_PKG))).toEqual({
      optional: [],
      fixes: [],
      advice: [
        `python3.11-venv is in Ubuntu's universe component, which is not enabled: add "universe" to the Components of your apt sources (/etc/apt/sources.list.d/ubuntu.sources), then run venv-doctor again.`,
      ],
      notes: [],
    });
  });
  it('Ubuntu without universe: "are" for two', () => {
    const plan = planFixes(
      ubuntu(false, { 'python3.11-venv': null, 'python3-pip-whl': null }),
      failing({ kind: 'package-install', packages: ['python3.11-venv', 'python3-pip-whl'] }),
    );
    expect(plan.advice[0]).toMatch(/^python3\.11-venv, python3-pip-whl are in Ubuntu's universe component/);
  });
  it('Ubuntu without universe, two packages, with add-apt-repository: both named in the note', () => {
    const plan = planFixes(
      ubuntu(true, { 'python3.11-venv': null, 'python3-pip-whl': null }),
      failing({ kind: 'package-install', packages: ['python3.11-venv', 'python3-pip-whl'] }),
    );
    expect(plan.notes).toEqual([
      'python3.11-venv, python3-pip-whl had no install candidate because universe is not enabled.',
    ]);
  });
  it('Ubuntu without universe, with add-apt-repository: enable it, update, install', () => {
    expect(planFixes(ubuntu(true, { 'python3.11-venv': null }), failing(VENV_PKG))).toEqual({
      optional: [],
      fixes: [
        apt(['add-apt-repository', '-y', 'universe'], "enable Ubuntu's universe component", []),
        apt(['apt-get', 'update'], 'download the package lists of universe', []),
        INSTALL_VENV,
      ],
      advice: [],
      notes: ['python3.11-venv had no install candidate because universe is not enabled.'],
    });
  });
  it('a derivative of Ubuntu counts as Ubuntu', () => {
    const f = missingVenvFacts({
      os: { id: 'linuxmint', idLike: ['ubuntu', 'debian'] },
      packages: { candidates: { 'python3.11-venv': null }, universe: false, tools: { addAptRepository: true } },
    });
    expect(planFixes(f, failing(VENV_PKG)).fixes.map((x) => x.command)).toEqual([
      'add-apt-repository -y universe',
      'apt-get update',
      'apt-get install -y python3.11-venv',
    ]);
  });
});

describe('sudo and root', () => {
  it('not root, no sudo, one apt command: "the apt command"', () => {
    const plan = planFixes(missingVenvFacts({ host: { isRoot: false, sudo: null } }), failing(VENV_PKG));
    expect(plan.notes).toEqual([
      'You are not root and sudo is not installed: run the apt command as root (for example in `su -`).',
    ]);
  });
  it('not root, no sudo, two apt commands: "the apt commands"', () => {
    const f = missingVenvFacts({ host: { isRoot: false, sudo: null }, packages: { lists: 'empty' } });
    expect(planFixes(f, failing(VENV_PKG)).notes).toEqual([
      'You are not root and sudo is not installed: run the apt commands as root (for example in `su -`).',
    ]);
  });
  it('not root, no sudo, only the venv to create (no root needed): no such note', () => {
    const f = facts({ host: { isRoot: false, sudo: null }, project: project() });
    expect(planFixes(f, failing(venvCreate('.venv'))).notes).toEqual([]);
  });
  it('not root with sudo: sudo before each apt command, never before the venv', () => {
    const f = missingVenvFacts({ host: { isRoot: false, sudo: '/usr/bin/sudo' }, project: project() });
    const plan = planFixes(f, failing(VENV_PKG, venvCreate('.venv')));
    expect(plan.fixes.map((x) => x.command)).toEqual([
      'sudo apt-get install -y python3.11-venv',
      '/usr/bin/python3.11 -I -m venv .venv',
    ]);
    expect(plan.notes).toEqual([]);
  });
});

describe('the venv (re)creation', () => {
  it('alone: created as the user, -I, its full target in the why', () => {
    const f = facts({ project: project({ cwd: '/srv/app' }) });
    expect(planFixes(f, failing(venvCreate('.venv')))).toEqual({
      optional: [],
      fixes: [
        {
          manager: 'venv',
          why: 'creates the venv /srv/app/.venv',
          packages: [],
          needsRoot: false,
          argv: ['/usr/bin/python3.11', '-I', '-m', 'venv', '.venv'],
          command: '/usr/bin/python3.11 -I -m venv .venv',
        },
      ],
      advice: [],
      notes: [],
    });
  });
  it('the target is resolved from where the user stands; without project facts, from /', () => {
    const f = facts({ project: project({ dir: '/srv/app', cwd: '/srv' }) });
    expect(planFixes(f, failing(venvCreate('app/.venv'))).fixes[0]?.why).toBe('creates the venv /srv/app/.venv');
    expect(planFixes(facts(), failing(venvCreate('.venv'))).fixes[0]?.why).toBe('creates the venv /.venv');
  });
  it('two checks want it: one command; --clear when either wants it, with its note', () => {
    const f = facts({ project: project() });
    const plan = planFixes(f, failing(venvCreate('.venv', false), venvCreate('.venv', true, 'It empties .venv.')));
    expect(plan).toEqual({
      optional: [],
      fixes: [
        {
          manager: 'venv',
          why: 'empties and recreates the venv /srv/app/.venv',
          packages: [],
          needsRoot: false,
          argv: ['/usr/bin/python3.11', '-I', '-m', 'venv', '--clear', '.venv'],
          command: '/usr/bin/python3.11 -I -m venv --clear .venv',
        },
      ],
      advice: [],
      notes: [],
    });
  });
  it('the note of a --clear is only said when the venv is cleared', () => {
    const f = facts({ project: project() });
    expect(planFixes(f, failing(venvCreate('.venv', false, 'It empties .venv.'))).notes).toEqual([]);
    expect(planFixes(f, failing(venvCreate('.venv', true, 'It empties .venv.'))).notes).toEqual(['It empties .venv.']);
    expect(planFixes(f, failing(venvCreate('.venv', true))).notes).toEqual([]);
  });
  it('after the apt install that it needs', () => {
    const f = missingVenvFacts({ project: project() });
    expect(planFixes(f, failing(VENV_PKG, venvCreate('.venv'))).fixes.map((x) => x.command)).toEqual([
      'apt-get install -y python3.11-venv',
      '/usr/bin/python3.11 -I -m venv .venv',
    ]);
  });
  it('after enabling universe, updating and installing', () => {
    const f = missingVenvFacts({
      os: { id: 'ubuntu', idLike: ['debian'] },
      packages: { candidates: { 'python3.11-venv': null }, universe: false, tools: { addAptRepository: true } },
      project: project(),
    });
    expect(planFixes(f, failing(VENV_PKG, venvCreate('.venv'))).fixes.map((x) => x.command)).toEqual([
      'add-apt-repository -y universe',
      'apt-get update',
      'apt-get install -y python3.11-venv',
      '/usr/bin/python3.11 -I -m venv .venv',
    ]);
  });
  it('not when apt cannot be planned to install what it needs: the venv would fail again', () => {
    const noCandidate = missingVenvFacts({ packages: { candidates: { 'python3.11-venv': null } }, project: project() });
    expect(planFixes(noCandidate, failing(VENV_PKG, venvCreate('.venv'))).fixes.map((x) => x.command)).toEqual([
      'apt-get update',
    ]);
    const noAptGet = facts({ packages: null, project: project() });
    expect(planFixes(noAptGet, failing(VENV_PKG, venvCreate('.venv'))).fixes).toEqual([]);
  });
});

describe('optional fixes (python3-pip)', () => {
  const pipRemedy: Remedy = { kind: 'package-install', packages: ['python3-pip'], optional: true };
  const passing = (): CheckResult[] => [
    {
      id: 'pip',
      title: 'pip',
      status: 'pass',
      message: 'm',
      details: [],
      durationMs: 0,
      findings: [{ severity: 'pass', message: 'm', remedy: pipRemedy }],
    },
  ];
  it('a passing finding may carry one: planned apart, marked optional, never among the fixes', () => {
    const plan = planFixes(missingVenvFacts(), passing());
    expect(plan.fixes).toEqual([]);
    expect(plan.optional).toEqual([
      {
        manager: 'apt',
        why: 'install python3-pip',
        packages: ['python3-pip'],
        needsRoot: true,
        argv: ['apt-get', 'install', '-y', 'python3-pip'],
        command: 'apt-get install -y python3-pip',
        optional: true,
      },
    ]);
  });
  it('none where apt cannot run it as it is: installed, no candidate, empty lists, no apt-get', () => {
    const installed = missingVenvFacts({
      packages: { installed: { 'python3-pip': { installed: true, version: '1' } } },
    });
    expect(planFixes(installed, passing()).optional).toEqual([]);
    const noCandidate = missingVenvFacts({ packages: { candidates: { 'python3-pip': null } } });
    expect(planFixes(noCandidate, passing()).optional).toEqual([]);
    expect(planFixes(missingVenvFacts({ packages: { lists: 'empty' } }), passing()).optional).toEqual([]);
    expect(planFixes(missingVenvFacts({ packages: { tools: { install: false } } }), passing()).optional).toEqual([]);
  });
  it('on Ubuntu only when universe is known to be on (python3-pip is in universe)', () => {
    const ubuntu = (universe: boolean | null) =>
      missingVenvFacts({ os: { id: 'ubuntu', idLike: ['debian'] }, packages: { universe } });
    expect(planFixes(ubuntu(null), passing()).optional).toEqual([]);
    expect(planFixes(ubuntu(false), passing()).optional).toEqual([]);
    expect(planFixes(ubuntu(true), passing()).optional.map((f) => f.command)).toEqual([
      'apt-get install -y python3-pip',
    ]);
  });
});

describe('a project without a venv', () => {
  const make: Remedy = { kind: 'venv-create', interpreter: 'python3', path: '.venv', clear: false };
  const noVenvYet: CheckResult = {
    id: 'project-venv',
    title: 't',
    status: 'pass',
    message: 'm',
    details: [],
    durationMs: 0,
    findings: [{ severity: 'pass', message: 'm', remedy: make }],
  };
  const aptFix: CheckResult = {
    ...noVenvYet,
    id: 'ensurepip',
    status: 'fail',
    findings: [{ severity: 'fail', message: 'm', remedy: { kind: 'package-install', packages: ['python3.11-venv'] } }],
  };
  it('alone, plans nothing: no venv is not a problem', () => {
    expect(planFixes(missingVenvFacts(), [noVenvYet]).fixes).toEqual([]);
  });
  it('gets its venv at the end of a plan that repairs the machine, so that the fixes end with a venv', () => {
    const plan = planFixes(missingVenvFacts({ project: project() }), [aptFix, noVenvYet]);
    expect(plan.fixes.map((f) => f.argv)).toEqual([
      ['apt-get', 'install', '-y', 'python3.11-venv'],
      ['python3', '-I', '-m', 'venv', '.venv'],
    ]);
  });
});
