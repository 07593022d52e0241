// Each package system module's tables (src/systems/), from its packaging source
// (../shared/domain/other-systems.md; the [key] of each names it): the release's python3, the minors it
// installs, the package names, the database parsers and the argv.
import { describe, expect, it } from 'vitest';
import { apk, parseApkInstalled } from '../../src/systems/apk.js';
import { defaultMinor, dnf } from '../../src/systems/dnf.js';
import { pacman, parsePacmanLocal } from '../../src/systems/pacman.js';
import { parseRpmQuery } from '../../src/systems/rpm.js';
import { minorNumber, releaseOf } from '../../src/systems/types.js';
import { zypper } from '../../src/systems/zypper.js';
import type { OsFacts, PackageState } from '../../src/types.js';
import { facts, healthyProbe } from '../helpers/facts.js';

const os = (id: string, versionId: string | null, idLike: string[] = []): OsFacts => ({
  source: '/etc/os-release',
  id,
  idLike,
  versionId,
  codename: null,
  name: null,
  prettyName: null,
  problem: null,
});
const probeOf = (minor: number) => ({
  ...healthyProbe({ version: `3.${minor}.1`, versionInfo: [3, minor, 1] as [number, number, number] }),
});
const factsOn = (system: OsFacts, installed: Record<string, PackageState> | null = null) => {
  const f = facts({ os: system });
  return { ...f, os: system, packages: f.packages && { ...f.packages, installed } };
};

describe('releaseOf, minorNumber: what the tables are keyed on', () => {
  it.each([
    ['9.4', [9, 4]],
    ['2023', [2023, 0]],
    ['3.21.3', [3, 21]],
    ['15.6', [15, 6]],
    ['TEMPLATE_VERSION_ID', null],
    [null, null],
  ] as const)('VERSION_ID %s -> %j', (versionId, expected) => {
    expect(releaseOf(os('x', versionId))).toEqual(expected);
  });
  it('minorNumber: 3.X only', () => {
    expect(minorNumber('3.12')).toBe(12);
    expect(minorNumber('3.9')).toBe(9);
    expect(minorNumber('4.1')).toBeNull();
    expect(minorNumber('3.123')).toBeNull();
    expect(minorNumber('x3.12')).toBeNull();
  });
});

describe('dnf [F1][F3][F5][R1][R4][R5][R6][R7]', () => {
  it.each([
    [os('fedora', '39'), '3.12'],
    [os('fedora', '40'), '3.12'],
    [os('fedora', '41'), '3.13'],
    [os('fedora', '42'), '3.13'],
    [os('fedora', '43'), '3.14'],
    [os('fedora', '44'), '3.14'],
    [os('fedora', '38'), null],
    [os('rhel', '8.10'), '3.6'],
    [os('rhel', '9.6'), '3.9'],
    [os('rhel', '10.0'), '3.12'],
    [os('amzn', '2023'), '3.9'],
    [os('amzn', '2'), null],
    [os('rhel', null), null],
  ])('%j: python3 is %s', (system, minor) => {
    expect(defaultMinor(system)).toBe(minor);
  });
  it.each([
    [os('rhel', '8.0'), ['3.6']],
    [os('rhel', '8.2'), ['3.6', '3.8']],
    [os('rocky', '8.4', ['rhel']), ['3.6', '3.8', '3.9']],
    [os('rhel', '8.8'), ['3.6', '3.8', '3.9', '3.11']],
    [os('rhel', '8.10'), ['3.6', '3.8', '3.9', '3.11', '3.12']],
    [os('rhel', '9.0'), ['3.9']],
    [os('rhel', '9.2'), ['3.9', '3.11']],
    [os('almalinux', '9.6', ['rhel']), ['3.9', '3.11', '3.12']],
    // CentOS Stream says only its major, and is ahead of every minor
    [os('centos', '9', ['rhel', 'fedora']), ['3.9', '3.11', '3.12']],
    [os('centos', '8', ['rhel', 'fedora']), ['3.6', '3.8', '3.9', '3.11', '3.12']],
    [os('rhel', '10.0'), ['3.12']],
    [os('fedora', '42'), ['3.9', '3.10', '3.11', '3.12', '3.13', '3.14']],
    [os('fedora', '43'), ['3.9', '3.10', '3.11', '3.12', '3.13', '3.14', '3.15']],
    [os('amzn', '2023'), ['3.9', '3.11', '3.12', '3.13', '3.14']],
    [os('fedora', '30'), null],
  ])('%j installs %j side by side', (system, minors) => {
    expect(dnf.installableMinors(system)).toEqual(minors);
  });
  it('package names: python3 for the default, python3.X for another, RHEL 8 python38/python39 undotted', () => {
    expect(dnf.python(os('fedora', '41'), null)).toEqual(['python3']);
    expect(dnf.python(os('fedora', '41'), '3.13')).toEqual(['python3']);
    expect(dnf.python(os('fedora', '41'), '3.12')).toEqual(['python3.12']);
    expect(dnf.python(os('rhel', '8.10'), '3.9')).toEqual(['python39']);
    expect(dnf.python(os('rhel', '8.10'), '3.8')).toEqual(['python38']);
    expect(dnf.python(os('rhel', '8.10'), '3.11')).toEqual(['python3.11']);
    expect(dnf.python(os('rhel', '9.6'), '3.9')).toEqual(['python3']);
    expect(dnf.python(os('amzn', '2023'), '3.9')).toEqual(['python3']);
    expect(dnf.python(os('amzn', '2023'), '3.12')).toEqual(['python3.12']);
  });
  it('venv and ensurepip: the -libs of the interpreter', () => {
    expect(dnf.restoreVenv(factsOn(os('rhel', '8.10')), probeOf(9))?.packages).toEqual(['python39-libs']);
    expect(dnf.restoreVenv(factsOn(os('rhel', '9.6')), probeOf(11))?.packages).toEqual(['python3.11-libs']);
    expect(dnf.restoreVenv(factsOn(os('rhel', '9.6')), probeOf(9))?.packages).toEqual(['python3-libs']);
  });
  it("the wheels: Fedora's shared python-pip-wheel, RHEL's python3- and alternates' python3.X-", () => {
    const wheels = (system: OsFacts, minor: number, installed: Record<string, PackageState> | null = null) =>
      dnf.restoreWheels(factsOn(system, installed), probeOf(minor));
    expect(wheels(os('fedora', '41'), 11)?.packages).toEqual(['python-pip-wheel', 'python-setuptools-wheel']);
    expect(wheels(os('fedora', '41'), 13)?.packages).toEqual(['python-pip-wheel']);
    expect(wheels(os('rhel', '9.6'), 9)?.packages).toEqual(['python3-pip-wheel', 'python3-setuptools-wheel']);
    expect(wheels(os('rhel', '9.6'), 12)?.packages).toEqual(['python3.12-pip-wheel']);
    expect(wheels(os('rhel', '8.10'), 9)?.packages).toEqual(['python39-pip-wheel', 'python39-setuptools-wheel']);
    // Amazon Linux 2023: whichever name its rpm database knows
    const fedoraNamed = { 'python-pip-wheel': { installed: true, version: '21.3.1' } };
    expect(wheels(os('amzn', '2023'), 9, fedoraNamed)?.packages).toEqual([
      'python-pip-wheel',
      'python-setuptools-wheel',
    ]);
    expect(wheels(os('amzn', '2023'), 9, {})?.packages).toEqual(['python3-pip-wheel', 'python3-setuptools-wheel']);
    // reinstalled when rpm lists them all, or was not asked; installed when it does not list one
    expect(wheels(os('fedora', '41'), 13)?.reinstall).toBe(true);
    expect(wheels(os('fedora', '41'), 13, {})?.reinstall).toBe(false);
    expect(wheels(os('fedora', '41'), 13, { 'python-pip-wheel': { installed: true, version: '1' } })?.reinstall).toBe(
      true,
    );
  });
  it('argv', () => {
    expect(dnf.installArgv(['python3.12'], { reinstall: false, indexEmpty: false })).toEqual([
      'dnf',
      'install',
      '-y',
      'python3.12',
    ]);
    expect(dnf.installArgv(['python3-libs'], { reinstall: true, indexEmpty: true })).toEqual([
      'dnf',
      'reinstall',
      '-y',
      'python3-libs',
    ]);
    expect(dnf.systemPip(factsOn(os('fedora', '41')), probeOf(13))).toBe('python3-pip');
    expect(dnf.refreshArgv).toBeNull();
    expect(dnf.reinstallInstalls).toBe(false);
  });
});

describe('apk [A1][A4]', () => {
  it('reads /lib/apk/db/installed: records apart, P: then V:, names checked', () => {
    const db = [
      'C:Q1x=',
      'P:python3',
      'V:3.12.11-r0',
      'A:x86_64',
      '',
      'P:py3-pip',
      'V:24.3.1-r0',
      '',
      'V:9.9-r0',
      'P:bad name',
      'V:1',
      '',
      'P:musl',
      '',
    ].join('\n');
    expect(parseApkInstalled(db)).toEqual({
      python3: { installed: true, version: '3.12.11-r0' },
      'py3-pip': { installed: true, version: '24.3.1-r0' },
      musl: { installed: true, version: null },
    });
  });
  it.each([
    ['3.18.9', ['3.11']],
    ['3.19.4', ['3.11']],
    ['3.20.6', ['3.12']],
    ['3.23.0', ['3.12']],
    ['3.24.1', ['3.14']],
    ['3.17.10', null],
    ['edge', null],
  ])('Alpine %s packages python3 as %j', (versionId, minors) => {
    expect(apk.installableMinors(os('alpine', versionId))).toEqual(minors);
  });
  it('python3 only for the branch minor; py3-pip offered only where it is in main (3.23+)', () => {
    expect(apk.python(os('alpine', '3.21.3'), null)).toEqual(['python3']);
    expect(apk.python(os('alpine', '3.21.3'), '3.12')).toEqual(['python3']);
    expect(apk.python(os('alpine', '3.21.3'), '3.11')).toBeNull();
    const offered = (versionId: string | null) => apk.offersOptional?.(factsOn(os('alpine', versionId)));
    expect([offered('3.22.1'), offered('3.23.0'), offered('3.24.0'), offered('4.0.0'), offered(null)]).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
    expect(apk.index?.present(['APKINDEX.2c4ac24e.tar.gz'])).toBe(true);
    expect(apk.index?.present(['x', 'installed'])).toBe(false);
    expect(apk.restoreVenv(factsOn(os('alpine', '3.21.3')), probeOf(12))).toEqual({
      packages: ['python3'],
      reinstall: true,
    });
    expect(apk.systemPip(factsOn(os('alpine', '3.21.3')), probeOf(12))).toBe('py3-pip');
  });
  it('argv: add, fix --reinstall, and --update-cache where the index is empty', () => {
    const argv = (reinstall: boolean, indexEmpty: boolean) => apk.installArgv(['python3'], { reinstall, indexEmpty });
    expect(argv(false, false)).toEqual(['apk', 'add', 'python3']);
    expect(argv(false, true)).toEqual(['apk', 'add', '--update-cache', 'python3']);
    expect(argv(true, false)).toEqual(['apk', 'fix', '--reinstall', 'python3']);
    expect(argv(true, true)).toEqual(['apk', 'fix', '--update-cache', '--reinstall', 'python3']);
  });
});

describe('pacman [H1][H2]', () => {
  it('reads the names in /var/lib/pacman/local', () => {
    expect(
      parsePacmanLocal([
        'python-3.13.7-1',
        'python-pip-25.1.1-1',
        'ALPM_DB_VERSION',
        'lib32-gcc-libs-14.2.1+r7-1',
        'x',
      ]),
    ).toEqual({
      python: { installed: true, version: '3.13.7-1' },
      'python-pip': { installed: true, version: '25.1.1-1' },
      'lib32-gcc-libs': { installed: true, version: '14.2.1+r7-1' },
    });
  });
  it('one python; the sync databases; argv without a partial upgrade', () => {
    expect(pacman.python(os('arch', null), null)).toEqual(['python']);
    expect(pacman.python(os('arch', null), '3.13')).toBeNull();
    expect(pacman.installableMinors(os('arch', null))).toEqual([]);
    expect(pacman.index?.present(['core.db', 'extra.db'])).toBe(true);
    expect(pacman.index?.present(['core.db.sig'])).toBe(false);
    expect(pacman.index?.present([])).toBe(false);
    expect(pacman.restoreWheels(factsOn(os('arch', null)), probeOf(13))).toEqual({
      packages: ['python'],
      reinstall: true,
    });
    expect(pacman.systemPip(factsOn(os('arch', null)), probeOf(13))).toBe('python-pip');
    const argv = (reinstall: boolean, indexEmpty: boolean) => pacman.installArgv(['python'], { reinstall, indexEmpty });
    expect(argv(false, false)).toEqual(['pacman', '-S', '--needed', '--noconfirm', 'python']);
    expect(argv(true, false)).toEqual(['pacman', '-S', '--noconfirm', 'python']);
    expect(argv(false, true)).toEqual(['pacman', '-Syu', '--needed', '--noconfirm', 'python']);
    expect(argv(true, true)).toEqual(['pacman', '-Syu', '--noconfirm', 'python']);
  });
});

describe('zypper [S1][S2][S3]', () => {
  const tw = os('opensuse-tumbleweed', '20250101', ['opensuse', 'suse']);
  const leap = os('opensuse-leap', '15.6', ['suse', 'opensuse']);
  const sles = os('sles', '15.7');
  it('names without a dot; Leap and SLE 15 keep 3.6 as python3', () => {
    expect(zypper.python(tw, null)).toEqual(['python3']);
    expect(zypper.python(tw, '3.12')).toEqual(['python312']);
    expect(zypper.python(leap, '3.11')).toEqual(['python311']);
    expect(zypper.python(leap, '3.6')).toEqual(['python3']);
    expect(zypper.python(sles, '3.6')).toEqual(['python3']);
    expect(zypper.python(sles, '3.11')).toBeNull();
    expect(zypper.restoreVenv(factsOn(tw), probeOf(13))).toEqual({ packages: ['python313-base'], reinstall: true });
    expect(zypper.restoreWheels(factsOn(leap), probeOf(6))).toEqual({ packages: ['python3-base'], reinstall: true });
    expect(zypper.systemPip(factsOn(tw), probeOf(13))).toBe('python313-pip');
    expect(zypper.systemPip(factsOn(leap), probeOf(6))).toBe('python3-pip');
  });
  it('which minors each release installs', () => {
    expect(zypper.installableMinors(tw)).toEqual(['3.11', '3.12', '3.13', '3.14']);
    expect(zypper.installableMinors(os('opensuse-slowroll', '20250101', ['opensuse']))).toEqual([
      '3.11',
      '3.12',
      '3.13',
      '3.14',
    ]);
    expect(zypper.installableMinors(leap)).toEqual(['3.6', '3.11']);
    expect(zypper.installableMinors(sles)).toEqual(['3.6']);
    expect(zypper.installableMinors(os('opensuse-leap', '16.0', ['suse']))).toBeNull();
  });
  it('argv', () => {
    expect(zypper.installArgv(['python312'], { reinstall: false, indexEmpty: false })).toEqual([
      'zypper',
      '--non-interactive',
      'install',
      'python312',
    ]);
    expect(zypper.installArgv(['python313-base'], { reinstall: true, indexEmpty: true })).toEqual([
      'zypper',
      '--non-interactive',
      'install',
      '--force',
      'python313-base',
    ]);
  });
});

describe("rpm's query", () => {
  it('every line a package: name, tab, version-release; other lines left out', () => {
    expect(parseRpmQuery('python3\t3.13.1-2.fc41\npython3-libs\t\n\tx\nbad name\t1\n')).toEqual({
      python3: { installed: true, version: '3.13.1-2.fc41' },
      'python3-libs': { installed: true, version: null },
    });
  });
});
