// macOS: Homebrew. Sources: ../shared/domain/other-systems.md §5.1 — the python@3.X formula [M1]: venv,
// ensurepip with Homebrew's own pip wheel in _bundled, pip preinstalled, EXTERNALLY-MANAGED in the keg;
// python3.X in $(brew --prefix)/bin for every python@3.X, plain python3 only for the formula the python3
// alias points to. The prefix is /opt/homebrew on Apple silicon and /usr/local on Intel. Homebrew refuses to
// run as root: its commands are the user's, never sudo's. Installed formulae are the Cellar's directories:
// listed, never a process (brew itself is a Ruby program that takes a second to start).
import type { PackageState } from '../types.js';
import { minorOf, type PackageSystem } from './types.js';

/** The python@3.X formulae homebrew-core has, oldest first (python@3.9 is deprecated since 2025-10-15: not offered). */
export const BREW_MINORS = ['3.10', '3.11', '3.12', '3.13', '3.14'];
/** The formula Homebrew's python, python3 and python@3 aliases name (formulae.brew.sh, 2026-08: python@3.14). */
export const BREW_DEFAULT_MINOR = '3.14';

export const BREW_PREFIXES = ['/opt/homebrew', '/usr/local'];

/** The Cellar's directory names: python@3.12, pipx ... each installed. */
export function parseCellar(names: string[]): Record<string, PackageState> {
  const packages: Record<string, PackageState> = {};
  for (const name of names) {
    if (/^[a-z0-9][a-z0-9@._+-]{0,63}$/.test(name)) packages[name] = { installed: true, version: null };
  }
  return packages;
}

const formula = (minor: string) => `python@${minor}`;

export const brew: PackageSystem = {
  id: 'brew',
  platform: 'darwin',
  matches: (os) => os.id === 'macos',
  detect: ['brew'],
  programDirs: () => BREW_PREFIXES.map((prefix) => `${prefix}/bin`),
  programs: ['brew'],
  asUser: true,
  owns: 'homebrew',
  installsBeside: true,
  // python@3.12, pipx, poetry: never a tap's path (user/tap/formula), a file, or an option.
  packageName: /^[a-z0-9][a-z0-9._+-]{0,62}(@[0-9][0-9.]{0,8})?$/,
  installed: {
    kind: 'directory',
    path: '/opt/homebrew/Cellar',
    otherPaths: ['/usr/local/Cellar'],
    parse: parseCellar,
  },
  python: (_os, minor) =>
    minor === null ? [formula(BREW_DEFAULT_MINOR)] : BREW_MINORS.includes(minor) ? [formula(minor)] : null,
  installableMinors: () => BREW_MINORS,
  restoreVenv: (_facts, probe) => ({ packages: [formula(minorOf(probe))], reinstall: true }),
  restoreWheels: (_facts, probe) => ({ packages: [formula(minorOf(probe))], reinstall: true }),
  // Homebrew's Python comes with pip (pip3.X); a pip of its own would be refused by its EXTERNALLY-MANAGED.
  systemPip: () => null,
  installArgv: (packages, { reinstall }) => ['brew', reinstall ? 'reinstall' : 'install', ...packages],
  // `brew reinstall` of a formula that is not installed is an error: the planner installs those apart.
  reinstallInstalls: false,
  // brew install updates Homebrew itself first (HOMEBREW_NO_AUTO_UPDATE unset): no separate step.
  refreshArgv: null,
};
