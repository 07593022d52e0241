// A strict fake of the System seam for gatherer tests: files come from a directory tree (a corpus root)
// or a map; commands replay recorded outputs, and any command it was not told about fails the test
// instead of falling through to the real machine.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OsSummary, PathInfo, RunResult, System } from '../../src/system.js';

export interface FakeCommand {
  file: string;
  args?: (args: readonly string[]) => boolean;
  result: Partial<RunResult>;
}

export interface FakeOptions {
  /** Files by absolute path; a string is its content; 'dir' a directory; {exec} an executable file. */
  files?: Record<string, string | Uint8Array | 'dir' | { exec: string }>;
  /** A directory tree standing for / (read after `files`). */
  root?: string;
  commands?: FakeCommand[];
  env?: Record<string, string>;
  platform?: string;
  arch?: string;
  uid?: number | null;
  osSummary?: OsSummary | null;
}

/**
 * The corpus stores some relative symlinks as small text files holding the target
 * ("../usr/lib/os-release"); a real system has the link, so follow it as the kernel would.
 */
function followStoredLink(path: string): string {
  const info = statSync(path);
  if (info.size > 200) return path;
  const text = readFileSync(path, 'utf8').trim();
  if (!/^\.\.?\/[^\n]+$/.test(text)) return path;
  const target = join(dirname(path), text);
  return existsSync(target) ? target : path;
}

export function fakeSystem(options: FakeOptions = {}): System & { calls: string[] } {
  const files = options.files ?? {};
  const calls: string[] = [];
  const fromRoot = (path: string) => (options.root ? join(options.root, path) : null);
  // Windows takes / and \\ alike between names (C:\\app/.venv is C:\\app\\.venv), and so does the fake.
  const windowsPath = (path: string) => (/^[A-Za-z]:[\\/]/.test(path) ? path.replaceAll('/', '\\') : path);
  const lookup = (path: string) => files[windowsPath(path)];
  return {
    calls,
    async run(file, args) {
      calls.push([file, ...args].join(' '));
      const match = options.commands?.find((c) => c.file === file && (c.args ? c.args(args) : true));
      if (!match) throw new Error(`fake System: unexpected command ${file} ${args.join(' ').slice(0, 80)}`);
      return { exitCode: 0, stdout: '', stderr: '', timedOut: false, error: null, ...match.result };
    },
    async readFile(path, maxBytes = 1024 * 1024) {
      const entry = lookup(path);
      if (typeof entry === 'string') return Buffer.from(entry).subarray(0, maxBytes);
      if (entry instanceof Uint8Array) return entry.subarray(0, maxBytes);
      if (entry && typeof entry === 'object') return Buffer.from(entry.exec).subarray(0, maxBytes);
      const real = fromRoot(path);
      if (!real) return null;
      try {
        return readFileSync(followStoredLink(real)).subarray(0, maxBytes);
      } catch {
        return null;
      }
    },
    async readOpened(path, maxBytes) {
      if ((await this.lstat(path))?.kind === 'link') return null;
      const info = await this.stat(path);
      if (!info) return null;
      const kind = info.kind === 'link' ? 'other' : info.kind;
      return {
        kind,
        realPath: await this.realpath(path),
        bytes: kind === 'file' ? await this.readFile(path, maxBytes) : null,
      };
    },
    async stat(path): Promise<PathInfo | null> {
      const entry = lookup(path);
      if (entry === 'dir') return { kind: 'dir', size: 0, executable: false };
      if (typeof entry === 'string' || entry instanceof Uint8Array)
        return { kind: 'file', size: entry.length, executable: false };
      if (entry) return { kind: 'file', size: entry.exec.length, executable: true };
      // A directory that holds given files is one (C:\\app for C:\\app\\pyvenv.cfg), as on a disk.
      const dir = windowsPath(path);
      const sep = /^[A-Za-z]:\\/.test(dir) ? '\\' : '/';
      if (Object.keys(files).some((p) => p.startsWith(dir.endsWith(sep) ? dir : `${dir}${sep}`))) {
        return { kind: 'dir', size: 0, executable: false };
      }
      const real = fromRoot(path);
      if (!real) return null;
      try {
        const info = statSync(real);
        return {
          kind: info.isFile() ? 'file' : info.isDirectory() ? 'dir' : 'other',
          size: info.size,
          executable: false,
        };
      } catch {
        return null;
      }
    },
    async lstat(path) {
      return this.stat(path);
    },
    async readlink() {
      return null;
    },
    async makeTempDir() {
      throw new Error('fake System: makeTempDir was not expected');
    },
    async removeTempDir() {},
    async realpath(path) {
      if (lookup(path)) return windowsPath(path);
      if (!options.root && (await this.stat(path))) return windowsPath(path);
      const real = fromRoot(path);
      try {
        return real ? realpathSync(real) : null;
      } catch {
        return null;
      }
    },
    async readdir(rawPath) {
      const path = windowsPath(rawPath);
      // Windows paths (C:\\...) have \\ between names; each name below is listed once.
      const sep = /^[A-Za-z]:\\/.test(path) ? '\\' : '/';
      const prefix = path.endsWith(sep) ? path : `${path}${sep}`;
      const names = [
        ...new Set(
          Object.keys(files)
            .filter((p) => p.startsWith(prefix))
            .map((p) => p.slice(prefix.length).split(sep)[0] as string),
        ),
      ];
      if (names.length > 0 || lookup(path) === 'dir') return names;
      const real = fromRoot(path);
      try {
        return real ? readdirSync(real) : null;
      } catch {
        return null;
      }
    },
    env: options.env ?? { PATH: '/usr/bin' },
    cwd: '/work',
    platform: options.platform ?? 'linux',
    arch: options.arch ?? 'x64',
    kernel: '6.1.0-test',
    uid: options.uid === undefined ? 0 : options.uid,
    async osSummary() {
      return options.osSummary ?? null;
    },
  };
}
