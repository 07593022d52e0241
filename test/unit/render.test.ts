// Renderers on a report of recorded facts: what a person sees without --verbose, and the CI formats.
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks.js';
import { planFixes } from '../../src/fixes/plan.js';
import { renderGithub } from '../../src/render/github.js';
import { renderJunit } from '../../src/render/junit.js';
import { renderPlain } from '../../src/render/plain.js';
import { buildReport } from '../../src/report.js';
import { runChecks } from '../../src/run-checks.js';
import { recordedFacts } from '../helpers/facts.js';

function reportOf(name: string, strict = false) {
  const facts = recordedFacts(name);
  const results = runChecks(CHECKS, facts, () => 0);
  return buildReport(facts, results, planFixes(facts, results), {
    version: 'X',
    factsFrom: 'file',
    durationMs: 0,
    strict,
  });
}

describe('plain, without --verbose', () => {
  it('checks skipped for the same reason share one line', () => {
    const text = renderPlain(reportOf('bookworm/python3-only'), { color: false, verbose: false });
    expect(text).toContain(
      'skip    python-version, project-venv, venv-relocated, gitignore: / is not a Python project',
    );
    expect(text.match(/^skip /gm)?.length).toBe(3);
  });
  it('the fix command appears exactly once, verbatim', () => {
    const text = renderPlain(reportOf('bookworm/python3-only'), { color: false, verbose: false });
    expect(text.split('apt-get install -y python3.11-venv').length - 1).toBe(1);
  });
});

describe('github', () => {
  it('one error annotation per failing check, with the fix; data escaped', () => {
    const text = renderGithub(reportOf('bookworm/python3-only'));
    const errors = text.split('\n').filter((l) => l.startsWith('::error '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^::error title=venv-doctor%3A ensurepip::ensurepip is missing .*%0AFix: apt-get install -y python3\.11-venv$/,
    );
    expect(text).toMatch(/^::warning title=venv-doctor%3A pip::/m);
  });
});

describe('junit', () => {
  it('counts match the testcases; strict turns warnings into failures', () => {
    const loose = renderJunit(reportOf('bookworm/python3-only'));
    expect(loose).toMatch(/<testsuite name="venv-doctor" tests="12" failures="1" errors="0" skipped="6"/);
    const strict = renderJunit(reportOf('bookworm/python3-only', true));
    expect(strict).toMatch(/<testsuite name="venv-doctor" tests="12" failures="2" errors="0" skipped="6"/);
  });
});
