// JUnit XML for GitLab, Jenkins and other CI systems: one testcase per check, in one testsuite. Failures carry the message,
// the details and the fix; crashes are errors; skipped and ignored checks are skipped.
// Every string of the report is escaped for XML first (src/neutralize.ts: entities, TAB/LF/CR as character
// references so attributes keep them, what XML cannot carry shown escaped); the markup is added after.
import { forXml } from '../neutralize.js';
import type { Report } from '../types.js';

export function renderJunit(unsafe: Report): string {
  const report = forXml(unsafe);
  const count = (predicate: (s: string) => boolean) => report.checks.filter((c) => predicate(c.status)).length;
  const failures = count((s) => s === 'fail' || (report.strict && s === 'warn'));
  const errors = count((s) => s === 'crash');
  const skipped = count((s) => s === 'skip' || s === 'ignored');
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const fix = report.fixes.length ? `\n\nFix:\n${report.fixes.map((f) => `  ${f.command}`).join('\n')}` : '';
  const advice = report.advice.length ? `\n\n${report.advice.map((a) => `- ${a}`).join('\n')}` : '';
  const cases = report.checks.map((check) => {
    const open = `  <testcase classname="venv-doctor" name="${check.id}" time="${seconds(check.durationMs)}">`;
    const body = [check.message, ...check.details].join('\n');
    const failed = check.status === 'fail' || (report.strict && check.status === 'warn');
    let inner = '';
    if (failed) {
      inner = `\n    <failure message="${check.message}" type="${check.status}">${body + fix + advice}</failure>\n  `;
    } else if (check.status === 'crash') {
      inner = `\n    <error message="${check.message}" type="crash">${body}</error>\n  `;
    } else if (check.status === 'skip' || check.status === 'ignored') {
      inner = `\n    <skipped message="${check.message}"/>\n  `;
    } else if (check.status === 'warn') {
      inner = `\n    <system-out>warning: ${body}</system-out>\n  `;
    }
    return `${open}${inner}</testcase>`;
  });
  const total = report.checks.reduce((sum, c) => sum + c.durationMs, 0);
  // One <testsuite> as the root, as Maven Surefire writes it: the one shape that both Surefire's schema (no
  // <testsuites>) and Jenkins xunit's junit-10.xsd (no `skipped` on <testsuites>) accept, and that GitLab,
  // Jenkins' junit step and the other consumers read.
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="venv-doctor" tests="${report.checks.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(total)}">`,
    ...cases,
    '</testsuite>',
    '',
  ].join('\n');
}
