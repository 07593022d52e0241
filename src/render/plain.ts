// The text a person reads: the checklist, the verdict, the fix block. Pure: (report, options) => string.
// Every string of the report is made terminal-safe first (src/neutralize.ts); colours are added after.
import { forTerminal } from '../neutralize.js';
import { isInside } from '../paths.js';
import type { Report, Status } from '../types.js';
import { wrap, wrapCommand } from './wrap.js';

export interface PlainOptions {
  color: boolean;
  verbose: boolean;
  /**
   * The terminal's width: lines are wrapped to it with a hanging indent under the message column. Null or
   * absent (piped output, files, CI logs): every line whole, as a program reading it expects.
   */
  width?: number | null;
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

export function renderPlain(unsafe: Report, { color, verbose, width = null }: PlainOptions): string {
  const report = forTerminal(unsafe);
  const out: string[] = [];
  const idWidth = Math.max(...report.checks.map((c) => c.id.length));
  // Prose, fitted to the width: each line of it painted on its own (a colour never spans a line break).
  const prose = (text: string, first = '', hanging = '', code: string | null = null) =>
    wrap(text, width, first, hanging).map((line) => (code ? paint(line, code, color) : line));
  // A command too long for the line is continued with a backslash on POSIX shells; on Windows (PowerShell,
  // where the backslash is a path's) it is left to the terminal.
  const command = (text: string) =>
    wrapCommand(text, report.os.platform === 'win32' ? null : width, '    ').map((line) =>
      line.replace(
        /^( *)(.*?)( \\)?$/,
        (_, lead: string, body: string, tail = '') => `${lead}${paint(body, '1', color)}${tail}`,
      ),
    );
  out.push(paint(`venv-doctor ${report.tool.version}`, '1', color));
  if (report.factsFrom === 'file') out.push('(diagnosing replayed facts, not this machine)');
  for (const warning of report.warnings) out.push(...prose(warning, 'warning: ', ' '.repeat(9), '33'));
  out.push('');
  // Without --verbose, checks skipped for the same reason share one line: no noise about what does not apply.
  const skippedTogether = new Map<string, string[]>();
  for (const check of report.checks) {
    if (!verbose && check.status === 'skip') {
      skippedTogether.set(check.message, [...(skippedTogether.get(check.message) ?? []), check.id]);
      continue;
    }
    // The status is painted after wrapping: the row's first line is measured without its colour codes.
    const label = LABEL[check.status].padEnd(7);
    const timing = verbose ? ` (${check.durationMs} ms)` : '';
    const column = ' '.repeat(idWidth + 10);
    const lines = wrap(`${check.message}${timing}`, width, `${label} ${check.id.padEnd(idWidth)}  `, column);
    const last = lines.length - 1;
    if (timing && lines[last]?.endsWith(timing)) {
      lines[last] = (lines[last] as string).slice(0, -timing.length) + paint(timing, '2', color);
    }
    const [head = '', ...rest] = lines;
    out.push(paint(label, COLOR[check.status], color) + head.slice(label.length), ...rest);
    if (verbose) for (const line of check.details) out.push(...prose(line, column, column));
  }
  for (const [message, ids] of skippedTogether) {
    const label = LABEL.skip.padEnd(7);
    const [head = '', ...rest] = wrap(
      `${ids.join(', ')}: ${message.replace(/^Skipped: /, '')}`,
      width,
      `${label} `,
      ' '.repeat(8),
    );
    out.push(paint(label, COLOR.skip, color) + head.slice(label.length), ...rest);
  }
  out.push('');
  const [said, code] = verdict(report);
  out.push(...prose(said, '', '', code));
  if (report.fixes.length > 0) {
    out.push('');
    out.push(report.fixes.length === 1 ? 'To fix it, run:' : 'To fix it, run these commands in order:');
    out.push('');
    // A command is never broken inside an argument: pasted, it must run whole (see wrapCommand).
    for (const fix of report.fixes) out.push(...command(fix.command));
    out.push('');
    for (const note of report.notes) out.push(...prose(note));
    out.push(
      ...prose(
        'Then run venv-doctor again. A venv that failed half-way is repaired by running its `-m venv` command again.',
      ),
    );
  } else {
    for (const note of report.notes) out.push(...prose(note));
  }
  if (report.advice.length > 0) {
    out.push('');
    for (const line of report.advice) out.push(...prose(line, '- ', '  '));
  }
  if (report.optionalFixes.length > 0) {
    out.push(
      '',
      ...prose('Optional, not needed for venvs (a pip for the system Python itself; --fix --with-optional runs it):'),
      '',
    );
    for (const fix of report.optionalFixes) out.push(...command(fix.command));
  }
  if (verbose) out.push('', paint(`Finished in ${report.durationMs} ms.`, '2', color));
  return `${out.join('\n')}\n`;
}

/** A check left out by --only or --skip (src/judge/run-checks.ts says "Not run (...)"). */
const notRun = (c: Report['checks'][number]) => c.status === 'skip' && c.message.startsWith('Not run (');

/** The checks of the project's venv itself: when one fails, the venv is not usable. */
const VENV_CHECKS = new Set(['project-venv', 'venv-relocated']);

/**
 * The verdict: whether `python3 -m venv` will work, and whether the project's venv is usable (what
 * onboarding asks), naming the rows that say why and where the fix is: a sentence and its colour.
 */
function verdict(report: Report): [string, string] {
  // The interpreter the venv is made with: python3, or the python3.X that meets the project's requirement.
  const made = report.project?.venvPython;
  const python = made ?? report.python;
  const who = python.executable ? `Python ${python.version} (${python.executable})` : python.command;
  const warned = report.checks.some((c) => c.status === 'warn') ? ', with warnings above' : '';
  const failing = (only?: Set<string>) =>
    report.checks.filter((c) => c.status === 'fail' && (!only || only.has(c.id))).map((c) => c.id);
  const below = report.fixes.length > 0 ? 'the fix is below' : report.advice.length > 0 ? 'what to do is below' : '';
  // The rows that say why, and where the fix is: a second sentence.
  const see = (ids: string[]) => {
    const parts = [...(ids.length > 0 ? [`See ${ids.join(', ')} above`] : []), ...(below ? [below] : [])];
    const said = parts.join('; ');
    return said ? `. ${said.charAt(0).toUpperCase()}${said.slice(1)}` : '';
  };
  const venv = venvState(report);
  if (made === null && report.python.executable) {
    // Nothing on PATH meets the requirement: what is ready, if anything, is the project's venv.
    const selected = `${report.python.command} (Python ${report.python.version}) does not meet the project's requirement`;
    if (report.exitCode === 0) {
      // Ready without an interpreter that meets the requirement: a venv that does, or checks that did not run.
      const which = venv.name
        ? `${venv.name} meets the project's requirement`
        : 'as far as the checks that ran can tell (python-version did not run, or is ignored)';
      return [`Ready: ${which}${warned}; ${selected}, nor does any other python3.X on PATH.`, '32'];
    }
    if (report.exitCode === 1 && failing().length > 0) {
      return [`Not ready: ${selected}, nor does any other python3.X on PATH${see(failing())}.`, '31'];
    }
  }
  const command = `\`${python.command} -m venv\``;
  if (report.exitCode === 0) {
    const project =
      venv.usable && venv.name ? `, and ${venv.name} is usable` : venv.missing ? '; the project has no venv yet' : '';
    // Checks left out by --only or --skip, and those the configuration ignores: what they say is not claimed.
    const left = report.checks.filter(notRun).map((c) => c.id);
    const ignored = report.checks.filter((c) => c.status === 'ignored').map((c) => c.id);
    const unchecked = [
      ...(left.length > 0 ? [` Not checked: ${left.join(', ')}.`] : []),
      ...(ignored.length > 0 ? [` Ignored by the configuration: ${ignored.join(', ')}.`] : []),
    ].join('');
    return [`Ready: ${command} will work with ${who}${project}${warned}.${unchecked}`, '32'];
  }
  if (report.exitCode === 1 && report.strict && failing().length === 0) {
    const warnings = report.checks.filter((c) => c.status === 'warn').map((c) => c.id);
    const named = warnings.length > 0 ? ` (${warnings.join(', ')})` : '';
    return [`Not ready: strict mode, and there are warnings above${named}${see([])}.`, '31'];
  }
  if (report.exitCode === 1) {
    const system = failing(SYSTEM_CHECKS);
    if (!python.executable)
      return [`Not ready: there is no working ${python.command} interpreter${see(system)}.`, '31'];
    if (system.length > 0) return [`Not ready: ${command} will not work with ${who}${see(system)}.`, '31'];
    const broken = failing(VENV_CHECKS);
    const what = broken.length > 0 && venv.name ? `${venv.name} is not usable` : 'the project needs attention';
    return [`Not ready: ${command} will work with ${who}, but ${what}${see(failing())}.`, '31'];
  }
  return ['venv-doctor could not finish the diagnosis (see CRASH above).', '35'];
}

/** The project's venv by the name a user knows it (.venv, or its path outside the project), and its state. */
function venvState(report: Report): { name: string | null; usable: boolean; missing: boolean } {
  const project = report.project;
  const row = report.checks.find((c) => c.id === 'project-venv');
  if (!project || !row || row.status === 'skip' || row.status === 'ignored') {
    return { name: null, usable: false, missing: false };
  }
  if (!project.venv) return { name: null, usable: false, missing: row.status === 'pass' };
  const dir = project.dir.replace(/[\\/]+$/, '');
  const inside = project.venv !== dir && isInside(project.venv, dir);
  const name = inside ? project.venv.slice(dir.length + 1) : project.venv;
  const usable = !report.checks.some(
    (c) =>
      VENV_CHECKS.has(c.id) && (c.status === 'fail' || c.status === 'crash' || c.status === 'ignored' || notRun(c)),
  );
  return { name, usable, missing: false };
}
