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
  const lookup = (path: string) => files[path];
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
      if (lookup(path)) return path;
      const real = fromRoot(path);
      try {
        return real ? realpathSync(real) : null;
      } catch {
        return null;
      }
    },
    async readdir(path) {
      const prefix = path.endsWith('/') ? path : `${path}/`;
      const names = Object.keys(files)
        .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
        .map((p) => p.slice(prefix.length));
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
    arch: 'x64',
    kernel: '6.1.0-test',
    uid: options.uid === undefined ? 0 : options.uid,
    async osSummary() {
      return options.osSummary ?? null;
    },
  };
}
