// Deliberate bugs that an outside mutation run planted one at a time and the suite let through: each test
// here states what is right in the case that bug breaks, through the real judge (checks, planner, report)
// and the real renderers.
import { describe, expect, it } from 'vitest';
import { judge } from '../../src/diagnose.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import type { Facts, Report } from '../../src/types.js';
import { facts, healthyProbe, missingVenvFacts, packages } from '../helpers/facts.js';

const report = (f: Facts, strict = false): Report =>
  judge(f, { strict }, { config: null, warnings: [] }, { factsFrom: 'machine', durationMs: () => 0 });
const status = (r: Report, id: string) => r.checks.find((c) => c.id === id)?.status;

describe('deliberate bugs the suite must catch', () => {
  it('root never gets sudo, even where sudo is installed', () => {
    const r = report(missingVenvFacts({ host: { isRoot: true, sudo: '/usr/bin/sudo' } }));
    expect(r.fixes.map((f) => f.argv)).toEqual([['apt-get', 'install', '-y', 'python3.11-venv']]);
    const user = report(missingVenvFacts({ host: { isRoot: false, sudo: '/usr/bin/sudo' } }));
    expect(user.fixes.map((f) => f.argv)).toEqual([['sudo', 'apt-get', 'install', '-y', 'python3.11-venv']]);
  });

  it('no pip wheel anywhere (neither the wheel directory nor _bundled) is not ready', () => {
    const r = report(
      facts({
        python: { probe: healthyProbe({ wheelDirFiles: [], bundledFiles: [] }) },
        packages: packages({
          installed: {
            'python3.11-venv': { installed: true, version: '3.11.2-6' },
            'python3-pip-whl': { installed: false, version: null },
          },
          candidates: { 'python3-pip-whl': '23.0.1+dfsg-1', 'python3-setuptools-whl': '66.1.1-1' },
        }),
      }),
    );
    expect(status(r, 'ensurepip')).toBe('fail');
    expect(r.exitCode).toBe(1);
    // Neither wheel package is installed: installed, not reinstalled (3.11's ensurepip also needs setuptools).
    expect(r.fixes[0]?.argv).toEqual(['apt-get', 'install', '-y', 'python3-pip-whl', 'python3-setuptools-whl']);
  });

  it('the PEP 668 marker does not apply inside a venv', () => {
    const inside = healthyProbe({ prefix: '/srv/app/.venv', executable: '/srv/app/.venv/bin/python3' });
    const r = report(facts({ python: { probe: inside } }));
    expect(r.python.inVenv).toBe(true);
    expect(r.python.externallyManaged).toBe(false);
    const outside = report(facts());
    expect(outside.python.externallyManaged).toBe(true);
  });

  it("Debian 11's Python 3.9 takes its pip wheel from python-pip-whl", () => {
    const bullseye = healthyProbe({
      version: '3.9.2',
      versionInfo: [3, 9, 2],
      stdlib: '/usr/lib/python3.9',
      realExecutable: '/usr/bin/python3.9',
      wheelDir: '/usr/share/python-wheels',
      wheelDirFiles: [],
      marker: { path: '/usr/lib/python3.9/EXTERNALLY-MANAGED', present: false, text: null },
    });
    const r = report(
      facts({
        os: { versionId: '11', codename: 'bullseye', prettyName: 'Debian GNU/Linux 11 (bullseye)' },
        python: { probe: bullseye, owner: { package: 'python3.9-minimal', version: null } },
        packages: packages({
          installed: {
            'python3.9-venv': { installed: true, version: '3.9.2-1' },
            'python-pip-whl': { installed: false, version: null },
          },
          candidates: { 'python-pip-whl': '20.3.4-4', 'python3-setuptools-whl': '52.0.0-4' },
        }),
      }),
    );
    expect(r.fixes.flatMap((f) => f.packages)).toContain('python-pip-whl');
    expect(r.fixes.flatMap((f) => f.packages)).not.toContain('python3-pip-whl');
  });

  it('the Markdown report carries the fix block, as the commands to run', () => {
    const md = renderMarkdown(report(missingVenvFacts()), null);
    expect(md).toMatch(/```sh\napt-get install -y python3\.11-venv\n```/);
  });

  it('no venv is recreated while apt cannot act first (ensurepip would still be missing)', () => {
    const blocked = missingVenvFacts({
      packages: { tools: { install: false } },
      project: {
        dir: '/srv/app',
        cwd: '/srv/app',
        markers: ['requirements.txt'],
        pyproject: null,
        pythonVersionFile: null,
        required: null,
        venvSearched: ['.venv'],
        venv: null,
        git: null,
        virtualEnv: null,
        deep: null,
      },
    });
    const r = report(blocked);
    expect(r.fixes).toEqual([]);
    expect(r.advice.join('\n')).toContain('apt-get is not available here');
  });

  it('--strict: warnings fail (exit 1); without it they do not (exit 0)', () => {
    // A project in a git work tree whose .venv is not ignored: a warning, not a failure.
    const warned = facts({
      project: {
        dir: '/srv/app',
        cwd: '/srv/app',
        markers: ['requirements.txt'],
        pyproject: null,
        pythonVersionFile: null,
        required: null,
        venvSearched: ['.venv', 'venv'],
        venv: null,
        git: { workTree: true, venvIgnored: false, problem: null },
        virtualEnv: null,
        deep: null,
      },
    });
    expect(status(report(warned), 'gitignore')).toBe('warn');
    expect(report(warned).exitCode).toBe(0);
    expect(report(warned, true).exitCode).toBe(1);
    expect(report(warned, true).ok).toBe(false);
  });
});
