// Debian, Ubuntu and their derivatives (Mint, Pop!_OS, Raspbian, Kali ...): dpkg and apt.
// Debian splits what `python3 -m venv` needs: ensurepip is in pythonX.Y-venv, its pip wheel in
// python3-pip-whl (python-pip-whl up to Debian 11 / Ubuntu 20.04), pip itself in python3-pip
// (../shared/domain/python-packaging-facts.md; Debian's python3.X source package, debian/control).
import type { Facts, OsFacts, PackageState, Probe } from '../types.js';
import { minorOf, needsSetuptools, osIs, type PackageSystem } from './types.js';

/** The dpkg-query format the gatherer asks for: one package per line, tab-separated. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own ${Field} syntax, not a template
export const DPKG_QUERY_FORMAT = '${Package}\\t${db:Status-Abbrev}\\t${Version}\\n';

const PACKAGE_NAME = /^[a-z0-9][a-z0-9.+-]+$/;

/**
 * Parses `dpkg-query -W -f "$DPKG_QUERY_FORMAT" PATTERN...`. Installed: status "ii" (wanted install, state
 * installed); "rc" (removed, its configuration kept) and "un" are known but not installed. Where a name
 * appears twice (several architectures), the installed one wins.
 */
export function parseDpkgQuery(stdout: string): Record<string, PackageState> {
  const packages: Record<string, PackageState> = {};
  for (const line of stdout.split('\n')) {
    const [name, status, version] = line.split('\t');
    if (name === undefined || status === undefined || !PACKAGE_NAME.test(name)) continue;
    const entry: PackageState = { installed: status.trim() === 'ii', version: version?.trim() || null };
    if (packages[name]?.installed && !entry.installed) continue;
    packages[name] = entry;
  }
  return packages;
}

/**
 * Parses `apt-cache policy NAME...` into each package's candidate version (null when "(none)").
 * apt prints nothing at all, and exits 0, for a name it has never heard of: such names are absent.
 */
export function parseAptPolicy(stdout: string): Record<string, string | null> {
  const candidates: Record<string, string | null> = {};
  let current: string | null = null;
  for (const line of stdout.split('\n')) {
    const header = /^(\S+?)(?::[a-z0-9-]+)?:\s*$/.exec(line);
    if (header?.[1] && PACKAGE_NAME.test(header[1])) {
      current = header[1];
      continue;
    }
    const candidate = /^\s+Candidate:\s*(\S+)/.exec(line);
    if (candidate?.[1] && current !== null) {
      candidates[current] = candidate[1] === '(none)' ? null : candidate[1];
      current = null;
    }
  }
  return candidates;
}

/** Whether a directory listing of /var/lib/apt/lists holds any package index. */
export function hasPackageLists(names: string[]): boolean {
  return names.some((name) => /_Packages(\.(gz|xz|lz4|zst|bz2))?$/.test(name));
}

/**
 * Whether Ubuntu's universe component is enabled, from the text of apt's sources files:
 * one-line `deb URI SUITE COMPONENT...` entries and deb822 `Components:` fields.
 */
export function sourcesEnableUniverse(texts: string[]): boolean {
  for (const text of texts) {
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.replace(/#.*/, '').trim();
      if (/^deb\s/.test(line) && /\suniverse(\s|$)/.test(line)) return true;
      if (/^Components:/i.test(line) && /\suniverse(\s|$)/.test(`${line} `)) return true;
    }
  }
  return false;
}

export function isUbuntuFamily(os: OsFacts): boolean {
  return osIs(os, 'ubuntu');
}

const VENV_PACKAGE = /^python3\.\d{1,2}-venv$/;

/** pythonX.Y-venv, from the interpreter's own version, never from the OS release. */
function venvPackage(probe: Probe): string | null {
  const name = `python${minorOf(probe)}-venv`;
  return VENV_PACKAGE.test(name) ? name : null;
}

/** The pip wheel package's name: python3-pip-whl, or python-pip-whl on Debian 11 / Ubuntu 20.04. */
function pipWheelPackage(facts: Facts, probe: Probe): string {
  const known = facts.packages?.installed ?? {};
  if (known['python-pip-whl'] && !known['python3-pip-whl']) return 'python-pip-whl';
  return probe.versionInfo[0] === 3 && probe.versionInfo[1] <= 9 ? 'python-pip-whl' : 'python3-pip-whl';
}

export const apt: PackageSystem = {
  id: 'apt',
  matches: (os) => osIs(os, 'debian', 'ubuntu'),
  findsOwner: true,
  detect: ['dpkg-query'],
  programs: ['apt-get', 'add-apt-repository'],
  installed: {
    kind: 'command',
    tool: 'dpkg-query',
    // One call for every python3* package dpkg knows; exit status 1 only means a pattern matched nothing.
    args: ['-W', `-f=${DPKG_QUERY_FORMAT}`, 'python3*', 'python-pip-whl'],
    okExitCodes: [0, 1],
    parse: parseDpkgQuery,
  },
  index: { dir: '/var/lib/apt/lists', present: hasPackageLists },
  candidates: { tool: 'apt-cache', args: (names) => ['policy', ...names], parse: parseAptPolicy },
  // python3.13 is Debian's package python3.13, with its venv package; python3-venv pulls the default
  // python3 and its pythonX.Y-venv.
  python: (_os, minor) => (minor === null ? ['python3', 'python3-venv'] : [`python${minor}`, `python${minor}-venv`]),
  installableMinors: () => null,
  restoreVenv: (_facts, probe) => {
    const name = venvPackage(probe);
    return { packages: name ? [name] : [], reinstall: false };
  },
  restoreWheels: (facts, probe) => {
    const packages = [pipWheelPackage(facts, probe), ...(needsSetuptools(probe) ? ['python3-setuptools-whl'] : [])];
    return { packages, reinstall: packages.some((name) => facts.packages?.installed?.[name]?.installed) };
  },
  systemPip: () => 'python3-pip',
  // Ubuntu ships python3-pip in universe: offered only when universe is known to be on.
  offersOptional: (facts) => !isUbuntuFamily(facts.os) || facts.packages?.universe === true,
  installArgv: (packages, { reinstall }) => [
    'apt-get',
    'install',
    '-y',
    ...(reinstall ? ['--reinstall'] : []),
    ...packages,
  ],
  reinstallInstalls: true,
  refreshArgv: ['apt-get', 'update'],
  refreshWhy: "download apt's package lists (they are empty, as in fresh container images)",
  missingCandidates(facts, names) {
    // Ubuntu ships these packages in universe; a system without universe cannot see them.
    if (!isUbuntuFamily(facts.os) || facts.packages?.universe !== false) return null;
    const them = names.length > 1 ? 'are' : 'is';
    if (!facts.packages.tools.addAptRepository) {
      return {
        advice: `${names.join(', ')} ${them} in Ubuntu's universe component, which is not enabled: add "universe" to the Components of your apt sources (/etc/apt/sources.list.d/ubuntu.sources), then run venv-doctor again.`,
      };
    }
    return {
      steps: [
        { argv: ['add-apt-repository', '-y', 'universe'], why: "enable Ubuntu's universe component" },
        { argv: ['apt-get', 'update'], why: 'download the package lists of universe' },
      ],
      note: `${names.join(', ')} had no install candidate because universe is not enabled.`,
    };
  },
};
