// GitHub Actions: workflow-command annotations for failures and warnings, then the plain report.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import type { Report } from '../types.js';
import { renderPlain } from './plain.js';

/** Data of a workflow command: %, CR and LF escaped. */
function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** A property value (title=...): also : and , escaped. */
function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

export function renderGithub(report: Report): string {
  const lines: string[] = [];
  const fixes = report.fixes.map((f) => f.command);
  for (const check of report.checks) {
    const level =
      check.status === 'fail' || check.status === 'crash' ? 'error' : check.status === 'warn' ? 'warning' : null;
    if (!level) continue;
    const fix = level === 'error' && fixes.length > 0 ? `\nFix: ${fixes.join(' && ')}` : '';
    lines.push(`::${level} title=${escapeProperty(`venv-doctor: ${check.id}`)}::${escapeData(check.message + fix)}`);
  }
  return `${lines.join('\n')}${lines.length ? '\n' : ''}${renderPlain(report, { color: false, verbose: false })}`;
}
