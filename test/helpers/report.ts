// The report venv-doctor builds from facts, as the renderers' tests need it: every check run, the fixes
// planned, timings zero.
import { planFixes } from '../../src/fixes/plan.js';
import { CHECKS } from '../../src/judge/registry.js';
import { runChecks } from '../../src/judge/run-checks.js';
import { buildReport } from '../../src/report.js';
import type { Facts, Report } from '../../src/types.js';
import { recordedFacts } from './facts.js';

/** The report of these facts (or of the recorded facts of that name, e.g. 'bookworm/python3-only'). */
export function reportOf(name: string | Facts, strict = false): Report {
  const facts = typeof name === 'string' ? recordedFacts(name) : name;
  const results = runChecks(CHECKS, facts, () => 0);
  return buildReport(facts, results, planFixes(facts, results), {
    version: 'X',
    factsFrom: 'file',
    durationMs: 0,
    strict,
  });
}

/** A healthy Debian 12 root with $VIRTUAL_ENV naming a venv that is gone: one warning, nothing failing. */
export function staleActivation(): Facts {
  const facts = recordedFacts('bookworm/healthy');
  if (!facts.project) throw new Error('bookworm/healthy was recorded in / and has project facts');
  facts.project.virtualEnv = { path: '/root/gone-venv', exists: false };
  return facts;
}
