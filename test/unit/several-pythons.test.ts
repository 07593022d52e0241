// The fix-point with several Pythons, over Facts built in memory: python3 is Debian 12's 3.11.2, the
// project wants another version, and the interpreter that meets it (a python3.X on PATH) is judged like
// python3 — what it misses joins the apt line, and the venv is made with it. The project's venv, when
// there is a working one, is what python-version judges.
import { describe, expect, it } from 'vitest';
import { check as ensurepip } from '../../checks/ensurepip.js';
import { check as externallyManaged } from '../../checks/externally-managed.js';
import { check as pip } from '../../checks/pip.js';
import { check as projectVenv } from '../../checks/project-venv.js';
import { check as pythonVersion } from '../../checks/python-version.js';
import { check as venv } from '../../checks/venv.js';
import { planFixes } from '../../src/fixes/plan.js';
import { asVenvInterpreter, satisfyingMinors, venvInterpreter, versionToInstall } from '../../src/judge/derived.js';
import { CHECKS } from '../../src/judge/registry.js';
import { installPython } from '../../src/judge/remedies.js';
import { runChecks } from '../../src/judge/run-checks.js';
import type { Check, Facts, OtherInterpreter } from '../../src/types.js';
import { facts, healthyProbe, healthyVenv, packages, project } from '../helpers/facts.js';

function only(check: Check, f: Facts) {
  const [result] = runChecks([check], f, () => 0);
  if (!result) throw new Error('no result');
  return result;
}

/** Debian's python3.13 beside python3 (3.11), installed without python3.13-venv. */
const PY313_PROBE = healthyProbe({
  version: '3.13.1',
  versionInfo: [3, 13, 1],
  executable: '/usr/bin/python3.13',
  realExecutable: '/usr/bin/python3.13',
  stdlib: '/usr/lib/python3.13',
  ensurepipMain: false,
  marker: { path: '/usr/lib/python3.13/EXTERNALLY-MANAGED', present: true, text: null },
});
const PY313: OtherInterpreter = {
  name: 'python3.13',
  path: '/usr/bin/python3.13',
  version: '3.13.1',
  probe: PY313_PROBE,
  owner: { package: 'python3.13-minimal', version: null },
};

function machine(
  projectPatch: Parameters<typeof project>[0],
  others: OtherInterpreter[] = [PY313],
  candidates: Record<string, string | null> = { 'python3.13-venv': '3.13.1-2' },
): Facts {
  return facts({
    python: { others },
    packages: packages({ candidates, installed: { 'python3.11-venv': { installed: true, version: '3.11.2-6' } } }),
    project: project(projectPatch),
  });
}

const NEEDS_313 = { pyproject: { requiresPython: '>=3.13', problem: null } };

describe('the interpreter the venv is made with', () => {
  it('is python3 when it meets the requirement, or when there is none', () => {
    const f = machine({});
    expect(venvInterpreter(f)).toBe(f.python);
    expect(asVenvInterpreter(f)).toBe(f);
    const g = machine({ pyproject: { requiresPython: '>=3.11', problem: null } });
    expect(venvInterpreter(g)).toBe(g.python);
  });
  it('is the python3.X that meets the requirement, once it has been probed', () => {
    const f = machine(NEEDS_313);
    expect(venvInterpreter(f)).toMatchObject({
      command: 'python3.13',
      resolved: '/usr/bin/python3.13',
      probe: PY313_PROBE,
      owner: { package: 'python3.13-minimal' },
      shim: null,
      problem: null,
    });
    expect(asVenvInterpreter(f).python.command).toBe('python3.13');
    expect(asVenvInterpreter(f).project).toBe(f.project);
  });
  it('is nobody when the one that meets it was not probed, or none does: the interpreter checks skip', () => {
    const unprobed = machine(NEEDS_313, [{ ...PY313, probe: undefined }]);
    expect(venvInterpreter(unprobed)).toBeNull();
    const none = machine({ pyproject: { requiresPython: '>=3.14', problem: null } });
    expect(venvInterpreter(none)).toBeNull();
    for (const check of [venv, ensurepip, pip, externallyManaged]) {
      expect(check.skipIf?.(none)).toBe(
        "python3 does not meet the project's requirement (>=3.14), and no other python3.X on PATH does",
      );
    }
  });
});

describe('a newer Python installed without its venv package (requires-python >=3.13, python3 is 3.11)', () => {
  const f = machine(NEEDS_313);
  it('ensurepip judges python3.13: its own venv package, not python3.11-venv', () => {
    const r = only(ensurepip, f);
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'ensurepip is missing (/usr/lib/python3.13/ensurepip/__main__.py): `python3.13 -m venv` fails with "ensurepip is not available" and leaves a half-made venv.',
    );
    expect(r.findings[0]?.remedy).toEqual({ kind: 'package-install', packages: ['python3.13-venv'] });
  });
  it('the plan: python3.13-venv, then the venv made with python3.13 — one round', () => {
    const plan = planFixes(
      f,
      runChecks(CHECKS, f, () => 0),
    );
    expect(plan.fixes.map((fix) => fix.argv)).toEqual([
      ['apt-get', 'install', '-y', 'python3.13-venv'],
      ['python3.13', '-I', '-m', 'venv', '.venv'],
    ]);
    expect(plan.advice).toEqual([]);
  });
  it('the next round, with the venv made: ready, nothing planned', () => {
    const after = machine({
      ...NEEDS_313,
      venv: healthyVenv({
        cfg: { home: '/usr/bin', version: '3.13.1', executable: '/usr/bin/python3.13' },
        probe: { ...PY313_PROBE, ensurepipMain: true },
      }),
    });
    const fixed = {
      ...after,
      python: { ...after.python, others: [{ ...PY313, probe: { ...PY313_PROBE, ensurepipMain: true } }] },
    };
    const results = runChecks(CHECKS, fixed, () => 0);
    expect(results.filter((r) => r.status === 'fail' || r.status === 'warn').map((r) => r.id)).toEqual([]);
    expect(planFixes(fixed, results).fixes).toEqual([]);
  });
});

describe('python-version judges the project venv first', () => {
  const venv313 = healthyVenv({
    cfg: { home: '/usr/bin', version: '3.13.1', executable: '/usr/bin/python3.13' },
    probe: { ...PY313_PROBE, ensurepipMain: true },
  });
  it('a working venv that meets the requirement passes, though python3 does not: a note, no fix', () => {
    const r = only(pythonVersion, machine({ pyproject: { requiresPython: '==3.13.*', problem: null }, venv: venv313 }));
    expect(r.findings).toEqual([
      {
        severity: 'pass',
        message: '.venv runs Python 3.13.1; the project requires ==3.13.* (requires-python in pyproject.toml).',
        details: [
          'python3 is Python 3.11.2, which does not meet it: to make the venv again, use python3.13 -I -m venv --clear .venv.',
        ],
      },
    ]);
  });
  it('and when nothing else meets it either: keep the venv', () => {
    const r = only(
      pythonVersion,
      machine({ pyproject: { requiresPython: '==3.13.*', problem: null }, venv: venv313 }, []),
    );
    expect(r.status).toBe('pass');
    expect(r.details).toEqual([
      'python3 is Python 3.11.2, which does not meet it, and no other interpreter here does: keep this venv, or install a Python that meets it before you make the venv again.',
    ]);
  });
  it('a pinned project with its venv in place is ready at once: the loop of --clear is gone', () => {
    const f = machine({ pyproject: { requiresPython: '==3.13.*', problem: null }, venv: venv313 }, [
      { ...PY313, probe: { ...PY313_PROBE, ensurepipMain: true } },
    ]);
    const results = runChecks(CHECKS, f, () => 0);
    expect(planFixes(f, results).fixes).toEqual([]);
    expect(results.filter((r) => r.status === 'fail').map((r) => r.id)).toEqual([]);
  });
  it('a venv that misses it is recreated with the one that meets it, and the change of Python is said', () => {
    const old = healthyVenv();
    const f = machine({ ...NEEDS_313, venv: old }, [{ ...PY313, probe: { ...PY313_PROBE, ensurepipMain: true } }]);
    const r = only(pythonVersion, f);
    expect(r.message).toBe(
      '.venv runs Python 3.11.2; this project requires >=3.13 (requires-python in pyproject.toml). python3.13 (Python 3.13.1, /usr/bin/python3.13) meets it.',
    );
    expect(r.findings[0]?.remedy).toEqual({
      kind: 'venv-create',
      interpreter: 'python3.13',
      path: '.venv',
      clear: true,
      note: 'This recreates .venv with Python 3.13.1 (/usr/bin) instead of Python 3.11.2 (/usr/bin), the one it was made with. --clear empties .venv: reinstall the project with .venv/bin/python -m pip install -e .',
    });
  });
  it('a half-made venv of the newer Python: its venv package, then --clear with it', () => {
    const half = healthyVenv({
      cfg: { home: '/usr/bin', version: '3.13.1', executable: '/usr/bin/python3.13' },
      probe: PY313_PROBE,
      hasActivate: false,
      hasPip: false,
    });
    const f = machine({ ...NEEDS_313, venv: half });
    expect(only(pythonVersion, f).status).toBe('pass');
    expect(only(projectVenv, f).status).toBe('fail');
    expect(
      planFixes(
        f,
        runChecks(CHECKS, f, () => 0),
      ).fixes.map((fix) => fix.argv),
    ).toEqual([
      ['apt-get', 'install', '-y', 'python3.13-venv'],
      ['python3.13', '-I', '-m', 'venv', '--clear', '.venv'],
    ]);
  });
});

describe('a Python that is not installed yet', () => {
  it('installs it with its venv package, and says to run the doctor again to make the venv', () => {
    const f = machine({ pyproject: { requiresPython: '==3.13.*', problem: null } }, [], {
      'python3.13': '3.13.1-2',
      'python3.13-venv': '3.13.1-2',
    });
    const plan = planFixes(
      f,
      runChecks(CHECKS, f, () => 0),
    );
    expect(plan.fixes.map((fix) => fix.argv)).toEqual([['apt-get', 'install', '-y', 'python3.13', 'python3.13-venv']]);
    expect(plan.notes).toContain(
      'python3.13 is not installed yet: once it is, run venv-doctor again, and it plans the venv with python3.13.',
    );
  });
  it('pyenv local runs in the project, wherever the user stands', () => {
    const f = facts({
      python: { pyenvVersions: ['3.13.0'] },
      project: project({ cwd: '/srv', pyproject: { requiresPython: '>=3.13', problem: null } }),
    });
    expect(only(pythonVersion, f).findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: 'pyenv has Python 3.13.0 installed: select it for this project with `cd /srv/app && pyenv local 3.13.0`, then make the venv with python3 -I -m venv /srv/app/.venv.',
    });
  });
});

describe('a Python 2 virtualenv', () => {
  it('works: judged by the version its interpreter gave, never "does not work"', () => {
    const py2 = healthyVenv({
      cfg: { home: '/root/.pyenv/versions/2.7.18/bin', version: '2.7.18.final.0', executable: null },
      probe: null,
      probeProblem: null,
      legacyVersion: '2.7.18',
    });
    const r = only(projectVenv, facts({ project: project({ venv: py2 }) }));
    expect(r.status).toBe('pass');
    expect(r.message).toBe('.venv is a complete venv of Python 2.7.18.');
    expect(r.details).toContain('Python 2.7.18: Python 2 reached its end of life in 2020');
    const pinned = only(pythonVersion, facts({ project: project({ venv: py2, required: '>=3.8' }) }));
    expect(pinned.status).toBe('fail');
    expect(pinned.message).toMatch(/^\.venv runs Python 2\.7\.18; this project requires >=3\.8 \(--require\)\./);
  });
});

describe('--python python3.X that is not installed', () => {
  it('on Debian: that Python and its venv package, for apt to confirm in the second pass', () => {
    const f = facts({
      python: {
        command: 'python3.13',
        resolved: null,
        probe: null,
        owner: null,
        problem: { kind: 'not-found', detail: 'x' },
      },
    });
    expect(installPython(f)).toEqual({ kind: 'package-install', packages: ['python3.13', 'python3.13-venv'] });
    expect(installPython({ ...f, packages: null }).kind).toBe('advice');
  });
  it('a path that is not there: the path is wrong', () => {
    const f = facts({ python: { command: '/opt/py/bin/python3', probe: null } });
    expect(installPython(f)).toEqual({
      kind: 'advice',
      text: 'There is no interpreter at /opt/py/bin/python3: check the path given to --python, or leave --python out to use python3 from PATH.',
    });
  });
});

describe('a pinned release (.python-version 3.12.4)', () => {
  const pinned = (patch: Parameters<typeof facts>[0] = {}) =>
    facts({ ...patch, project: project({ pythonVersionFile: '3.12.4' }) });
  it('names 3.12 among the minors that can meet ==3.12.4 (a release between the usual samples)', () => {
    expect(satisfyingMinors({ spec: '==3.12.4', source: '.python-version', problem: null })).toEqual(['3.12']);
  });
  it('asks the version managers for 3.12.4, never "3" nor "3.12" (which would install 3.12.x, the newest)', () => {
    const r = only(pythonVersion, pinned({ packages: null }));
    expect(r.findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: 'No installed interpreter meets it: install one with pyenv (pyenv install 3.12.4) or uv (uv python install 3.12.4), then make the venv with it.',
    });
    const range = { spec: '>=3.12,<3.12.6', source: 'x', problem: null };
    expect(versionToInstall(range, '3.12')).toBe('3.12.5');
    expect(versionToInstall({ spec: '==3.12.*', source: 'x', problem: null }, '3.12')).toBe('3.12');
  });
  it("apt's python3.12 is offered only when its own release meets the pin", () => {
    const candidates = (version: string) => ({ 'python3.12': version, 'python3.12-venv': version });
    const newer = only(pythonVersion, pinned({ packages: packages({ candidates: candidates('3.12.8-1') }) }));
    expect(newer.findings[0]?.remedy?.kind).toBe('advice');
    const exact = only(pythonVersion, pinned({ packages: packages({ candidates: candidates('3.12.4-1~deb12u1') }) }));
    expect(exact.findings[0]?.remedy).toMatchObject({
      kind: 'package-install',
      packages: ['python3.12', 'python3.12-venv'],
    });
  });
});

describe('a shim between the command and the interpreter: the fix names the judged interpreter by its path', () => {
  const needs = { pyproject: { requiresPython: '>=3.13', problem: null } };
  const shimmed = (patch: Partial<OtherInterpreter>) =>
    machine(needs, [{ ...PY313, path: '/root/.asdf/shims/python3.13', ...patch }]);
  it('another python3.X behind an asdf, mise or pyenv shim: its executable, the same from any directory', () => {
    const f = shimmed({ probe: { ...PY313_PROBE, executable: '/root/.asdf/installs/python/3.13.1/bin/python3.13' } });
    expect(only(pythonVersion, f).findings[0]?.remedy).toMatchObject({
      kind: 'venv-create',
      interpreter: '/root/.asdf/installs/python/3.13.1/bin/python3.13',
    });
  });
  it('a shim whose interpreter was not probed gets advice, never the shim in a command', () => {
    const f = shimmed({ probe: null });
    expect(only(pythonVersion, f).findings[0]?.remedy?.kind).toBe('advice');
  });
  it('python3 itself behind pyenv: the version pyenv chose, by its path', () => {
    const f = facts({
      python: {
        shim: 'pyenv',
        resolved: '/root/.pyenv/shims/python3',
        probe: { executable: '/root/.pyenv/versions/3.11.2/bin/python3' },
      },
      project: project({ venv: null }),
    });
    expect(only(projectVenv, f).message).toBe(
      'No venv yet (looked for .venv, venv); create one: /root/.pyenv/versions/3.11.2/bin/python3 -I -m venv .venv.',
    );
  });
  it('a python3.X on PATH that is no shim keeps its name', () => {
    expect(only(pythonVersion, machine(needs)).findings[0]?.remedy).toMatchObject({ interpreter: 'python3.13' });
  });
});

describe('install advice a version manager of today can follow', () => {
  it('>=3.12: pyenv install 3.14, not 3.15 (too new for pyenv 2.6.30); >=3.15: 3.15, the only one', () => {
    const advice = (spec: string) =>
      only(pythonVersion, facts({ packages: null, project: project({ required: spec }) })).findings[0]?.remedy;
    expect(advice('>=3.12')).toMatchObject({ text: expect.stringContaining('(pyenv install 3.14)') });
    expect(advice('>=3.15')).toMatchObject({ text: expect.stringContaining('(pyenv install 3.15)') });
  });
  it('a python3.X whose probe failed is not put in a command', () => {
    const f = machine(NEEDS_313, [{ ...PY313, probe: null }]);
    expect(only(pythonVersion, f).findings[0]?.remedy?.kind).toBe('advice');
  });
});

describe('python-version, the edges', () => {
  it("apt's candidate read with an epoch and a two-digit micro: 1:3.12.10-1 meets ==3.12.10", () => {
    const f = facts({
      packages: packages({ candidates: { 'python3.12': '1:3.12.10-1', 'python3.12-venv': '1:3.12.10-1' } }),
      project: project({ pythonVersionFile: '3.12.10' }),
    });
    expect(only(pythonVersion, f).findings[0]?.remedy).toMatchObject({ kind: 'package-install' });
    const other = facts({
      packages: packages({ candidates: { 'python3.12': '1:3.12.1-1', 'python3.12-venv': '1:3.12.1-1' } }),
      project: project({ pythonVersionFile: '3.12.10' }),
    });
    expect(only(pythonVersion, other).findings[0]?.remedy?.kind).toBe('advice');
  });
  it('a venv that misses it, and nothing here meets it: the venv fails, with the way to get a Python', () => {
    const f = facts({
      packages: null,
      python: { pyenvVersions: ['3.13.0'] },
      project: project({ pyproject: { requiresPython: '>=3.13', problem: null }, venv: healthyVenv() }),
    });
    const r = only(pythonVersion, f);
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      '.venv runs Python 3.11.2; this project requires >=3.13 (requires-python in pyproject.toml).',
    );
    // With a venv in place, the pyenv advice recreates it: --clear.
    expect(r.findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: 'pyenv has Python 3.13.0 installed: select it for this project with `pyenv local 3.13.0`, then make the venv with python3 -I -m venv --clear .venv.',
    });
  });
});
