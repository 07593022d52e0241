// Windows: winget, for python.org's installers (the package Python.Python.3.X of winget-pkgs). Sources:
// ../shared/domain/other-systems.md §6 — the python.org installer [W1] (pip included, the py launcher, not
// on PATH by default), the install manager [W2][W3] (py install 3.X, its own aliases). winget's list asks
// the Store, so the installed Pythons are read from their directories (src/facts/gather.ts), never from it.
// Its installers ask for consent in a window of their own: --fix prints the command and runs none.
import type { PackageSystem } from './types.js';

/** The minors of python.org's Windows installers that winget-pkgs has as Python.Python.3.X. */
export const WINGET_MINORS = ['3.10', '3.11', '3.12', '3.13', '3.14'];
/** The one a plain "install Python" gets: the newest with a python.org installer. */
export const WINGET_DEFAULT_MINOR = '3.14';

const id = (minor: string) => `Python.Python.${minor}`;

export const winget: PackageSystem = {
  id: 'winget',
  platform: 'win32',
  matches: (os) => os.id === 'windows',
  detect: ['winget.exe'],
  // An App Installer alias (a reparse point, found by lstat): winget is never run to diagnose.
  programDirs: (env) => (env.LOCALAPPDATA ? [`${env.LOCALAPPDATA}\\Microsoft\\WindowsApps`] : []),
  programs: ['winget'],
  asUser: true,
  notRunByFix:
    "winget's installers ask for consent in a window of their own: run it yourself, then run venv-doctor again.",
  owns: 'python.org',
  installsBeside: true,
  packageName: /^[A-Za-z0-9][A-Za-z0-9.+-]{0,127}$/,
  installed: { kind: 'none' },
  python: (_os, minor) =>
    minor === null ? [id(WINGET_DEFAULT_MINOR)] : WINGET_MINORS.includes(minor) ? [id(minor)] : null,
  installableMinors: () => WINGET_MINORS,
  // A python.org install lacking venv or pip is repaired by its own installer (Modify), not by winget.
  restoreVenv: () => null,
  restoreWheels: () => null,
  systemPip: () => null,
  installArgv: (packages) => ['winget', 'install', '--exact', '--id', ...packages.slice(0, 1)],
  reinstallInstalls: false,
  refreshArgv: null,
};
