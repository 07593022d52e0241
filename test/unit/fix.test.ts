// --fix through main() with a strict fake System and fake streams: who runs what, with which exit code.
// Debian 12 with python3 but without python3.11-venv (the recorded dpkg-query and apt-cache outputs):
// the plan is one apt-get install.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBE_SENTINEL } from '../../src/facts/probe.js';
import { type Io, main } from '../../src/main.js';
import { healthyProbe } from '../helpers/facts.js';
import { fakeSystem } from '../helpers/fake-system.js';
import { FIXTURES } from '../helpers/paths.js';

const ELF = { exec: '\u007fELF' };
const files = {
  '/etc/os-release':
    'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
  '/usr/bin/python3': ELF,
  '/usr/bin/dpkg-query': ELF,
  '/usr/bin/apt-get': ELF,
  '/usr/bin/apt-cache': ELF,
  '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4': 'x',
  '/var/lib/dpkg/info/python3.11-minimal.list': '/usr/bin/python3.11\n',
};

function machine(uid: number, sudo: boolean, pip = true) {
  const probe = healthyProbe({ ensurepipMain: false, ...(pip ? {} : { pip: null }) });
  return fakeSystem({
    uid,
    files: { ...files, ...(sudo ? { '/usr/bin/sudo': ELF } : {}) } as never,
    commands: [
      { file: '/usr/bin/python3', result: { stdout: `${PROBE_SENTINEL}${JSON.stringify(probe)}\n` } },
      {
        file: '/usr/bin/dpkg-query',
        result: {
          exitCode: 1,
          stdout: readFileSync(join(FIXTURES, 'debian/dpkg-query_bookworm-minbase-python3.txt'), 'utf8'),
        },
      },
      {
        file: '/usr/bin/apt-cache',
        result: { stdout: readFileSync(join(FIXTURES, 'debian/apt-cache-policy_bookworm-minbase.txt'), 'utf8') },
      },
    ],
  });
}

function io(answer = 'y', fixExit = 0) {
  const out = { stdout: '', stderr: '', ran: [] as string[][], asked: 0 };
  const streams: Io = {
    stdout: { write: (t: string) => (out.stdout += t) },
    stderr: { write: (t: string) => (out.stderr += t) },
    isTTY: false,
    canAsk: true,
    env: {},
    readFile: async () => '',
    writeFile: async () => {},
    appendFile: async () => {},
    ask: async () => {
      out.asked++;
      return answer;
    },
    runFix: async (argv) => {
      out.ran.push([...argv]);
      return fixExit;
    },
    identity: async () => ({ passwd: null, hostname: null }),
    now: () => 0,
  };
  return { out, streams };
}

describe('--fix and the optional python3-pip', () => {
  it('is shown apart and not run by --fix', async () => {
    const { out, streams } = io();
    await main(['--fix', '--yes'], streams, () => machine(0, false, false));
    expect(out.stdout).toContain(
      'Optional, not needed for venvs (a pip for the system Python itself; --fix --with-optional runs it):\n\n    apt-get install -y python3-pip\n',
    );
    expect(out.ran).toEqual([['/usr/bin/apt-get', 'install', '-y', 'python3.11-venv']]);
  });
  it('is run after the required fixes with --with-optional', async () => {
    const { out, streams } = io();
    await main(['--fix', '--yes', '--with-optional'], streams, () => machine(0, false, false));
    expect(out.ran).toEqual([
      ['/usr/bin/apt-get', 'install', '-y', 'python3.11-venv'],
      ['/usr/bin/apt-get', 'install', '-y', 'python3-pip'],
    ]);
  });
  it('--with-optional without --fix is a usage error', async () => {
    const { out, streams } = io();
    expect(await main(['--with-optional'], streams, () => machine(0, false))).toBe(2);
    expect(out.stderr).toContain('--with-optional goes with --fix');
  });
});

describe('--fix', () => {
  it('as root: runs apt-get by its absolute path, exactly the argv it showed', async () => {
    const { out, streams } = io();
    const code = await main(['--fix', '--yes'], streams, () => machine(0, false));
    expect(out.stdout).toContain('venv-doctor --fix will run:\n\n    apt-get install -y python3.11-venv\n');
    expect(out.ran).toEqual([['/usr/bin/apt-get', 'install', '-y', 'python3.11-venv']]);
    // The fake machine is unchanged by the "fix", so the second diagnosis is still not ready.
    expect(code).toBe(1);
  });

  it('not root, with sudo: through sudo, resolved in the system directories', async () => {
    const { out, streams } = io();
    await main(['--fix', '--yes'], streams, () => machine(1000, true));
    // apt-get by its absolute path too: doas (and a sudo without secure_path) would look it up on PATH.
    expect(out.ran).toEqual([['/usr/bin/sudo', '/usr/bin/apt-get', 'install', '-y', 'python3.11-venv']]);
  });

  it('not root and no sudo: nothing is run, it says why, and the exit code is the diagnosis (1)', async () => {
    const { out, streams } = io();
    const code = await main(['--fix', '--yes'], streams, () => machine(1000, false));
    expect(out.ran).toEqual([]);
    expect(out.stderr).toMatch(/need root, and you are not root and sudo is not installed: nothing was run/);
    expect(code).toBe(1);
  });

  it('--dry-run runs nothing and exits with the diagnosis (1), not 0', async () => {
    const { out, streams } = io();
    const code = await main(['--fix', '--dry-run'], streams, () => machine(0, false));
    expect(out.ran).toEqual([]);
    expect(out.asked).toBe(0);
    expect(out.stdout).toContain('(--dry-run: nothing was run.)');
    expect(code).toBe(1);
  });

  it('a declined prompt runs nothing and exits 1; without a terminal and without --yes it refuses (2)', async () => {
    const declined = io('n');
    expect(await main(['--fix'], declined.streams, () => machine(0, false))).toBe(1);
    expect(declined.out.asked).toBe(1);
    expect(declined.out.ran).toEqual([]);
    expect(declined.out.stdout).toContain('Nothing was run.');

    const noTerminal = io('y');
    noTerminal.streams.canAsk = false;
    expect(await main(['--fix'], noTerminal.streams, () => machine(0, false))).toBe(2);
    expect(noTerminal.out.ran).toEqual([]);
    expect(noTerminal.out.stderr).toContain('add --yes');
  });

  it('a failing command stops the rest and the run reports the diagnosis after it', async () => {
    const { out, streams } = io('y', 100);
    const code = await main(['--fix', '--yes'], streams, () => machine(0, false));
    expect(out.stdout).toContain('That command failed (exit 100); the rest were not run.');
    expect(code).toBe(1);
  });
});

describe('--fix with nothing to run says so after the report, never above a failure', () => {
  const healthy = (extra: Record<string, unknown> = {}) =>
    fakeSystem({
      uid: 0,
      files: { ...files, ...extra } as never,
      commands: [
        { file: '/usr/bin/python3', result: { stdout: `${PROBE_SENTINEL}${JSON.stringify(healthyProbe())}\n` } },
      ],
    });
  it.each([['--fix'], ['--fix', '--dry-run']])(
    'a ready machine (%s): the report, then "Nothing to fix."',
    async (...argv) => {
      const { out, streams } = io();
      expect(await main(argv, streams, () => healthy())).toBe(0);
      // The optional python3-pip is shown above it: said, not run.
      expect(out.stdout).toMatch(
        /\nReady: [^\n]*\n[\s\S]*\n\nNothing to fix\. \(The optional fix above runs with --fix --with-optional\.\)\n$/,
      );
      expect(out.stdout.indexOf('Nothing to fix.')).toBeGreaterThan(out.stdout.indexOf('Ready: '));
      expect(out.ran).toEqual([]);
    },
  );
  it('a failure with advice only: after the report, that --fix has no command for it, and where the advice is', async () => {
    const { out, streams } = io();
    const system = () => healthy({ '/work/pyproject.toml': '[project]\nname = "x"\n', '/work/.venv': 'not a venv\n' });
    expect(await main(['--fix', '--dry-run'], streams, system)).toBe(1);
    expect(out.stdout).not.toContain('Nothing to fix.');
    expect(out.stdout).toMatch(/^FAIL {4}project-venv/m);
    expect(out.stdout).toMatch(
      /\n--fix has no command to run: what failed above is fixed by hand, as the advice above says\.\n$/,
    );
    expect(out.ran).toEqual([]);
  });
});
