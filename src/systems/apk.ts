// Alpine Linux: apk. Sources: ../shared/domain/other-systems.md §2 — aports main/python3/APKBUILD [A1]
// (venv and ensurepip, with its bundled wheel, stay in python3; EXTERNALLY-MANAGED since 3.19 [A2][A3]),
// pkgs.alpinelinux.org [A4] (one python3 per branch; py3-pip in community up to 3.22, in main from 3.23).
// apk's database is a text file: read, never a process.
import type { OsFacts, PackageState } from '../types.js';
import { type PackageSystem, releaseOf } from './types.js';

const PACKAGE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;

/** Parses /lib/apk/db/installed: blank-line separated records, `P:name` and `V:version` lines. */
export function parseApkInstalled(text: string): Record<string, PackageState> {
  const packages: Record<string, PackageState> = {};
  let name: string | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('P:')) {
      const value = line.slice(2).trim();
      name = PACKAGE_NAME.test(value) ? value : null;
      if (name) packages[name] = { installed: true, version: null };
    } else if (line.startsWith('V:') && name) {
      packages[name] = { installed: true, version: line.slice(2).trim() || null };
    } else if (line === '') {
      name = null;
    }
  }
  return packages;
}

/** The branch's one python3 [A4]. */
const PYTHON_BY_BRANCH: Record<string, string> = {
  '3.18': '3.11',
  '3.19': '3.11',
  '3.20': '3.12',
  '3.21': '3.12',
  '3.22': '3.12',
  '3.23': '3.12',
  '3.24': '3.14',
};

function branchPython(os: OsFacts): string | null {
  const release = releaseOf(os);
  return release ? (PYTHON_BY_BRANCH[`${release[0]}.${release[1]}`] ?? null) : null;
}

export const apk: PackageSystem = {
  id: 'apk',
  matches: (os) => os.id === 'alpine',
  detect: ['apk'],
  programs: ['apk'],
  installed: { kind: 'file', path: '/lib/apk/db/installed', parse: parseApkInstalled },
  // Container images ship without the index (`apk add --no-cache` is the images' own habit).
  index: { dir: '/var/cache/apk', present: (names) => names.some((name) => name.startsWith('APKINDEX.')) },
  python: (os, minor) => (minor === null || minor === branchPython(os) ? ['python3'] : null),
  installableMinors: (os) => {
    const minor = branchPython(os);
    return minor ? [minor] : null;
  },
  // `apk fix` reinstalls a package in place: the venv module and ensurepip with its wheel are python3's.
  restoreVenv: () => ({ packages: ['python3'], reinstall: true }),
  restoreWheels: () => ({ packages: ['python3'], reinstall: true }),
  systemPip: () => 'py3-pip',
  // py3-pip is in community up to 3.22, which a system may not enable; in main from 3.23 [A4].
  offersOptional: (facts) => {
    const release = releaseOf(facts.os);
    return release !== null && (release[0] > 3 || (release[0] === 3 && release[1] >= 23));
  },
  // --update-cache (a global option of apk) downloads the index first, where the image has none.
  installArgv: (packages, { reinstall, indexEmpty }) => [
    'apk',
    ...(reinstall ? ['fix'] : ['add']),
    ...(indexEmpty ? ['--update-cache'] : []),
    ...(reinstall ? ['--reinstall'] : []),
    ...packages,
  ],
  reinstallInstalls: false,
  refreshArgv: null,
};
