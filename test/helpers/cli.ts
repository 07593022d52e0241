// The build under test, and what this machine offers the tests that run it.
//
// The CLI tests run a built venv-doctor as users do: dist/venv-doctor.cjs (the launcher, which loads
// dist/cli.cjs), which test/global-setup.ts builds from the tree
// before the tests (so a green run always tested the code in the tree), or another build named by
// VENV_DOCTOR_CLI (then nothing is built; test/security/hostile.ts honours the same variable).
//
// What a test needs from the machine beyond Node and Debian's python3 is optional: a test that needs it
// is skipped when it is missing, with the reason in its title ("(needs git)"), never passed by not
// running. CI installs all of it (.ci/run); a user's fresh Debian 12 with only python3 and Node has none
// of it, and the suite passes there too (test/e2e/fresh-debian.test.ts proves it).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { PROJECT } from './paths.js';

/** The build under test: dist/venv-doctor.cjs, or another build of venv-doctor (VENV_DOCTOR_CLI). */
export const CLI = process.env.VENV_DOCTOR_CLI
  ? resolve(process.env.VENV_DOCTOR_CLI)
  : join(PROJECT, 'dist/venv-doctor.cjs');
/** The programmatic API of the same build (dist/api/index.mjs beside the launcher). */
export const API = join(dirname(CLI), 'api/index.mjs');
/**
 * How the build under test is started: Node with dist/venv-doctor.cjs (or another .mjs/.cjs build), or a single-file
 * executable (npm run build:exe) by itself: spawn(CLI_FILE, [...CLI_ARGS, ...args]).
 */
export const CLI_FILE = /\.[cm]?js$/.test(CLI) ? process.execPath : CLI;
export const CLI_ARGS: string[] = CLI_FILE === CLI ? [] : [CLI];
/** The build under test is the npm build (dist/): its launcher and programmatic API are there to test. */
export const NPM_BUILD = CLI_FILE !== CLI;

/** The first executable `name` on PATH, as a shell would find it; null when there is none. */
export function onPath(name: string, path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    try {
      if (!statSync(file).isFile()) continue;
      accessSync(file, constants.X_OK);
      return file;
    } catch {}
  }
  return null;
}

/** Debian's own interpreter: on this project's CI and on every Debian or Ubuntu a user has. */
export const SYSTEM_PY = '/usr/bin/python3';

export interface SystemPython {
  /** "3.11.2" */
  version: string;
  /** "3.11" */
  xy: string;
  /**
   * ensurepip works (Debian's pythonX.Y-venv is installed): `python3 -m venv` gets pip, and the doctor
   * says this interpreter is ready.
   */
  ensurepip: boolean;
  /** Its stdlib has the PEP 668 marker (Debian 12 and later). */
  marker: boolean;
}

function probeSystemPython(): SystemPython | null {
  if (!existsSync(SYSTEM_PY)) return null;
  const program = [
    'import os, sys, sysconfig',
    'try:',
    '    import ensurepip',
    '    pip = ensurepip.version()',
    'except Exception:',
    '    pip = ""',
    'print("%d.%d.%d" % sys.version_info[:3])',
    'print(pip)',
    'print(os.path.isfile(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")))',
  ].join('\n');
  const r = spawnSync(SYSTEM_PY, ['-I', '-c', program], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) return null;
  const [version = '', pip = '', marker = ''] = r.stdout.split('\n');
  return {
    version,
    xy: version.split('.').slice(0, 2).join('.'),
    ensurepip: pip.trim() !== '',
    marker: marker.trim() === 'True',
  };
}

/** /usr/bin/python3 as it is on this machine; null when there is none. */
export const systemPython: SystemPython | null = probeSystemPython();

/** git, for the gitignore check (Debian: apt-get install git; CI installs it). */
export const GIT = onPath('git');
/** Debian's virtualenv (apt-get install virtualenv; CI installs it): venvs with pip without ensurepip. */
export const VIRTUALENV = onPath('virtualenv');

/** pyenv on this project's development machine and CI; absent on a user's fresh Debian. */
export const PYENV_ROOT = '/root/.pyenv';
export const pyenvPython = (version: string, name = 'python3') => join(PYENV_ROOT, 'versions', version, 'bin', name);
/** python3 on PATH is pyenv's shim (the first python3 on PATH lives in $PYENV_ROOT/shims). */
export const PYENV_SHIM_FIRST = onPath('python3') === join(PYENV_ROOT, 'shims/python3');

/** Why a test did not run, for its title: "(needs ...)". */
export const NEEDS = {
  systemPython: `(needs Debian's python3 at ${SYSTEM_PY})`,
  readySystemPython: `(needs ${SYSTEM_PY} with its venv package, python3.X-venv: apt-get install python3-venv)`,
  notReadySystemPython: `(needs ${SYSTEM_PY} without its venv package, as on a fresh Debian)`,
  marker: `(needs the PEP 668 marker of Debian 12 or later beside ${SYSTEM_PY}'s stdlib)`,
  git: '(needs git: apt-get install git)',
  curl: '(needs curl: apt-get install curl)',
  npmBuild: '(needs the npm build: the launcher and the programmatic API are not in the single file)',
  virtualenv: "(needs Debian's virtualenv: apt-get install virtualenv)",
  pyenvShim: `(needs pyenv's shim ${PYENV_ROOT}/shims/python3 first on PATH)`,
  pyenv: (version: string, name = 'python3') => `(needs pyenv's Python ${version} at ${pyenvPython(version, name)})`,
};

/** /usr/bin/python3 exists and runs. */
export const HAVE_SYSTEM_PY = systemPython !== null;
/** /usr/bin/python3 can make a venv with pip: the doctor's verdict on it is "ready". */
export const READY_SYSTEM_PY = systemPython?.ensurepip === true;
