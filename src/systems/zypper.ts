// openSUSE Tumbleweed, Leap, SLES: zypper over rpm. Sources: ../shared/domain/other-systems.md §4 — the
// python3XX spec [S1] (venv and ensurepip, with the bundled wheel, in python3XX-base; pip in python3XX-pip;
// EXTERNALLY-MANAGED on Tumbleweed only [S2]); SLE 15's python3 stays 3.6, newer ones come from the SLE
// Python 3 module [S3]. zypper refreshes its repositories itself: no separate update step.
import type { OsFacts, Probe } from '../types.js';
import { RPM_QUERY } from './rpm.js';
import { minorNumber, minorOf, osIs, type PackageSystem, releaseOf } from './types.js';

function isTumbleweed(os: OsFacts): boolean {
  return os.id === 'opensuse-tumbleweed' || os.id === 'opensuse-slowroll';
}

function isSles(os: OsFacts): boolean {
  return os.id === 'sles' || os.id === 'sled';
}

/** python3.11 -> python311 (openSUSE's names carry no dot) */
function flavor(minor: string): string | null {
  const number = minorNumber(minor);
  return number === null ? null : `python3${number}`;
}

/** Leap 15 and SLE 15 keep 3.6 as python3, whose packages are python3-*; every other minor has its flavor. */
function base(os: OsFacts, minor: string): string | null {
  return minor === '3.6' && releaseOf(os)?.[0] === 15 ? 'python3' : flavor(minor);
}

function restore(os: OsFacts, probe: Probe) {
  const name = base(os, minorOf(probe));
  return { packages: name ? [`${name}-base`] : [], reinstall: true };
}

export const zypper: PackageSystem = {
  id: 'zypper',
  matches: (os) => osIs(os, 'suse', 'opensuse', 'opensuse-leap', 'opensuse-tumbleweed', 'sles'),
  detect: ['rpm', 'zypper'],
  programs: ['zypper'],
  installed: RPM_QUERY,
  python: (os, minor) => {
    if (minor === null) return ['python3'];
    // On SLES, a newer Python needs the Python 3 module enabled first (SUSEConnect): not a package line.
    if (isSles(os) && minor !== '3.6') return null;
    const name = base(os, minor);
    return name ? [name] : null;
  },
  installableMinors(os) {
    if (isTumbleweed(os)) return ['3.11', '3.12', '3.13', '3.14'];
    const release = releaseOf(os);
    // Leap 15 has python311 [S1][S3]; which later flavors it carries is not confirmed: not offered.
    if (release?.[0] === 15) return isSles(os) ? ['3.6'] : ['3.6', '3.11'];
    return null;
  },
  restoreVenv: (facts, probe) => restore(facts.os, probe),
  restoreWheels: (facts, probe) => restore(facts.os, probe),
  systemPip: (facts, probe) => {
    const name = base(facts.os, minorOf(probe));
    return name ? `${name}-pip` : null;
  },
  installArgv: (packages, { reinstall }) => [
    'zypper',
    '--non-interactive',
    'install',
    ...(reinstall ? ['--force'] : []),
    ...packages,
  ],
  reinstallInstalls: true,
  refreshArgv: null,
};
