// What to suggest, per kind of interpreter, when something it ships is missing. Pure.
// An apt remedy only for Debian-family distro interpreters; honest advice for everything else.

import type { Facts, Remedy } from '../types.js';
import { aptCanFix, isDebianFamily, minorVersion, pythonSource } from './derived.js';

/** Install hints per distribution family for a missing python3, none of them verified by venv-doctor. */
const INSTALL_PYTHON: Record<string, string> = {
  fedora: 'sudo dnf install python3',
  rhel: 'sudo dnf install python3',
  centos: 'sudo dnf install python3',
  amzn: 'sudo dnf install python3',
  alpine: 'apk add python3',
  arch: 'sudo pacman -S python',
  suse: 'sudo zypper install python3',
  opensuse: 'sudo zypper install python3',
  macos: 'xcode-select --install (or: brew install python)',
  windows: 'winget install Python.Python.3.12 (or install from python.org), then use py -3 -m venv .venv',
};

/** The distribution's name for messages: "debian", "fedora" ... or "this system". */
export function systemName(facts: Facts): string {
  return facts.os.id ?? 'this system';
}

/** Advice for a system venv-doctor has no verified package-manager fix for. */
export function noPackageFixYet(facts: Facts, hint?: string): Remedy {
  const known = [facts.os.id, ...facts.os.idLike].map((id) => (id ? INSTALL_PYTHON[id] : undefined)).find(Boolean);
  const suffix = hint ?? (known ? ` The usual way to get Python there: ${known}` : '');
  return {
    kind: 'advice',
    text: `venv-doctor has no verified package-manager fix for ${systemName(facts)} yet.${suffix}`,
  };
}

/**
 * The way to restore a part of the interpreter (its venv module, or ensurepip) that is missing:
 * pythonX.Y-venv through apt for a Debian-family distro Python, the right tool's advice otherwise.
 */
export function repairInterpreter(facts: Facts, packages: string[]): Remedy {
  const probe = facts.python.probe;
  if (aptCanFix(facts)) return { kind: 'apt-install', packages };
  if (!probe) return noPackageFixYet(facts);
  const version = probe.version;
  switch (pythonSource(facts)) {
    case 'pyenv':
      return {
        kind: 'advice',
        text: `This interpreter was built by pyenv; rebuild it: pyenv install --force ${version}`,
      };
    case 'uv':
      return { kind: 'advice', text: `This interpreter is managed by uv; create the environment with: uv venv` };
    case 'conda':
      return {
        kind: 'advice',
        text: 'This interpreter belongs to conda; use a conda environment (conda create -n NAME python) or reinstall python in it.',
      };
    case 'homebrew':
      return {
        kind: 'advice',
        text: `This interpreter is Homebrew's; reinstall it: brew reinstall python@${minorVersion(probe)}`,
      };
    case 'distro':
      if (!isDebianFamily(facts.os)) return noPackageFixYet(facts);
      if (facts.packages === null) {
        return {
          kind: 'advice',
          text: `dpkg-query is not available here, so venv-doctor cannot check or plan an install (the Debian package that carries it is ${packages.join(' ') || 'unknown'}).`,
        };
      }
      return {
        kind: 'advice',
        text: 'dpkg does not know this interpreter, so apt cannot repair it; reinstall it the way it was installed.',
      };
    default:
      return {
        kind: 'advice',
        text: `${probe.realExecutable} was not installed by a package manager venv-doctor knows; reinstall it the way it was installed, or use another interpreter with --python.`,
      };
  }
}

/** Advice when there is no usable python3 at all. */
export function installPython(facts: Facts): Remedy {
  const command = facts.python.command;
  if (command.includes('/') || command.includes('\\')) {
    return {
      kind: 'advice',
      text: `There is no interpreter at ${command}: check the path given to --python, or leave --python out to use python3 from PATH.`,
    };
  }
  // python3.13 is Debian's package python3.13 (with its venv package): apt says in the second pass whether
  // it has one.
  if (facts.packages && isDebianFamily(facts.os) && /^python3\.\d{1,2}$/.test(command)) {
    return { kind: 'apt-install', packages: [command, `${command}-venv`] };
  }
  if (facts.packages && isDebianFamily(facts.os) && facts.python.command === 'python3') {
    // python3-venv pulls the default python3 and its pythonX.Y-venv: an interpreter that can make a venv.
    return { kind: 'apt-install', packages: ['python3', 'python3-venv'] };
  }
  return noPackageFixYet(facts);
}
