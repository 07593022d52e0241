// JUnit XML for GitLab, Jenkins and other CI systems: one testcase per check. Failures carry the message,
// the details and the fix; crashes are errors; skipped and ignored checks are skipped.
import type { Report } from '../types.js';

function xml(text: string): string {
  return (
    text
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
      // Characters XML 1.0 cannot carry at all.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  );
}

export function renderJunit(report: Report): string {
  const count = (predicate: (s: string) => boolean) => report.checks.filter((c) => predicate(c.status)).length;
  const failures = count((s) => s === 'fail' || (report.strict && s === 'warn'));
  const errors = count((s) => s === 'crash');
  const skipped = count((s) => s === 'skip' || s === 'ignored');
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const fix = report.fixes.length ? `\n\nFix:\n${report.fixes.map((f) => `  ${f.command}`).join('\n')}` : '';
  const advice = report.advice.length ? `\n\n${report.advice.map((a) => `- ${a}`).join('\n')}` : '';
  const cases = report.checks.map((check) => {
    const open = `    <testcase classname="venv-doctor" name="${xml(check.id)}" time="${seconds(check.durationMs)}">`;
    const body = [check.message, ...check.details].join('\n');
    const failed = check.status === 'fail' || (report.strict && check.status === 'warn');
    let inner = '';
    if (failed) {
      inner = `\n      <failure message="${xml(check.message)}" type="${check.status}">${xml(body + fix + advice)}</failure>\n    `;
    } else if (check.status === 'crash') {
      inner = `\n      <error message="${xml(check.message)}" type="crash">${xml(body)}</error>\n    `;
    } else if (check.status === 'skip' || check.status === 'ignored') {
      inner = `\n      <skipped message="${xml(check.message)}"/>\n    `;
    } else if (check.status === 'warn') {
      inner = `\n      <system-out>${xml(`warning: ${body}`)}</system-out>\n    `;
    }
    return `${open}${inner}</testcase>`;
  });
  const total = report.checks.reduce((sum, c) => sum + c.durationMs, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="venv-doctor" tests="${report.checks.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(total)}">`,
    `  <testsuite name="venv-doctor" tests="${report.checks.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(total)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
