// Renderers on a report of recorded facts: what a person sees without --verbose, and the CI formats.
import { describe, expect, it } from 'vitest';
import { renderGithub } from '../../src/render/github.js';
import { renderJunit } from '../../src/render/junit.js';
import { renderPlain } from '../../src/render/plain.js';
import { reportOf, staleActivation } from '../helpers/report.js';

describe('plain, without --verbose', () => {
  it('checks skipped for the same reason share one line', () => {
    const text = renderPlain(reportOf('bookworm/python3-only'), { color: false, verbose: false });
    expect(text).toContain(
      'skip    python-version, project-tool, project-venv, venv-relocated, gitignore: / is not a Python project',
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

const STALE =
  'VIRTUAL_ENV names /root/gone-venv, which does not exist: the activation is stale (that venv was removed or moved).';

describe('strict', () => {
  it('a warning alone: ready (exit 0); with strict, not ready (exit 1)', () => {
    const loose = reportOf(staleActivation());
    expect(loose.checks.find((c) => c.id === 'venv-active')).toMatchObject({ status: 'warn', message: STALE });
    expect(loose.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(loose).toMatchObject({ ok: true, exitCode: 0, strict: false });
    expect(reportOf(staleActivation(), true)).toMatchObject({ ok: false, exitCode: 1, strict: true });
  });
  it('a failure is a failure with or without strict: exit 1 both ways', () => {
    expect(reportOf('bookworm/python3-only')).toMatchObject({ ok: false, exitCode: 1 });
    expect(reportOf('bookworm/python3-only', true)).toMatchObject({ ok: false, exitCode: 1 });
  });
});

describe('junit', () => {
  it('a warning is a passing testcase with the warning as output; with strict, a failure of type warn', () => {
    const loose = renderJunit(reportOf(staleActivation()));
    expect(loose).toContain('<testsuite name="venv-doctor" tests="13" failures="0" errors="0" skipped="6"');
    expect(loose).toContain(
      `<testcase classname="venv-doctor" name="venv-active" time="0.000">\n    <system-out>warning: ${STALE}</system-out>\n  </testcase>`,
    );
    const strict = renderJunit(reportOf(staleActivation(), true));
    expect(strict).toContain('<testsuite name="venv-doctor" tests="13" failures="1" errors="0" skipped="6"');
    expect(strict).toContain(
      `<testcase classname="venv-doctor" name="venv-active" time="0.000">\n    <failure message="${STALE}" type="warn">${STALE}`,
    );
  });
  it('python3 only: one failure (ensurepip), and with strict the pip warning too', () => {
    const loose = renderJunit(reportOf('bookworm/python3-only'));
    expect(loose).toContain('<testsuite name="venv-doctor" tests="13" failures="1" errors="0" skipped="7"');
    expect(loose.match(/<failure message="[^"]*" type="fail">/g)).toHaveLength(1);
    const strict = renderJunit(reportOf('bookworm/python3-only', true));
    expect(strict).toContain('<testsuite name="venv-doctor" tests="13" failures="2" errors="0" skipped="7"');
    expect(strict).toMatch(
      /name="pip" time="0\.000">\n {4}<failure message="pip is not installed for \/usr\/bin\/python3\.11[^"]*" type="warn">/,
    );
  });
});
