// A facts builder for table tests of pure logic: a healthy Debian 12 machine (as recorded by the e2e
// suite in test/fixtures/facts/bookworm/healthy.json), overridden per case.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Facts, PackageFacts, Probe, ProjectFacts, VenvFacts } from '../../src/types.js';
import { FIXTURES } from './paths.js';

/** Facts recorded on a real root (test/fixtures/facts/). */
export function recordedFacts(name: string): Facts {
  return JSON.parse(readFileSync(join(FIXTURES, 'facts', `${name}.json`), 'utf8')) as Facts;
}

type DeepPartial<T> = {
  [K in keyof T]?: NonNullable<T[K]> extends unknown[]
    ? T[K]
    : NonNullable<T[K]> extends object
      ? DeepPartial<NonNullable<T[K]>> | Extract<T[K], null>
      : T[K];
};

function merge<T>(base: T, patch: DeepPartial<T> | undefined): T {
  if (patch === undefined) return base;
  if (
    patch === null ||
    typeof patch !== 'object' ||
    Array.isArray(patch) ||
    base === null ||
    typeof base !== 'object'
  ) {
    return patch as T;
  }
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    out[key] = value === undefined ? out[key] : merge(out[key], value as never);
  }
  return out as T;
}

export function healthyProbe(patch?: DeepPartial<Probe>): Probe {
  const probe: Probe = {
    version: '3.11.2',
    versionInfo: [3, 11, 2],
    implementation: 'cpython',
    executable: '/usr/bin/python3',
    realExecutable: '/usr/bin/python3.11',
    prefix: '/usr',
    basePrefix: '/usr',
    stdlib: '/usr/lib/python3.11',
    platform: 'linux',
    marker: {
      path: '/usr/lib/python3.11/EXTERNALLY-MANAGED',
      present: true,
      text: '[externally-managed]\nError=Use a venv.\n',
    },
    ensurepipMain: true,
    wheelDir: '/usr/share/python-wheels/',
    wheelDirFiles: ['pip-23.0.1-py3-none-any.whl', 'setuptools-66.1.1-py3-none-any.whl'],
    bundledFiles: [],
    pip: null,
    venvModule: true,
    condaMeta: false,
  };
  return merge(probe, patch);
}

export function packages(patch?: DeepPartial<PackageFacts>): PackageFacts {
  const base: PackageFacts = {
    manager: 'apt',
    installed: { 'python3.11-venv': { installed: true, version: '3.11.2-6+deb12u8' } },
    lists: 'present',
    candidates: {},
    universe: null,
    tools: { install: true, candidates: true, addAptRepository: false },
  };
  return merge(base, patch);
}

/** Healthy Debian 12, root, the distribution's python3. */
export function facts(patch?: DeepPartial<Facts>): Facts {
  const base: Facts = {
    factsVersion: 1,
    gatheredBy: 'test',
    host: { platform: 'linux', arch: 'x64', kernel: '6.1.0', isRoot: true, sudo: null, wsl: false, container: null },
    os: {
      source: '/etc/os-release',
      id: 'debian',
      idLike: [],
      versionId: '12',
      codename: 'bookworm',
      name: 'Debian GNU/Linux',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
      problem: null,
    },
    python: {
      command: 'python3',
      resolved: '/usr/bin/python3',
      shim: null,
      problem: null,
      probe: healthyProbe(),
      owner: { package: 'python3.11-minimal', version: null },
      others: [],
    },
    packages: packages(),
  };
  return merge(base, patch);
}

/** Debian 12 with python3 only (no python3.11-venv): ensurepip missing, apt has a candidate. */
export function missingVenvFacts(patch?: DeepPartial<Facts>): Facts {
  return merge(
    facts({
      python: {
        probe: healthyProbe({ ensurepipMain: false, wheelDir: '/usr/share/python-wheels/', wheelDirFiles: [] }),
      },
      packages: packages({
        installed: { 'python3.11-venv': { installed: false, version: null } },
        candidates: { 'python3.11-venv': '3.11.2-6+deb12u8' },
      }),
    }),
    patch,
  );
}

/** A healthy venv of the project in /srv/app, made with (and linked to) the distribution's /usr/bin/python3.11. */
export function healthyVenv(patch?: DeepPartial<VenvFacts>): VenvFacts {
  const venv: VenvFacts = {
    name: '.venv',
    path: '/srv/app/.venv',
    realPath: '/srv/app/.venv',
    link: null,
    kind: 'dir',
    layout: 'posix',
    cfg: {
      home: '/usr/bin',
      version: '3.11.2',
      executable: '/usr/bin/python3.11',
      command: '/usr/bin/python3 -m venv /srv/app/.venv',
    },
    cfgProblem: null,
    interpreter: {
      path: '/srv/app/.venv/bin/python',
      link: 'python3',
      resolved: '/usr/bin/python3.11',
      missing: null,
    },
    probe: healthyProbe({
      executable: '/srv/app/.venv/bin/python',
      prefix: '/srv/app/.venv',
    }),
    probeProblem: null,
    binOutside: null,
    notRun: null,
    hasPip: true,
    hasActivate: true,
    activateVirtualEnv: '/srv/app/.venv',
    shebangs: [
      { script: 'pip', interpreter: '/srv/app/.venv/bin/python3' },
      { script: 'pip3', interpreter: '/srv/app/.venv/bin/python3' },
    ],
  };
  return merge(venv, patch);
}

/** A Python project in /srv/app (pyproject.toml without requires-python), run from that directory, no venv yet. */
export function project(patch?: DeepPartial<ProjectFacts>): ProjectFacts {
  const base: ProjectFacts = {
    dir: '/srv/app',
    cwd: '/srv/app',
    markers: ['pyproject.toml'],
    pyproject: { requiresPython: null, problem: null },
    pythonVersionFile: null,
    required: null,
    venvSearched: ['.venv', 'venv'],
    venv: null,
    git: null,
    virtualEnv: null,
    deep: null,
  };
  return merge(base, patch);
}
