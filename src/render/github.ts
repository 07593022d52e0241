// GitHub Actions: workflow-command annotations for failures and warnings, then the plain report.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
//
// Output is data, never commands: every string of the report is made safe for the runner first
// (src/neutralize.ts: no control characters, so no line break inside a value; no `##[`), the annotations'
// data and properties are escaped as @actions/core does, and the human report is wrapped in
// `::stop-commands::TOKEN` ... `::TOKEN::` with an unguessable token, each of its lines made inert too.
import { randomUUID } from 'node:crypto';
import { posix } from 'node:path';
import {
  escapeGithubData,
  escapeGithubProperty,
  escapeGithubText,
  forGithub,
  inertGithubLine,
  mapStrings,
} from '../neutralize.js';
import { isInside } from '../paths.js';
import type { CheckResult, Report } from '../types.js';
import { renderPlain } from './plain.js';

export interface GithubOptions {
  /** The stop-commands token (default: a random UUID; tests give their own). */
  token?: string;
  /**
   * $GITHUB_WORKSPACE: annotations name their file relative to it (GitHub shows them on the diff), and paths
   * under it are shown relative to it. Without it, annotations name no file.
   */
  workspace?: string;
}

export function renderGithub(unsafe: Report, { token = randomUUID(), workspace }: GithubOptions = {}): string {
  const root = workspaceRoot(workspace);
  const report = forGithub(root ? relativeToWorkspace(unsafe, root) : unsafe);
  const lines: string[] = [];
  const fixes = report.fixes.map((f) => f.command);
  for (const [index, check] of report.checks.entries()) {
    // With --strict a warning fails the job: it is annotated as the error it is.
    const warnLevel = report.strict ? 'error' : 'warning';
    const level =
      check.status === 'fail' || check.status === 'crash' ? 'error' : check.status === 'warn' ? warnLevel : null;
    if (!level) continue;
    const fix = level === 'error' && fixes.length > 0 ? `\nFix: ${fixes.join(' && ')}` : '';
    // In @actions/core's order: title, file, line.
    const properties = [
      `title=${escapeGithubProperty(`venv-doctor: ${check.id}`)}`,
      ...location(unsafe.project, unsafe.checks[index], root),
    ];
    lines.push(`::${level} ${properties.join(',')}::${escapeGithubData(check.message + fix)}`);
  }
  const human = renderPlain(report, { color: false, verbose: false })
    .replace(/\n$/, '')
    .split('\n')
    .map(inertGithubLine);
  return `${[...lines, `::stop-commands::${token}`, ...human, `::${token}::`].join('\n')}\n`;
}

/** An absolute, normalized workspace directory other than `/`, or null. */
export function workspaceRoot(workspace: string | undefined): string | null {
  if (!workspace?.startsWith('/')) return null;
  const root = posix.normalize(workspace).replace(/\/+$/, '');
  return root === '' ? null : root;
}

/**
 * The report with every path under the workspace shown relative to it (`.venv/bin/python`, `.` for the
 * workspace itself), in CI's logs and summary as in its file list. What is to be run is kept as it must run
 * from where venv-doctor ran: the fixes, the advice and the notes (which quote commands).
 */
export function relativeToWorkspace(report: Report, root: string): Report {
  const escaped = root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The workspace as a whole path or a path's start (a sentence's full stop may follow), never the middle
  // of another path or of ~/...
  const pattern = new RegExp(`(?<![\\w./~-])${escaped}(?:/(?=[\\w.~@+-])|(?=[\\s"'\`),:;\\]]|\\.(?:\\s|$)|$))`, 'g');
  const relative = (text: string) => text.replace(pattern, (match) => (match.endsWith('/') ? '' : '.'));
  const { fixes, optionalFixes, advice, notes, ...rest } = report;
  return { ...mapStrings(rest, relative), fixes, optionalFixes, advice, notes };
}

/**
 * file= and line= of the check's place, relative to the workspace; none outside it or without it, and none
 * inside the project's venv: its files (bin/pip3.12, pyvenv.cfg) are git-ignored, so a pull request cannot
 * show them, and GitHub would drop the annotation from the diff. The message names the file instead.
 */
function location(project: Report['project'], check: CheckResult | undefined, root: string | null): string[] {
  const where = check?.where;
  const projectDir = project?.dir;
  if (!root || !projectDir?.startsWith('/') || !where) return [];
  const absolute = posix.resolve(projectDir, where.file);
  const venv = project?.venv?.startsWith('/') ? project.venv : null;
  if (venv && isInside(absolute, venv)) return [];
  const file = posix.relative(root, absolute);
  if (file === '' || file === '..' || file.startsWith('../') || file.startsWith('/')) return [];
  const line = where.line && Number.isInteger(where.line) && where.line > 0 ? [`line=${where.line}`] : [];
  return [`file=${escapeGithubProperty(escapeGithubText(file))}`, ...line];
}
