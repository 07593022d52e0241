// Fedora, RHEL 8/9/10 and its rebuilds (CentOS Stream, Rocky, AlmaLinux, Oracle Linux), Amazon Linux 2023:
// dnf over rpm. Sources: ../shared/domain/other-systems.md §1 — Fedora's python3.X.spec [F1] (venv and
// ensurepip in python3-libs, which requires the pip wheel package; no EXTERNALLY-MANAGED), python-rpm-macros
// [F3] (wheel package names per distribution), RHEL's application streams [R6], Amazon Linux 2023 [R7].
// RHEL 7 and Amazon Linux 2 (yum, end of life) are not this module's: they get advice.
import type { Facts, OsFacts, Probe } from '../types.js';
import { RPM_QUERY } from './rpm.js';
import { minorNumber, minorOf, needsSetuptools, type PackageSystem, type PackageWant, releaseOf } from './types.js';

const RHEL_LIKE = ['rhel', 'centos', 'rocky', 'almalinux', 'ol'];

function isFedora(os: OsFacts): boolean {
  return os.id === 'fedora';
}

function isAmazon(os: OsFacts): boolean {
  return os.id === 'amzn';
}

/** RHEL's major.minor release; CentOS Stream says only its major, and is ahead of every minor. */
function rhelRelease(os: OsFacts): [number, number] | null {
  const release = releaseOf(os);
  if (!release) return null;
  return os.id === 'centos' && !os.versionId?.includes('.') ? [release[0], 99] : release;
}

/** The minor of /usr/bin/python3 on this release [F5][R6][R7]. */
export function defaultMinor(os: OsFacts): string | null {
  const release = releaseOf(os);
  if (!release) return null;
  const [major] = release;
  if (isFedora(os)) return major >= 43 ? '3.14' : major >= 41 ? '3.13' : major >= 39 ? '3.12' : null;
  if (isAmazon(os)) return major === 2023 ? '3.9' : null;
  return major === 8 ? '3.6' : major === 9 ? '3.9' : major === 10 ? '3.12' : null;
}

/** RHEL 8's module streams python38 and python39 are named without the dot; 3.11 and later with it [R6]. */
function packageBase(os: OsFacts, minor: string): string {
  const number = minorNumber(minor);
  const rhel8 = !isFedora(os) && !isAmazon(os) && releaseOf(os)?.[0] === 8;
  return rhel8 && (number === 8 || number === 9) ? `python3${number}` : `python${minor}`;
}

function isDefault(os: OsFacts, minor: string): boolean {
  return defaultMinor(os) === minor;
}

/** The wheel packages ensurepip reads from [F3][R1][R5]: Fedora's are shared by every Python version. */
function wheelPackages(facts: Facts, probe: Probe): string[] {
  const os = facts.os;
  const minor = minorOf(probe);
  const setuptools = needsSetuptools(probe);
  const known = facts.packages?.installed ?? {};
  const prefix = isFedora(os)
    ? 'python'
    : isDefault(os, minor)
      ? // Amazon Linux 2023 is Fedora-derived: whichever name its database knows.
        known['python-pip-wheel'] && !known['python3-pip-wheel']
        ? 'python'
        : 'python3'
      : packageBase(os, minor);
  return [`${prefix}-pip-wheel`, ...(setuptools ? [`${prefix}-setuptools-wheel`] : [])];
}

function restore(facts: Facts, packages: string[]): PackageWant {
  const known = facts.packages?.installed;
  // Installed (or not asked): reinstalled, which puts deleted files back; `dnf install` of an installed
  // package does nothing. rpm lists only what is installed: a name it does not list is not.
  return { packages, reinstall: !known || packages.every((name) => known[name]?.installed === true) };
}

export const dnf: PackageSystem = {
  id: 'dnf',
  matches(os) {
    if (isFedora(os)) return true;
    const release = releaseOf(os);
    if (isAmazon(os)) return release !== null && release[0] >= 2023;
    // RHEL and its rebuilds 8-10 (by ID, or a rebuild whose ID_LIKE says rhel): not every ID_LIKE=fedora
    // (Nobara, Mageia) packages Python as RHEL does.
    const rhel = (os.id !== null && RHEL_LIKE.includes(os.id)) || os.idLike.includes('rhel');
    return rhel && release !== null && release[0] >= 8 && release[0] <= 10;
  },
  detect: ['rpm', 'dnf'],
  programs: ['dnf'],
  installed: RPM_QUERY,
  // dnf downloads its metadata when it needs it: an install never needs a separate refresh.
  python: (os, minor) => (minor === null || isDefault(os, minor) ? ['python3'] : [packageBase(os, minor)]),
  installableMinors(os) {
    const first = defaultMinor(os);
    if (!first) return null;
    const release = releaseOf(os);
    const [major] = release ?? [0];
    // Fedora keeps alternative interpreters as python3.X packages [F1][F4]; 3.15 from Fedora 43.
    if (isFedora(os)) return ['3.9', '3.10', '3.11', '3.12', '3.13', '3.14', ...(major >= 43 ? ['3.15'] : [])];
    if (isAmazon(os)) return ['3.9', '3.11', '3.12', '3.13', '3.14'];
    const [, minor] = rhelRelease(os) ?? [0, 0];
    if (major === 8) {
      return [
        '3.6',
        ...(minor >= 2 ? ['3.8'] : []),
        ...(minor >= 4 ? ['3.9'] : []),
        ...(minor >= 8 ? ['3.11'] : []),
        ...(minor >= 10 ? ['3.12'] : []),
      ];
    }
    if (major === 9) return ['3.9', ...(minor >= 2 ? ['3.11'] : []), ...(minor >= 4 ? ['3.12'] : [])];
    return [first];
  },
  restoreVenv(facts, probe) {
    const minor = minorOf(probe);
    const libs = isDefault(facts.os, minor) ? 'python3-libs' : `${packageBase(facts.os, minor)}-libs`;
    return restore(facts, [libs]);
  },
  restoreWheels: (facts, probe) => restore(facts, wheelPackages(facts, probe)),
  systemPip: () => 'python3-pip',
  installArgv: (packages, { reinstall }) => ['dnf', reinstall ? 'reinstall' : 'install', '-y', ...packages],
  // `dnf reinstall` of a package that is not installed installs nothing.
  reinstallInstalls: false,
  refreshArgv: null,
};
