// Arch Linux and its derivatives (Manjaro, EndeavourOS): pacman. Sources: ../shared/domain/other-systems.md
// §3 — the python PKGBUILD [H1] (one package: venv, ensurepip and its bundled wheel; EXTERNALLY-MANAGED
// since 3.11.3-2), archlinux.org's package page [H2] (pip is python-pip). One Python per release: another
// minor is not a package of Arch's own. pacman's local database is a directory: listed, never a process.
// A partial upgrade (`pacman -Sy` then `-S`) is unsupported on Arch: the empty-database fix is `-Syu`.
import type { PackageState } from '../types.js';
import type { PackageSystem } from './types.js';

/** Parses the names in /var/lib/pacman/local: `python-3.12.7-1` is python 3.12.7-1. */
export function parsePacmanLocal(names: string[]): Record<string, PackageState> {
  const packages: Record<string, PackageState> = {};
  for (const entry of names) {
    const match = /^([a-z0-9@._+][a-z0-9@._+-]*)-([^-/]+-[^-/]+)$/.exec(entry);
    if (match?.[1] && match[2]) packages[match[1]] = { installed: true, version: match[2] };
  }
  return packages;
}

export const pacman: PackageSystem = {
  id: 'pacman',
  matches: (os) => os.id === 'arch' || os.idLike.includes('arch'),
  detect: ['pacman'],
  programs: ['pacman'],
  installed: { kind: 'directory', path: '/var/lib/pacman/local', parse: parsePacmanLocal },
  index: { dir: '/var/lib/pacman/sync', present: (names) => names.some((name) => name.endsWith('.db')) },
  python: (_os, minor) => (minor === null ? ['python'] : null),
  // Only the release's own python; which minor that is, the interpreter says (Arch is rolling).
  installableMinors: () => [],
  // Installing an installed package again reinstalls it (without --needed).
  restoreVenv: () => ({ packages: ['python'], reinstall: true }),
  restoreWheels: () => ({ packages: ['python'], reinstall: true }),
  systemPip: () => 'python-pip',
  installArgv: (packages, { reinstall, indexEmpty }) => [
    'pacman',
    indexEmpty ? '-Syu' : '-S',
    ...(reinstall ? [] : ['--needed']),
    '--noconfirm',
    ...packages,
  ],
  reinstallInstalls: true,
  indexEmptyNote:
    'pacman -Syu upgrades the whole system first (Arch supports no partial upgrade): an upgrade can move Python to a new minor version, and venvs made with the old one must then be made again.',
  refreshArgv: null,
};
