// Runs the checks against the facts. A check that throws is reported as "crash"; the others still run.
// A check's status is derived from its findings (the worst severity), never declared.
import { monotonicMs } from '../clock.js';
import type { Check, CheckResult, Facts, Finding, Severity, Status } from '../types.js';

const RANK: Record<Severity, number> = { pass: 0, warn: 1, fail: 2 };

export function worstSeverity(findings: readonly Finding[]): Severity {
  return findings.reduce<Severity>((worst, f) => (RANK[f.severity] > RANK[worst] ? f.severity : worst), 'pass');
}

export interface RunOptions {
  /** Checks not to run at all (--only, --skip), with the reason shown. */
  notRun?: ReadonlyMap<string, string>;
  /** Checks whose result is shown as "ignored", with the configured reason. */
  ignore?: Readonly<Record<string, string>>;
}

export function runChecks(
  checks: readonly Check[],
  facts: Facts,
  clock: () => number = monotonicMs,
  options: RunOptions = {},
): CheckResult[] {
  return checks.map((check) => {
    const result = runOne(check, facts, clock, options.notRun?.get(check.id));
    const reason = options.ignore?.[check.id];
    if (reason === undefined || result.status === 'skip') return result;
    return { ...result, status: 'ignored', message: `Ignored (${reason}): ${result.message}` };
  });
}

function runOne(check: Check, facts: Facts, clock: () => number, notRun: string | undefined): CheckResult {
  const started = clock();
  const base = { id: check.id, title: check.title };
  const done = (status: Status, message: string, findings: Finding[], details: string[] = []): CheckResult => ({
    ...base,
    status,
    message,
    details,
    durationMs: Math.round((clock() - started) * 100) / 100,
    findings,
  });
  if (notRun !== undefined) return done('skip', `Not run (${notRun}).`, []);
  try {
    const skipReason = check.skipIf?.(facts) ?? null;
    if (skipReason !== null) return done('skip', `Skipped: ${skipReason}.`, []);
    const findings = check.run(facts);
    if (findings.length === 0) return done('crash', 'The check returned no finding (a bug in venv-doctor).', []);
    const status = worstSeverity(findings);
    // The headline is the first finding of the worst severity; everything else becomes detail.
    const headline = findings.find((f) => f.severity === status) ?? findings[0];
    const details = findings.flatMap((f) => (f === headline ? (f.details ?? []) : [f.message, ...(f.details ?? [])]));
    const where = check.where?.(facts) ?? null;
    return { ...done(status, headline?.message ?? '', findings, details), ...(where ? { where } : {}) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return done('crash', `The check crashed: ${reason}. This is a bug in venv-doctor; the other checks still ran.`, []);
  }
}
