// What rpm-based families share (dnf's Fedora and RHEL, zypper's openSUSE and SLES): rpm's own database,
// asked with one `rpm -qa` for every python* package (rpm's database is not a file to read: BDB/SQLite).
import type { PackageState } from '../types.js';
import type { InstalledQuery } from './types.js';

const PACKAGE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;

/** Parses `rpm -qa --qf '%{NAME}\t%{VERSION}-%{RELEASE}\n' 'python*'`: every line is an installed package. */
export function parseRpmQuery(stdout: string): Record<string, PackageState> {
  const packages: Record<string, PackageState> = {};
  for (const line of stdout.split('\n')) {
    const [name, version] = line.split('\t');
    if (!name || !PACKAGE_NAME.test(name)) continue;
    packages[name] = { installed: true, version: version?.trim() || null };
  }
  return packages;
}

export const RPM_QUERY: InstalledQuery = {
  kind: 'command',
  tool: 'rpm',
  args: ['-qa', '--qf', '%{NAME}\\t%{VERSION}-%{RELEASE}\\n', 'python*'],
  okExitCodes: [0, 1],
  parse: parseRpmQuery,
};
