// Real Debian roots for the end-to-end suite: built with debootstrap (minbase + python3), cached, copied
// per scenario, entered with chroot and a clean environment. Needs root and Debian's package archive.
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
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
const RECIPE = 'v1';
const ROOT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function sh(file: string, args: string[], timeoutMs = 600_000): SpawnSyncReturns<string> {
  const result = spawnSync(file, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${file} ${args.join(' ')}: ${result.error.message}`);
  return result;
}

function must(file: string, args: string[], timeoutMs?: number): string {
  const result = sh(file, args, timeoutMs);
  if (result.status !== 0) {
    throw new Error(`${file} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** What the suite needs; a clear message instead of a suite that passes by skipping. */
export function requirements(): string[] {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push('root (the suite uses debootstrap, chroot and mount)');
  if (sh('sh', ['-c', 'command -v debootstrap']).status !== 0) {
    missing.push('debootstrap (apt-get install debootstrap)');
  }
  if (!existsSync(join(PROJECT, 'dist/cli.js'))) missing.push('the build (npm run build)');
  return missing;
}

/** A pristine root of the suite: python3 only, plus what the scenarios install, already downloaded. */
export function pristineRoot(suite: Suite): string {
  const dir = join(CACHE, `${suite}-${RECIPE}`);
  if (existsSync(join(dir, '.venv-doctor-ready'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  const tarball = join(CACHE, `${suite}-debs.tgz`);
  if (!existsSync(tarball)) {
    // The downloaded packages of a debootstrap run, reusable by the next build.
    must('debootstrap', [
      '--variant=minbase',
      '--include=python3',
      `--make-tarball=${tarball}`,
      suite,
      `${dir}.tmp`,
      MIRROR,
    ]);
    rmSync(`${dir}.tmp`, { recursive: true, force: true });
  }
  must('debootstrap', ['--variant=minbase', '--include=python3', `--unpack-tarball=${tarball}`, suite, dir, MIRROR]);
  const root = new Root(dir);
  try {
    root.must(['apt-get', 'update']);
    const py = SUITES[suite].python;
    // Downloaded now, installed by the scenarios: their installs then need no network.
    root.must([
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
    if (SUITES[suite].distroNode) root.must(['apt-get', 'install', '-y', '--no-install-recommends', 'nodejs']);
    root.must(['useradd', '--create-home', '--shell', '/bin/sh', 'tester']);
  } finally {
    root.unmount();
  }
  writeFileSync(join(dir, '.venv-doctor-ready'), `${new Date().toISOString()}\n`);
  return dir;
}

/** A fresh copy of the pristine root for one scenario. */
export function scenarioRoot(suite: Suite, name: string): Root {
  const pristine = pristineRoot(suite);
  const dir = join(CACHE, 'work', `${suite}-${name}`);
  unmountAll(dir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  must('cp', ['-a', pristine, dir]);
  // The doctor as users get it: the project's build, run by this machine's Node (and the suite's own).
  cpSync(join(PROJECT, 'dist'), join(dir, 'opt/venv-doctor'), { recursive: true });
  mkdirSync(join(dir, 'opt/node'), { recursive: true });
  cpSync(process.execPath, join(dir, 'opt/node/node'));
  return new Root(dir);
}

function unmountAll(dir: string): void {
  for (const mount of ['dev/pts', 'proc']) {
    const target = join(dir, mount);
    if (existsSync(target) && readFileSync('/proc/mounts', 'utf8').includes(` ${target} `)) {
      sh('umount', ['-l', target]);
    }
  }
}

export class Root {
  private mounted = false;
  constructor(readonly dir: string) {}

  private mount(): void {
    if (this.mounted) return;
    must('mount', ['-t', 'proc', 'proc', join(this.dir, 'proc')]);
    mkdirSync(join(this.dir, 'dev/pts'), { recursive: true });
    must('mount', ['-t', 'devpts', 'devpts', join(this.dir, 'dev/pts')]);
    this.mounted = true;
  }

  unmount(): void {
    unmountAll(this.dir);
    this.mounted = false;
  }

  /** Runs argv inside the root, with a clean environment, as root or as the unprivileged tester. */
  run(argv: string[], options: { user?: 'root' | 'tester'; env?: Record<string, string> } = {}): Run {
    this.mount();
    const user = options.user ?? 'root';
    const home = user === 'root' ? '/root' : '/home/tester';
    const env = { PATH: ROOT_PATH, HOME: home, LANG: 'C.UTF-8', DEBIAN_FRONTEND: 'noninteractive', ...options.env };
    const result = sh('chroot', [
      ...(user === 'root' ? [] : ['--userspec=tester:tester']),
      this.dir,
      'env',
      '-i',
      ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
      ...argv,
    ]);
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  must(argv: string[], options?: Parameters<Root['run']>[1]): string {
    const result = this.run(argv, options);
    if (result.code !== 0) {
      throw new Error(`${argv.join(' ')} exited ${result.code} in ${this.dir}:\n${result.stdout}\n${result.stderr}`);
    }
    return result.stdout;
  }

  /** Runs the doctor inside the root; node 'host' is this machine's Node copied in, 'distro' is apt's nodejs. */
  doctor(args: string[], options: { user?: 'root' | 'tester'; node?: 'host' | 'distro'; cwd?: string } = {}): Run {
    const node = options.node === 'distro' ? '/usr/bin/node' : '/opt/node/node';
    return this.run([node, '/opt/venv-doctor/cli.js', ...args], { user: options.user });
  }

  readFile(path: string): string {
    return readFileSync(join(this.dir, path), 'utf8');
  }

  remove(): void {
    this.unmount();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
