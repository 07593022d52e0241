// What to suggest, per kind of interpreter, when something it ships is missing. Pure.
// A package remedy only for a distribution's own interpreter, from its package system (src/systems/);
// honest advice for everything else.

import { BREW_DEFAULT_MINOR } from '../systems/brew.js';
import { WINGET_DEFAULT_MINOR } from '../systems/winget.js';
import type { Facts, Remedy } from '../types.js';
import { elevation, familyOf, minorVersion, packageSystem, packagesCanFix, pythonSource } from './derived.js';

/** Install hints for a missing python3 where venv-doctor has no package system, none of them verified. */
const INSTALL_PYTHON: Record<string, string> = {
  // RHEL/CentOS 7 and Amazon Linux 2: yum, end of life.
  rhel: 'sudo yum install python3',
  centos: 'sudo yum install python3',
  amzn: 'sudo yum install python3',
};

/** The distribution's name for messages: "debian", "fedora" ... or "this system". */
export function systemName(facts: Facts): string {
  return facts.os.id ?? 'this system';
}

/** Advice for a system venv-doctor has no verified package-manager fix for. */
export function noPackageFixYet(facts: Facts, hint?: string): Remedy {
  // A family venv-doctor knows, whose package manager is not here (not in the system directories).
  const family = familyOf(facts.os);
  const packages = hint === undefined && !packageSystem(facts) ? family?.python(facts.os, null) : null;
  if (family && packages) {
    const elevate = elevation(facts);
    const argv = family.installArgv(packages, { reinstall: false, indexEmpty: false });
    const tools = family.detect.join(' and ');
    return {
      kind: 'advice',
      text: `venv-doctor cannot plan a package fix here: it looks for ${tools} in the system directories, and did not find ${family.detect.length > 1 ? 'them both' : 'it'}. On ${systemName(facts)}, Python comes with: ${elevate ? `${elevate} ` : ''}${argv.join(' ')}`,
    };
  }
  // The usual command of a system with no module here (RHEL 7's yum ...): never for a family that has one.
  const known = family
    ? undefined
    : [facts.os.id, ...facts.os.idLike].map((id) => (id ? INSTALL_PYTHON[id] : undefined)).find(Boolean);
  const suffix = hint ?? (known ? ` The usual way to get Python there: ${known}` : '');
  return {
    kind: 'advice',
    text: `venv-doctor has no verified package-manager fix for ${systemName(facts)} yet.${suffix}`,
  };
}

/**
 * The way to restore a part of the interpreter that is missing (its venv module or ensurepip: 'venv'; the
 * wheels ensurepip installs: 'wheels'): the distribution's package for its own Python (Debian's pythonX.Y-venv,
 * Fedora's python3-libs ...), the right tool's advice otherwise.
 */
export function repairInterpreter(facts: Facts, part: 'venv' | 'wheels'): Remedy {
  const probe = facts.python.probe;
  const system = packagesCanFix(facts);
  if (system && probe) {
    const want = part === 'venv' ? system.restoreVenv(facts, probe) : system.restoreWheels(facts, probe);
    if (want) {
      const remedy: Remedy = { kind: 'package-install', packages: want.packages };
      // The wheels' remedy always says whether it reinstalls (a field of the JSON report since 0.1).
      if (part === 'wheels' || want.reinstall) remedy.reinstall = want.reinstall;
      return remedy;
    }
  }
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
    case 'python.org':
      return {
        kind: 'advice',
        text:
          facts.host.platform === 'win32'
            ? `This is python.org's Python ${minorVersion(probe)}; repair it with its installer (Settings > Apps > Python ${version} > Modify, with pip ticked), or install it again: winget install --exact --id Python.Python.${minorVersion(probe)} --force`
            : `This is python.org's Python ${minorVersion(probe)}; run its installer again (python.org/downloads/macos), or use Homebrew's: brew install python@${minorVersion(probe)}`,
      };
    case 'xcode':
      return {
        kind: 'advice',
        text: "This is the Command Line Tools' Python: reinstall them (sudo rm -rf /Library/Developer/CommandLineTools; xcode-select --install), or use Homebrew's: brew install python",
      };
    case 'distro': {
      const family = familyOf(facts.os);
      if (!family) return noPackageFixYet(facts);
      if (!packageSystem(facts)) {
        const installed = family.installed;
        const query =
          installed.kind === 'command' ? installed.tool : installed.kind === 'none' ? family.id : installed.path;
        const want = part === 'venv' ? family.restoreVenv(facts, probe) : family.restoreWheels(facts, probe);
        return {
          kind: 'advice',
          text: `${query} is not available here, so venv-doctor cannot check or plan an install (the ${family.id === 'apt' ? 'Debian ' : ''}package that carries it is ${want?.packages.join(' ') || 'unknown'}).`,
        };
      }
      return {
        kind: 'advice',
        text: `${family.installed.kind === 'command' ? family.installed.tool.replace('-query', '') : family.id} does not know this interpreter, so ${family.id} cannot repair it; reinstall it the way it was installed.`,
      };
    }
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
  if (facts.host.platform === 'darwin' || facts.host.platform === 'win32') return installDesktopPython(facts, command);
  const system = packageSystem(facts);
  // python3, or python3.X: the system's packages for it (Debian's python3.13 with its venv package; apt says
  // in the second pass whether it has one), where this release packages that minor.
  const minor = command === 'python3' ? null : /^python(3\.\d{1,2})$/.exec(command)?.[1];
  if (system && minor !== undefined) {
    const installable = minor === null ? null : system.installableMinors(facts.os);
    const packages =
      installable && minor !== null && !installable.includes(minor) ? null : system.python(facts.os, minor);
    if (packages) return { kind: 'package-install', packages };
    if (minor !== null) {
      const has = installable?.length ? ` (it packages ${installable.map((m) => `python${m}`).join(', ')})` : '';
      return {
        kind: 'advice',
        text: `${facts.os.prettyName ?? systemName(facts)} has no package of Python ${minor}${has}: install it with pyenv (pyenv install ${minor}) or uv (uv python install ${minor}), or name one it has with --python.`,
      };
    }
  }
  return noPackageFixYet(facts);
}

/**
 * macOS and Windows: a Python from the system's own package manager when it is here (brew install
 * python@3.13; winget install --exact --id Python.Python.3.14), else the ways their documentation gives.
 * `command` is what was asked: python3 (the default minor), or python3.X (that one).
 */
export function installDesktopPython(facts: Facts, command: string): Remedy {
  const minor = /^python(3\.\d{1,2})(\.exe)?$/.exec(command)?.[1] ?? null;
  const system = packageSystem(facts);
  const packages = system && facts.packages?.tools.install ? system.python(facts.os, minor) : null;
  const launcher = facts.python.windows?.launcher;
  if (facts.host.platform === 'win32') {
    const version = minor ?? WINGET_DEFAULT_MINOR;
    // The install manager is how python.org installs Pythons now: its own command, never winget's installer beside it.
    if (launcher?.kind === 'install-manager') {
      return {
        kind: 'advice',
        text: `Install Python ${version} with the Python install manager: py install ${version}`,
      };
    }
    if (packages) return { kind: 'package-install', packages };
    return {
      kind: 'advice',
      text: `Install Python ${version}: the Python install manager (winget install 9NQ7512CXL7T, or from python.org/downloads/windows), then py install ${version}; or python.org's installer. Then make the venv with py -${version} -m venv .venv. (A python3 that opens the Store is its alias: turn it off in Settings > Apps > Advanced app settings > App execution aliases.)`,
    };
  }
  if (packages) return { kind: 'package-install', packages };
  const formula = `python@${minor ?? BREW_DEFAULT_MINOR}`;
  return {
    kind: 'advice',
    text: `Install Python${minor ? ` ${minor}` : ''}: with Homebrew (https://brew.sh), brew install ${formula}; or python.org's installer (https://www.python.org/downloads/macos/)${minor ? '' : "; or the Command Line Tools' Python 3.9: xcode-select --install"}.`,
  };
}
