// Where the project ends: the trust boundary every gatherer and the planner respect. Pure.
import { posix } from 'node:path';

/** A version manager's shim (pyenv, asdf, mise): which Python it runs depends on where it is started. */
export function isShimPath(path: string): boolean {
  return /\/shims\/[^/]+$/.test(path.replaceAll('\\', '/'));
}

/** `path` is `root` or below it (lexically, after normalising . and ..). */
export function isInside(path: string, root: string): boolean {
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
  if (projectDir === '/' || (home && isInside(home, projectDir))) return [];
  return [projectDir];
}
