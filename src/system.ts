// The one place where venv-doctor touches the machine. Gatherers receive a System; checks never do.
// Every command runs without a shell and with a timeout; every read is bounded.
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, lstat, mkdtemp, open, readdir, readlink, realpath, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';

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
}

export interface PathInfo {
  /** 'link' only from lstat. */
  kind: 'file' | 'dir' | 'link' | 'other';
  size: number;
  executable: boolean;
}

export interface OsSummary {
  id: string;
  name: string;
  version: string;
  codename: string;
}

export interface System {
  run(file: string, args: readonly string[], options: RunOptions): Promise<RunResult>;
  /** The first maxBytes of a file, or null when it cannot be read. */
  readFile(path: string, maxBytes?: number): Promise<Uint8Array | null>;
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
  readdir(path: string): Promise<string[] | null>;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  platform: string;
  arch: string;
  kernel: string;
  /** Effective uid, or null where the platform has none (Windows). */
  uid: number | null;
  /** OS identity where there is no os-release (macOS, Windows), via systeminformation. */
  osSummary(): Promise<OsSummary | null>;
}

const DEFAULT_MAX_READ = 1024 * 1024;
const MAX_OUTPUT = 4 * 1024 * 1024;
/** After a kill, how long to wait for the pipes to close (a grandchild may hold them open). */
const CLOSE_GRACE_MS = 250;

/**
 * Runs a fix command without a shell, its output streamed to this process's stdout or stderr (a fix
 * can take minutes: apt downloads). Resolves the exit code (null: killed or not started).
 */
export function runStreaming(
  argv: readonly string[],
  toStderr: boolean,
  timeoutMs = 30 * 60_000,
): Promise<number | null> {
  return new Promise((resolve) => {
    const [file, ...args] = argv;
    if (!file) {
      resolve(null);
      return;
    }
    const out = toStderr ? 2 : 1;
    const child = spawn(file, args, { stdio: ['inherit', out, 2], timeout: timeoutMs, killSignal: 'SIGKILL' });
    child.on('error', (error: NodeJS.ErrnoException) => {
      process.stderr.write(`venv-doctor: cannot run ${file}: ${error.code ?? error.message}\n`);
      resolve(null);
    });
    child.on('close', (code) => resolve(code));
  });
}

/**
 * Runs a command without a shell. On timeout the whole process group is killed: a pyenv shim is a
 * shell script whose python child would otherwise outlive it and keep the pipes open.
 * (node:child_process, not execa: execa costs ~60 ms of startup here, more than the whole budget; see
 * docs/performance.md.)
 */
function runCommand(file: string, args: readonly string[], { timeoutMs, env }: RunOptions): Promise<RunResult> {
  return new Promise((resolve) => {
    const ownGroup = process.platform !== 'win32';
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    let timedOut = false;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (exitCode: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        exitCode,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        timedOut,
        error,
      });
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(file, args, {
        env: env ?? process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: ownGroup,
        windowsHide: true,
      });
    } catch (error) {
      finish(null, (error as NodeJS.ErrnoException).code ?? String(error));
      return;
    }
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_OUTPUT) into.push(chunk);
    };
    child.stdout?.on('data', collect(stdout));
    child.stderr?.on('data', collect(stderr));
    child.on('error', (error: NodeJS.ErrnoException) => finish(null, error.code ?? error.message));
    child.on('close', (code, signal) => finish(code, timedOut ? 'timed out' : signal ? `killed by ${signal}` : null));
    timer = setTimeout(() => {
      timedOut = true;
      try {
        if (ownGroup && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish(null, 'timed out');
      }, CLOSE_GRACE_MS).unref();
    }, timeoutMs);
  });
}

export function realSystem(cwd: string = process.cwd()): System {
  return {
    run: runCommand,
    async readFile(path, maxBytes = DEFAULT_MAX_READ) {
      try {
        const handle = await open(path, 'r');
        try {
          const buffer = Buffer.alloc(maxBytes);
          const { bytesRead } = await handle.read(buffer, 0, maxBytes, 0);
          return buffer.subarray(0, bytesRead);
        } finally {
          await handle.close();
        }
      } catch {
        return null;
      }
    },
    async stat(path) {
      try {
        const info = await stat(path);
        const kind = info.isFile() ? 'file' : info.isDirectory() ? 'dir' : 'other';
        let executable = false;
        if (kind === 'file') {
          executable = await access(path, constants.X_OK).then(
            () => true,
            () => false,
          );
        }
        return { kind, size: info.size, executable };
      } catch {
        return null;
      }
    },
    async lstat(path) {
      try {
        const info = await lstat(path);
        const kind = info.isSymbolicLink() ? 'link' : info.isFile() ? 'file' : info.isDirectory() ? 'dir' : 'other';
        return { kind, size: info.size, executable: false };
      } catch {
        return null;
      }
    },
    async readlink(path) {
      try {
        return await readlink(path);
      } catch {
        return null;
      }
    },
    makeTempDir: (prefix) => mkdtemp(join(os.tmpdir(), prefix)),
    async removeTempDir(path) {
      if (!path.startsWith(os.tmpdir())) throw new Error(`refusing to remove ${path}: not a temporary directory`);
      await rm(path, { recursive: true, force: true });
    },
    async realpath(path) {
      try {
        return await realpath(path);
      } catch {
        return null;
      }
    },
    async readdir(path) {
      try {
        return await readdir(path);
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
    async osSummary() {
      // systeminformation costs ~100 ms; it is only asked where there is no os-release to read.
      try {
        const si = await import('systeminformation');
        const info = await si.default.osInfo();
        // osInfo() also returns hostname, fqdn and serial: deliberately not kept (facts are shared).
        return {
          id: info.platform === 'darwin' ? 'macos' : info.platform === 'win32' ? 'windows' : info.distro,
          name: info.distro,
          version: info.release,
          codename: info.codename,
        };
      } catch {
        return null;
      }
    },
  };
}
