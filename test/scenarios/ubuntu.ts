// Ubuntu and uv scenarios. No Ubuntu archive (and no uv) is reachable from this project's machines, so
// these facts are not recorded: they are the recorded Debian 12 root (test/fixtures/facts/bookworm/)
// with the parts that differ on Ubuntu put in from real data: the os-release files of the corpus
// (test/fixtures/corpus/os-release/chef-os_release), and each release's Python and marker from the
// packaging facts (python-packaging-facts.md §1, §5, of the project's shared material). Every field changed
// is changed here, visibly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOsRelease } from '../../src/facts/os-release.js';
import type { Facts } from '../../src/types.js';
import { recordedFacts } from '../helpers/facts.js';
import { CORPUS, TEXTS } from '../helpers/paths.js';

export const UBUNTU_RELEASES = {
  '20.04': { file: 'ubuntu_2004', python: '3.8.10', marker: false, pipWheel: 'python-pip-whl' },
  '22.04': { file: 'ubuntu_2204', python: '3.10.12', marker: false, pipWheel: 'python3-pip-whl' },
  '24.04': { file: 'ubuntu_2404', python: '3.12.3', marker: true, pipWheel: 'python3-pip-whl' },
  '25.04': { file: 'ubuntu_2504', python: '3.13.3', marker: true, pipWheel: 'python3-pip-whl' },
} as const;

export type UbuntuRelease = keyof typeof UBUNTU_RELEASES;

const DEBIAN_MARKER = readFileSync(join(TEXTS, 'debian-12-bookworm_python3.11_EXTERNALLY-MANAGED.txt'), 'utf8');

export interface UbuntuState {
  venvPackage: boolean;
  systemPip?: boolean;
  lists?: 'present' | 'empty';
  /** apt's candidate for the venv package; null: none (universe off, or not in the sources). */
  candidate?: boolean;
  universe?: boolean;
  user?: 'root' | 'sudo-user';
}

export function ubuntuFacts(release: UbuntuRelease, state: UbuntuState): Facts {
  const spec = UBUNTU_RELEASES[release];
  const base = recordedFacts(state.venvPackage ? 'bookworm/healthy' : 'bookworm/python3-only');
  const os = parseOsRelease(readFileSync(join(CORPUS, 'os-release/chef-os_release', spec.file), 'utf8'));
  const [major, minor, micro] = spec.python.split('.').map(Number) as [number, number, number];
  const xy = `${major}.${minor}`;
  const probe = base.python.probe;
  if (!probe) throw new Error('the recorded Debian facts have no probe');
  const stdlib = `/usr/lib/python${xy}`;
  const pipWheel = xy === '3.8' ? 'pip-20.0.2-py2.py3-none-any.whl' : 'pip-24.0-py3-none-any.whl';
  const dpkg: NonNullable<NonNullable<Facts['packages']>['installed']> = {
    python3: { installed: true, version: `${spec.python}-0ubuntu1` },
    [`python${xy}`]: { installed: true, version: `${spec.python}-1ubuntu0.1` },
    [`python${xy}-minimal`]: { installed: true, version: `${spec.python}-1ubuntu0.1` },
    [`python${xy}-venv`]: state.venvPackage
      ? { installed: true, version: `${spec.python}-1ubuntu0.1` }
      : { installed: false, version: null },
    ...(state.systemPip ? { 'python3-pip': { installed: true, version: '24.0+dfsg-1ubuntu1' } } : {}),
  };
  const candidate = state.candidate === false ? null : `${spec.python}-1ubuntu0.1`;
  return {
    ...base,
    host: {
      ...base.host,
      isRoot: state.user !== 'sudo-user',
      sudo: state.user === 'sudo-user' ? '/usr/bin/sudo' : null,
    },
    os: { ...os, source: '/etc/os-release', problem: null },
    python: {
      ...base.python,
      owner: { package: `python${xy}-minimal`, version: null },
      others: [{ name: `python${xy}`, path: `/usr/bin/python${xy}` }],
      probe: {
        ...probe,
        version: spec.python,
        versionInfo: [major, minor, micro],
        executable: '/usr/bin/python3',
        realExecutable: `/usr/bin/python${xy}`,
        stdlib,
        marker: {
          path: `${stdlib}/EXTERNALLY-MANAGED`,
          present: spec.marker,
          // Ubuntu ships Debian's text; only the README path follows the version (facts §2).
          text: spec.marker ? DEBIAN_MARKER.replace('python3.11', `python${xy}`) : null,
        },
        ensurepipMain: state.venvPackage,
        // 3.8 (like Debian 11's 3.9) has no WHEEL_PKG_DIR; its patched ensurepip names the directory itself.
        wheelDir: xy === '3.8' ? '/usr/share/python-wheels' : '/usr/share/python-wheels/',
        wheelDirFiles: state.venvPackage ? [pipWheel, 'setuptools-68.1.2-py3-none-any.whl'] : [],
        pip: state.systemPip ? '/usr/lib/python3/dist-packages/pip' : null,
      },
    },
    packages: {
      manager: 'apt',
      installed: state.venvPackage ? null : dpkg,
      lists: state.lists ?? 'present',
      candidates: state.venvPackage ? {} : { [`python${xy}-venv`]: state.lists === 'empty' ? null : candidate },
      universe: state.candidate === false ? (state.universe ?? false) : null,
      tools: { install: true, candidates: true, addAptRepository: true },
    },
  };
}

/** A uv-managed CPython (python-build-standalone): marker "managed by uv", ensurepip bundled. */
export function uvFacts(): Facts {
  const base = recordedFacts('this-machine/pyenv-shim');
  const probe = base.python.probe;
  if (!probe) throw new Error('the recorded pyenv facts have no probe');
  const prefix = '/home/dev/.local/share/uv/python/cpython-3.12.7-linux-x86_64-gnu';
  return {
    ...base,
    python: {
      ...base.python,
      command: 'python3',
      resolved: '/home/dev/.local/bin/python3',
      shim: null,
      owner: null,
      others: [],
      probe: {
        ...probe,
        version: '3.12.7',
        versionInfo: [3, 12, 7],
        executable: '/home/dev/.local/bin/python3',
        realExecutable: `${prefix}/bin/python3.12`,
        prefix,
        basePrefix: prefix,
        stdlib: `${prefix}/lib/python3.12`,
        marker: {
          path: `${prefix}/lib/python3.12/EXTERNALLY-MANAGED`,
          present: true,
          text: readFileSync(join(TEXTS, 'uv-managed-python_EXTERNALLY-MANAGED.txt'), 'utf8'),
        },
        ensurepipMain: true,
        wheelDir: null,
        wheelDirFiles: [],
        bundledFiles: ['pip-24.2-py3-none-any.whl'],
        pip: null,
      },
    },
  };
}
