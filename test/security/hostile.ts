// Hostile projects, built at test time: a temp directory per test, a marker directory outside the project
// that a planted program would write into, and the real CLI run on them (as root in CI).
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Report } from '../../src/types.js';

/** The build under test: dist/venv-doctor.cjs, or another build of venv-doctor (VENV_DOCTOR_CLI). */
export { CLI, CLI_ARGS, CLI_FILE } from '../helpers/cli.js';

import { CLI_ARGS, CLI_FILE } from '../helpers/cli.js';
/** Debian's own interpreter: on this project's CI and on every Debian/Ubuntu a user has. */
export const SYSTEM_PY = '/usr/bin/python3';
export const GIT = ['/usr/bin/git', '/bin/git'].find((p) => existsSync(p)) ?? null;
export const IS_ROOT = process.getuid?.() === 0;
/**
 * For `--fix --yes` runs that are about the venv fix: on a machine without Python's venv package (a fresh
 * Debian), the plan would also install it with apt-get, for real, as root. These checks plan the apt fixes.
 */
export const NO_APT = ['--skip', 'ensurepip,venv'];

export interface Sandbox {
  /** The project directory. */
  dir: string;
  /** Outside the project: where planted programs leave their marks, and victims live. */
  outside: string;
  /** Writes a file in the project (parents created); mode 0755 when executable. */
  write(path: string, text: string, executable?: boolean): string;
  /** A shell script that, when run, creates the file outside/marks/<name>. */
  planted(name: string): string;
  /** The names of the marks planted programs left. */
  marks(): string[];
  cleanup(): void;
}

export function sandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'venv-doctor-hostile-'));
  const dir = join(root, 'project');
  const outside = join(root, 'outside');
  const marks = join(outside, 'marks');
  mkdirSync(dir, { recursive: true });
  mkdirSync(marks, { recursive: true });
  const write = (path: string, text: string, executable = false) => {
    const full = path.startsWith('/') ? path : join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    if (executable) chmodSync(full, 0o755);
    return full;
  };
  return {
    dir,
    outside,
    write,
    planted: (name) => `#!/bin/sh\ntouch '${join(marks, name)}'\n`,
    marks: () => readdirSync(marks),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface Run extends SpawnSyncReturns<string> {
  ms: number;
}

/** The CLI, no terminal, CI set, with a hard bound: a hang fails the test instead of stalling it. */
export function doctor(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Run {
  const started = Date.now();
  const result = spawnSync(CLI_FILE, [...CLI_ARGS, ...args], {
    encoding: 'utf8',
    cwd: options.cwd,
    timeout: options.timeoutMs ?? 30_000,
    env: { ...process.env, CI: 'true', VIRTUAL_ENV: undefined, ...options.env },
  });
  return Object.assign(result, { ms: Date.now() - started });
}

export function json(run: Run): Report {
  if (run.error) throw run.error;
  return JSON.parse(run.stdout) as Report;
}
