// The one place where venv-doctor touches the machine. Gatherers receive a System; checks never do.
// Every command runs without a shell and with a timeout; every read is bounded.
import { spawn } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  opendirSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  realpathSync,
  rmSync,
  type Stats,
  statSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { escapeTerminal } from './neutralize.js';

export interface RunResult {
  /** null when the process did not exit normally (killed, or never started). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Why the command could not be started or finished (ENOENT, EACCES, killed ...), or null. */
  error: string | null;
}

export interface RunOptions {
  timeoutMs: number;
  env?: Record<string, string | undefined>;
  /** Where the command runs: '/' unless a caller has a reason (a directory the project does not control). */
  cwd?: string;
  /** The most of stdout and stderr kept, together (default MAX_OUTPUT): what a parser then reads is bounded. */
  maxOutputBytes?: number;
  /**
   * A command that takes seconds, not milliseconds (--deep's venv creation): run through execa, in the
   * chunk that only --fix and --deep load, so that the diagnosis never pays for it. Same contract.
   */
  long?: boolean;
}

export interface PathInfo {
  /** 'link' only from lstat; 'other' is a FIFO, a socket or a device. */
  kind: 'file' | 'dir' | 'link' | 'other';
  size: number;
  executable: boolean;
  /** The owner's uid (where the platform has one). */
  uid?: number;
  /** Last modification, in ms since the epoch. */
  mtimeMs?: number;
  /** Permission bits and file type (st_mode), the owning group, and the identity (device and inode). */
  mode?: number;
  gid?: number;
  identity?: string;
}

/** What readOpened read: the file by the descriptor it opened, and where that descriptor really is. */
export interface OpenedFile {
  kind: 'file' | 'dir' | 'other';
  /** The first maxBytes, read from the same descriptor (null when it is not a regular file). */
  bytes: Uint8Array | null;
  /** The real path of the opened file (/proc/self/fd on Linux), or null when it cannot be told. */
  realPath: string | null;
}

export interface OsSummary {
  id: string;
  name: string;
  version: string;
  codename: string;
}

export interface System {
  /** Runs a program by its absolute path (a bare name is refused: see systemTool and which). */
  run(file: string, args: readonly string[], options: RunOptions): Promise<RunResult>;
  /** The first maxBytes of a regular file, or null when it cannot be read or is not a regular file. */
  readFile(path: string, maxBytes?: number): Promise<Uint8Array | null>;
  /**
   * Opens once, then checks: the kind, the bytes and the real path all come from one descriptor, so that a
   * file swapped for a link between a check and the read cannot be read in its place. Never through a final
   * symbolic link (O_NOFOLLOW). Null when it cannot be opened (missing, a link, no permission).
   */
  readOpened(path: string, maxBytes: number): Promise<OpenedFile | null>;
  /** Follows symlinks; null when the path does not exist (or is a dangling link). */
  stat(path: string): Promise<PathInfo | null>;
  /** Does not follow a final symlink: kind 'link' for one. */
  lstat(path: string): Promise<PathInfo | null>;
  readlink(path: string): Promise<string | null>;
  realpath(path: string): Promise<string | null>;
  /** A new private directory under the system's temp dir (the only place venv-doctor ever writes). */
  makeTempDir(prefix: string): Promise<string>;
  /** Removes a directory that makeTempDir made. */
  removeTempDir(path: string): Promise<void>;
  /** The names in a directory; at most `max` of them when given (a directory of the project). */
  readdir(path: string, max?: number): Promise<string[] | null>;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** The current directory no longer exists (deleted or moved away): cwd is then '/', and no project is read. */
  cwdMissing?: boolean;
  platform: string;
  arch: string;
  kernel: string;
  /** Effective uid, or null where the platform has none (Windows). */
  uid: number | null;
  /** Effective gid, or null where the platform has none (Windows). */
  gid?: number | null;
  /** OS identity where there is no os-release (macOS, Windows): from a file and Node's own answer, no process. */
  osSummary(): Promise<OsSummary | null>;
}

const DEFAULT_MAX_READ = 1024 * 1024;
const MAX_OUTPUT = 4 * 1024 * 1024;
/** After a kill, how long to wait for the pipes to close (a grandchild may hold them open). */
const CLOSE_GRACE_MS = 250;
/** A fix that times out gets SIGTERM (sudo passes it on to apt-get), then SIGKILL after this. */
const TERM_GRACE_MS = 10_000;

/**
 * The directories where venv-doctor looks for the tools it runs (git, apt-get, apt-cache, dpkg-query, sudo,
 * add-apt-repository): never PATH, which a project can reach (an empty or relative entry, npx's
 * ./node_modules/.bin).
 */
export const SYSTEM_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

// What is running or written now, so that Ctrl-C (or a kill) ends all of it: child process groups, and
// the temporary directories of --deep.
const liveChildren = new Map<number, { group: boolean }>();
const liveTempDirs = new Set<string>();
let interruptHandled = false;

function killChild(pid: number, group: boolean, signal: NodeJS.Signals): void {
  try {
    process.kill(group ? -pid : pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * On SIGINT, SIGTERM or SIGHUP: kill every child venv-doctor started (the whole process group), remove
 * its temporary directories, and exit 128 + the signal's number. Installed once, by the executable.
 */
export function endEverythingOnSignal(): void {
  if (interruptHandled) return;
  interruptHandled = true;
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      for (const [pid, { group }] of liveChildren) killChild(pid, group, 'SIGKILL');
      for (const dir of liveTempDirs) {
        try {
          rmSync(dir, { recursive: true, force: true });
        } catch {
          // Nothing more can be done on the way out.
        }
      }
      process.stderr.write(`\nvenv-doctor: interrupted (${signal}); everything it started was stopped.\n`);
      process.exit(128 + (numbers[signal] ?? 0));
    });
  }
}

function isAbsolute(file: string): boolean {
  return file.startsWith('/') || (process.platform === 'win32' && /^[A-Za-z]:[\\/]/.test(file));
}

/**
 * Runs a fix command (argv[0] an absolute path) without a shell, its output streamed to this process's
 * stdout or stderr (a fix can take minutes: apt downloads). With a terminal to ask on, the command stays in
 * the terminal's process group (sudo may ask for a password, and Ctrl-C reaches it); without one it gets a
 * group of its own, so that a timeout or an interrupt ends the whole tree (sudo and the apt-get under it).
 * Resolves the exit code (null: killed or not started).
 */
export async function runStreaming(
  argv: readonly string[],
  toStderr: boolean,
  env: Record<string, string | undefined> = process.env,
  timeoutMs = 30 * 60_000,
): Promise<number | null> {
  const [file, ...args] = argv;
  if (!file || !isAbsolute(file)) {
    process.stderr.write(`venv-doctor: refusing to run ${escapeTerminal(file ?? 'nothing')}: not an absolute path\n`);
    return null;
  }
  // execa (the design card's) for the long, streaming commands of --fix, in a chunk loaded only then: the
  // diagnosis never pays for it. The rules stay ours: no shell, the environment exactly as given (confined),
  // the process group stopped on timeout and on Ctrl-C (liveChildren).
  const { execa } = await import('execa');
  const group = process.platform !== 'win32' && process.stdin.isTTY !== true;
  const child = execa(file, args, {
    // From a directory the project cannot write: a venv fix names its target by its absolute path.
    cwd: process.platform === 'win32' ? undefined : '/',
    stdio: ['inherit', toStderr ? 2 : 1, 2],
    detached: group,
    env,
    extendEnv: false,
    shell: false,
    reject: false,
    buffer: false,
  });
  const pid = child.pid;
  if (pid) liveChildren.set(pid, { group });
  let kill: NodeJS.Timeout | undefined;
  const timer = setTimeout(() => {
    if (!pid) return;
    process.stderr.write(
      `venv-doctor: ${escapeTerminal(file)} did not finish within ${Math.round(timeoutMs / 60_000)} min: stopping it.\n`,
    );
    killChild(pid, group, 'SIGTERM');
    kill = setTimeout(() => killChild(pid, group, 'SIGKILL'), TERM_GRACE_MS);
  }, timeoutMs);
  const result = await child;
  clearTimeout(timer);
  clearTimeout(kill);
  if (pid) liveChildren.delete(pid);
  if (result.exitCode === undefined && !result.signal) {
    // It could not be started (ENOENT, EACCES ...).
    const failure = result as { code?: string; shortMessage?: string };
    const code = failure.code ?? failure.shortMessage ?? 'it could not be started';
    process.stderr.write(`venv-doctor: cannot run ${escapeTerminal(file)}: ${escapeTerminal(String(code))}\n`);
    return null;
  }
  return result.exitCode ?? null;
}

/** A command's stdout and stderr, kept up to `max` bytes together; what comes after is dropped. */
function boundedOutput(max = MAX_OUTPUT) {
  const parts = { stdout: [] as Uint8Array[], stderr: [] as Uint8Array[] };
  let size = 0;
  const into = (kept: Uint8Array[]) => (chunk: Uint8Array) => {
    if (size >= max) return;
    kept.push(size + chunk.length <= max ? chunk : chunk.subarray(0, max - size));
    size += chunk.length;
  };
  // Joined and decoded without Buffer: in the single file, Buffer.concat's first use alone cost ~4 ms.
  const text = (chunks: Uint8Array[]) => {
    const all = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.length, 0));
    let at = 0;
    for (const chunk of chunks) {
      all.set(chunk, at);
      at += chunk.length;
    }
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(all); // a leading BOM kept, as Buffer's toString
  };
  return {
    stdout: into(parts.stdout),
    stderr: into(parts.stderr),
    text: () => ({ stdout: text(parts.stdout), stderr: text(parts.stderr) }),
  };
}

/**
 * A long command (RunOptions.long) through execa: no shell, the environment exactly as given, its own
 * process group, killed whole on timeout and on Ctrl-C (liveChildren). Output is collected here, bounded
 * as runCommand's (execa's own buffer gives up at its limit without stopping the child): past the bound
 * it is dropped, and the command still runs to its end or its timeout.
 */
async function runLong(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const { execa } = await import('execa');
  const ownGroup = process.platform !== 'win32';
  const child = execa(file, args, {
    env: options.env ?? process.env,
    extendEnv: false,
    shell: false,
    cwd: options.cwd ?? (process.platform === 'win32' ? undefined : '/'),
    stdin: 'ignore',
    detached: ownGroup,
    reject: false,
    buffer: false,
    windowsHide: true,
  });
  const pid = child.pid;
  if (pid) liveChildren.set(pid, { group: ownGroup });
  const output = boundedOutput(options.maxOutputBytes);
  child.stdout?.on('data', output.stdout);
  child.stderr?.on('data', output.stderr);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (pid) killChild(pid, ownGroup, 'SIGKILL');
    // A grandchild that left the group may still hold the pipes: stop waiting for them.
    setTimeout(() => {
      child.stdout?.destroy();
      child.stderr?.destroy();
    }, CLOSE_GRACE_MS).unref();
  }, options.timeoutMs);
  const result = await child;
  clearTimeout(timer);
  if (pid) liveChildren.delete(pid);
  const started = result.exitCode !== undefined || Boolean(result.signal);
  const failure = result as { code?: string };
  return {
    exitCode: started && !timedOut ? (result.exitCode ?? null) : null,
    ...output.text(),
    timedOut,
    error: timedOut
      ? 'timed out'
      : !started
        ? (failure.code ?? 'it could not be started')
        : result.signal
          ? `killed by ${result.signal}`
          : null,
  };
}

/**
 * Runs a command without a shell. On timeout the whole process group is killed: a pyenv shim is a
 * shell script whose python child would otherwise outlive it and keep the pipes open.
 * (node:child_process, not execa: execa costs ~60 ms of startup here, more than the whole budget; see
 * docs/performance.md. Long commands go through execa: runLong.)
 */
function runCommand(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const { timeoutMs, env, cwd } = options;
  if (!isAbsolute(file)) {
    return Promise.resolve({ exitCode: null, stdout: '', stderr: '', timedOut: false, error: 'not an absolute path' });
  }
  if (options.long) return runLong(file, args, options);
  const bun = (globalThis as { Bun?: BunRuntime }).Bun;
  if (bun && process.platform !== 'win32') return runWithBun(bun, file, args, options);
  return new Promise((resolve) => {
    const ownGroup = process.platform !== 'win32';
    const output = boundedOutput(options.maxOutputBytes);
    let timedOut = false;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (exitCode: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child?.pid) liveChildren.delete(child.pid);
      resolve({
        exitCode,
        ...output.text(),
        timedOut,
        error,
      });
    };
    let child: ReturnType<typeof spawn> | undefined;
    try {
      child = spawn(file, args, {
        env: env ?? process.env,
        // A directory the project does not control, unless the caller chose one.
        cwd: cwd ?? (process.platform === 'win32' ? undefined : '/'),
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: ownGroup,
        windowsHide: true,
      });
    } catch (error) {
      finish(null, (error as NodeJS.ErrnoException).code ?? String(error));
      return;
    }
    if (child.pid) liveChildren.set(child.pid, { group: ownGroup });
    child.stdout?.on('data', output.stdout);
    child.stderr?.on('data', output.stderr);
    child.on('error', (error: NodeJS.ErrnoException) => finish(null, error.code ?? error.message));
    child.on('close', (code, signal) => finish(code, timedOut ? 'timed out' : signal ? `killed by ${signal}` : null));
    const started = child;
    timer = setTimeout(() => {
      timedOut = true;
      if (started.pid) killChild(started.pid, ownGroup, 'SIGKILL');
      setTimeout(() => {
        started.stdout?.destroy();
        started.stderr?.destroy();
        finish(null, 'timed out');
      }, CLOSE_GRACE_MS).unref();
    }, timeoutMs);
  });
}

/** What runWithBun uses of Bun's own API (the single file is built with Bun: scripts/build-exe.mjs). */
interface BunRuntime {
  spawn(
    cmd: string[],
    options: {
      cwd: string;
      env: Record<string, string | undefined>;
      stdin: 'ignore';
      stdout: 'pipe';
      stderr: 'pipe';
      detached: boolean;
    },
  ): {
    pid: number;
    stdout: ReadableStream<Uint8Array>;
    stderr: ReadableStream<Uint8Array>;
    exited: Promise<number>;
    exitCode: number | null;
    signalCode: string | null;
  };
}

/**
 * runCommand in the single file, with Bun's own spawn: its node:child_process costs ~13 ms a command there
 * (a compiled spawn of `python3 -c 0` in 62 ms against 48 ms, same run), and the probe is on every run's
 * path. The same contract: no shell, its own process group, killed whole on timeout and on Ctrl-C
 * (liveChildren), output bounded, and an end once its pipes close (or CLOSE_GRACE_MS after a kill).
 */
async function runWithBun(bun: BunRuntime, file: string, args: readonly string[], options: RunOptions) {
  let child: ReturnType<BunRuntime['spawn']>;
  try {
    child = bun.spawn([file, ...args], {
      cwd: options.cwd ?? '/',
      env: options.env ?? process.env,
      stdin: 'ignore',
      stdout: 'pipe',
      stderr: 'pipe',
      detached: true,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { exitCode: null, stdout: '', stderr: '', timedOut: false, error: code };
  }
  const { pid } = child;
  liveChildren.set(pid, { group: true });
  const output = boundedOutput(options.maxOutputBytes);
  const readers = [child.stdout.getReader(), child.stderr.getReader()] as const;
  const drain = async (reader: ReadableStreamDefaultReader<Uint8Array>, into: (chunk: Uint8Array) => void) => {
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) into(read.value);
    } catch {
      // Cancelled after a kill.
    }
  };
  const ended = Promise.all([child.exited, drain(readers[0], output.stdout), drain(readers[1], output.stderr)]);
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  let grace: NodeJS.Timeout | undefined;
  const stopped = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      timedOut = true;
      killChild(pid, true, 'SIGKILL');
      // A grandchild that left the group may still hold the pipes: stop waiting for them.
      grace = setTimeout(() => {
        for (const reader of readers) reader.cancel().catch(() => {});
        resolve();
      }, CLOSE_GRACE_MS);
    }, options.timeoutMs);
  });
  await Promise.race([ended, stopped]);
  clearTimeout(timer);
  clearTimeout(grace);
  liveChildren.delete(pid);
  const signal = child.signalCode;
  return {
    // As runCommand reports it: a child that exited by itself keeps its code even when a grandchild held the
    // pipes until the timeout.
    exitCode: child.exitCode,
    ...output.text(),
    timedOut,
    error: timedOut ? 'timed out' : signal ? `killed by ${signal}` : null,
  };
}

/**
 * At most maxBytes from the start of an open file. The buffer is sized by the file (a 1 MiB buffer zeroed for
 * every small file read cost the healthy run its garbage collections), and grows when the file does while
 * it is read, or reports no size (/proc).
 */
function readUpTo(fd: number, maxBytes: number, size: number): Uint8Array {
  let buffer = Buffer.allocUnsafe(Math.min(maxBytes, size > 0 ? size + 1 : 4096));
  let total = 0;
  for (;;) {
    const bytesRead = readSync(fd, buffer, total, buffer.length - total, total);
    total += bytesRead;
    if (bytesRead === 0 || total === maxBytes) return buffer.subarray(0, total);
    if (total === buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.min(maxBytes, buffer.length * 2));
      buffer.copy(bigger, 0, 0, total);
      buffer = bigger;
    }
  }
}

/**
 * Non-blocking, so that opening a FIFO or a terminal returns at once instead of waiting forever for a writer;
 * never the controlling terminal. The callers read only regular files.
 */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** Opens `path`, hands the descriptor and its fstat to `use`, always closes it; null for any failure. */
function withOpened<T>(path: string, flags: number, use: (fd: number, info: Stats) => T): T | null {
  let fd: number;
  try {
    fd = openSync(path, flags);
  } catch {
    return null;
  }
  try {
    return use(fd, fstatSync(fd));
  } catch {
    return null;
  } finally {
    try {
      closeSync(fd);
    } catch {
      // EIO from a network filesystem: what was read stands.
    }
  }
}

/**
 * Where an open descriptor really is: the kernel's own answer on Linux (/proc/self/fd); elsewhere the path's
 * real path, only when it is still the same file (device and inode) as the descriptor.
 */
function openedPath(fd: number, path: string, info: Stats): string | null {
  if (process.platform === 'linux') {
    try {
      const real = readlinkSync(`/proc/self/fd/${fd}`);
      if (real.startsWith('/') && !real.endsWith(' (deleted)')) return real;
    } catch {
      // No /proc (a chroot without it): as elsewhere.
    }
  }
  try {
    const real = realpathSync.native(path);
    const now = statSync(real);
    return now.dev === info.dev && now.ino === info.ino ? real : null;
  } catch {
    return null;
  }
}

/** stat (or lstat) without an exception for a path that is not there (ENOENT, ENOTDIR); null for any failure. */
function statOrNull(path: string, follow: boolean): Stats | null {
  try {
    return (follow ? statSync : lstatSync)(path, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The current directory, or null when it was deleted under us (process.cwd() throws ENOENT). */
function currentDirectory(): string | null {
  // The launcher (src/launcher/launcher.ts) found it gone and moved to /.
  if ((globalThis as Record<symbol, unknown>)[Symbol.for('venv-doctor.cwd-missing')] === true) return null;
  try {
    return process.cwd();
  } catch {
    return null;
  }
}

export function realSystem(given?: string): System {
  const found = given ?? currentDirectory();
  const cwd = found ?? '/';
  return {
    ...(found === null ? { cwdMissing: true } : {}),
    run: runCommand,
    // The reads are synchronous calls behind the System's promises: local metadata and small files answer in
    // microseconds, while each promise of node:fs/promises cost a thread-pool round trip here and, in the single
    // file, a first use of Bun's fs/promises (all-sync reads: +5.7 ms over an empty run, against +12.7 ms).
    // A hung filesystem stops the run either way: nothing here has a timeout of its own.
    async readFile(path, maxBytes = DEFAULT_MAX_READ) {
      return withOpened(path, READ_FLAGS, (fd, info) => (info.isFile() ? readUpTo(fd, maxBytes, info.size) : null));
    },
    async readOpened(path, maxBytes) {
      // Never through a final link: the caller names the real path (a link swapped in is refused, not opened).
      return withOpened(path, READ_FLAGS | (constants.O_NOFOLLOW ?? 0), (fd, info) => {
        const kind = info.isFile() ? 'file' : info.isDirectory() ? 'dir' : 'other';
        return {
          kind,
          realPath: openedPath(fd, path, info),
          bytes: kind === 'file' ? readUpTo(fd, maxBytes, info.size) : null,
        };
      });
    },
    async stat(path) {
      const info = statOrNull(path, true);
      if (!info) return null;
      const kind = info.isFile() ? 'file' : info.isDirectory() ? 'dir' : 'other';
      return {
        kind,
        size: info.size,
        executable: kind === 'file' && executable(path),
        uid: info.uid,
        mtimeMs: info.mtimeMs,
      };
    },
    async lstat(path) {
      const info = statOrNull(path, false);
      if (!info) return null;
      const kind = info.isSymbolicLink() ? 'link' : info.isFile() ? 'file' : info.isDirectory() ? 'dir' : 'other';
      return {
        kind,
        size: info.size,
        executable: false,
        uid: info.uid,
        gid: info.gid,
        mode: info.mode,
        identity: `${info.dev}:${info.ino}`,
      };
    },
    async readlink(path) {
      try {
        return readlinkSync(path);
      } catch {
        return null;
      }
    },
    async makeTempDir(prefix) {
      const dir = await mkdtemp(join(os.tmpdir(), prefix));
      liveTempDirs.add(dir);
      return dir;
    },
    async removeTempDir(path) {
      if (!liveTempDirs.has(path)) throw new Error(`refusing to remove ${path}: venv-doctor did not make it`);
      await rm(path, { recursive: true, force: true });
      liveTempDirs.delete(path);
    },
    async realpath(path) {
      try {
        // .native: the kernel's walk (libc realpath, as fs.promises.realpath); the JS realpathSync first
        // resolves `sub/..` by its text, where the kernel goes up from wherever the link sub leads.
        return realpathSync.native(path);
      } catch {
        return null;
      }
    },
    async readdir(path, max) {
      try {
        if (max === undefined) return readdirSync(path);
        // A directory of the project may hold a million names: read in batches, stop at max.
        const dir = opendirSync(path, { bufferSize: Math.min(max, 1024) });
        const names: string[] = [];
        try {
          for (let entry = dir.readSync(); entry !== null && names.length < max; entry = dir.readSync()) {
            names.push(entry.name);
          }
        } finally {
          dir.closeSync();
        }
        return names;
      } catch {
        return null;
      }
    },
    env: process.env,
    cwd,
    platform: process.platform,
    arch: process.arch,
    kernel: os.release(),
    uid: typeof process.geteuid === 'function' ? process.geteuid() : null,
    gid: typeof process.getegid === 'function' ? process.getegid() : null,
    async osSummary() {
      return platformIdentity(this);
    },
  };
}

/**
 * macOS and Windows say what they are without a process: macOS in SystemVersion.plist, Windows through
 * Node's os.version() (the registry's product name) and os.release() (10.0.<build>). systeminformation was
 * the first way; its osInfo() runs `sw_vers; sysctl ...` (PowerShell on Windows) through a shell by PATH,
 * where npx puts the project's node_modules/.bin first: see docs/architecture.md.
 */
async function platformIdentity(system: System): Promise<OsSummary | null> {
  if (system.platform === 'darwin') {
    const bytes = await system.readFile('/System/Library/CoreServices/SystemVersion.plist', 64 * 1024);
    return bytes ? parseSystemVersionPlist(Buffer.from(bytes).toString('utf8')) : null;
  }
  if (system.platform === 'win32') return windowsIdentity(os.version(), os.release());
  return null;
}

/** ProductName and ProductVersion of macOS's SystemVersion.plist (an XML plist). */
export function parseSystemVersionPlist(text: string): OsSummary | null {
  const value = (key: string) =>
    new RegExp(`<key>${key}</key>\\s*<string>([^<]{1,64})</string>`).exec(text)?.[1]?.trim() ?? null;
  const version = value('ProductVersion');
  if (!version || !/^\d{1,3}(\.\d{1,3}){0,2}$/.test(version)) return null;
  return { id: 'macos', name: value('ProductName') === 'Mac OS X' ? 'Mac OS X' : 'macOS', version, codename: '' };
}

/** "Windows 10 Pro" and "10.0.22631" -> Windows 11 (build 22000 and later is 11, whatever the registry says). */
export function windowsIdentity(version: string, release: string): OsSummary | null {
  const build = /^10\.0\.(\d{4,6})$/.exec(release)?.[1];
  if (!build)
    return /^\d+\.\d+/.test(release) ? { id: 'windows', name: 'Windows', version: release, codename: '' } : null;
  const major = Number(build) >= 22000 ? '11' : '10';
  const edition = /^Windows (?:10|11)\s+([A-Za-z ]{1,40})$/.exec(version.trim())?.[1];
  return {
    id: 'windows',
    name: `Windows ${major}${edition ? ` ${edition}` : ''}`,
    version: `${major}.0.${build}`,
    codename: '',
  };
}
