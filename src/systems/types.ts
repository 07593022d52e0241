// What venv-doctor knows of one family's packaging: one file per package manager beside this one (apt.ts,
// dnf.ts, apk.ts, pacman.ts, zypper.ts), so that adding a system is adding a file (and its entry in
// index.ts, its page in docs/systems/, its tests). Pure: names, argv and parsers. The I/O (running the
// query tool, reading its database) is done by src/facts/gather.ts with what a module says here; checks
// and the planner ask the module of the facts' manager, never a family by name.
import type { Facts, OsFacts, PackageManagerId, PackageState, Probe, PythonSource } from '../types.js';

/** Packages to install, or to install again over themselves (their files were removed by hand). */
export interface PackageWant {
  packages: string[];
  reinstall: boolean;
}

/** How to learn which packages are installed: one command, or one file read (no process at all). */
export type InstalledQuery =
  | {
      kind: 'command';
      tool: string;
      args: string[];
      okExitCodes: number[];
      parse(stdout: string): Record<string, PackageState>;
    }
  | { kind: 'file'; path: string; parse(text: string): Record<string, PackageState> }
  | {
      kind: 'directory';
      path: string;
      /** Where else the directory may be, in order (Homebrew's Cellar: /opt/homebrew, else /usr/local). */
      otherPaths?: string[];
      parse(names: string[]): Record<string, PackageState>;
    }
  /** Nothing to ask (winget's list runs a Store query): the remedies use the release's tables. */
  | { kind: 'none' };

export interface PackageSystem {
  id: PackageManagerId;
  /** The platform it belongs to (process.platform); Linux when absent. */
  platform?: 'darwin' | 'win32';
  /** This os-release belongs to the family (ID or ID_LIKE). */
  matches(os: OsFacts): boolean;
  /** The gatherer looks up the package that owns the interpreter (dpkg's file lists): one it does not know is not the distribution's. */
  findsOwner?: true;
  /** The programs that must be in a system directory for this manager to be the one here. */
  detect: string[];
  /**
   * Where its programs are, when not in the system directories (Homebrew's /opt/homebrew/bin, winget's
   * WindowsApps): looked up there, in order, never on PATH.
   */
  programDirs?(env: Readonly<Record<string, string | undefined>>): string[];
  /** Its commands run as the user, never with sudo (Homebrew refuses root; winget's installer asks itself). */
  asUser?: true;
  /** --fix prints its commands and runs none of them, and says why (winget's installers ask in a window). */
  notRunByFix?: string;
  /** The names it takes (the default: a Linux distribution's, lower case); never one that is an option or a path. */
  packageName?: RegExp;
  /** Which interpreters its packages are (repaired by reinstalling them): the distribution's when absent. */
  owns?: PythonSource;
  /** Installs a Python of another minor beside whatever python3 is (Homebrew's python@3.X, winget's). */
  installsBeside?: true;
  /** The program the fixes run (after sudo or doas), and any other this family's fixes may run. */
  programs: string[];
  installed: InstalledQuery;
  /** The local package index, when installing needs one downloaded first (apt lists, apk's index, pacman's dbs). */
  index?: { dir: string; present(names: string[]): boolean };
  /** Asks the index for install candidates, when a cheap, offline way exists (apt-cache policy). */
  candidates?: { tool: string; args(names: string[]): string[]; parse(stdout: string): Record<string, string | null> };

  /** The packages that give `python3` (minor null) or `python3.X` with everything `python -m venv` needs. */
  python(os: OsFacts, minor: string | null): string[] | null;
  /** The minors this release can install side by side, from its packaging (null: ask the candidates). */
  installableMinors(os: OsFacts): string[] | null;
  /** What restores the venv module or ensurepip of this (distribution's) interpreter. */
  restoreVenv(facts: Facts, probe: Probe): PackageWant | null;
  /** What restores the pip (and, up to 3.11, setuptools) wheels ensurepip installs. */
  restoreWheels(facts: Facts, probe: Probe): PackageWant | null;
  /** The system pip package of the distribution's default python3 (never needed for venvs). */
  systemPip(facts: Facts, probe: Probe): string | null;
  /** The argv (without sudo) that installs, or reinstalls, these packages. */
  installArgv(packages: string[], options: { reinstall: boolean; indexEmpty: boolean }): string[];
  /** Whether an optional fix (a system pip) may be offered: only where its package is known to be reachable. */
  offersOptional?(facts: Facts): boolean;
  /** Its reinstall also installs the packages that are not installed (apt --reinstall, zypper --force, pacman -S). */
  reinstallInstalls: boolean;
  /** Said with the plan when the index is empty and the install downloads it (pacman's -Syu upgrades everything). */
  indexEmptyNote?: string;
  /** What the refresh command does, for the plan (apt-get update). */
  refreshWhy?: string;
  /** The argv (without sudo) that downloads the package index first, when installing needs it separately. */
  refreshArgv: string[] | null;
  /**
   * When the index has no candidate for some wanted packages and this family knows why (Ubuntu's universe
   * not enabled): the steps that make them installable, or advice. Null: the planner's general answer.
   */
  missingCandidates?(facts: Facts, names: string[]): MissingCandidates | null;
}

export type MissingCandidates = { steps: { argv: string[]; why: string }[]; note: string } | { advice: string };

/** ID or ID_LIKE of the os-release is one of these. */
export function osIs(os: OsFacts, ...ids: string[]): boolean {
  return [os.id, ...os.idLike].some((id) => id !== null && ids.includes(id));
}

/** "3.12" -> 12; null when it is not a 3.X minor. */
export function minorNumber(minor: string): number | null {
  const match = /^3\.(\d{1,2})$/.exec(minor);
  return match ? Number(match[1]) : null;
}

/** "9.4" -> [9, 4]; "2023" -> [2023, 0]; null when VERSION_ID is not numbers. */
export function releaseOf(os: OsFacts): [number, number] | null {
  const match = /^(\d+)(?:\.(\d+))?/.exec(os.versionId ?? '');
  return match ? [Number(match[1]), Number(match[2] ?? 0)] : null;
}

export function minorOf(probe: Probe): string {
  return `${probe.versionInfo[0]}.${probe.versionInfo[1]}`;
}

/** ensurepip up to 3.11 installs setuptools too. */
export function needsSetuptools(probe: Probe): boolean {
  return probe.versionInfo[0] === 3 && probe.versionInfo[1] <= 11;
}
