// Table tests of the project checks (project-venv, python-version, venv-relocated, gitignore, venv-active,
// venv-create) over Facts built in memory: a project in /srv/app on a healthy Debian 12 machine whose
// python3 is the distribution's Python 3.11.2. Each expectation is what docs/checks/<id>.md says the
// check must conclude for that case.
import { describe, expect, it } from 'vitest';
import { check as gitignore } from '../../checks/gitignore.js';
import { check as projectVenv } from '../../checks/project-venv.js';
import { check as pythonVersion } from '../../checks/python-version.js';
import { check as venvActive } from '../../checks/venv-active.js';
import { check as venvCreate } from '../../checks/venv-create.js';
import { check as venvRelocated } from '../../checks/venv-relocated.js';
import { NO_PYVENV_CFG } from '../../src/judge/derived.js';
import { runChecks } from '../../src/judge/run-checks.js';
import type { Check, Facts, ProjectFacts } from '../../src/types.js';
import { facts, healthyProbe, healthyVenv, missingVenvFacts, packages, project } from '../helpers/facts.js';

function only(check: Check, f: Facts) {
  const [result] = runChecks([check], f, () => 0);
  if (!result) throw new Error('no result');
  return result;
}

/** The healthy machine with this project. */
function inProject(p: ProjectFacts, patch: Parameters<typeof facts>[0] = {}): Facts {
  return facts({ ...patch, project: p });
}

/** What the recreate command notes for a project with a pyproject.toml (the default project). */
const REINSTALL_PROJECT = '--clear empties .venv: reinstall the project with .venv/bin/python -m pip install -e .';
const RECREATE = { kind: 'venv-create', interpreter: 'python3', path: '.venv', clear: true, note: REINSTALL_PROJECT };

/** The interpreter (3.11.2) misses the requirement, and nothing else on this machine meets it. */
const unmet = { pyproject: { requiresPython: '>=3.13', problem: null } };

describe('project-venv: no venv yet', () => {
  it('passes and says how to create one, with the command as the user typed it', () => {
    const r = only(projectVenv, inProject(project()));
    expect(r.findings).toEqual([
      {
        severity: 'pass',
        message: 'No venv yet (looked for .venv, venv); create one: python3 -I -m venv .venv.',
        // Planned only along with other fixes (src/fixes/plan.ts).
        remedy: { kind: 'venv-create', interpreter: 'python3', path: '.venv', clear: false },
      },
    ]);
  });
  it('names the venv from where the doctor ran when that is not the project directory', () => {
    const r = only(projectVenv, inProject(project({ cwd: '/srv' })));
    expect(r.message).toBe('No venv yet (looked for .venv, venv); create one: python3 -I -m venv /srv/app/.venv.');
  });
  it('a project directory given with a trailing slash still makes one clean path', () => {
    const r = only(projectVenv, inProject(project({ dir: '/srv/app/', cwd: '/srv' })));
    expect(r.message).toBe('No venv yet (looked for .venv, venv); create one: python3 -I -m venv /srv/app/.venv.');
  });
  it('uses the configured venv path', () => {
    const r = only(projectVenv, inProject(project({ venvSearched: ['envs/dev'] })));
    expect(r.message).toBe('No venv yet (looked for envs/dev); create one: python3 -I -m venv envs/dev.');
  });
  it('an absolute configured path is used as it is', () => {
    const r = only(projectVenv, inProject(project({ venvSearched: ['/opt/venvs/app'], cwd: '/srv' })));
    expect(r.message).toBe('No venv yet (looked for /opt/venvs/app); create one: python3 -I -m venv /opt/venvs/app.');
  });
  it('creates it with another python3.X on PATH when only that one meets the requirement', () => {
    const f = inProject(project(unmet), {
      python: { others: [{ name: 'python3.13', path: '/usr/local/bin/python3.13', version: '3.13.1' }] },
    });
    expect(only(projectVenv, f).message).toBe(
      'No venv yet (looked for .venv, venv); create one: python3.13 -I -m venv .venv.',
    );
  });
  it('gives no command when no interpreter here meets the requirement', () => {
    const r = only(projectVenv, inProject(project(unmet)));
    expect(r.message).toBe('No venv yet (looked for .venv, venv); create one.');
  });
  it('gives no venv command when root would make a venv for another user', () => {
    const r = only(projectVenv, inProject(project({ owner: { uid: 1000 } })));
    expect(r.message).toBe('No venv yet (looked for .venv, venv); create one.');
  });
  it('returns nothing without a project (it is skipped then)', () => {
    expect(projectVenv.run(facts())).toEqual([]);
    expect(only(projectVenv, facts())).toMatchObject({
      status: 'skip',
      message: 'Skipped: no project directory was examined.',
    });
  });
});

describe('project-venv: a .venv that is not a directory', () => {
  it('a venv outside the project is a warning, with the way to make one inside', () => {
    const venv = healthyVenv({ kind: 'outside', realPath: '/data/venvs/app' });
    const r = only(projectVenv, inProject(project({ venv })));
    expect(r.status).toBe('warn');
    expect(r.message).toBe(
      '.venv leads to /data/venvs/app, outside the project: venv-doctor reads and runs nothing outside the project it examines, so it cannot vouch for this venv.',
    );
    expect(r.findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: '.venv leads to /data/venvs/app outside the project; venv-doctor does not touch anything outside the project. Create the venv inside it instead: python3 -I -m venv .venv',
    });
  });
  it('a venv outside the project whose real path is unknown', () => {
    const venv = healthyVenv({ kind: 'outside', realPath: null });
    const r = only(projectVenv, inProject(project({ venv })));
    expect(r.message).toMatch(/^\.venv leads to \?, outside the project/);
    expect(r.findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: '.venv leads to a place outside the project; venv-doctor does not touch anything outside the project. Create the venv inside it instead: python3 -I -m venv .venv',
    });
  });
  it('a .venv link to a venv outside: remove the link, never empty through it', () => {
    const venv = healthyVenv({ kind: 'outside', realPath: '/data/venvs/app', link: '../../data/venvs/app' });
    expect(only(projectVenv, inProject(project({ venv }))).findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: '.venv is a symbolic link to ../../data/venvs/app, and venv-doctor never empties or replaces a venv through a link. Remove the link (this deletes only the link, not what it points to): rm .venv; then create the venv: python3 -I -m venv .venv',
    });
  });
  it('a file named .venv fails; it is moved away, never deleted by a fix', () => {
    const venv = healthyVenv({ kind: 'file', layout: null, cfg: null, interpreter: null, probe: null });
    const r = only(projectVenv, inProject(project({ venv })));
    expect(r).toMatchObject({ status: 'fail', message: '.venv is a file, not a venv.' });
    expect(r.findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: 'Move .venv away (it is not a venv), then create the venv: python3 -I -m venv .venv',
    });
  });
  it('a dangling link fails, names its target, and the fix removes only the link', () => {
    const venv = healthyVenv({ kind: 'dangling-link', realPath: null, link: '/gone/venv', layout: null });
    const r = only(projectVenv, inProject(project({ venv })));
    expect(r).toMatchObject({
      status: 'fail',
      message: '.venv is a symbolic link to something that does not exist (/gone/venv).',
    });
    expect(r.findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: '.venv is a symbolic link to /gone/venv, and venv-doctor never empties or replaces a venv through a link. Remove the link (this deletes only the link, not what it points to): rm .venv; then create the venv: python3 -I -m venv .venv',
    });
  });
  it('a dangling link whose target is unknown', () => {
    const venv = healthyVenv({ kind: 'dangling-link', realPath: null, link: null, layout: null });
    const r = only(projectVenv, inProject(project({ venv })));
    expect(r.message).toBe('.venv is a symbolic link to something that does not exist.');
    expect(r.findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: '.venv is a symbolic link, and venv-doctor never empties or replaces a venv through a link. Remove the link (this deletes only the link, not what it points to): rm .venv; then create the venv: python3 -I -m venv .venv',
    });
  });
  it('a FIFO, socket or device fails and is moved away', () => {
    const venv = healthyVenv({ kind: 'other', layout: null });
    const r = only(projectVenv, inProject(project({ venv })));
    expect(r).toMatchObject({
      status: 'fail',
      message: '.venv is not a directory (a FIFO, a socket or a device).',
    });
    expect(r.findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: 'Move .venv away (it is not a venv), then create the venv: python3 -I -m venv .venv',
    });
  });
});

describe('project-venv: a venv directory', () => {
  const details = [
    'path: /srv/app/.venv',
    'pyvenv.cfg: home = /usr/bin, version = 3.11.2, executable = /usr/bin/python3.11',
    'layout: posix',
  ];
  it('passes a complete venv and names its Python', () => {
    const r = only(projectVenv, inProject(project({ venv: healthyVenv() })));
    expect(r.findings).toEqual([{ severity: 'pass', message: '.venv is a complete venv of Python 3.11.2.', details }]);
  });
  it('shows the real path when the venv is reached through a link', () => {
    const venv = healthyVenv({ realPath: '/data/app/.venv' });
    expect(only(projectVenv, inProject(project({ venv }))).details[0]).toBe('path: /srv/app/.venv (/data/app/.venv)');
  });
  it('says what pyvenv.cfg does not say', () => {
    const venv = healthyVenv({ cfg: { home: null, version: null, executable: null, command: null } });
    expect(only(projectVenv, inProject(project({ venv }))).details[1]).toBe('pyvenv.cfg: home = ?, version = ?');
  });
  it('bin/ that leads outside the venv fails, and the fix recreates the venv in place', () => {
    const venv = healthyVenv({ binOutside: '/usr/bin' });
    const r = only(projectVenv, inProject(project({ venv })));
    expect(r).toMatchObject({
      status: 'fail',
      message:
        '.venv/bin leads outside the venv (to /usr/bin): venv-doctor reads nothing there, and `python -m venv` never makes such a link.',
      details: [],
    });
    expect(r.findings[0]?.remedy).toEqual(RECREATE);
  });
  it('Scripts\\ that leads outside a Windows venv', () => {
    const venv = healthyVenv({ binOutside: 'C:/Windows', layout: 'windows' });
    expect(only(projectVenv, inProject(project({ venv }))).message).toMatch(
      /^\.venv\/Scripts leads outside the venv \(to C:\/Windows\)/,
    );
  });
  it('an unreadable pyvenv.cfg: not a usable venv, recreated in place', () => {
    const venv = healthyVenv({ cfg: null, cfgProblem: 'pyvenv.cfg has no home' });
    const r = only(projectVenv, inProject(project({ venv })));
    expect(r).toMatchObject({ status: 'fail', message: '.venv is not a usable venv: pyvenv.cfg has no home.' });
    expect(r.findings[0]?.remedy).toEqual(RECREATE);
  });
  it('a directory with neither pyvenv.cfg nor an interpreter is not emptied by a fix', () => {
    const venv = healthyVenv({ cfg: null, cfgProblem: NO_PYVENV_CFG, interpreter: null, probe: null, layout: null });
    const r = only(projectVenv, inProject(project({ venv })));
    expect(r.message).toBe('.venv is not a usable venv: there is no pyvenv.cfg.');
    expect(r.findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: '.venv is a directory, but not a venv (no pyvenv.cfg, no interpreter): venv-doctor will not empty it. Move it away, then create the venv: python3 -I -m venv .venv',
    });
  });
  it('a venv without pyvenv.cfg that still has its interpreter is recreated in place', () => {
    const venv = healthyVenv({ cfg: null, cfgProblem: NO_PYVENV_CFG });
    expect(only(projectVenv, inProject(project({ venv }))).findings[0]?.remedy).toEqual(RECREATE);
  });
  it('neither bin/ nor Scripts\\', () => {
    const venv = healthyVenv({ layout: null, interpreter: null, probe: null });
    const r = only(projectVenv, inProject(project({ venv })));
    expect(r).toMatchObject({
      status: 'fail',
      message: '.venv has neither bin/ nor Scripts\\: it is not a usable venv.',
      details: [details[0], details[1], 'layout: unknown'],
    });
    expect(r.findings[0]?.remedy).toEqual(RECREATE);
  });
  it('no python in bin/', () => {
    const venv = healthyVenv({ interpreter: null, probe: null });
    const r = only(projectVenv, inProject(project({ venv })));
    expect(r).toMatchObject({ status: 'fail', message: '.venv has no python in bin/.', details });
  });
  it('no python in Scripts\\', () => {
    const venv = healthyVenv({ interpreter: null, probe: null, layout: 'windows' });
    expect(only(projectVenv, inProject(project({ venv }))).message).toBe('.venv has no python in Scripts\\.');
  });
  it('an interpreter removed by an OS upgrade: names where the links end', () => {
    const venv = healthyVenv({
      interpreter: { link: 'python3', resolved: null, missing: '/usr/bin/python3.10' },
      probe: null,
    });
    const r = only(projectVenv, inProject(project({ venv })));
    expect(r).toMatchObject({
      status: 'fail',
      message:
        ".venv's interpreter is gone: /srv/app/.venv/bin/python leads to /usr/bin/python3.10, which does not exist (an OS upgrade or a removed Python).",
      details,
    });
    expect(r.findings[0]?.remedy).toEqual(RECREATE);
  });
  it('an interpreter that is gone, known only by its link', () => {
    const venv = healthyVenv({
      interpreter: { link: '/usr/bin/python3.9', resolved: null, missing: null },
      probe: null,
    });
    expect(only(projectVenv, inProject(project({ venv }))).message).toMatch(
      /bin\/python leads to \/usr\/bin\/python3\.9, which does not exist/,
    );
  });
  it('an interpreter that is gone, known only by its path', () => {
    const venv = healthyVenv({ interpreter: { link: null, resolved: null, missing: null }, probe: null });
    expect(only(projectVenv, inProject(project({ venv }))).message).toMatch(
      /bin\/python leads to \/srv\/app\/\.venv\/bin\/python, which does not exist/,
    );
  });
  it('an interpreter that does not run', () => {
    const venv = healthyVenv({ probe: null, probeProblem: 'it exited with status 127' });
    const r = only(projectVenv, inProject(project({ venv })));
    expect(r).toMatchObject({
      status: 'fail',
      message: ".venv's interpreter does not work: it exited with status 127.",
      details,
    });
  });
  it('an interpreter that does not run, for no known reason', () => {
    const venv = healthyVenv({ probe: null, probeProblem: null });
    expect(only(projectVenv, inProject(project({ venv }))).message).toBe(
      ".venv's interpreter does not work: it could not be run.",
    );
  });
  it('an interpreter inside the project is never run: judged from pyvenv.cfg, and says so', () => {
    const venv = healthyVenv({
      interpreter: { link: null, resolved: '/srv/app/.venv/bin/python' },
      probe: null,
      notRun: 'it is inside the project',
    });
    const r = only(projectVenv, inProject(project({ venv })));
    expect(r).toMatchObject({
      status: 'pass',
      message: '.venv is a complete venv of Python 3.11.2.',
      details: [...details, 'not run: it is inside the project; judged from pyvenv.cfg and its files'],
    });
  });
  it('a venv whose interpreter was upgraded to another minor version fails', () => {
    const venv = healthyVenv({ cfg: { version: '3.10.12' } });
    const r = only(projectVenv, inProject(project({ venv })));
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      '.venv was made with Python 3.10.12, but its interpreter is now Python 3.11.2: the packages in it were installed for 3.10.',
    );
    expect(r.findings[0]?.remedy).toEqual(RECREATE);
  });
  it('a new micro version of the same minor is the same venv', () => {
    const venv = healthyVenv({ cfg: { version: '3.11.9' } });
    expect(only(projectVenv, inProject(project({ venv }))).status).toBe('pass');
  });
  it.each(['unknown', 'v3.10', '3.x', 'x.10'])(
    'a pyvenv.cfg version %j that is not a version is not compared',
    (version) => {
      const venv = healthyVenv({ cfg: { version } });
      expect(only(projectVenv, inProject(project({ venv }))).status).toBe('pass');
    },
  );
  it('a half-created venv (no activate, no pip): what a failed python -m venv leaves', () => {
    const venv = healthyVenv({ hasActivate: false, hasPip: false, activateVirtualEnv: null, shebangs: [] });
    const r = only(projectVenv, inProject(project({ venv })));
    expect(r).toMatchObject({
      status: 'fail',
      message:
        '.venv is half-created: it has no activate script and no pip (a `python -m venv` that failed, usually for want of ensurepip).',
      details,
    });
    expect(r.findings[0]?.remedy).toEqual(RECREATE);
  });
  it('no activate script, but pip', () => {
    const venv = healthyVenv({ hasActivate: false, activateVirtualEnv: null });
    expect(only(projectVenv, inProject(project({ venv }))).message).toBe(
      '.venv is half-created: it has no activate script (a `python -m venv` that failed, usually for want of ensurepip).',
    );
  });
  it('a venv made --without-pip is a warning, with the way to recreate it', () => {
    const venv = healthyVenv({ hasPip: false });
    const r = only(projectVenv, inProject(project({ venv })));
    expect(r).toMatchObject({
      status: 'warn',
      message: '.venv has no pip (made with --without-pip, or pip was removed).',
      details,
    });
    expect(r.findings[0]?.remedy).toEqual(RECREATE);
  });
  it('with no interpreter that meets the requirement, the fix is advice, not a command', () => {
    const venv = healthyVenv({ hasPip: false });
    expect(only(projectVenv, inProject(project({ ...unmet, venv }))).findings[0]?.remedy).toEqual({
      kind: 'advice',
      // Never plain python3, which misses the requirement: a Python that meets it, and how to get one.
      text: 'Recreate the venv with a Python that meets >=3.13 (requires-python in pyproject.toml); none here does: install one (pyenv install 3.14, or uv python install 3.14), then run PYTHON -I -m venv --clear .venv with it.',
    });
  });
  it("run as root in another user's project: the command is for that user", () => {
    const venv = healthyVenv({ hasPip: false });
    expect(only(projectVenv, inProject(project({ venv, owner: { uid: 1000 } }))).findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: "/srv/app belongs to uid 1000, and you are root: a venv made now would be root's. Create it as that user: sudo -u '#1000' python3 -I -m venv --clear .venv",
    });
  });
  it('not root: the owner of the project does not matter', () => {
    const venv = healthyVenv({ hasPip: false });
    const f = inProject(project({ venv, owner: { uid: 1000 } }), { host: { isRoot: false, sudo: '/usr/bin/sudo' } });
    expect(only(projectVenv, f).findings[0]?.remedy).toEqual(RECREATE);
  });
  it('the reinstall note follows the project files', () => {
    const venv = healthyVenv({ hasPip: false });
    const withRequirements = inProject(project({ venv, markers: ['requirements.txt', 'pyproject.toml'] }));
    expect(only(projectVenv, withRequirements).findings[0]?.remedy).toEqual({
      ...RECREATE,
      note: '--clear empties .venv: reinstall its packages with .venv/bin/python -m pip install -r requirements.txt',
    });
    const onlySetupCfg = inProject(project({ venv, markers: ['setup.cfg'] }));
    expect(only(projectVenv, onlySetupCfg).findings[0]?.remedy).toEqual({
      ...RECREATE,
      note: '--clear empties .venv: packages that were installed in it must be installed again.',
    });
  });
});

describe('python-version', () => {
  const requires = (spec: string) => project({ pyproject: { requiresPython: spec, problem: null } });

  it('passes when the interpreter meets requires-python', () => {
    const r = only(pythonVersion, inProject(requires('>=3.10')));
    expect(r).toMatchObject({
      status: 'pass',
      message: 'Python 3.11.2 found; the project requires >=3.10 (requires-python in pyproject.toml).',
    });
  });
  it('--require outranks requires-python', () => {
    const r = only(pythonVersion, inProject(project({ required: '>=3.12', pyproject: { requiresPython: '>=3.10' } })));
    expect(r.message).toBe('Python 3.11.2 found; this project requires >=3.12 (--require).');
  });
  it('.python-version 3.11 means any 3.11.x', () => {
    const r = only(pythonVersion, inProject(project({ pythonVersionFile: '3.11' })));
    expect(r.message).toBe('Python 3.11.2 found; the project requires ==3.11.* (.python-version).');
  });
  it('.python-version 3.11.9 means exactly that', () => {
    const r = only(pythonVersion, inProject(project({ pythonVersionFile: '3.11.9' })));
    expect(r).toMatchObject({
      status: 'fail',
      message: 'Python 3.11.2 found; this project requires ==3.11.9 (.python-version).',
    });
  });
  it('an invalid specifier is a failure that says so', () => {
    const r = only(pythonVersion, inProject(project({ required: '3.x' })));
    expect(r).toMatchObject({
      status: 'fail',
      message: '--require "3.x" is not a valid PEP 440 version specifier.',
    });
  });
  it('an unreadable pyproject.toml is a failure that says why', () => {
    const problem = 'pyproject.toml is not valid TOML: unexpected end of input';
    const r = only(pythonVersion, inProject(project({ pyproject: { requiresPython: null, problem } })));
    expect(r).toMatchObject({ status: 'fail', message: `${problem}.` });
  });
  it('an unread .python-version is a warning: the version it asks for is unknown', () => {
    const p = project({ notRead: [{ file: '.python-version', why: 'is not a regular file' }] });
    const r = only(pythonVersion, inProject(p));
    expect(r).toMatchObject({
      status: 'warn',
      message: '.python-version is not a regular file, so the version it asks for is unknown.',
    });
  });
  it('other unread files do not stand for .python-version', () => {
    const p = project({ notRead: [{ file: 'pyproject.toml', why: 'is a directory' }] });
    expect(pythonVersion.skipIf?.(inProject(p))).toBe(
      'the project states no Python version (requires-python, .python-version)',
    );
  });
  it('a venv of a version the project does not accept fails, though the interpreter meets it', () => {
    const venv = healthyVenv({
      cfg: { version: '3.10.12' },
      probe: healthyProbe({ version: '3.10.12', versionInfo: [3, 10, 12], prefix: '/srv/app/.venv' }),
    });
    const r = only(pythonVersion, inProject(project({ pyproject: { requiresPython: '>=3.11' }, venv })));
    expect(r).toMatchObject({
      status: 'fail',
      message:
        '.venv runs Python 3.10.12; this project requires >=3.11 (requires-python in pyproject.toml). python3 (Python 3.11.2) meets it.',
    });
    // The venv changes Python: said, with where each comes from.
    expect(r.findings[0]?.remedy).toEqual({
      ...RECREATE,
      note: `This recreates .venv with Python 3.11.2 (/usr/bin) instead of Python 3.10.12 (/usr/bin), the one it was made with. ${REINSTALL_PROJECT}`,
    });
  });
  it('a venv that meets the requirement passes', () => {
    const r = only(pythonVersion, inProject(project({ pyproject: { requiresPython: '>=3.11' }, venv: healthyVenv() })));
    expect(r.status).toBe('pass');
  });
  it('a venv whose version is unknown is not held against the project', () => {
    const venv = healthyVenv({ probe: null, probeProblem: 'it exited with status 1' });
    const r = only(pythonVersion, inProject(project({ pyproject: { requiresPython: '>=3.11' }, venv })));
    expect(r.status).toBe('pass');
  });
  it('a venv judged from pyvenv.cfg (not run) is compared by that version', () => {
    const venv = healthyVenv({ probe: null, notRun: 'it is inside the project', cfg: { version: '3.10.12' } });
    const r = only(pythonVersion, inProject(project({ pyproject: { requiresPython: '>=3.11' }, venv })));
    expect(r.message).toMatch(/^\.venv runs Python 3\.10\.12; this project requires >=3\.11/);
  });
  it('a wrong venv with no safe recreate command: says to recreate it with the interpreter', () => {
    const venv = healthyVenv({
      name: '.ve\nnv',
      probe: healthyProbe({ version: '3.10.12', versionInfo: [3, 10, 12], prefix: '/srv/app/.ve\nnv' }),
    });
    const r = only(pythonVersion, inProject(project({ pyproject: { requiresPython: '>=3.11' }, venv })));
    expect(r.findings[0]?.remedy).toEqual({ kind: 'advice', text: 'Recreate .ve\nnv with python3.' });
  });
  it('a venv named like an option is recreated as a path (./-venv), never as an option', () => {
    const venv = healthyVenv({
      name: '-venv',
      probe: healthyProbe({ version: '3.10.12', versionInfo: [3, 10, 12], prefix: '/srv/app/-venv' }),
    });
    const r = only(pythonVersion, inProject(project({ pyproject: { requiresPython: '>=3.11' }, venv })));
    expect(r.findings[0]?.remedy).toMatchObject({ kind: 'venv-create', path: './-venv', clear: true });
  });
  it.each(['==3.7.*', '<3.8', '>=3.16'])(
    'no released Python meets %s: says so, never "pyenv install 3" (which would install one that does not)',
    (spec) => {
      const r = only(pythonVersion, inProject(project({ pyproject: { requiresPython: spec } })));
      expect(r.status).toBe('fail');
      const remedy = r.findings[0]?.remedy;
      expect(remedy).toEqual({
        kind: 'advice',
        text: `No released Python from 3.8 to 3.15 meets ${spec}: check the requirement (requires-python in pyproject.toml), or install a Python that meets it by hand.`,
      });
    },
  );
  it('another python3.X on PATH meets it: make the venv with that one', () => {
    const f = inProject(project(unmet), {
      python: {
        others: [
          { name: 'python3.11', path: '/usr/bin/python3.11', version: '3.11.2' },
          { name: 'python3.13', path: '/usr/local/bin/python3.13', version: '3.13.1' },
        ],
      },
    });
    const r = only(pythonVersion, f);
    expect(r).toMatchObject({
      status: 'fail',
      message: 'Python 3.11.2 found; this project requires >=3.13 (requires-python in pyproject.toml).',
      details: ['python3.13 (Python 3.13.1, /usr/local/bin/python3.13) meets it: make the venv with it.'],
    });
    // No venv yet: made, not cleared.
    expect(r.findings[0]?.remedy).toEqual({
      kind: 'venv-create',
      interpreter: 'python3.13',
      path: '.venv',
      clear: false,
    });
  });
  it('another interpreter meets it but the venv path cannot be put in a command: advice', () => {
    const f = inProject(project({ ...unmet, venvSearched: ['.ve\u0000nv'] }), {
      python: { others: [{ name: 'python3.13', path: '/usr/local/bin/python3.13', version: '3.13.1' }] },
    });
    const remedy = only(pythonVersion, f).findings[0]?.remedy;
    expect(remedy?.kind).toBe('advice');
    expect(remedy?.kind === 'advice' ? remedy.text : '').toMatch(/^Use python3\.13: python3\.13 -I -m venv /);
  });
  it('pyenv has a fitting version installed but not selected: pyenv local', () => {
    const f = inProject(project({ pyproject: { requiresPython: '>=3.12,<3.13' } }), {
      python: { pyenvVersions: ['3.10.4', '3.12.1', '3.12.3', '3.12.5', '3.13.0'] },
    });
    expect(only(pythonVersion, f).status).toBe('fail');
    expect(only(pythonVersion, f).findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: 'pyenv has Python 3.12.5 installed: select it for this project with `pyenv local 3.12.5`, then make the venv with python3 -I -m venv .venv.',
    });
  });
  it('the distribution packages a fitting Python: install it and its venv package', () => {
    const f = inProject(project({ pyproject: { requiresPython: '>=3.12' } }), {
      packages: packages({
        candidates: {
          'python3.14': null,
          'python3.14-venv': null,
          'python3.13': '3.13.1-2',
          'python3.13-venv': null,
          'python3.12': '3.12.8-1',
          'python3.12-venv': '3.12.8-1',
        },
      }),
    });
    expect(only(pythonVersion, f).status).toBe('fail');
    expect(only(pythonVersion, f).findings[0]?.remedy).toEqual({
      kind: 'package-install',
      packages: ['python3.12', 'python3.12-venv'],
      note: 'python3.12 is not installed yet: once it is, run venv-doctor again, and it plans the venv with python3.12.',
    });
  });
  it('apt has no such Python: the honest alternative, with the newest fitting version', () => {
    const f = inProject(project({ pyproject: { requiresPython: '>=3.12' } }), {
      packages: packages({ candidates: { 'python3.14': null, 'python3.14-venv': null } }),
    });
    const r = only(pythonVersion, f);
    expect(r.message).toBe('Python 3.11.2 found; this project requires >=3.12 (requires-python in pyproject.toml).');
    expect(r.findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: "Debian GNU/Linux 12 (bookworm)'s apt sources have no such Python: install one with pyenv (pyenv install 3.14) or uv (uv python install 3.14), then make the venv with it.",
    });
  });
  it('apt has no such Python on a system without a pretty name', () => {
    const f = inProject(project({ pyproject: { requiresPython: '>=3.12,<3.13' } }), {
      os: { prettyName: null },
      packages: packages({ candidates: { 'python3.12': null } }),
    });
    expect(only(pythonVersion, f).findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: "This system's apt sources have no such Python: install one with pyenv (pyenv install 3.12) or uv (uv python install 3.12), then make the venv with it.",
    });
  });
  it('apt was not asked (no dpkg): no installed interpreter meets it', () => {
    const f = inProject(project({ pyproject: { requiresPython: '~=3.13.0' } }), { packages: null });
    expect(only(pythonVersion, f).findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: 'No installed interpreter meets it: install one with pyenv (pyenv install 3.13) or uv (uv python install 3.13), then make the venv with it.',
    });
  });
  it('skips outside a Python project, unless --require asks', () => {
    const none = project({ markers: [] });
    expect(pythonVersion.skipIf?.(inProject(none))).toBe(
      '/srv/app is not a Python project (none of pyproject.toml, requirements.txt, setup.py, setup.cfg, Pipfile ...) and has no venv',
    );
    expect(pythonVersion.skipIf?.(inProject(project({ markers: [], required: '>=3.10' })))).toBeNull();
    expect(pythonVersion.skipIf?.(facts())).toBe('no project directory was examined');
  });
  it('skips without a working interpreter', () => {
    const f = inProject(project({ required: '>=3.10' }), {
      python: { probe: null, owner: null, problem: { kind: 'not-found', detail: 'x' } },
    });
    expect(pythonVersion.skipIf?.(f)).toBe('no working interpreter to compare (see python)');
    expect(pythonVersion.run(f)).toEqual([]);
  });
  it('skips when the project states no version; runs when its statement cannot be read', () => {
    expect(pythonVersion.skipIf?.(inProject(project()))).toBe(
      'the project states no Python version (requires-python, .python-version)',
    );
    expect(pythonVersion.skipIf?.(inProject(project({ pythonVersionFile: 'system' })))).toBe(
      'the project states no Python version (requires-python, .python-version)',
    );
    const broken = project({ pyproject: { requiresPython: null, problem: 'pyproject.toml is not a text file' } });
    expect(pythonVersion.skipIf?.(inProject(broken))).toBeNull();
    const unread = project({ notRead: [{ file: '.python-version', why: 'cannot be read' }] });
    expect(pythonVersion.skipIf?.(inProject(unread))).toBeNull();
    expect(pythonVersion.skipIf?.(inProject(project({ pythonVersionFile: '3.12' })))).toBeNull();
    // requirements.txt and .python-version, no pyproject.toml
    const noPyproject = project({ markers: ['requirements.txt', '.python-version'], pyproject: null });
    expect(pythonVersion.skipIf?.(inProject({ ...noPyproject, pythonVersionFile: '3.12' }))).toBeNull();
    expect(pythonVersion.skipIf?.(inProject(noPyproject))).toBe(
      'the project states no Python version (requires-python, .python-version)',
    );
  });
  it('asks apt for the fitting Python versions only when the interpreter misses the requirement', () => {
    expect(pythonVersion.packageLookups?.(inProject(project({ pyproject: { requiresPython: '>=3.13' } })))).toEqual([
      'python3.15',
      'python3.15-venv',
      'python3.14',
      'python3.14-venv',
      'python3.13',
      'python3.13-venv',
    ]);
    expect(pythonVersion.packageLookups?.(inProject(project({ pyproject: { requiresPython: '>=3.10' } })))).toEqual([]);
    expect(pythonVersion.packageLookups?.(inProject(project()))).toEqual([]);
    const noDpkg = inProject(project({ pyproject: { requiresPython: '>=3.13' } }), { packages: null });
    expect(pythonVersion.packageLookups?.(noDpkg)).toEqual([]);
    const pyenv = inProject(project({ pyproject: { requiresPython: '>=3.13' } }), {
      python: {
        owner: null,
        probe: healthyProbe({ prefix: '/root/.pyenv/versions/3.11.2', basePrefix: '/root/.pyenv/versions/3.11.2' }),
      },
    });
    expect(pythonVersion.packageLookups?.(pyenv)).toEqual([]);
    expect(pythonVersion.packageLookups?.(inProject(project({ required: 'not a spec' })))).toEqual([]);
  });
});

describe('venv-relocated', () => {
  const moved = (count: number, from = '/home/ann/old/.venv') =>
    ['pip', 'pip3', 'pip3.11', 'black', 'pytest', 'ruff'].slice(0, count).map((script) => ({
      script,
      interpreter: `${from}/bin/python3`,
    }));

  it('passes a venv whose scripts and activate name where it is', () => {
    const r = only(venvRelocated, inProject(project({ venv: healthyVenv() })));
    expect(r).toMatchObject({ status: 'pass', message: '.venv is where it was made (3 scripts checked).' });
  });
  it('counts one script as one', () => {
    const venv = healthyVenv({ shebangs: [], activateVirtualEnv: '/srv/app/.venv' });
    expect(only(venvRelocated, inProject(project({ venv }))).message).toBe(
      '.venv is where it was made (1 script checked).',
    );
  });
  it('says when nothing names a directory', () => {
    const venv = healthyVenv({ shebangs: [], activateVirtualEnv: null });
    expect(only(venvRelocated, inProject(project({ venv }))).message).toBe(
      '.venv has no scripts naming a directory to check.',
    );
  });
  it('a script that runs another interpreter (not a venv python) says nothing about where the venv was made', () => {
    const venv = healthyVenv({ shebangs: [{ script: 'tool', interpreter: '/bin/sh' }], activateVirtualEnv: null });
    expect(only(venvRelocated, inProject(project({ venv }))).message).toBe(
      '.venv is where it was made (1 script checked).',
    );
  });
  it.each(['/usr/bin/python3', '/usr/local/bin/python3.12', '/bin/python3'])(
    'a script of the system Python copied into bin/ (#!%s) is not a venv made elsewhere',
    (interpreter) => {
      const venv = healthyVenv({ shebangs: [{ script: 'helper', interpreter }], activateVirtualEnv: null });
      const r = only(venvRelocated, inProject(project({ venv })));
      expect(r).toMatchObject({ status: 'pass', message: '.venv is where it was made (1 script checked).' });
      expect(r.findings[0]?.remedy).toBeUndefined();
    },
  );
  it('a venv reached through a link: its real path counts as where it is', () => {
    const venv = healthyVenv({
      path: '/home/u/app/.venv',
      realPath: '/srv/app/.venv',
      activateVirtualEnv: '/home/u/app/.venv',
    });
    expect(only(venvRelocated, inProject(project({ venv }))).status).toBe('pass');
  });
  it('a moved venv fails, names where it was made and where it is, and is recreated in place', () => {
    const venv = healthyVenv({ shebangs: moved(3), activateVirtualEnv: '/home/ann/old/.venv' });
    const r = only(venvRelocated, inProject(project({ venv })));
    expect(r).toMatchObject({
      status: 'fail',
      message:
        ".venv was moved or copied: it was made in /home/ann/old/.venv, and is now in /srv/app/.venv. Its scripts (pip, pip3, pip3.11, activate) still run /home/ann/old/.venv's Python.",
      details: ['A venv cannot be moved: recreate it where it is.'],
    });
    expect(r.findings[0]?.remedy).toEqual(RECREATE);
  });
  it('names four scripts, then ...', () => {
    const venv = healthyVenv({ shebangs: moved(5), activateVirtualEnv: null });
    expect(only(venvRelocated, inProject(project({ venv }))).message).toMatch(
      /Its scripts \(pip, pip3, pip3\.11, black \.\.\.\) still run/,
    );
  });
  it('exactly four scripts: no ...', () => {
    const venv = healthyVenv({ shebangs: moved(4), activateVirtualEnv: null });
    expect(only(venvRelocated, inProject(project({ venv }))).message).toMatch(
      /Its scripts \(pip, pip3, pip3\.11, black\) still run/,
    );
  });
  it('only the activate script was left from elsewhere', () => {
    const venv = healthyVenv({ activateVirtualEnv: '/home/ann/old/.venv' });
    expect(only(venvRelocated, inProject(project({ venv }))).message).toBe(
      ".venv was moved or copied: it was made in /home/ann/old/.venv, and is now in /srv/app/.venv. Its scripts (activate) still run /home/ann/old/.venv's Python.",
    );
  });
  it('of two origins, names the one most scripts come from', () => {
    const venv = healthyVenv({
      shebangs: [...moved(1, '/tmp/build/.venv'), ...moved(3, '/home/ann/old/.venv')],
      activateVirtualEnv: '/home/ann/old/.venv',
    });
    expect(only(venvRelocated, inProject(project({ venv }))).message).toMatch(
      /^\.venv was moved or copied: it was made in \/home\/ann\/old\/\.venv,.*\(pip, pip3, pip3\.11, activate\)/,
    );
  });
  it('names the real path as where it is now', () => {
    const venv = healthyVenv({ realPath: '/data/app/.venv', shebangs: moved(1), activateVirtualEnv: null });
    expect(only(venvRelocated, inProject(project({ venv }))).message).toMatch(/and is now in \/data\/app\/\.venv\./);
    const noReal = healthyVenv({ realPath: null, shebangs: moved(1), activateVirtualEnv: null });
    expect(only(venvRelocated, inProject(project({ venv: noReal }))).message).toMatch(
      /and is now in \/srv\/app\/\.venv\./,
    );
  });
  it('without an interpreter that meets the requirement, the fix is advice', () => {
    const venv = healthyVenv({ shebangs: moved(2) });
    expect(only(venvRelocated, inProject(project({ ...unmet, venv }))).findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: 'Recreate the venv where it is. Recreate the venv with a Python that meets >=3.13 (requires-python in pyproject.toml); none here does: install one (pyenv install 3.14, or uv python install 3.14), then run PYTHON -I -m venv --clear .venv with it.',
    });
  });
  it('skips without a venv, or when the venv is not a directory', () => {
    expect(only(venvRelocated, inProject(project()))).toMatchObject({
      status: 'skip',
      message: 'Skipped: there is no venv (looked for .venv, venv).',
    });
    const file = healthyVenv({ kind: 'file' });
    expect(venvRelocated.skipIf?.(inProject(project({ venv: file })))).toBe(
      '.venv is not a directory (see project-venv)',
    );
    expect(venvRelocated.skipIf?.(inProject(project({ markers: [] })))).toMatch(/is not a Python project/);
    expect(venvRelocated.skipIf?.(inProject(project({ markers: [], venv: healthyVenv() })))).toBeNull();
    expect(venvRelocated.skipIf?.(facts())).toBe('no project directory was examined');
    expect(venvRelocated.run(inProject(project()))).toEqual([]);
    expect(venvRelocated.run(facts())).toEqual([]);
  });
});

describe('gitignore', () => {
  const git = (patch: Partial<NonNullable<ProjectFacts['git']>>) => ({
    workTree: true,
    venvIgnored: true,
    problem: null,
    ...patch,
  });
  it('passes when git ignores the venv', () => {
    const r = only(gitignore, inProject(project({ venv: healthyVenv(), git: git({}) })));
    expect(r.findings).toEqual([{ severity: 'pass', message: 'git ignores .venv/.' }]);
  });
  it('warns when git does not ignore it, with the line to add', () => {
    const r = only(gitignore, inProject(project({ venv: healthyVenv(), git: git({ venvIgnored: false }) })));
    expect(r).toMatchObject({
      status: 'warn',
      message:
        'git does not ignore .venv/: its thousands of files would show up in `git status` and could be committed.',
    });
    expect(r.findings[0]?.remedy).toEqual({ kind: 'advice', text: 'Add this line to /srv/app/.gitignore: .venv/' });
  });
  it('before there is a venv, asks about the first name searched, without a doubled slash', () => {
    const r = only(gitignore, inProject(project({ venvSearched: ['envs/dev/'], git: git({ venvIgnored: false }) })));
    expect(r.message).toMatch(/^git does not ignore envs\/dev\/: /);
    expect(r.findings[0]?.remedy).toEqual({ kind: 'advice', text: 'Add this line to /srv/app/.gitignore: envs/dev/' });
  });
  it('with no name at all, .venv', () => {
    const r = only(gitignore, inProject(project({ venvSearched: [], git: git({}) })));
    expect(r.message).toBe('git ignores .venv/.');
  });
  it('names the venv by its name', () => {
    const venv = healthyVenv({ name: 'venv', path: '/srv/app/venv' });
    expect(only(gitignore, inProject(project({ venv, git: git({}) }))).message).toBe('git ignores venv/.');
  });
  it('skips when there is no git or no work tree; warns, with the reason, when git cannot answer', () => {
    expect(gitignore.skipIf?.(inProject(project()))).toBe('git is not installed');
    expect(gitignore.skipIf?.(inProject(project({ git: git({ workTree: false, venvIgnored: null }) })))).toBe(
      'the project is not in a git work tree',
    );
    const dubious = git({ workTree: false, venvIgnored: null, problem: 'git could not say: dubious ownership' });
    // Not a skip: a warning that says why git could not be asked, and how to ask it by hand.
    expect(gitignore.skipIf?.(inProject(project({ git: dubious })))).toBeNull();
    expect(gitignore.run(inProject(project({ git: dubious })))).toEqual([
      {
        severity: 'warn',
        message: 'venv-doctor could not ask git whether .venv/ is ignored: git could not say: dubious ownership.',
        remedy: { kind: 'advice', text: 'Check it yourself: git check-ignore -v .venv/pyvenv.cfg' },
      },
    ]);
    expect(gitignore.skipIf?.(inProject(project({ git: git({}) })))).toBeNull();
    expect(gitignore.skipIf?.(inProject(project({ markers: [], git: git({}) })))).toMatch(/is not a Python project/);
  });
});

describe('venv-active', () => {
  const active = (path: string, exists = true) => ({ virtualEnv: { path, exists } });
  it('passes when the project venv is the active one', () => {
    const r = only(venvActive, inProject(project({ venv: healthyVenv(), ...active('/srv/app/.venv') })));
    expect(r.findings).toEqual([{ severity: 'pass', message: "The project's venv .venv is active." }]);
  });
  it('passes when VIRTUAL_ENV names the venv by the path it was reached by', () => {
    const venv = healthyVenv({ path: '/home/u/app/.venv', realPath: '/srv/app/.venv' });
    expect(only(venvActive, inProject(project({ venv, ...active('/home/u/app/.venv') }))).status).toBe('pass');
  });
  it('passes when VIRTUAL_ENV names the venv by its real path', () => {
    const venv = healthyVenv({ path: '/home/u/app/.venv', realPath: '/srv/app/.venv' });
    expect(only(venvActive, inProject(project({ venv, ...active('/srv/app/.venv') }))).status).toBe('pass');
  });
  it('a stale activation: the venv is gone', () => {
    const r = only(venvActive, inProject(project({ venv: healthyVenv(), ...active('/home/ann/old/.venv', false) })));
    expect(r).toMatchObject({
      status: 'warn',
      message:
        'VIRTUAL_ENV names /home/ann/old/.venv, which does not exist: the activation is stale (that venv was removed or moved).',
    });
    expect(r.findings[0]?.remedy).toEqual({ kind: 'advice', text: 'Run `deactivate`, or open a new shell.' });
  });
  it("another project's venv is active: deactivate, then activate this one", () => {
    const r = only(venvActive, inProject(project({ venv: healthyVenv(), ...active('/srv/other/.venv') })));
    expect(r).toMatchObject({
      status: 'warn',
      message: "Another venv is active (/srv/other/.venv), not the project's .venv.",
    });
    expect(r.findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: 'Run `deactivate`, then `. .venv/bin/activate`.',
    });
  });
  it('another venv is active and the project has none', () => {
    const r = only(venvActive, inProject(project(active('/srv/other/.venv'))));
    expect(r.message).toBe('Another venv is active (/srv/other/.venv).');
    expect(r.findings[0]?.remedy).toEqual({ kind: 'advice', text: 'Run `deactivate`.' });
  });
  it('skips when no venv is active', () => {
    expect(only(venvActive, inProject(project()))).toMatchObject({
      status: 'skip',
      message: 'Skipped: no venv is active ($VIRTUAL_ENV is not set).',
    });
    expect(venvActive.skipIf?.(facts())).toBe('no venv is active ($VIRTUAL_ENV is not set)');
    expect(venvActive.run(inProject(project()))).toEqual([]);
    expect(venvActive.run(facts())).toEqual([]);
  });
});

describe('venv-create (--deep)', () => {
  const deep = (patch: Partial<NonNullable<ProjectFacts['deep']>>) =>
    project({
      deep: {
        ok: true,
        failedStep: null,
        durationMs: 6080,
        output: 'pip 23.0.1 from /tmp/vd-x/venv/lib/python3.11/site-packages/pip (python 3.11)',
        ...patch,
      },
    });
  it('passes with the time and the pip it got', () => {
    const r = only(venvCreate, inProject(deep({})));
    expect(r).toMatchObject({ status: 'pass', message: 'Created a venv with pip in 6.1 s (pip 23.0.1).', details: [] });
  });
  it('a real venv that worked where the other checks predicted a failure asks to be reported', () => {
    const r = only(venvCreate, missingVenvFacts({ project: deep({}) }));
    expect(r.status).toBe('pass');
    expect(r.findings.map((f) => f.severity)).toEqual(['pass', 'pass']);
    expect(r.findings.map((f) => f.message)).toEqual([
      'Created a venv with pip in 6.1 s (pip 23.0.1).',
      'THE OTHER CHECKS PREDICTED A FAILURE, BUT A REAL VENV WORKED: please report this, with --dump-facts, so venv-doctor can learn this system.',
    ]);
  });
  it('fails when python -m venv fails, as predicted, with its output', () => {
    const output =
      'Error: Command ... ensurepip ... returned non-zero exit status 1.\nThe virtual environment was not created.';
    const r = only(
      venvCreate,
      missingVenvFacts({ project: deep({ ok: false, failedStep: 'venv', durationMs: 950, output }) }),
    );
    expect(r).toMatchObject({
      status: 'fail',
      message: 'Creating a real venv failed after 0.9 s: `python -m venv` failed.',
      details: [
        'Error: Command ... ensurepip ... returned non-zero exit status 1.',
        'The virtual environment was not created.',
      ],
    });
  });
  it('a venv whose pip does not run, where success was predicted, asks to be reported', () => {
    const r = only(venvCreate, inProject(deep({ ok: false, failedStep: 'pip', durationMs: 3000, output: 'boom' })));
    expect(r.message).toBe(
      "Creating a real venv failed after 3.0 s: the new venv's pip did not run. THE OTHER CHECKS PREDICTED SUCCESS: this is a case venv-doctor does not know yet; please report it with --dump-facts.",
    );
  });
  it('without an interpreter probe nothing was predicted to work', () => {
    const f = inProject(deep({}), { python: { probe: null, owner: null, problem: { kind: 'failed', detail: 'x' } } });
    expect(only(venvCreate, f).findings).toHaveLength(2);
  });
  it('skips without --deep', () => {
    expect(only(venvCreate, inProject(project()))).toMatchObject({
      status: 'skip',
      message: 'Skipped: runs only with --deep.',
    });
    expect(venvCreate.skipIf?.(facts())).toBe('runs only with --deep');
    expect(venvCreate.skipIf?.(inProject(deep({})))).toBeNull();
    expect(venvCreate.run(inProject(project()))).toEqual([]);
    expect(venvCreate.run(facts())).toEqual([]);
  });
});
