// Composed facts of the systems venv-doctor has no roots of (Fedora, RHEL and its rebuilds, Amazon Linux,
// Alpine, Arch, openSUSE, SLES, the Docker python: image): no such root can be built on this project's
// machines (Debian's archive carries rpm, dnf, pacman and zypper, not their distributions' repositories).
// Each is a real os-release file of the corpus (test/fixtures/corpus/os-release/chef-os_release, Apache-2.0)
// with the interpreter laid out as that system's packaging lays it out, from its packaging source as
// gathered in the project's shared material (domain/other-systems.md; the [key] of each layout names its
// source there). Every field that differs from a healthy Debian 12 is set here, visibly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOsRelease } from '../../src/facts/os-release.js';
import type { Facts, PackageManagerId, PackageState, Probe } from '../../src/types.js';
import { facts, healthyProbe, packages, project } from '../helpers/facts.js';
import { CORPUS, TEXTS } from '../helpers/paths.js';

const text = (name: string) => readFileSync(join(TEXTS, name), 'utf8');
const ALPINE_MARKER = text('alpine_aports-6c2a300f_python3_EXTERNALLY-MANAGED.txt');
const OPENSUSE_MARKER = text('opensuse_python311_externally_managed.in_TEMPLATE.txt')
  .replaceAll('__PYTHONPREFIX__', 'python313')
  .replaceAll('__PYTHON__', 'python3.13');
/** Arch's marker, byte for byte from the PKGBUILD's EXTERNALLY-MANAGED [H1] (domain/other-systems.md §3.1). */
const ARCH_MARKER = `[externally-managed]
Error=To install Python packages system-wide, try 'pacman -S
 python-xyz', where xyz is the package you are trying to
 install.

 If you wish to install a non-Arch-packaged Python package,
 create a virtual environment using 'python -m venv path/to/venv'.
 Then use path/to/venv/bin/python and path/to/venv/bin/pip.

 If you wish to install a non-Arch packaged Python application,
 it may be easiest to use 'pipx install xyz', which will manage a
 virtual environment for you. Make sure you have python-pipx
 installed via pacman.

`;

interface Layout {
  /** The corpus file. */
  osRelease: string;
  manager: PackageManagerId;
  version: string;
  /** Where the distribution puts the stdlib: /usr/lib64 on Fedora, RHEL and openSUSE (64-bit). */
  lib: '/usr/lib' | '/usr/lib64';
  /** WHEEL_PKG_DIR (or the patched ensurepip's directory) and its wheels; null: the bundled wheels. */
  wheelDir: string | null;
  wheels: string[];
  marker: string | null;
  /** What the package database holds of python packages when all is well. */
  installed: Record<string, string>;
  /** The package index (apt lists, apk's APKINDEX, pacman's sync dbs) where the system has one. */
  lists: 'present' | 'empty' | 'unknown';
}

const PIP = 'pip-24.2-py3-none-any.whl';

const LEAP_15: Layout = {
  osRelease: 'opensuseleap_15',
  manager: 'zypper',
  version: '3.6.15',
  lib: '/usr/lib64',
  wheelDir: null,
  wheels: ['pip-20.0.2-py2.py3-none-any.whl', 'setuptools-44.1.1-py2.py3-none-any.whl'],
  marker: null,
  installed: { python3: '3.6.15-150300.10.81.1', 'python3-base': '3.6.15-150300.10.81.1' },
  lists: 'unknown',
};

/** [key]: the source in domain/other-systems.md (§11). */
export const LAYOUTS = {
  // [F1][F3][F5]: python3-libs holds venv and ensurepip, python-pip-wheel the wheel in /usr/share/python-wheels.
  'fedora-41': {
    osRelease: 'fedora_41',
    manager: 'dnf',
    version: '3.13.1',
    lib: '/usr/lib64',
    wheelDir: '/usr/share/python-wheels',
    wheels: [PIP],
    marker: null,
    installed: { python3: '3.13.1-2.fc41', 'python3-libs': '3.13.1-2.fc41', 'python-pip-wheel': '24.2-1.fc41' },
    lists: 'unknown',
  },
  // [R4][R6]: 3.6 as python3; its patched ensurepip names /usr/share/python3-wheels; wheels of pip and setuptools.
  'rhel-8.10': {
    osRelease: 'redhat_8',
    manager: 'dnf',
    version: '3.6.8',
    lib: '/usr/lib64',
    wheelDir: '/usr/share/python3-wheels',
    wheels: ['pip-9.0.3-py2.py3-none-any.whl', 'setuptools-39.2.0-py2.py3-none-any.whl'],
    marker: null,
    installed: {
      python36: '3.6.8-39.module+el8.10.0',
      'python3-libs': '3.6.8-69.el8_10',
      'python3-pip-wheel': '9.0.3-24.el8',
      'python3-setuptools-wheel': '39.2.0-8.el8_10',
    },
    lists: 'unknown',
  },
  // [R1][R6]: 3.9 as python3, python3-pip-wheel and python3-setuptools-wheel in /usr/share/python3-wheels.
  'rhel-9.6': {
    osRelease: 'redhat_9',
    manager: 'dnf',
    version: '3.9.21',
    lib: '/usr/lib64',
    wheelDir: '/usr/share/python3-wheels',
    wheels: ['pip-21.3.1-py3-none-any.whl', 'setuptools-53.0.0-py3-none-any.whl'],
    marker: null,
    installed: {
      python3: '3.9.21-1.el9',
      'python3-libs': '3.9.21-1.el9',
      'python3-pip-wheel': '21.3.1-1.el9',
      'python3-setuptools-wheel': '53.0.0-13.el9',
    },
    lists: 'unknown',
  },
  // [R7]: 3.9 as python3 for the release's whole life; 3.11 to 3.14 side by side.
  'amzn-2023': {
    osRelease: 'amazon_2023',
    manager: 'dnf',
    version: '3.9.23',
    lib: '/usr/lib64',
    wheelDir: '/usr/share/python3-wheels',
    wheels: ['pip-21.3.1-py3-none-any.whl', 'setuptools-59.6.0-py3-none-any.whl'],
    marker: null,
    installed: {
      python3: '3.9.23-1.amzn2023',
      'python3-libs': '3.9.23-1.amzn2023',
      'python3-pip-wheel': '21.3.1-2.amzn2023',
      'python3-setuptools-wheel': '59.6.0-2.amzn2023',
    },
    lists: 'unknown',
  },
  // [A1][A2][A4]: python3 3.11 with venv, ensurepip and its bundled wheels; no marker on 3.18.
  'alpine-3.18': {
    osRelease: 'alpine_3_18',
    manager: 'apk',
    version: '3.11.12',
    lib: '/usr/lib',
    wheelDir: null,
    wheels: ['pip-24.0-py3-none-any.whl', 'setuptools-65.5.0-py3-none-any.whl'],
    marker: null,
    installed: { python3: '3.11.12-r1' },
    lists: 'present',
  },
  // [A1][A3][A4]: 3.12 and the marker since 3.19.
  'alpine-3.21': {
    osRelease: 'alpine_3_21',
    manager: 'apk',
    version: '3.12.11',
    lib: '/usr/lib',
    wheelDir: null,
    wheels: ['pip-25.0.1-py3-none-any.whl'],
    marker: ALPINE_MARKER,
    installed: { python3: '3.12.11-r0' },
    lists: 'present',
  },
  // [H1][H2]: one python package, bundled wheel, marker since 3.11.3-2.
  arch: {
    osRelease: 'arch',
    manager: 'pacman',
    version: '3.13.7',
    lib: '/usr/lib',
    wheelDir: null,
    wheels: ['pip-25.1.1-py3-none-any.whl'],
    marker: ARCH_MARKER,
    installed: { python: '3.13.7-1' },
    lists: 'present',
  },
  // [S1][S2]: python313-base owns venv and ensurepip (bundled wheel) and, on Tumbleweed, the marker.
  tumbleweed: {
    osRelease: 'opensusetumbleweed',
    manager: 'zypper',
    version: '3.13.5',
    lib: '/usr/lib64',
    wheelDir: null,
    wheels: ['pip-24.3.1-py3-none-any.whl'],
    marker: OPENSUSE_MARKER,
    installed: { python313: '3.13.5-1.1', 'python313-base': '3.13.5-1.1' },
    lists: 'unknown',
  },
  // [S1][S3]: Leap 15 keeps 3.6 as python3 (python3-base), no marker.
  'leap-15.6': LEAP_15,
  // [S3]: SLE 15 has Leap 15's packages (Leap 15 is built from them).
  'sles-15.7': { ...LEAP_15, osRelease: 'sles_15' },
} satisfies Record<string, Layout>;

export type SystemName = keyof typeof LAYOUTS;

export interface Situation {
  /** The venv module and ensurepip removed (by hand on these systems: no package splits them out). */
  noEnsurepip?: boolean;
  /** The wheels ensurepip installs removed. */
  noWheels?: boolean;
  /** pip for the system python3 itself. */
  systemPip?: boolean;
  lists?: 'empty';
  user?: 'root' | 'sudo-user' | 'no-sudo' | 'doas-user';
  /** The project's requires-python. */
  requires?: string;
}

export function systemFacts(name: SystemName, situation: Situation = {}): Facts {
  const layout: Layout = LAYOUTS[name];
  const release = parseOsRelease(readFileSync(join(CORPUS, 'os-release/chef-os_release', layout.osRelease), 'utf8'));
  const os = {
    source: '/etc/os-release',
    id: release.id,
    idLike: release.idLike,
    versionId: release.versionId,
    codename: release.codename,
    name: release.name,
    prettyName: release.prettyName,
    problem: null,
  };
  const [major, minor, micro] = layout.version.split('.').map(Number) as [number, number, number];
  const xy = `${major}.${minor}`;
  const stdlib = `${layout.lib}/python${xy}`;
  const wheels = situation.noWheels ? [] : layout.wheels;
  const probe: Probe = healthyProbe({
    version: layout.version,
    versionInfo: [major, minor, micro],
    executable: '/usr/bin/python3',
    realExecutable: `/usr/bin/python${xy}`,
    prefix: '/usr',
    basePrefix: '/usr',
    stdlib,
    marker: { path: `${stdlib}/EXTERNALLY-MANAGED`, present: layout.marker !== null, text: layout.marker },
    ensurepipMain: !situation.noEnsurepip,
    venvModule: !situation.noEnsurepip,
    wheelDir: layout.wheelDir,
    wheelDirFiles: layout.wheelDir ? wheels : [],
    bundledFiles: layout.wheelDir ? [] : wheels,
    pip: situation.systemPip ? `${layout.lib}/python${xy}/site-packages/pip` : null,
  });
  const installed: Record<string, PackageState> = Object.fromEntries(
    Object.entries(layout.installed).map(([pkg, version]) => [pkg, { installed: true, version }]),
  );
  const user = situation.user ?? 'root';
  const base = facts({
    os,
    host: {
      isRoot: user === 'root',
      sudo: user === 'sudo-user' ? '/usr/bin/sudo' : null,
      ...(user === 'doas-user' ? { doas: '/usr/bin/doas' } : {}),
    },
    python: { probe, owner: null },
    ...(situation.requires
      ? { project: project({ pyproject: { requiresPython: situation.requires, problem: null, line: 3 } }) }
      : {}),
  });
  return {
    ...base,
    os,
    python: { ...base.python, owner: null, probe },
    packages: {
      ...packages(),
      manager: layout.manager,
      // The second pass asks the database only when a fix would install packages; asked here always.
      installed,
      lists: situation.lists ?? layout.lists,
      candidates: {},
      universe: null,
      tools: { install: true, candidates: false, addAptRepository: false },
    },
  };
}

/**
 * The Docker python: images [D1][D2] (domain/other-systems.md §7): Python compiled into /usr/local, first on
 * PATH, pip installed, the bundled wheels kept, no marker, apt's lists emptied. The full (non-slim) variants
 * also carry Debian's own python3 (from buildpack-deps' mercurial), without its venv package.
 */
export function dockerPythonFacts(variant: 'slim' | 'full'): Facts {
  const base = systemFacts('fedora-41');
  const probe = healthyProbe({
    version: '3.12.8',
    versionInfo: [3, 12, 8],
    executable: '/usr/local/bin/python3',
    realExecutable: '/usr/local/bin/python3.12',
    prefix: '/usr/local',
    basePrefix: '/usr/local',
    stdlib: '/usr/local/lib/python3.12',
    marker: { path: '/usr/local/lib/python3.12/EXTERNALLY-MANAGED', present: false, text: null },
    ensurepipMain: true,
    venvModule: true,
    wheelDir: null,
    wheelDirFiles: [],
    bundledFiles: ['pip-24.3.1-py3-none-any.whl'],
    pip: '/usr/local/lib/python3.12/site-packages/pip',
  });
  const debian = facts();
  return {
    ...base,
    host: { ...base.host, container: 'docker' },
    os: debian.os,
    python: {
      ...base.python,
      resolved: '/usr/local/bin/python3',
      probe,
      owner: null,
      others: variant === 'full' ? [{ name: 'python3.11', path: '/usr/bin/python3.11' }] : [],
    },
    packages: { ...packages(), installed: null, lists: 'empty' },
  };
}
