// The text a person reads: the checklist, the verdict, the fix block. Pure: (report, options) => string.
// Every string of the report is made terminal-safe first (src/neutralize.ts); colours are added after.
import { forTerminal } from '../neutralize.js';
import type { Report, Status } from '../types.js';

export interface PlainOptions {
  color: boolean;
  verbose: boolean;
}

/** The checks that decide whether `python3 -m venv` itself works (the others are about the project). */
const SYSTEM_CHECKS = new Set(['os', 'python', 'externally-managed', 'venv', 'ensurepip', 'pip', 'venv-create']);

export const LABEL: Record<Status, string> = {
  pass: 'ok',
  warn: 'warn',
  fail: 'FAIL',
  skip: 'skip',
  crash: 'CRASH',
  ignored: 'ignored',
};
const COLOR: Record<Status, string> = { pass: '32', warn: '33', fail: '31', skip: '2', crash: '35', ignored: '2' };

export function paint(text: string, code: string, enabled: boolean): string {
  return enabled ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export function renderPlain(unsafe: Report, { color, verbose }: PlainOptions): string {
  const report = forTerminal(unsafe);
  const out: string[] = [];
  const idWidth = Math.max(...report.checks.map((c) => c.id.length));
  out.push(paint(`venv-doctor ${report.tool.version}`, '1', color));
  if (report.factsFrom === 'file') out.push('(diagnosing replayed facts, not this machine)');
  for (const warning of report.warnings) out.push(paint(`warning: ${warning}`, '33', color));
  out.push('');
  // Without --verbose, checks skipped for the same reason share one line: no noise about what does not apply.
  const skippedTogether = new Map<string, string[]>();
  for (const check of report.checks) {
    if (!verbose && check.status === 'skip') {
      skippedTogether.set(check.message, [...(skippedTogether.get(check.message) ?? []), check.id]);
      continue;
    }
    const label = paint(LABEL[check.status].padEnd(7), COLOR[check.status], color);
    const timing = verbose ? paint(` (${check.durationMs} ms)`, '2', color) : '';
    out.push(`${label} ${check.id.padEnd(idWidth)}  ${check.message}${timing}`);
    if (verbose) for (const line of check.details) out.push(`${' '.repeat(idWidth + 10)}${line}`);
  }
  for (const [message, ids] of skippedTogether) {
    out.push(
      `${paint(LABEL.skip.padEnd(7), COLOR.skip, color)} ${ids.join(', ')}: ${message.replace(/^Skipped: /, '')}`,
    );
  }
  out.push('');
  out.push(verdict(report, color));
  if (report.fixes.length > 0) {
    out.push('');
    out.push(report.fixes.length === 1 ? 'To fix it, run:' : 'To fix it, run these commands in order:');
    out.push('');
    for (const fix of report.fixes) out.push(`    ${paint(fix.command, '1', color)}`);
    out.push('');
    for (const note of report.notes) out.push(note);
    out.push(
      'Then run venv-doctor again. A venv that failed half-way is repaired by running its `-m venv` command again.',
    );
  } else {
    for (const note of report.notes) out.push(note);
  }
  if (report.advice.length > 0) {
    out.push('');
    for (const line of report.advice) out.push(`- ${line}`);
  }
  if (report.optionalFixes.length > 0) {
    out.push(
      '',
      'Optional, not needed for venvs (a pip for the system Python itself; --fix --with-optional runs it):',
      '',
    );
    for (const fix of report.optionalFixes) out.push(`    ${paint(fix.command, '1', color)}`);
  }
  if (verbose) out.push('', paint(`Finished in ${report.durationMs} ms.`, '2', color));
  return `${out.join('\n')}\n`;
}

function verdict(report: Report, color: boolean): string {
  // The interpreter the venv is made with: python3, or the python3.X that meets the project's requirement.
  const made = report.project?.venvPython;
  const python = made ?? report.python;
  const who = python.executable ? `Python ${python.version} (${python.executable})` : python.command;
  const warned = report.checks.some((c) => c.status === 'warn') ? ', with warnings above' : '';
  if (made === null && report.python.executable) {
    // Nothing on PATH meets the requirement: what is ready, if anything, is the project's venv.
    const selected = `${report.python.command} (Python ${report.python.version}) does not meet the project's requirement`;
    if (report.exitCode === 0) {
      return paint(
        `Ready: the project's venv meets its requirement${warned}; ${selected}, nor does any other python3.X on PATH.`,
        '32',
        color,
      );
    }
    if (report.exitCode === 1 && report.checks.some((c) => c.status === 'fail')) {
      return paint(`Not ready: ${selected}, nor does any other python3.X on PATH (see below).`, '31', color);
    }
  }
  if (report.exitCode === 0) {
    return paint(`Ready: \`${python.command} -m venv\` will work with ${who}${warned}.`, '32', color);
  }
  if (report.exitCode === 1 && report.strict && !report.checks.some((c) => c.status === 'fail')) {
    return paint('Not ready: strict mode, and there are warnings above.', '31', color);
  }
  if (report.exitCode === 1) {
    const systemFailed = report.checks.some((c) => c.status === 'fail' && SYSTEM_CHECKS.has(c.id));
    const verdict = !python.executable
      ? `Not ready: there is no working ${python.command} interpreter.`
      : systemFailed
        ? `Not ready: \`${python.command} -m venv\` will not work with ${who}.`
        : `Not ready: \`${python.command} -m venv\` works with ${who}, but the project needs attention (see below).`;
    return paint(verdict, '31', color);
  }
  return paint('venv-doctor could not finish the diagnosis (see CRASH above).', '35', color);
}
