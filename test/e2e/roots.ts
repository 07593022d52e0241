// Real Debian roots for the end-to-end suite: built with debootstrap (minbase + python3), cached, copied
// per scenario, entered with chroot and a clean environment. Needs root and Debian's package archive.
//
// Besides the three releases, a Debian unstable (sid) root with several Pythons: sid moves, so which
// python3.X it offers is read from apt-cache when the root is built (and again by the tests, with
// sidPythons()), never written down here.
import { spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export type Suite = 'bullseye' | 'bookworm' | 'trixie';
/**
 * How the doctor is installed in a root: 'npm', the npm package (dist/) run through its launcher by Node;
 * 'exe', the single file (npm run build:exe) in /usr/local/bin, in a root with no Node at all.
 */
export type Runtime = 'npm' | 'exe';
/** Every root this file builds: the releases above, and Debian unstable with several Pythons. */
export type RootSuite = Suite | 'sid';

/**
 * node: the major version of the distribution's own nodejs (apt), downloaded into each root and installed
 * only by the scenarios that run the npm build with it; below engines (Debian 11's 12), the launcher's
 * message is what a user gets.
 */
export const SUITES: Record<Suite, { python: string; node: number }> = {
  bullseye: { python: '3.9', node: 12 },
  bookworm: { python: '3.11', node: 18 },
  trixie: { python: '3.13', node: 20 },
};
/** The distribution's Node runs the npm build (engines >=18.13); Debian 11's Node 12 gets the launcher's message. */
export const distroNodeRuns = (suite: Suite) => SUITES[suite].node >= 18;

const MIRROR = process.env.VENV_DOCTOR_E2E_MIRROR ?? 'http://deb.debian.org/debian';
/** Outside the clone, so that a second CI run on the same machine is fast. */
export const CACHE = process.env.VENV_DOCTOR_E2E_CACHE ?? '/var/cache/venv-doctor-e2e';
const PROJECT = resolve(dirname(new URL(import.meta.url).pathname), '../..');
/** The single file of this machine's architecture (test/e2e/global-setup.ts builds it when stale). */
export const EXE = join(
  PROJECT,
  'dist-exe',
  `venv-doctor-${JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')).version}-linux-${process.arch}`,
);
/** Where a root has the doctor: the npm package with its launcher (package.json "bin"), or the single file. */
const NPM_LAUNCHER = '/opt/venv-doctor/venv-doctor.cjs';
const HOST_NODE = '/opt/node/node';
const EXE_IN_ROOT = '/usr/local/bin/venv-doctor';
/** Cached base roots are rebuilt when this changes (v3: no Node installed, only downloaded). */
const RECIPE = 'v3';
/** The same for the sid root, whose recipe differs (it downloads several Pythons). */
const SID_RECIPE = 'v1';
/** sid's downloaded packages are reused for a day at most: older, the root would start out of date. */
const SID_TARBALL_MAX_AGE_MS = 24 * 3600_000;
/** Where the sid root keeps what its build chose and downloaded (written by pristineRoot, read by tests). */
export const SID_PYTHONS_FILE = 'var/lib/venv-doctor-e2e/pythons.json';
const ROOT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command asynchronously (a synchronous spawn would block the test worker for minutes, and
 * vitest's worker RPC times out meanwhile).
 */
function sh(file: string, args: string[], timeoutMs = 600_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${file} ${args.join(' ')}: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

async function must(file: string, args: string[], timeoutMs?: number): Promise<string> {
  const result = await sh(file, args, timeoutMs);
  if (result.code !== 0) {
    throw new Error(`${file} ${args.join(' ')} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** What the suite needs; a clear message instead of a suite that passes by skipping. */
export async function requirements(): Promise<string[]> {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push('root (the suite uses debootstrap, chroot and mount)');
  if ((await sh('sh', ['-c', 'command -v debootstrap'])).code !== 0) {
    missing.push('debootstrap (apt-get install debootstrap)');
  }
  if (!existsSync(join(PROJECT, 'dist/cli.cjs'))) missing.push('the build (npm run build)');
  if (!existsSync(EXE)) missing.push(`the single file ${EXE} (npm run build:exe)`);
  return missing;
}

/**
 * One builder at a time for a root: several test files (each in its own worker) ask for the same one.
 * The lock is a directory holding the builder's pid. A lock whose process is gone is taken over by
 * renaming it away first (only one waiter's rename succeeds); a build never takes longer than the
 * deadline, after which the wait fails with what holds the lock.
 */
async function withLock<T>(path: string, action: () => Promise<T>): Promise<T> {
  const lock = `${path}.lock`;
  const deadline = Date.now() + 30 * 60_000;
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), `${process.pid}\n`);
      break;
    } catch {
      if (lockIsStale(lock)) {
        const away = `${lock}.stale-${process.pid}-${Date.now()}`;
        try {
          renameSync(lock, away);
          rmSync(away, { recursive: true, force: true });
        } catch {
          // Another waiter took it over first.
        }
      } else if (Date.now() > deadline) {
        throw new Error(
          `${lock} is still held after 30 min (pid ${readLockPid(lock) ?? '?'}): remove it if no build runs`,
        );
      } else {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }
  try {
    return await action();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function readLockPid(lock: string): number | null {
  try {
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** The lock's builder is gone: its pid does not exist (ESRCH), or it died before writing its pid. */
function lockIsStale(lock: string): boolean {
  const holder = readLockPid(lock);
  if (holder === null) {
    const made = statSync(lock, { throwIfNoEntry: false });
    return made !== undefined && Date.now() - made.mtimeMs > 60_000;
  }
  try {
    process.kill(holder, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** A pristine root of the suite: python3 only, plus what the scenarios install, already downloaded. */
export async function pristineRoot(suite: RootSuite): Promise<string> {
  const dir = join(CACHE, `${suite}-${suite === 'sid' ? SID_RECIPE : RECIPE}`);
  if (existsSync(join(dir, '.venv-doctor-ready'))) return dir;
  return withLock(dir, () => buildPristineRoot(suite, dir));
}

async function buildPristineRoot(suite: RootSuite, dir: string): Promise<string> {
  if (existsSync(join(dir, '.venv-doctor-ready'))) return dir; // built by another worker meanwhile
  await unmountAll(dir); // a build that was killed may have left its mounts
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  const tarball = join(CACHE, `${suite}-debs.tgz`);
  if (suite === 'sid' && existsSync(tarball) && Date.now() - statSync(tarball).mtimeMs > SID_TARBALL_MAX_AGE_MS) {
    rmSync(tarball);
  }
  if (!existsSync(tarball)) {
    // The downloaded packages of a debootstrap run, reusable by the next build.
    await must('debootstrap', [
      '--variant=minbase',
      '--include=python3',
      `--make-tarball=${tarball}`,
      suite,
      `${dir}.tmp`,
      MIRROR,
    ]);
    rmSync(`${dir}.tmp`, { recursive: true, force: true });
  }
  await must('debootstrap', [
    '--variant=minbase',
    '--include=python3',
    `--unpack-tarball=${tarball}`,
    suite,
    dir,
    MIRROR,
  ]);
  // dpkg without fsync: these roots are throwaway, and it makes every install several times faster.
  writeFileSync(join(dir, 'etc/dpkg/dpkg.cfg.d/venv-doctor-unsafe-io'), 'force-unsafe-io\n');
  if (suite === 'sid') {
    // sid's Release is valid for a week only: a mirror or snapshot that lags behind (as the archive some
    // CI machines see does) serves one apt calls expired, and the root could not be built at all.
    writeFileSync(join(dir, 'etc/apt/apt.conf.d/99venv-doctor-e2e'), 'Acquire::Check-Valid-Until "false";\n');
  }
  const root = new Root(dir);
  try {
    await root.must(['apt-get', 'update']);
    if (suite === 'sid') {
      await prepareSid(root);
    } else {
      const py = SUITES[suite].python;
      // Downloaded now, installed by the scenarios: their installs then need no network.
      await root.must([
        'apt-get',
        'install',
        '-y',
        '--download-only',
        '--no-install-recommends',
        `python${py}-venv`,
        'python3-venv',
        'python3-pip',
        'sudo',
        // Not installed: a root has no Node unless a scenario installs the distribution's (installDistroNode).
        'nodejs',
      ]);
      await root.must(['useradd', '--create-home', '--shell', '/bin/sh', 'tester']);
    }
  } finally {
    await root.unmount();
  }
  writeFileSync(join(dir, '.venv-doctor-ready'), `${new Date().toISOString()}\n`);
  return dir;
}

/** The Pythons of a sid root, as its python3 and apt-cache tell them (the versions are "3.X"). */
export interface SidPythons {
  /** The minor version of the default python3. */
  default: string;
  /** Every python3.X that has, like its python3.X-venv, an installation candidate, oldest first. */
  available: string[];
  /** The nearest newer python3.X than the default, if the archive has one. */
  newer?: string;
  /** python3.(D-1), else the nearest older one, if the archive has one. */
  older?: string;
}

const minorOf = (version: string) => Number(version.split('.')[1]);

/** Reads the default python3 and the python3.X packages of the root (its apt lists, no network). */
export async function sidPythons(root: Root): Promise<SidPythons> {
  const current = (await root.must(['python3', '-c', 'import sys; print("%d.%d" % sys.version_info[:2])'])).trim();
  const names = (await root.must(['apt-cache', 'search', '--names-only', '^python3\\.[0-9]+$']))
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => /^python3\.\d+$/.test(name));
  const candidates = new Map<string, string>();
  if (names.length > 0) {
    const policy = await root.must(['apt-cache', 'policy', ...names.flatMap((n) => [n, `${n}-venv`])]);
    for (const block of policy.split(/^(?=\S)/m)) {
      const name = /^(\S+):/.exec(block)?.[1];
      const candidate = /^\s+Candidate: (.+)$/m.exec(block)?.[1]?.trim();
      if (name && candidate && candidate !== '(none)') candidates.set(name, candidate);
    }
  }
  const available = names
    .filter((n) => candidates.has(n) && candidates.has(`${n}-venv`))
    .map((n) => n.slice('python'.length))
    .sort((a, b) => minorOf(a) - minorOf(b));
  const d = minorOf(current);
  const newer = available.find((v) => minorOf(v) > d);
  const older = available.filter((v) => minorOf(v) < d).pop();
  return { default: current, available, newer, older };
}

/** What the sid root's build chose, and which downloads failed (sid is sometimes uninstallable). */
export interface SidBuild {
  pythons: SidPythons;
  /** "3.X" -> apt's error, for the chosen versions whose download failed. */
  failed: Record<string, string>;
}

/**
 * The sid root: python3, and downloaded (not installed) the venv packages of the default python3 and of
 * its newer and older neighbours, sudo and pip, so that the scenarios need no network.
 */
async function prepareSid(root: Root): Promise<void> {
  const pythons = await sidPythons(root);
  const download = (packages: string[]) =>
    root.run(['apt-get', 'install', '-y', '--download-only', '--no-install-recommends', ...packages]);
  await root.must([
    'apt-get',
    'install',
    '-y',
    '--download-only',
    '--no-install-recommends',
    `python${pythons.default}-venv`,
    'python3-venv',
    'python3-pip',
    'sudo',
  ]);
  const failed: Record<string, string> = {};
  for (const version of [pythons.newer, pythons.older]) {
    if (!version) continue;
    const result = await download([`python${version}`, `python${version}-venv`]);
    if (result.code !== 0) failed[version] = `${result.stdout}\n${result.stderr}`.trim();
  }
  await root.must(['useradd', '--create-home', '--shell', '/bin/sh', 'tester']);
  const file = join(root.dir, SID_PYTHONS_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ pythons, failed } satisfies SidBuild, null, 2)}\n`);
}

/** What the build of the sid root chose and downloaded. */
export function sidBuild(root: Root): SidBuild {
  return JSON.parse(root.readFile(SID_PYTHONS_FILE)) as SidBuild;
}

/**
 * A fresh copy of the pristine root for one scenario: an overlay mount (instant, and the pristine root
 * stays untouched), or a full copy where overlayfs is not available. The doctor is installed as the
 * runtime says: 'npm', the npm package in /opt/venv-doctor and this machine's Node in /opt/node (as
 * `npx -p node@20` would give); 'exe', the single file as /usr/local/bin/venv-doctor, and no Node at all.
 */
export async function scenarioRoot(suite: RootSuite, name: string, runtime: Runtime = 'npm'): Promise<Root> {
  const pristine = await pristineRoot(suite);
  const base = join(CACHE, 'work', `${suite}-${runtime}-${name}`);
  const dir = join(base, 'root');
  await unmountAll(dir);
  if (isMounted(dir)) await must('umount', ['-l', dir]);
  rmSync(base, { recursive: true, force: true });
  for (const sub of ['root', 'upper', 'overlay-work']) mkdirSync(join(base, sub), { recursive: true });
  const overlay = await sh('mount', [
    '-t',
    'overlay',
    'overlay',
    '-o',
    `lowerdir=${pristine},upperdir=${join(base, 'upper')},workdir=${join(base, 'overlay-work')}`,
    dir,
  ]);
  if (overlay.code !== 0) await must('cp', ['-a', `${pristine}/.`, dir]);
  if (runtime === 'exe') {
    // The single file as a user installs it (docs/install.md), on a system that has never had Node.
    copyFileSync(EXE, join(dir, EXE_IN_ROOT.slice(1)));
    chmodSync(join(dir, EXE_IN_ROOT.slice(1)), 0o755);
  } else {
    // The npm package, run through its launcher by this machine's Node (or, per scenario, the distribution's).
    cpSync(join(PROJECT, 'dist'), join(dir, 'opt/venv-doctor'), { recursive: true });
    mkdirSync(join(dir, 'opt/node'), { recursive: true });
    cpSync(process.execPath, join(dir, HOST_NODE.slice(1)));
  }
  const root = new Root(dir, runtime, base);
  if (runtime === 'exe') {
    const node = await root.run([
      'sh',
      '-c',
      'for c in node nodejs; do command -v $c && exit 0; done; for d in /opt/node /usr/lib/node_modules; do [ -e $d ] && echo $d && exit 0; done; exit 1',
    ]);
    // Exit 1 and nothing printed: no node or nodejs on PATH, no /opt/node, no /usr/lib/node_modules.
    if (node.code !== 1 || node.stdout.trim() !== '') {
      throw new Error(
        `the root for the single file has Node (or the check could not run):\n${node.stdout}${node.stderr}`,
      );
    }
  }
  return root;
}

function isMounted(path: string): boolean {
  return readFileSync('/proc/mounts', 'utf8').includes(` ${path} `);
}

async function unmountAll(dir: string): Promise<void> {
  for (const mount of ['dev/pts', 'proc']) {
    const target = join(dir, mount);
    if (isMounted(target)) await must('umount', ['-l', target]);
  }
}

export class Root {
  private mounted = false;
  /** dir is the root; runtime, how the doctor is installed there; base (when set) holds it and its overlay layers, removed with it. */
  constructor(
    readonly dir: string,
    readonly runtime: Runtime = 'npm',
    private readonly base?: string,
  ) {}

  private async mount(): Promise<void> {
    if (this.mounted) return;
    this.mounted = true;
    await must('mount', ['-t', 'proc', 'proc', join(this.dir, 'proc')]);
    mkdirSync(join(this.dir, 'dev/pts'), { recursive: true });
    await must('mount', ['-t', 'devpts', 'devpts', join(this.dir, 'dev/pts')]);
  }

  async unmount(): Promise<void> {
    await unmountAll(this.dir);
    this.mounted = false;
  }

  /**
   * Runs argv inside the root, with a clean environment, as root or as the unprivileged tester; in cwd
   * (a directory of the root) when given, else in /.
   */
  async run(
    argv: string[],
    options: { user?: 'root' | 'tester'; env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
  ): Promise<Run> {
    await this.mount();
    const user = options.user ?? 'root';
    const home = user === 'root' ? '/root' : '/home/tester';
    const env = { PATH: ROOT_PATH, HOME: home, LANG: 'C.UTF-8', DEBIAN_FRONTEND: 'noninteractive', ...options.env };
    return sh(
      'chroot',
      [
        ...(user === 'root' ? [] : ['--userspec=tester:tester']),
        this.dir,
        'env',
        '-i',
        ...(options.cwd ? [`--chdir=${options.cwd}`] : []),
        ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
        ...argv,
      ],
      options.timeoutMs,
    );
  }

  async must(argv: string[], options?: Parameters<Root['run']>[1]): Promise<string> {
    const result = await this.run(argv, options);
    if (result.code !== 0) {
      throw new Error(`${argv.join(' ')} exited ${result.code} in ${this.dir}:\n${result.stdout}\n${result.stderr}`);
    }
    return result.stdout;
  }

  /**
   * The command that starts the doctor here: the single file, or the npm package's launcher run by Node
   * ('host': this machine's Node copied in; 'distro': apt's nodejs, after installDistroNode).
   */
  doctorArgv(node: 'host' | 'distro' = 'host'): string[] {
    if (this.runtime === 'exe') {
      if (node === 'distro') throw new Error('a root for the single file has no Node');
      return [EXE_IN_ROOT];
    }
    return [node === 'distro' ? '/usr/bin/node' : HOST_NODE, NPM_LAUNCHER];
  }

  /** Runs the doctor inside the root, in cwd (default /), as the user (default root). */
  doctor(
    args: string[],
    options: { user?: 'root' | 'tester'; node?: 'host' | 'distro'; cwd?: string } = {},
  ): Promise<Run> {
    return this.run([...this.doctorArgv(options.node), ...args], { user: options.user, cwd: options.cwd });
  }

  /** The distribution's own nodejs, from the packages the root's build downloaded (no network); its version. */
  async installDistroNode(): Promise<string> {
    await this.must(['apt-get', 'install', '-y', '--no-install-recommends', 'nodejs']);
    return (await this.must(['/usr/bin/node', '--version'])).trim();
  }

  readFile(path: string): string {
    return readFileSync(join(this.dir, path), 'utf8');
  }

  async remove(): Promise<void> {
    await this.unmount();
    if (isMounted(this.dir)) await must('umount', ['-l', this.dir]);
    rmSync(this.base ?? this.dir, { recursive: true, force: true });
  }
}
