// Derived facts: pure functions of Facts that more than one check (or the planner) needs.
// Checks share these, never each other's output.
import { isInstalled } from './facts/debian.js';
import type { Facts, OsFacts, Probe, PythonSource } from './types.js';

/** Debian, Ubuntu and their derivatives (Mint, Pop!_OS, Raspbian, Kali ...). */
export function isDebianFamily(os: OsFacts): boolean {
  return [os.id, ...os.idLike].some((id) => id === 'debian' || id === 'ubuntu');
}

export function isUbuntuFamily(os: OsFacts): boolean {
  return [os.id, ...os.idLike].includes('ubuntu');
}

/** "3.11" */
export function minorVersion(probe: Probe): string {
  return `${probe.versionInfo[0]}.${probe.versionInfo[1]}`;
}

const VENV_PACKAGE = /^python3\.\d{1,2}-venv$/;

/**
 * The Debian/Ubuntu package that carries ensurepip for this interpreter: pythonX.Y-venv, from the
 * interpreter's own version, never from the OS release. Null when the version does not make a valid name.
 */
export function venvPackageFor(probe: Probe): string | null {
  const name = `python${minorVersion(probe)}-venv`;
  return VENV_PACKAGE.test(name) ? name : null;
}

/** In a virtual environment (venv or old virtualenv): the PEP 668 marker does not apply there. */
export function inVenv(probe: Probe): boolean {
  return probe.prefix !== probe.basePrefix;
}

export function isExternallyManaged(probe: Probe): boolean {
  return probe.marker.present && !inVenv(probe);
}

/** The pip and setuptools wheels ensurepip will find, the way ensurepip itself looks for them. */
export function ensurepipWheels(probe: Probe): { usable: boolean; from: 'wheel-dir' | 'bundled' | null } {
  const needsSetuptools = probe.versionInfo[0] === 3 && probe.versionInfo[1] <= 11;
  const complete = (names: string[]) =>
    names.some((n) => n.startsWith('pip-')) && (!needsSetuptools || names.some((n) => n.startsWith('setuptools-')));
  // ensurepip <= 3.11 uses WHEEL_PKG_DIR only when every package it installs is there; else _bundled.
  if (probe.wheelDir && complete(probe.wheelDirFiles)) return { usable: true, from: 'wheel-dir' };
  if (complete(probe.bundledFiles)) return { usable: true, from: 'bundled' };
  return { usable: false, from: null };
}

/** Everything `python -m venv` needs to succeed with pip: the venv module, ensurepip and its wheels. */
export function venvWillWork(probe: Probe): boolean {
  return probe.venvModule && probe.ensurepipMain && ensurepipWheels(probe).usable;
}

/** Where the interpreter comes from; decides which kind of fix is right for it. */
export function pythonSource(facts: Facts): PythonSource | null {
  const probe = facts.python.probe;
  if (!probe) return null;
  const base = probe.basePrefix.replaceAll('\\', '/');
  const exe = probe.realExecutable.replaceAll('\\', '/');
  if (/\/uv\/python\//.test(base) || /managed by uv/i.test(probe.marker.text ?? '')) return 'uv';
  if (probe.condaMeta) return 'conda';
  if (/\/\.?pyenv\/versions\//.test(base) || /\/pyenv-win\/versions\//i.test(base)) return 'pyenv';
  if (/\/Cellar\/python|^\/opt\/homebrew\/|\/\.linuxbrew\//.test(`${base} ${exe}`)) return 'homebrew';
  if (facts.python.owner) return 'distro';
  if (base.startsWith('/Library/Developer/CommandLineTools') || base.startsWith('/Applications/Xcode')) return 'xcode';
  if (base.startsWith('/Library/Frameworks/Python.framework')) return 'python.org';
  // Without dpkg to ask (Fedora, Arch, Alpine ...), an interpreter under /usr is the distribution's.
  if (probe.platform === 'linux' && (base === '/usr' || base === '/') && facts.packages === null) return 'distro';
  return 'other';
}

/** The interpreter is a Debian/Ubuntu package, so apt can repair it. */
export function aptCanFix(facts: Facts): boolean {
  return facts.packages !== null && isDebianFamily(facts.os) && pythonSource(facts) === 'distro';
}

export function packageInstalled(facts: Facts, name: string): boolean {
  return isInstalled(facts.packages?.dpkg?.[name]);
}

/** The pip wheel package's name: python3-pip-whl, or python-pip-whl on Debian 11 / Ubuntu 20.04. */
export function pipWheelPackage(facts: Facts): string {
  const dpkg = facts.packages?.dpkg ?? {};
  if (dpkg['python-pip-whl'] && !dpkg['python3-pip-whl']) return 'python-pip-whl';
  const probe = facts.python.probe;
  if (probe && probe.versionInfo[0] === 3 && probe.versionInfo[1] <= 9) return 'python-pip-whl';
  return 'python3-pip-whl';
}
