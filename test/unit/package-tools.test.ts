// The real package managers, where Debian's own archive carries them (rpm, dnf, pacman-package-manager,
// zypper: `apt-get install rpm dnf pacman-package-manager zypper`): every argv a module prints is one that
// tool accepts (it then fails only for want of repositories, in an empty root of its own), an argv it does
// not know is refused (so the test can tell the two apart), and rpm's own output, from a real rpm database,
// is what the parser reads. apk is not in Debian 12's archive (docs/testing.md).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dnf } from '../../src/systems/dnf.js';
import { pacman } from '../../src/systems/pacman.js';
import { RPM_QUERY } from '../../src/systems/rpm.js';
import { zypper } from '../../src/systems/zypper.js';

const have = (...tools: string[]) => tools.every((tool) => existsSync(`/usr/bin/${tool}`));
const HAVE_DNF = have('rpm', 'dnf');
const HAVE_PACMAN = have('pacman');
const HAVE_ZYPPER = have('rpm', 'zypper');
const HAVE_RPMBUILD = have('rpm', 'rpmbuild');

const work = mkdtempSync(join(tmpdir(), 'venv-doctor-package-tools-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(argv: string[]) {
  const [program, ...args] = argv as [string, ...string[]];
  const result = spawnSync(`/usr/bin/${program}`, args, { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Every argv each module prints, for the packages of its own tests (test/scenarios/systems.test.ts). */
const argvs = (system: typeof dnf, packages: string[][]) => {
  const all = packages.flatMap((names) =>
    [false, true].flatMap((reinstall) =>
      [false, true].map((indexEmpty) => system.installArgv(names, { reinstall, indexEmpty })),
    ),
  );
  // Once each (dnf and zypper have no index step: indexEmpty changes nothing there).
  return [...new Map(all.map((argv) => [argv.join(' '), argv])).values()];
};

describe('dnf', () => {
  // An empty install root with no repositories: an argv dnf accepts ends at "no enabled repositories".
  const root = join(work, 'dnf');
  const isolated = (argv: string[]) => {
    mkdirSync(join(root, 'repos'), { recursive: true });
    const [program, ...rest] = argv as [string, ...string[]];
    return [
      program,
      `--installroot=${root}`,
      `--setopt=reposdir=${join(root, 'repos')}`,
      `--setopt=cachedir=${join(root, 'cache')}`,
      '--releasever=41',
      ...rest,
    ];
  };
  it.runIf(HAVE_DNF)(
    'accepts every argv of the dnf module (needs rpm and dnf from Debian: apt-get install dnf)',
    () => {
      for (const argv of argvs(dnf, [
        ['python3-libs'],
        ['python3.12'],
        ['python-pip-wheel', 'python-setuptools-wheel'],
      ])) {
        const result = run(isolated(argv));
        expect(result.output, argv.join(' ')).toMatch(/There are no enabled repositories/);
        expect(result.status, argv.join(' ')).toBe(1);
      }
    },
  );
  it.runIf(HAVE_DNF)(
    'refuses an argv it does not know, with another exit code (needs rpm and dnf from Debian: apt-get install dnf)',
    () => {
      const result = run(isolated(['dnf', 'install', '-y', '--no-such-option', 'python3']));
      expect(result.status).toBe(2);
      expect(result.output).toMatch(/unrecognized arguments/);
    },
  );
});

describe('pacman', () => {
  const root = join(work, 'pacman');
  const isolated = (argv: string[]) => {
    mkdirSync(join(root, 'db'), { recursive: true });
    const [program, ...rest] = argv as [string, ...string[]];
    return [program, '--root', root, '--dbpath', join(root, 'db'), ...rest];
  };
  it.runIf(HAVE_PACMAN)(
    'accepts every argv of the pacman module (needs pacman from Debian: apt-get install pacman-package-manager)',
    () => {
      for (const argv of argvs(pacman, [['python'], ['python-pip']])) {
        const result = run(isolated(argv));
        expect(result.output, argv.join(' ')).toMatch(/no usable package repositories configured/);
      }
    },
  );
  it.runIf(HAVE_PACMAN)(
    'refuses an argv it does not know (needs pacman from Debian: apt-get install pacman-package-manager)',
    () => {
      const result = run(isolated(['pacman', '-S', '--no-such-option', 'python']));
      expect(result.output).toMatch(/unrecognized option/);
      expect(result.output).not.toMatch(/no usable package repositories/);
    },
  );
});

describe('zypper', () => {
  const root = join(work, 'zypper');
  const isolated = (argv: string[]) => {
    mkdirSync(root, { recursive: true });
    const [program, ...rest] = argv as [string, ...string[]];
    return [program, '--root', root, ...rest];
  };
  it.runIf(HAVE_ZYPPER)(
    'accepts every argv of the zypper module (needs rpm and zypper from Debian: apt-get install zypper)',
    () => {
      for (const argv of argvs(zypper, [['python313-base'], ['python312'], ['python3-pip']])) {
        const result = run(isolated(argv));
        // 104: ZYPPER_EXIT_INF_CAP_NOT_FOUND, the package is in no repository (there are none).
        expect(result.status, argv.join(' ')).toBe(104);
        expect(result.output, argv.join(' ')).toMatch(/No provider of/);
      }
    },
  );
  it.runIf(HAVE_ZYPPER)(
    'refuses an argv it does not know, with another exit code (needs rpm and zypper from Debian: apt-get install zypper)',
    () => {
      const result = run(isolated(['zypper', '--non-interactive', 'install', '--no-such-option', 'python3']));
      expect(result.status).toBe(2);
      expect(result.output).toMatch(/is not known/);
    },
  );
});

describe("rpm's own output", () => {
  it.runIf(HAVE_RPMBUILD)(
    'the query of the dnf and zypper modules, on a real rpm database, reads name and version-release (needs rpm and rpmbuild from Debian: apt-get install rpm)',
    () => {
      const top = join(work, 'rpmbuild');
      const db = join(work, 'rpmdb');
      mkdirSync(join(top, 'SPECS'), { recursive: true });
      mkdirSync(db, { recursive: true });
      const packages = [
        ['python3-libs', '3.13.1', '2.fc41'],
        ['python-pip-wheel', '24.2', '1.fc41'],
        ['libffi', '3.4.6', '1.fc41'],
      ];
      for (const [name, version, release] of packages) {
        const spec = join(top, 'SPECS', `${name}.spec`);
        writeFileSync(
          spec,
          `Name: ${name}\nVersion: ${version}\nRelease: ${release}\nSummary: t\nLicense: MIT\nBuildArch: noarch\n%description\nt\n%files\n`,
        );
        execFileSync('/usr/bin/rpmbuild', ['--define', `_topdir ${top}`, '--quiet', '-bb', spec], { stdio: 'pipe' });
      }
      const built = readdirSync(join(top, 'RPMS', 'noarch')).map((file) => join(top, 'RPMS', 'noarch', file));
      execFileSync('/usr/bin/rpm', ['--dbpath', db, '--initdb']);
      execFileSync('/usr/bin/rpm', ['--dbpath', db, '-i', '--nodeps', '--justdb', ...built], { stdio: 'pipe' });
      if (RPM_QUERY.kind !== 'command') throw new Error('rpm is asked with a command');
      const result = spawnSync('/usr/bin/rpm', ['--dbpath', db, ...RPM_QUERY.args], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(RPM_QUERY.okExitCodes).toContain(result.status);
      expect(RPM_QUERY.parse(result.stdout)).toEqual({
        'python3-libs': { installed: true, version: '3.13.1-2.fc41' },
        'python-pip-wheel': { installed: true, version: '24.2-1.fc41' },
      });
    },
  );
});
