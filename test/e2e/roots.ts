// Real Debian roots for the end-to-end suite: built with debootstrap (minbase + python3), cached, copied
// per scenario, entered with chroot and a clean environment. Needs root and Debian's package archive.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export type Suite = 'bullseye' | 'bookworm' | 'trixie';

export const SUITES: Record<Suite, { python: string; distroNode: boolean }> = {
  bullseye: { python: '3.9', distroNode: false },
  bookworm: { python: '3.11', distroNode: true },
  trixie: { python: '3.13', distroNode: true },
};

const MIRROR = process.env.VENV_DOCTOR_E2E_MIRROR ?? 'http://deb.debian.org/debian';
/** Outside the clone, so that a second CI run on the same machine is fast. */
export const CACHE = process.env.VENV_DOCTOR_E2E_CACHE ?? '/var/cache/venv-doctor-e2e';
const PROJECT = resolve(dirname(new URL(import.meta.url).pathname), '../..');
/** Cached base roots are rebuilt when this changes. */
const RECIPE = 'v2';
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
  if (!existsSync(join(PROJECT, 'dist/cli.mjs'))) missing.push('the build (npm run build)');
  return missing;
}

/** A pristine root of the suite: python3 only, plus what the scenarios install, already downloaded. */
export async function pristineRoot(suite: Suite): Promise<string> {
  const dir = join(CACHE, `${suite}-${RECIPE}`);
  if (existsSync(join(dir, '.venv-doctor-ready'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  const tarball = join(CACHE, `${suite}-debs.tgz`);
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
  const root = new Root(dir);
  try {
    await root.must(['apt-get', 'update']);
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
    ]);
    if (SUITES[suite].distroNode) await root.must(['apt-get', 'install', '-y', '--no-install-recommends', 'nodejs']);
    await root.must(['useradd', '--create-home', '--shell', '/bin/sh', 'tester']);
  } finally {
    await root.unmount();
  }
  writeFileSync(join(dir, '.venv-doctor-ready'), `${new Date().toISOString()}\n`);
  return dir;
}

/**
 * A fresh copy of the pristine root for one scenario: an overlay mount (instant, and the pristine root
 * stays untouched), or a full copy where overlayfs is not available.
 */
export async function scenarioRoot(suite: Suite, name: string): Promise<Root> {
  const pristine = await pristineRoot(suite);
  const base = join(CACHE, 'work', `${suite}-${name}`);
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
  // The doctor as users get it: the project's build, run by this machine's Node (and the suite's own).
  cpSync(join(PROJECT, 'dist'), join(dir, 'opt/venv-doctor'), { recursive: true });
  mkdirSync(join(dir, 'opt/node'), { recursive: true });
  cpSync(process.execPath, join(dir, 'opt/node/node'));
  return new Root(dir, base);
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
  /** dir is the root; base (when set) holds it and its overlay layers, removed with it. */
  constructor(
    readonly dir: string,
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

  /** Runs argv inside the root, with a clean environment, as root or as the unprivileged tester. */
  async run(argv: string[], options: { user?: 'root' | 'tester'; env?: Record<string, string> } = {}): Promise<Run> {
    await this.mount();
    const user = options.user ?? 'root';
    const home = user === 'root' ? '/root' : '/home/tester';
    const env = { PATH: ROOT_PATH, HOME: home, LANG: 'C.UTF-8', DEBIAN_FRONTEND: 'noninteractive', ...options.env };
    return sh('chroot', [
      ...(user === 'root' ? [] : ['--userspec=tester:tester']),
      this.dir,
      'env',
      '-i',
      ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
      ...argv,
    ]);
  }

  async must(argv: string[], options?: Parameters<Root['run']>[1]): Promise<string> {
    const result = await this.run(argv, options);
    if (result.code !== 0) {
      throw new Error(`${argv.join(' ')} exited ${result.code} in ${this.dir}:\n${result.stdout}\n${result.stderr}`);
    }
    return result.stdout;
  }

  /** Runs the doctor inside the root; node 'host' is this machine's Node copied in, 'distro' is apt's nodejs. */
  doctor(args: string[], options: { user?: 'root' | 'tester'; node?: 'host' | 'distro' } = {}): Promise<Run> {
    const node = options.node === 'distro' ? '/usr/bin/node' : '/opt/node/node';
    return this.run([node, '/opt/venv-doctor/cli.mjs', ...args], { user: options.user });
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
