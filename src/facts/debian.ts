// Parsers for what dpkg and apt print. Pure; recorded outputs live in test/fixtures.
import type { DpkgPackage } from '../types.js';

/** The dpkg-query format the gatherer asks for: one package per line, tab-separated. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own ${Field} syntax, not a template
export const DPKG_QUERY_FORMAT = '${Package}\\t${db:Status-Abbrev}\\t${Version}\\n';

const PACKAGE_NAME = /^[a-z0-9][a-z0-9.+-]+$/;

/**
 * Parses `dpkg-query -W -f "$DPKG_QUERY_FORMAT" PATTERN...`. Where a name appears twice (several
 * architectures), the installed one wins.
 */
export function parseDpkgQuery(stdout: string): Record<string, DpkgPackage> {
  const packages: Record<string, DpkgPackage> = {};
  for (const line of stdout.split('\n')) {
    const [name, status, version] = line.split('\t');
    if (name === undefined || status === undefined || !PACKAGE_NAME.test(name)) continue;
    const entry: DpkgPackage = { status: status.trim(), version: version?.trim() || null };
    const previous = packages[name];
    if (previous && previous.status === 'ii' && entry.status !== 'ii') continue;
    packages[name] = entry;
  }
  return packages;
}

/** dpkg considers the package installed (status "ii": wanted install, state installed). */
export function isInstalled(pkg: DpkgPackage | undefined): boolean {
  return pkg !== undefined && pkg.status === 'ii';
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
