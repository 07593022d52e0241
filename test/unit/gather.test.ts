// The gatherer through a strict fake System: recorded outputs in, facts out, no real command run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addPackageState, gatherFacts } from '../../src/facts/gather.js';
import { PROBE_SENTINEL } from '../../src/facts/probe.js';
import { facts, healthyProbe } from '../helpers/facts.js';
import { type FakeCommand, fakeSystem } from '../helpers/fake-system.js';
import { FIXTURES, TEXTS } from '../helpers/paths.js';

const probeOutput = (patch = {}) => `${PROBE_SENTINEL}${JSON.stringify(healthyProbe(patch))}\n`;
const isProbe = (args: readonly string[]) => args[0] === '-I';
const debianFiles = {
  '/etc/os-release':
    'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
  '/usr/bin/python3': { exec: '\u007fELF' },
  '/usr/bin/python3.11': { exec: '\u007fELF' },
  '/usr/bin/dpkg-query': { exec: '\u007fELF' },
  '/usr/bin/apt-get': { exec: '\u007fELF' },
  '/usr/bin/apt-cache': { exec: '\u007fELF' },
  '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4': 'x',
  '/var/lib/dpkg/info/python3.11-minimal.list': '/.\n/usr\n/usr/bin\n/usr/bin/python3.11\n',
} as const;

const gather = (files: Record<string, unknown>, commands: FakeCommand[], extra = {}) => {
  const system = fakeSystem({ files: files as never, commands, ...extra });
  return { system, run: () => gatherFacts(system, { python: 'python3', version: 't' }) };
};

describe('gatherFacts', () => {
  it('a healthy Debian: one probe, ownership from dpkg file lists, and no dpkg-query or apt-cache', async () => {
    const { system, run } = gather(debianFiles, [
      { file: '/usr/bin/python3', args: isProbe, result: { stdout: probeOutput() } },
    ]);
    const f = await run();
    expect(f.python.probe?.version).toBe('3.11.2');
    expect(f.python.owner).toEqual({ package: 'python3.11-minimal', version: null });
    expect(f.packages).toMatchObject({ installed: null, lists: 'present', tools: { install: true, candidates: true } });
    expect(system.calls).toEqual([expect.stringMatching(/^\/usr\/bin\/python3 -I -c /)]);
    expect(f.os).toMatchObject({ id: 'debian', versionId: '12' });
    expect(JSON.stringify(f)).not.toMatch(/hostname|serial/i);
  });

  it('asks dpkg-query and apt-cache only for packages a fix wants', async () => {
    const system = fakeSystem({
      files: debianFiles as never,
      commands: [
        {
          file: '/usr/bin/dpkg-query',
          result: {
            exitCode: 1,
            stdout: readFileSync(join(FIXTURES, 'debian/dpkg-query_bookworm-minbase-python3.txt'), 'utf8'),
          },
        },
        {
          file: '/usr/bin/apt-cache',
          args: (a) => a.join(' ') === 'policy python3.11-venv',
          result: { stdout: readFileSync(join(FIXTURES, 'debian/apt-cache-policy_bookworm-minbase.txt'), 'utf8') },
        },
      ],
    });
    const base = facts({ packages: { installed: null } });
    const f = await addPackageState(system, base, ['python3.11-venv']);
    expect(f.packages?.installed?.['python3.11-venv']).toEqual({ installed: false, version: null });
    expect(f.packages?.candidates).toEqual({ 'python3.11-venv': '3.11.2-6+deb12u8' });
    expect(f.python.owner).toEqual({ package: 'python3.11-minimal', version: '3.11.2-6+deb12u8' });
    expect(await addPackageState(system, base, [])).toBe(base);
  });

  it('a name apt prints nothing for has no candidate', async () => {
    const system = fakeSystem({
      files: { '/usr/bin/dpkg-query': { exec: 'ELF' }, '/usr/bin/apt-cache': { exec: 'ELF' } },
      commands: [
        { file: '/usr/bin/dpkg-query', result: { stdout: '' } },
        { file: '/usr/bin/apt-cache', result: { stdout: '' } },
      ],
    });
    const f = await addPackageState(system, facts({ packages: { installed: null } }), ['python3.14-venv']);
    expect(f.packages?.candidates).toEqual({ 'python3.14-venv': null });
  });

  it('on Ubuntu with a missing candidate, reads whether universe is enabled', async () => {
    const system = fakeSystem({
      files: {
        '/etc/apt/sources.list.d/ubuntu.sources': 'Types: deb\nComponents: main restricted\n',
        '/usr/bin/dpkg-query': { exec: 'ELF' },
        '/usr/bin/apt-cache': { exec: 'ELF' },
      },
      commands: [
        { file: '/usr/bin/dpkg-query', result: { stdout: '' } },
        { file: '/usr/bin/apt-cache', result: { stdout: '' } },
      ],
    });
    const f = await addPackageState(
      system,
      facts({ os: { id: 'ubuntu', idLike: ['debian'] }, packages: { installed: null } }),
      ['python3.12-venv'],
    );
    expect(f.packages?.universe).toBe(false);
  });

  it.each([
    ['a missing file', '/nope/python3', {}, 'not-found', '/nope/python3 does not exist'],
    ['a directory', '/usr/lib', { '/usr/lib': 'dir' }, 'not-a-file', '/usr/lib is not a file'],
    [
      'a file that is not executable',
      '/tmp/py',
      { '/tmp/py': 'print(1)' },
      'not-executable',
      '/tmp/py is not executable',
    ],
    ['not a command name', 'python3;rm', {}, 'not-found', '"python3;rm" is not a command name'],
  ])('--python naming %s is a clear problem, and nothing is run', async (_what, python, files, kind, detail) => {
    const system = fakeSystem({ files: files as never });
    const f = await gatherFacts(system, { python, version: 't' });
    expect(f.python.problem).toEqual({ kind, detail });
    expect(system.calls).toEqual([]);
  });

  it.each([
    ['hangs', { timedOut: true, exitCode: null }, 'timeout'],
    ['prints garbage', { stdout: 'hello\n' }, 'garbage'],
    ['exits non-zero', { exitCode: 3, stderr: 'Fatal Python error: init_fs_encoding\n' }, 'failed'],
    ['is the Windows Store stub', { exitCode: 9009 }, 'windows-store-stub'],
    ['prints a broken probe line', { stdout: `${PROBE_SENTINEL}{"version": 3}\n` }, 'garbage'],
  ])('an interpreter that %s is a problem, not a crash', async (_what, result, kind) => {
    const { run } = gather(debianFiles, [{ file: '/usr/bin/python3', args: isProbe, result }]);
    expect((await run()).python.problem?.kind).toBe(kind);
  });

  it("a pyenv shim whose version is not installed: pyenv's own first line says why", async () => {
    const stderr = readFileSync(join(TEXTS, 'pyenv_messages.txt'), 'utf8').split('\n').slice(1, 9).join('\n');
    const { run } = gather(debianFiles, [
      { file: '/usr/bin/python3', args: isProbe, result: { exitCode: 127, stderr } },
    ]);
    expect((await run()).python.problem).toEqual({
      kind: 'failed',
      detail:
        "/usr/bin/python3 exited with status 127: pyenv: version `3.12.1' is not installed (set by /path/.python-version)",
    });
  });

  it('Python 2 is too old, with its version', async () => {
    const { run } = gather(debianFiles, [
      { file: '/usr/bin/python3', args: isProbe, result: { exitCode: 2, stderr: 'Unknown option: -I\nusage: ...' } },
      { file: '/usr/bin/python3', args: (a) => a[0] === '--version', result: { stderr: 'Python 2.7.18\n' } },
    ]);
    expect((await run()).python.problem).toEqual({
      kind: 'too-old',
      detail: '/usr/bin/python3 is Python 2.7.18; venv needs Python 3',
      version: '2.7.18',
    });
  });

  it('finds a pyenv shim and other interpreters on PATH, first of each name, deduplicated PATH', async () => {
    const files = {
      '/root/.pyenv/shims/python3': {
        exec: '#!/usr/bin/env bash\nexec "/root/.pyenv/libexec/pyenv" exec "$program" "$@"\n',
      },
      '/root/.pyenv/shims/python3.12': { exec: '#!/usr/bin/env bash\n' },
      '/usr/bin/python3.11': { exec: '\u007fELF' },
      '/usr/bin/python3.12': { exec: '\u007fELF' },
      '/usr/bin/python3-config': { exec: '' },
    };
    const system = fakeSystem({
      files,
      env: { PATH: '/root/.pyenv/shims:/usr/bin::.:/usr/bin' },
      commands: [
        {
          file: '/root/.pyenv/shims/python3',
          result: { stdout: probeOutput({ basePrefix: '/root/.pyenv/versions/3.12.1' }) },
        },
      ],
    });
    const f = await gatherFacts(system, { python: 'python3', version: 't' });
    expect(f.python).toMatchObject({ resolved: '/root/.pyenv/shims/python3', shim: 'pyenv' });
    expect(f.python.others).toEqual([
      { name: 'python3.11', path: '/usr/bin/python3.11' },
      { name: 'python3.12', path: '/root/.pyenv/shims/python3.12' },
    ]);
  });

  it('WSL and containers', async () => {
    const system = fakeSystem({
      files: { '/.dockerenv': '' },
      env: { PATH: '/usr/bin', WSL_DISTRO_NAME: 'Ubuntu' },
    });
    const f = await gatherFacts(system, { python: 'python3', version: 't' });
    expect(f.host).toMatchObject({ wsl: true, container: 'docker', isRoot: true });
  });
});

describe('gatherFacts on the other families: the package system the os-release and the programs name', () => {
  const alpineFiles = {
    '/etc/os-release': 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.3\nPRETTY_NAME="Alpine Linux v3.21"\n',
    '/usr/bin/python3': { exec: '\u007fELF' },
    '/sbin/apk': { exec: '\u007fELF' },
    '/usr/bin/doas': { exec: '\u007fELF' },
    '/lib/apk/db/installed':
      'C:Q1abc=\nP:musl\nV:1.2.5-r9\n\nC:Q1def=\nP:python3\nV:3.12.11-r0\nA:x86_64\n\nP:py3-pip\nV:24.3.1-r0\n',
  } as const;
  const probe = { file: '/usr/bin/python3', args: isProbe, result: { stdout: probeOutput({ basePrefix: '/usr' }) } };
  it('Alpine: apk, its index empty (no /var/cache/apk), doas for a user without sudo; no process for the database', async () => {
    const system = fakeSystem({
      files: alpineFiles as never,
      commands: [probe],
      uid: 1000,
      env: { PATH: '/usr/bin:/sbin' },
    });
    const first = await gatherFacts(system, { python: 'python3', version: 't' });
    expect(first.packages).toMatchObject({
      manager: 'apk',
      installed: null,
      lists: 'unknown',
      tools: { install: true },
    });
    expect(first.host).toMatchObject({ sudo: null, doas: '/usr/bin/doas' });
    const second = await addPackageState(system, first, ['py3-pip']);
    expect(second.packages?.installed).toEqual({
      musl: { installed: true, version: '1.2.5-r9' },
      python3: { installed: true, version: '3.12.11-r0' },
      'py3-pip': { installed: true, version: '24.3.1-r0' },
    });
    // The probe only: apk's database is a file.
    expect(system.calls).toEqual([expect.stringMatching(/^\/usr\/bin\/python3 -I/)]);
  });
  it('Fedora: dnf over rpm, one rpm -qa when a fix wants packages, no candidates to ask', async () => {
    const system = fakeSystem({
      files: {
        '/etc/os-release': 'NAME="Fedora Linux"\nID=fedora\nVERSION_ID=41\n',
        '/usr/bin/python3': { exec: '\u007fELF' },
        '/usr/bin/rpm': { exec: '\u007fELF' },
        '/usr/bin/dnf': { exec: '\u007fELF' },
      } as never,
      commands: [
        probe,
        {
          file: '/usr/bin/rpm',
          args: (a) => a[0] === '-qa',
          result: { stdout: 'python3\t3.13.1-2.fc41\npython3-libs\t3.13.1-2.fc41\n' },
        },
      ],
    });
    const first = await gatherFacts(system, { python: 'python3', version: 't' });
    expect(first.packages).toMatchObject({
      manager: 'dnf',
      lists: 'unknown',
      tools: { install: true, candidates: false },
    });
    const second = await addPackageState(system, first, ['python3-libs']);
    expect(second.packages?.installed?.['python3-libs']).toEqual({ installed: true, version: '3.13.1-2.fc41' });
    expect(second.packages?.candidates).toEqual({});
  });
  it('a Debian with rpm, dnf and pacman installed beside dpkg is still apt', async () => {
    const system = fakeSystem({
      files: {
        ...debianFiles,
        '/usr/bin/rpm': { exec: '\u007fELF' },
        '/usr/bin/dnf': { exec: '\u007fELF' },
        '/usr/bin/pacman': { exec: '\u007fELF' },
      } as never,
      commands: [{ file: '/usr/bin/python3', args: isProbe, result: { stdout: probeOutput() } }],
    });
    const f = await gatherFacts(system, { python: 'python3', version: 't' });
    expect(f.packages?.manager).toBe('apt');
  });
  it('WSL: the Windows interpreters on PATH are found by name, never run', async () => {
    const apps = '/mnt/c/Users/al/AppData/Local/Microsoft/WindowsApps';
    const system = fakeSystem({
      files: { ...debianFiles, [`${apps}/python3.exe`]: { exec: '' }, [`${apps}/python.exe`]: { exec: '' } } as never,
      commands: [{ file: '/usr/bin/python3', args: isProbe, result: { stdout: probeOutput() } }],
      env: { PATH: `/usr/bin:${apps}`, WSL_DISTRO_NAME: 'Debian' },
    });
    const f = await gatherFacts(system, { python: 'python3', version: 't' });
    expect(f.host.wsl).toBe(true);
    expect(f.host.windowsPythons).toEqual([`${apps}/python.exe`, `${apps}/python3.exe`]);
    expect(system.calls).toEqual([expect.stringMatching(/^\/usr\/bin\/python3 -I -c /)]);
  });
});
