// Where the project ends: the trust boundary every gatherer and the planner respect. Pure.
import { posix, win32 } from 'node:path';

/** A version manager's shim (pyenv, asdf, mise): which Python it runs depends on where it is started. */
export function isShimPath(path: string): boolean {
  return /\/shims\/[^/]+$/.test(path.replaceAll('\\', '/'));
}

/** A Windows path: a drive letter or a UNC share (compared without regard to case, \\ and / alike). */
export function isWindowsPath(path: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/** `path` is `root` or below it (lexically, after normalising . and ..). */
export function isInside(path: string, root: string): boolean {
  if (isWindowsPath(path) || isWindowsPath(root)) {
    const p = win32.normalize(path).replace(/\\+$/, '').toLowerCase();
    const r = win32.normalize(root).replace(/\\+$/, '').toLowerCase();
    return p === r || p.startsWith(`${r}\\`);
  }
  const p = posix.normalize(path).replace(/\/+$/, '') || '/';
  const r = posix.normalize(root).replace(/\/+$/, '') || '/';
  if (r === '/') return p.startsWith('/');
  return p === r || p.startsWith(`${r}/`);
}

/**
 * The directories whose programs venv-doctor never runs and whose PATH entries it never uses: the project.
 * A home directory (or /, or an ancestor of home) examined as a "project" holds the user's own tools
 * (~/.pyenv, ~/.local/bin), so it draws no such line; the project's venv still does (src/facts/project.ts).
 */
export function trustBoundary(projectDir: string, home: string | undefined): string[] {
  // A root (/, C:\\) holds everything, the user's own tools among them: no line drawn, as for $HOME.
  if (projectDir === '/' || /^[A-Za-z]:[\\/]?$/.test(projectDir) || (home && isInside(home, projectDir))) return [];
  return [projectDir];
}

/** The same place, as text: Windows paths compared as Windows does (case, separators, . and ..). */
export function samePath(a: string, b: string): boolean {
  if (isWindowsPath(a) || isWindowsPath(b)) {
    const norm = (p: string) => win32.normalize(p).replace(/\\+$/, '').toLowerCase();
    return norm(a) === norm(b);
  }
  return a === b;
}

/** Absolute on the platform the facts come from (a replayed Windows dump is read on Linux). */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || isWindowsPath(path);
}

/** A Microsoft Store (or install manager) App Execution Alias: a file in WindowsApps, never run. */
export function isStoreAlias(path: string): boolean {
  return /[\\/]WindowsApps[\\/]/i.test(path);
}

/** macOS's /usr/bin/python3 shim (the stub, unless the Command Line Tools hold a python3). */
export function isMacStubPath(path: string): boolean {
  return /^\/usr\/bin\/python3(\.\d+)?$/.test(path);
}
