// GitHub Actions: workflow-command annotations for failures and warnings, then the plain report.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
//
// Output is data, never commands: every string of the report is made safe for the runner first
// (src/neutralize.ts: no control characters, so no line break inside a value; no `##[`), the annotations'
// data and properties are escaped as @actions/core does, and the human report is wrapped in
// `::stop-commands::TOKEN` ... `::TOKEN::` with an unguessable token, each of its lines made inert too.
import { randomUUID } from 'node:crypto';
import { escapeGithubData, escapeGithubProperty, forGithub, inertGithubLine } from '../neutralize.js';
import type { Report } from '../types.js';
import { renderPlain } from './plain.js';

export interface GithubOptions {
  /** The stop-commands token (default: a random UUID; tests give their own). */
  token?: string;
}

export function renderGithub(unsafe: Report, { token = randomUUID() }: GithubOptions = {}): string {
  const report = forGithub(unsafe);
  const lines: string[] = [];
  const fixes = report.fixes.map((f) => f.command);
  for (const check of report.checks) {
    const level =
      check.status === 'fail' || check.status === 'crash' ? 'error' : check.status === 'warn' ? 'warning' : null;
    if (!level) continue;
    const fix = level === 'error' && fixes.length > 0 ? `\nFix: ${fixes.join(' && ')}` : '';
    lines.push(
      `::${level} title=${escapeGithubProperty(`venv-doctor: ${check.id}`)}::${escapeGithubData(check.message + fix)}`,
    );
  }
  const human = renderPlain(report, { color: false, verbose: false })
    .replace(/\n$/, '')
    .split('\n')
    .map(inertGithubLine);
  return `${[...lines, `::stop-commands::${token}`, ...human, `::${token}::`].join('\n')}\n`;
}
