// Unit tests of what the checks share: derived facts, remedies, skip reasons, running the checks, and the
// exit code. Written from the domain (../shared/domain/python-packaging-facts.md §0) and docs/checks/.
import { describe, expect, it } from 'vitest';
import {
  ensurepipWheels,
  NO_PYVENV_CFG,
  needsOtherVersions,
  projectRequirement,
  pythonSource,
  recreateVenv,
  reinstallHint,
  satisfiesRequirement,
  satisfyingMinors,
  satisfyingOther,
  venvPathForUser,
  venvVersion,
  venvWillWork,
} from '../../src/judge/derived.js';
import { installPython, noPackageFixYet, repairInterpreter, systemName } from '../../src/judge/remedies.js';
import { runChecks, worstSeverity } from '../../src/judge/run-checks.js';
import { PROJECT_MARKERS, projectSkipReason, venvSkipReason } from '../../src/judge/skip-reasons.js';
import { buildReport, exitCodeOf } from '../../src/report.js';
import { apt, isUbuntuFamily } from '../../src/systems/apt.js';
import { systemFor } from '../../src/systems/index.js';
import type { Check, CheckResult, Facts, OsFacts, Probe } from '../../src/types.js';
import { facts, healthyProbe, healthyVenv, packages, project } from '../helpers/facts.js';

const os = (id: string | null, idLike: string[] = []): OsFacts => ({ ...facts().os, id, idLike });
const req = (spec: string) => ({ spec, source: 'test', problem: null });

describe('the distribution family', () => {
  it.each([
    ['debian', [], true, false],
    ['ubuntu', [], true, true],
    ['linuxmint', ['ubuntu', 'debian'], true, true],
    ['pop', ['ubuntu', 'debian'], true, true],
    ['raspbian', ['debian'], true, false],
    ['fedora', [], false, false],
    ['rocky', ['rhel', 'centos', 'fedora'], false, false],
    [null, [], false, false],
  ] as const)('%s (like %j): Debian family %s, Ubuntu family %s', (id, like, debian, ubuntu) => {
    expect(systemFor(os(id, [...like]))?.id === 'apt').toBe(debian);
    expect(isUbuntuFamily(os(id, [...like]))).toBe(ubuntu);
  });
});

describe("apt's venv package", () => {
  const venvPackage = (probe: Probe) => apt.restoreVenv(facts(), probe)?.packages;
  it('pythonX.Y-venv from the interpreter version', () => {
    expect(venvPackage(healthyProbe())).toEqual(['python3.11-venv']);
    expect(venvPackage(healthyProbe({ versionInfo: [3, 13, 1] }))).toEqual(['python3.13-venv']);
  });
  it('no name for a version that makes no Debian package name', () => {
    expect(venvPackage(healthyProbe({ versionInfo: [4, 0, 0] }))).toEqual([]);
    expect(venvPackage(healthyProbe({ versionInfo: [3, 100, 0] }))).toEqual([]);
  });
});

describe('ensurepipWheels and venvWillWork', () => {
  const pip = 'pip-23.0.1-py3-none-any.whl';
  const setuptools = 'setuptools-66.1.1-py3-none-any.whl';
  it('WHEEL_PKG_DIR first, when complete', () => {
    expect(ensurepipWheels(healthyProbe())).toEqual({ usable: true, from: 'wheel-dir' });
  });
  it('falls back to _bundled when WHEEL_PKG_DIR lacks setuptools (<= 3.11)', () => {
    const probe = healthyProbe({ wheelDirFiles: [pip], bundledFiles: [pip, setuptools] });
    expect(ensurepipWheels(probe)).toEqual({ usable: true, from: 'bundled' });
  });
  it('nothing usable', () => {
    expect(ensurepipWheels(healthyProbe({ wheelDirFiles: [pip], bundledFiles: [] }))).toEqual({
      usable: false,
      from: null,
    });
  });
  it('a WHEEL_PKG_DIR that does not exist is not read', () => {
    expect(ensurepipWheels(healthyProbe({ wheelDir: null, bundledFiles: [] }))).toEqual({ usable: false, from: null });
  });
  it('3.12+ installs pip alone; so does a future major version', () => {
    expect(ensurepipWheels(healthyProbe({ versionInfo: [3, 12, 0], wheelDirFiles: [pip] })).usable).toBe(true);
    expect(ensurepipWheels(healthyProbe({ versionInfo: [4, 0, 0], wheelDirFiles: [pip] })).usable).toBe(true);
  });
  it('a venv works only with the venv module, ensurepip and the wheels', () => {
    expect(venvWillWork(healthyProbe())).toBe(true);
    expect(venvWillWork(healthyProbe({ venvModule: false }))).toBe(false);
    expect(venvWillWork(healthyProbe({ ensurepipMain: false }))).toBe(false);
    expect(venvWillWork(healthyProbe({ wheelDirFiles: [] }))).toBe(false);
  });
});

describe('pythonSource', () => {
  const source = (probe: Partial<Probe>, patch: Parameters<typeof facts>[0] = {}) =>
    pythonSource(facts({ ...patch, python: { owner: null, ...patch.python, probe: healthyProbe(probe) } }));
  it.each([
    ['a dpkg-owned interpreter', {}, { python: { owner: { package: 'python3.11-minimal', version: null } } }, 'distro'],
    ['uv by its path', { basePrefix: '/home/u/.local/share/uv/python/cpython-3.12.4' }, {}, 'uv'],
    [
      'uv by its marker',
      {
        basePrefix: '/opt/py',
        marker: { path: '/opt/py/lib/EXTERNALLY-MANAGED', present: true, text: 'This Python is managed by uv.' },
      },
      {},
      'uv',
    ],
    ['conda', { basePrefix: '/opt/conda', condaMeta: true }, {}, 'conda'],
    ['pyenv', { basePrefix: '/root/.pyenv/versions/3.12.1' }, {}, 'pyenv'],
    ['pyenv with PYENV_ROOT=/opt/pyenv', { basePrefix: '/opt/pyenv/versions/3.12.1' }, {}, 'pyenv'],
    ['pyenv-win', { basePrefix: 'C:\\Users\\u\\.pyenv\\pyenv-win\\versions\\3.12.1' }, {}, 'pyenv'],
    [
      'Homebrew on Apple silicon',
      { basePrefix: '/opt/homebrew/opt/python@3.12/Frameworks/Python.framework/Versions/3.12' },
      {},
      'homebrew',
    ],
    [
      'Homebrew on Intel, by the executable in the Cellar',
      {
        basePrefix: '/usr/local/opt/python@3.12',
        realExecutable: '/usr/local/Cellar/python@3.12/3.12.1/bin/python3.12',
      },
      {},
      'homebrew',
    ],
    ['Linuxbrew', { basePrefix: '/home/linuxbrew/.linuxbrew/opt/python@3.12' }, {}, 'homebrew'],
    ['a directory that is merely named opt/homebrew', { basePrefix: '/srv/opt/homebrew/py' }, {}, 'other'],
    [
      'the Command Line Tools',
      { basePrefix: '/Library/Developer/CommandLineTools/Library/Frameworks/Python3.framework/Versions/3.9' },
      {},
      'xcode',
    ],
    [
      'Xcode',
      { basePrefix: '/Applications/Xcode.app/Contents/Developer/Library/Frameworks/Python3.framework/Versions/3.9' },
      {},
      'xcode',
    ],
    [
      'the python.org installer',
      { basePrefix: '/Library/Frameworks/Python.framework/Versions/3.12' },
      {},
      'python.org',
    ],
    ['a Fedora /usr interpreter (no dpkg to ask)', { basePrefix: '/usr' }, { packages: null }, 'distro'],
    ['an interpreter at / without dpkg', { basePrefix: '/' }, { packages: null }, 'distro'],
    ['a /usr interpreter dpkg does not know', { basePrefix: '/usr' }, {}, 'other'],
    ['the python: Docker image (/usr/local)', { basePrefix: '/usr/local' }, { packages: null }, 'other'],
    ['a /usr interpreter on macOS', { basePrefix: '/usr', platform: 'darwin' }, { packages: null }, 'other'],
  ] as const)('%s', (_case, probe, patch, expected) => {
    expect(source(probe as Partial<Probe>, patch as Parameters<typeof facts>[0])).toBe(expected);
  });
  it('no interpreter, no source', () => {
    expect(pythonSource(facts({ python: { probe: null } }))).toBeNull();
  });
});

describe("apt's wheel packages", () => {
  const wheels = (f: Facts) =>
    apt.restoreWheels(f, f.python.probe ?? healthyProbe()) ?? { packages: [], reinstall: false };
  it('reinstalled when dpkg has one of them installed, installed when not', () => {
    const f = (installed: Record<string, { installed: boolean; version: string }> | null) =>
      facts({ packages: packages({ installed }) });
    expect(wheels(f({ 'python3-pip-whl': { installed: true, version: '1' } }))).toEqual({
      packages: ['python3-pip-whl', 'python3-setuptools-whl'],
      reinstall: true,
    });
    expect(wheels(f({ 'python3-pip-whl': { installed: false, version: '1' } })).reinstall).toBe(false);
    expect(wheels(f(null)).reinstall).toBe(false);
    expect(wheels(facts({ packages: null })).reinstall).toBe(false);
  });
  it('the pip wheel package: python-pip-whl up to Python 3.9 (Debian 11, Ubuntu 20.04), python3-pip-whl after', () => {
    const at = (
      versionInfo: [number, number, number],
      installed: Record<string, { installed: boolean; version: null }> | null = {},
    ) => wheels(facts({ python: { probe: { versionInfo } }, packages: packages({ installed }) })).packages[0];
    expect(at([3, 8, 10])).toBe('python-pip-whl');
    expect(at([3, 9, 2])).toBe('python-pip-whl');
    expect(at([3, 10, 12])).toBe('python3-pip-whl');
    expect(at([3, 11, 2], null)).toBe('python3-pip-whl');
    expect(at([3, 11, 2], { 'python-pip-whl': { installed: true, version: null } })).toBe('python-pip-whl');
    expect(
      at([3, 11, 2], {
        'python-pip-whl': { installed: false, version: null },
        'python3-pip-whl': { installed: true, version: null },
      }),
    ).toBe('python3-pip-whl');
    expect(at([3, 12, 3])).toBe('python3-pip-whl');
    expect(wheels(facts({ python: { probe: healthyProbe({ versionInfo: [3, 12, 1] }) } })).packages).toEqual([
      'python3-pip-whl',
    ]);
  });
});

describe('projectRequirement', () => {
  const of = (patch: Parameters<typeof project>[0]) => projectRequirement(facts({ project: project(patch) }));
  it('none without a project, or without a statement', () => {
    expect(projectRequirement(facts())).toBeNull();
    expect(of({})).toBeNull();
    expect(of({ pyproject: null })).toBeNull();
  });
  it('--require, then requires-python, then .python-version', () => {
    expect(of({ required: '>=3.12', pyproject: { requiresPython: '>=3.10' }, pythonVersionFile: '3.11' })).toEqual({
      spec: '>=3.12',
      source: '--require',
      problem: null,
    });
    expect(of({ pyproject: { requiresPython: '>=3.10', line: 7 }, pythonVersionFile: '3.11' })).toEqual({
      spec: '>=3.10',
      source: 'requires-python in pyproject.toml',
      problem: null,
      where: { file: 'pyproject.toml', line: 7 },
    });
    expect(of({ pythonVersionFile: '3.11' })).toEqual({
      spec: '==3.11.*',
      source: '.python-version',
      problem: null,
      where: { file: '.python-version' },
    });
    expect(of({ pythonVersionFile: '3.12.10' })).toEqual({
      spec: '==3.12.10',
      source: '.python-version',
      problem: null,
      where: { file: '.python-version' },
    });
  });
  it('names in .python-version that are not versions say nothing comparable', () => {
    expect(of({ pythonVersionFile: 'system' })).toBeNull();
    expect(of({ pythonVersionFile: 'pypy3.10-7.3.12' })).toBeNull();
    expect(of({ pythonVersionFile: '3.12.1/envs/tools' })).toBeNull();
    expect(of({ pythonVersionFile: 'miniconda3-3.12' })).toBeNull();
  });
  it('an invalid specifier carries its problem', () => {
    expect(of({ pyproject: { requiresPython: '>= three' } })).toEqual({
      spec: '>= three',
      source: 'requires-python in pyproject.toml',
      problem: 'requires-python in pyproject.toml ">= three" is not a valid PEP 440 version specifier',
      where: { file: 'pyproject.toml' },
    });
  });
});

describe('versions against a requirement', () => {
  it('PEP 440, not semver', () => {
    expect(satisfiesRequirement('3.11.2', req('~=3.11'))).toBe(true);
    expect(satisfiesRequirement('3.12.0', req('!=3.12.0'))).toBe(false);
    expect(satisfiesRequirement('3.12.5', req('>=3.10,<3.13'))).toBe(true);
    expect(satisfiesRequirement('3.13.0', req('>=3.10,<3.13'))).toBe(false);
  });
  it('nothing meets an unusable requirement, and a version that is not one meets nothing', () => {
    expect(satisfiesRequirement('3.11.2', { spec: '>=3', source: 's', problem: 'bad' })).toBe(false);
    expect(satisfiesRequirement('three', req('>=3'))).toBe(false);
  });
  it('the released minors that can meet it, newest first', () => {
    expect(satisfyingMinors(req('>=3.8'))).toEqual(['3.15', '3.14', '3.13', '3.12', '3.11', '3.10', '3.9', '3.8']);
    expect(satisfyingMinors(req('>=3.10,<3.12'))).toEqual(['3.11', '3.10']);
    expect(satisfyingMinors(req('==3.12.1'))).toEqual(['3.12']);
    expect(satisfyingMinors(req('<3.8'))).toEqual([]);
  });
  it('asks for other versions only when the interpreter misses a usable requirement', () => {
    const withReq = (requiresPython: string) =>
      facts({ project: project({ pyproject: { requiresPython, problem: null } }) });
    expect(needsOtherVersions(withReq('>=3.12'))).toBe(true);
    expect(needsOtherVersions(withReq('>=3.10'))).toBe(false);
    expect(needsOtherVersions(withReq('3.x'))).toBe(false);
    expect(needsOtherVersions(facts({ project: project() }))).toBe(false);
    const noProbe = withReq('>=3.12');
    noProbe.python.probe = null;
    expect(needsOtherVersions(noProbe)).toBe(false);
  });
  it('another interpreter on PATH: the last listed that meets it, never the selected one itself', () => {
    const f = facts({
      python: {
        others: [
          { name: 'python3.12', path: '/usr/bin/python3.12', version: '3.12.3' },
          { name: 'python3.13', path: '/usr/local/bin/python3.13', version: '3.13.1' },
          { name: 'python3.14', path: '/usr/local/bin/python3.14', version: null },
          { name: 'python3.10', path: '/usr/bin/python3.10', version: '3.10.12' },
        ],
      },
    });
    expect(satisfyingOther(f, req('>=3.12'))?.name).toBe('python3.13');
    expect(satisfyingOther(f, req('>=3.15'))).toBeNull();
    const self = facts({
      python: { others: [{ name: 'python3.11', path: '/usr/bin/python3.11', version: '3.11.2' }] },
    });
    expect(satisfyingOther(self, req('>=3.11'))).toBeNull();
    const noProbe = facts({
      python: { probe: null, others: [{ name: 'python3.12', path: '/usr/bin/python3.12', version: '3.12.3' }] },
    });
    expect(satisfyingOther(noProbe, req('>=3.12'))?.name).toBe('python3.12');
  });
});

describe('recreateVenv', () => {
  const withVenv = (patch: Parameters<typeof healthyVenv>[0] = {}, p: Parameters<typeof project>[0] = {}) =>
    facts({ project: project({ venv: healthyVenv(patch), ...p }) });
  it('nothing without a project or an interpreter', () => {
    expect(recreateVenv(facts(), true)).toBeNull();
    const f = withVenv();
    f.python.probe = null;
    expect(recreateVenv(f, true)).toBeNull();
  });
  it('a venv to create (no --clear, no note) or to recreate (--clear, with how to reinstall)', () => {
    expect(recreateVenv(facts({ project: project() }), false)).toEqual({
      kind: 'venv-create',
      interpreter: 'python3',
      path: '.venv',
      clear: false,
      note: undefined,
    });
    expect(recreateVenv(withVenv(), true)).toEqual({
      kind: 'venv-create',
      interpreter: 'python3',
      path: '.venv',
      clear: true,
      note: '--clear empties .venv: reinstall the project with .venv/bin/python -m pip install -e .',
    });
  });
  it('with no venv name searched (never gathered so), .venv', () => {
    expect(recreateVenv(facts({ project: project({ venvSearched: [] }) }), false)).toMatchObject({ path: '.venv' });
  });
  it('as root in a project of another user, creating without --clear', () => {
    expect(recreateVenv(facts({ project: project({ owner: { uid: 1000 } }) }), false)).toEqual({
      kind: 'advice',
      text: "/srv/app belongs to uid 1000, and you are root: a venv made now would be root's. Create it as that user: sudo -u '#1000' python3 -I -m venv .venv",
    });
  });
  it('a venv directory reached through a link is never emptied through it', () => {
    expect(recreateVenv(withVenv({ link: 'build/venv', realPath: '/srv/app/build/venv' }), true)).toEqual({
      kind: 'advice',
      text: '.venv is a symbolic link to build/venv, and venv-doctor never empties or replaces a venv through a link. Remove the link (this deletes only the link, not what it points to): rm .venv; then create the venv: python3 -I -m venv .venv',
    });
  });
  it('a directory without pyvenv.cfg is left alone only when it would be emptied', () => {
    const dir = { cfg: null, cfgProblem: NO_PYVENV_CFG, interpreter: null, probe: null };
    expect(recreateVenv(withVenv(dir), false)).toMatchObject({ kind: 'venv-create', clear: false });
    expect(recreateVenv(withVenv({ ...dir, cfgProblem: 'pyvenv.cfg has no home' }), true)).toMatchObject({
      kind: 'venv-create',
      clear: true,
    });
  });
  it('paths and commands from the machine reach a command only when they are plain', () => {
    // A name like an option is made a path ("./-rf"), never passed bare.
    expect(recreateVenv(withVenv({ name: '-rf' }), true)).toMatchObject({ kind: 'venv-create', path: './-rf' });
    expect(recreateVenv(withVenv({ name: '.ve\nnv' }), true)).toBeNull();
    expect(recreateVenv(withVenv({ name: '.venv\u001b' }), true)).toBeNull();
    expect(recreateVenv(facts({ project: project(), python: { command: '-python3' } }), false)).toBeNull();
    expect(recreateVenv(facts({ project: project(), python: { command: 'py\tthon3' } }), false)).toBeNull();
    expect(recreateVenv(facts({ project: project(), python: { command: 'python3\u007f' } }), false)).toBeNull();
    expect(recreateVenv(withVenv({ name: 'my venv-1' }), false)).toMatchObject({
      kind: 'venv-create',
      path: 'my venv-1',
    });
    expect(recreateVenv(facts({ project: project(), python: { command: 'python3-dbg' } }), false)).toMatchObject({
      interpreter: 'python3-dbg',
    });
  });
  it('the interpreter that meets the requirement: the selected one, else another on PATH by name', () => {
    const p = project({ pyproject: { requiresPython: '>=3.13' } });
    expect(recreateVenv(facts({ project: p }), false)).toBeNull();
    const other = facts({
      project: p,
      python: { others: [{ name: 'python3.13', path: '/usr/local/bin/python3.13', version: '3.13.1' }] },
    });
    expect(recreateVenv(other, false)).toMatchObject({ kind: 'venv-create', interpreter: 'python3.13' });
  });
});

describe('the venv as the user names it', () => {
  it('venvVersion: what the interpreter said, else pyvenv.cfg when it was not run', () => {
    expect(venvVersion(healthyVenv())).toBe('3.11.2');
    const notRun = (version: string | null) =>
      venvVersion(healthyVenv({ probe: null, notRun: 'inside the project', cfg: { version } }));
    expect(notRun('3.12.1')).toBe('3.12.1');
    expect(notRun('3.12')).toBe('3.12');
    expect(notRun('3.12.10')).toBe('3.12.10');
    expect(notRun('v3.12')).toBeNull();
    expect(notRun('3.12.1rc1')).toBeNull();
    expect(notRun(null)).toBeNull();
    expect(venvVersion(healthyVenv({ probe: null, cfg: null, notRun: 'inside the project' }))).toBeNull();
    expect(venvVersion(healthyVenv({ probe: null, notRun: null }))).toBeNull();
  });
  it('venvPathForUser: relative to where the doctor ran', () => {
    expect(venvPathForUser(facts())).toBe('.venv');
    expect(venvPathForUser(facts({ project: project() }))).toBe('.venv');
    expect(venvPathForUser(facts({ project: project({ venvSearched: ['venv'] }) }))).toBe('venv');
    expect(venvPathForUser(facts({ project: project({ venvSearched: [] }) }))).toBe('.venv');
    expect(venvPathForUser(facts({ project: project({ cwd: '/', venv: healthyVenv({ name: 'env' }) }) }))).toBe(
      '/srv/app/env',
    );
    expect(venvPathForUser(facts({ project: project({ cwd: '/', venvSearched: ['/opt/venvs/app'] }) }))).toBe(
      '/opt/venvs/app',
    );
  });
  it('reinstallHint without a project says packages must be installed again', () => {
    expect(reinstallHint(facts(), 'env')).toBe(
      '--clear empties env: packages that were installed in it must be installed again.',
    );
  });
});

describe('remedies', () => {
  // What each family's own manager installs Python with (src/systems/, docs/systems/), as root.
  it.each([
    ['fedora', [], '41', 'rpm and dnf', 'them both', 'dnf install -y python3'],
    ['rhel', ['fedora'], '9.4', 'rpm and dnf', 'them both', 'dnf install -y python3'],
    ['centos', ['rhel', 'fedora'], '9', 'rpm and dnf', 'them both', 'dnf install -y python3'],
    ['rocky', ['rhel', 'centos', 'fedora'], '8.10', 'rpm and dnf', 'them both', 'dnf install -y python3'],
    ['amzn', ['fedora'], '2023', 'rpm and dnf', 'them both', 'dnf install -y python3'],
    ['alpine', [], '3.21.3', 'apk', 'it', 'apk add python3'],
    ['arch', [], null, 'pacman', 'it', 'pacman -S --needed --noconfirm python'],
    [
      'opensuse-leap',
      ['suse', 'opensuse'],
      '15.6',
      'rpm and zypper',
      'them both',
      'zypper --non-interactive install python3',
    ],
    [
      'opensuse-tumbleweed',
      ['opensuse', 'suse'],
      '20250101',
      'rpm and zypper',
      'them both',
      'zypper --non-interactive install python3',
    ],
  ] as const)(
    'no python3, and no package manager found, on %s: what its own installs Python with',
    (id, idLike, versionId, tools, them, usual) => {
      const f = facts({
        os: { id, idLike: [...idLike], versionId },
        packages: null,
        python: { probe: null, owner: null },
      });
      expect(installPython(f)).toEqual({
        kind: 'advice',
        text: `venv-doctor cannot plan a package fix here: it looks for ${tools} in the system directories, and did not find ${them}. On ${id}, Python comes with: ${usual}`,
      });
    },
  );
  it('not root: with sudo, or doas where there is no sudo', () => {
    const os = { id: 'alpine', idLike: [], versionId: '3.21.3' };
    const text = (host: Parameters<typeof facts>[0]) =>
      (installPython(facts({ ...host, os, packages: null, python: { probe: null, owner: null } })) as { text: string })
        .text;
    expect(text({ host: { isRoot: false, sudo: '/usr/bin/sudo' } })).toMatch(/: sudo apk add python3$/);
    expect(text({ host: { isRoot: false, sudo: null, doas: '/usr/bin/doas' } })).toMatch(/: doas apk add python3$/);
    expect(text({ host: { isRoot: false, sudo: null } })).toMatch(/: apk add python3$/);
  });
  it.each([
    ['rhel', [], '7.9', 'sudo yum install python3'],
    ['centos', ['rhel', 'fedora'], '7', 'sudo yum install python3'],
    ['amzn', [], '2', 'sudo yum install python3'],
  ] as const)(
    'no python3 on %s %s (no package system of venv-doctor): the usual way to get it',
    (id, idLike, versionId, usual) => {
      const f = facts({
        os: { id, idLike: [...idLike], versionId },
        packages: null,
        python: { probe: null, owner: null },
      });
      expect(installPython(f)).toEqual({
        kind: 'advice',
        text: `venv-doctor has no verified package-manager fix for ${id} yet. The usual way to get Python there: ${usual}`,
      });
    },
  );
  it('an unknown system gets the plain statement', () => {
    const f = facts({ os: { id: 'gentoo', idLike: [] }, packages: null });
    expect(noPackageFixYet(f)).toEqual({
      kind: 'advice',
      text: 'venv-doctor has no verified package-manager fix for gentoo yet.',
    });
    expect(systemName(facts({ os: { id: null } }))).toBe('this system');
    expect(noPackageFixYet(f, ' Try the distribution docs.')).toEqual({
      kind: 'advice',
      text: 'venv-doctor has no verified package-manager fix for gentoo yet. Try the distribution docs.',
    });
  });
  it('installPython: apt only for python3 or python3.X on Debian with dpkg', () => {
    expect(installPython(facts())).toEqual({ kind: 'package-install', packages: ['python3', 'python3-venv'] });
    // Without dpkg-query nothing can be verified: advice, not an install line.
    expect(installPython(facts({ packages: null })).kind).toBe('advice');
    // python3-venv pulls the default python3's venv, not python3.12's: python3.12 gets its own.
    expect(installPython(facts({ python: { command: 'python3.12' } }))).toEqual({
      kind: 'package-install',
      packages: ['python3.12', 'python3.12-venv'],
    });
    expect(installPython(facts({ python: { command: 'python3.12x' } })).kind).toBe('advice');
    expect(installPython(facts({ os: { id: 'fedora', idLike: [] } })).kind).toBe('advice');
  });
  it('repairInterpreter without an interpreter: no package fix', () => {
    const f = facts({ os: { id: 'gentoo', idLike: [] }, packages: null, python: { probe: null, owner: null } });
    expect(repairInterpreter(f, 'venv')).toEqual({
      kind: 'advice',
      text: 'venv-doctor has no verified package-manager fix for gentoo yet.',
    });
  });
  it("repairInterpreter for Fedora's own python3 without rpm to ask: which package, not a command", () => {
    const f = facts({ os: { id: 'fedora', idLike: [], versionId: '41' }, packages: null, python: { owner: null } });
    expect(repairInterpreter(f, 'venv')).toEqual({
      kind: 'advice',
      text: 'rpm is not available here, so venv-doctor cannot check or plan an install (the package that carries it is python3.11-libs).',
    });
  });
  it("repairInterpreter for Fedora's own python3: dnf reinstalls python3-libs", () => {
    const f = facts({
      os: { id: 'fedora', idLike: [], versionId: '41' },
      packages: packages({
        manager: 'dnf',
        installed: { 'python3-libs': { installed: true, version: '3.13.1-1.fc41' } },
      }),
      python: { owner: null, probe: healthyProbe({ versionInfo: [3, 13, 1] }) },
    });
    expect(repairInterpreter(f, 'venv')).toEqual({
      kind: 'package-install',
      packages: ['python3-libs'],
      reinstall: true,
    });
  });
  it('repairInterpreter for a python.org or self-built interpreter: reinstall it the way it was installed', () => {
    const f = facts({
      python: { owner: null, probe: { basePrefix: '/usr/local', realExecutable: '/usr/local/bin/python3.11' } },
    });
    expect(repairInterpreter(f, 'venv')).toEqual({
      kind: 'advice',
      text: '/usr/local/bin/python3.11 was not installed by a package manager venv-doctor knows; reinstall it the way it was installed, or use another interpreter with --python.',
    });
  });
  it('repairInterpreter for a Debian distro interpreter: the packages through apt', () => {
    expect(repairInterpreter(facts(), 'venv')).toEqual({
      kind: 'package-install',
      packages: ['python3.11-venv'],
    });
  });
  it('repairInterpreter for uv, conda and Homebrew', () => {
    const uv = facts({ python: { owner: null, probe: { basePrefix: '/home/u/.local/share/uv/python/cpython-3.12' } } });
    expect(repairInterpreter(uv, 'venv')).toEqual({
      kind: 'advice',
      text: 'This interpreter is managed by uv; create the environment with: uv venv',
    });
    const conda = facts({ python: { owner: null, probe: { condaMeta: true } } });
    expect(repairInterpreter(conda, 'venv')).toEqual({
      kind: 'advice',
      text: 'This interpreter belongs to conda; use a conda environment (conda create -n NAME python) or reinstall python in it.',
    });
    const brew = facts({ python: { owner: null, probe: { basePrefix: '/opt/homebrew/opt/python@3.11' } } });
    expect(repairInterpreter(brew, 'venv')).toEqual({
      kind: 'advice',
      text: "This interpreter is Homebrew's; reinstall it: brew reinstall python@3.11",
    });
  });
});

describe('skip reasons', () => {
  it('the project markers are the files docs/checks/project-venv.md lists', () => {
    expect(PROJECT_MARKERS).toEqual([
      'pyproject.toml',
      'requirements.txt',
      'setup.py',
      'setup.cfg',
      'Pipfile',
      'poetry.lock',
      'uv.lock',
      '.python-version',
      'pdm.lock',
      'hatch.toml',
      'environment.yml',
      'environment.yaml',
    ]);
  });
  it('a project is a directory with a marker file or a venv', () => {
    expect(projectSkipReason(facts({ project: project() }))).toBeNull();
    expect(projectSkipReason(facts({ project: project({ markers: [], venv: healthyVenv() }) }))).toBeNull();
    expect(projectSkipReason(facts({ project: project({ markers: [] }) }))).toBe(
      '/srv/app is not a Python project (none of pyproject.toml, requirements.txt, setup.py, setup.cfg, Pipfile ...) and has no venv',
    );
    expect(projectSkipReason(facts())).toBe('no project directory was examined');
  });
  it('the venv checks need a venv directory', () => {
    expect(venvSkipReason(facts({ project: project({ venv: healthyVenv() }) }))).toBeNull();
    expect(venvSkipReason(facts({ project: project({ venvSearched: ['envs/dev'] }) }))).toBe(
      'there is no venv (looked for envs/dev)',
    );
    expect(venvSkipReason(facts({ project: project({ venv: healthyVenv({ kind: 'dangling-link' }) }) }))).toBe(
      '.venv is not a directory (see project-venv)',
    );
    expect(venvSkipReason(facts())).toBe('no project directory was examined');
  });
});

describe('runChecks', () => {
  const check = (run: Check['run'], id = 'c'): Check => ({ id, title: id.toUpperCase(), description: '', run });
  it('the status is the worst severity, whatever the order', () => {
    expect(worstSeverity([])).toBe('pass');
    expect(
      worstSeverity([
        { severity: 'fail', message: 'a' },
        { severity: 'pass', message: 'b' },
      ]),
    ).toBe('fail');
    expect(
      worstSeverity([
        { severity: 'warn', message: 'a' },
        { severity: 'pass', message: 'b' },
      ]),
    ).toBe('warn');
    expect(
      worstSeverity([
        { severity: 'pass', message: 'a' },
        { severity: 'fail', message: 'b' },
        { severity: 'warn', message: 'c' },
      ]),
    ).toBe('fail');
  });
  it('the first finding of the worst severity is the headline; the others, with their details, follow', () => {
    const [r] = runChecks(
      [
        check(() => [
          { severity: 'pass', message: 'p', details: ['p1'] },
          { severity: 'fail', message: 'f1', details: ['d1'] },
          { severity: 'fail', message: 'f2' },
        ]),
      ],
      facts(),
      () => 0,
    );
    expect(r).toMatchObject({ status: 'fail', message: 'f1', details: ['p', 'p1', 'd1', 'f2'] });
  });
  it('a check that returns no finding is a bug in venv-doctor', () => {
    const [r] = runChecks([check(() => [])], facts(), () => 0);
    expect(r).toEqual({
      id: 'c',
      title: 'C',
      status: 'crash',
      message: 'The check returned no finding (a bug in venv-doctor).',
      details: [],
      durationMs: 0,
      findings: [],
    });
  });
  it('a crash keeps no findings; a thrown non-Error is named too', () => {
    const [r] = runChecks(
      [
        check(() => {
          throw 'not an Error';
        }),
      ],
      facts(),
      () => 0,
    );
    expect(r).toEqual({
      id: 'c',
      title: 'C',
      status: 'crash',
      message: 'The check crashed: not an Error. This is a bug in venv-doctor; the other checks still ran.',
      details: [],
      durationMs: 0,
      findings: [],
    });
  });
  it('checks not to run (--only, --skip) are skipped with the reason, and not run', () => {
    let ran = false;
    const spy = check(() => {
      ran = true;
      return [{ severity: 'pass', message: 'x' }];
    });
    const [r] = runChecks([spy], facts(), () => 0, { notRun: new Map([['c', 'not in --only']]) });
    expect(ran).toBe(false);
    expect(r).toEqual({
      id: 'c',
      title: 'C',
      status: 'skip',
      message: 'Not run (not in --only).',
      details: [],
      durationMs: 0,
      findings: [],
    });
  });
  it('ignored checks still run and show their result; skipped ones stay skipped', () => {
    const failing = check(() => [{ severity: 'fail', message: 'Broken.', details: ['why'] }], 'a');
    const skipped: Check = { ...check(() => [], 'b'), skipIf: () => 'nothing to look at' };
    const other = check(() => [{ severity: 'fail', message: 'Also broken.' }], 'c');
    const results = runChecks([failing, skipped, other], facts(), () => 0, {
      ignore: { a: 'known on CI', b: 'whatever' },
    });
    expect(results[0]).toMatchObject({
      status: 'ignored',
      message: 'Ignored (known on CI): Broken.',
      details: ['why'],
      findings: [{ severity: 'fail', message: 'Broken.', details: ['why'] }],
    });
    expect(results[1]).toMatchObject({ status: 'skip', message: 'Skipped: nothing to look at.' });
    expect(results[2]).toMatchObject({ status: 'fail', message: 'Also broken.' });
  });
  it('the duration is rounded to hundredths of a millisecond', () => {
    const times = [10, 11.23456];
    const [r] = runChecks([check(() => [{ severity: 'pass', message: 'x' }])], facts(), () => times.shift() ?? 0);
    expect(r?.durationMs).toBe(1.23);
  });
});

describe('exit code and report', () => {
  const result = (status: CheckResult['status']): CheckResult => ({
    id: status,
    title: status,
    status,
    message: '',
    details: [],
    durationMs: 0,
    findings: [],
  });
  it('warnings fail only with --strict; ignored and skipped checks never do', () => {
    expect(exitCodeOf([result('pass'), result('warn')])).toBe(0);
    expect(exitCodeOf([result('pass'), result('warn')], true)).toBe(1);
    expect(exitCodeOf([result('pass'), result('skip'), result('ignored')], true)).toBe(0);
    expect(exitCodeOf([result('fail')])).toBe(1);
    expect(exitCodeOf([result('warn'), result('crash')], true)).toBe(1);
    expect(exitCodeOf([result('warn'), result('crash')])).toBe(3);
  });
  it('the report: strict warnings make it not ok', () => {
    const f: Facts = facts({ project: project({ pyproject: { requiresPython: '>=3.10' }, venv: healthyVenv() }) });
    const report = buildReport(
      f,
      [result('warn')],
      { fixes: [], optional: [], advice: [], notes: [] },
      {
        version: '1.2.3',
        factsFrom: 'file',
        durationMs: 12.6,
        strict: true,
        warnings: ['unknown key x'],
      },
    );
    expect(report).toMatchObject({
      ok: false,
      exitCode: 1,
      strict: true,
      warnings: ['unknown key x'],
      durationMs: 13,
      tool: { name: 'venv-doctor', version: '1.2.3' },
      project: { dir: '/srv/app', venv: '/srv/app/.venv', requirement: '>=3.10' },
      python: { source: 'distro', externallyManaged: true, inVenv: false, version: '3.11.2' },
    });
  });
});
