// The shapes of real venvs the zoo found misjudged, over Facts built in memory: a venv made through a
// symbolic link to its directory, a .venv that is itself a link (and what git makes of it), a second venv.
import { describe, expect, it } from 'vitest';
import { check as gitignore } from '../../checks/gitignore.js';
import { check as projectVenv } from '../../checks/project-venv.js';
import { check as venvActive } from '../../checks/venv-active.js';
import { check as venvRelocated } from '../../checks/venv-relocated.js';
import { runChecks } from '../../src/judge/run-checks.js';
import type { Check, Facts } from '../../src/types.js';
import { facts, healthyVenv, project } from '../helpers/facts.js';

function only(check: Check, f: Facts) {
  const [result] = runChecks([check], f, () => 0);
  if (!result) throw new Error('no result');
  return result;
}

describe('a venv made through a symbolic link to the project (cd ~/link/app && python3 -m venv .venv)', () => {
  const throughLink = {
    activateVirtualEnv: '/home/u/link/app/.venv',
    shebangs: [{ script: 'pip', interpreter: '/home/u/link/app/.venv/bin/python3' }],
  };
  it('is where it was made: its scripts name the same directory by another path', () => {
    const venv = healthyVenv({ ...throughLink, namedAs: ['/home/u/link/app/.venv'] });
    expect(only(venvRelocated, facts({ project: project({ venv }) }))).toMatchObject({
      status: 'pass',
      message: '.venv is where it was made (2 scripts checked).',
    });
  });
  it('a directory that is another place (a copy) is still moved', () => {
    const venv = healthyVenv({ ...throughLink, namedAs: [] });
    expect(only(venvRelocated, facts({ project: project({ venv }) })).status).toBe('fail');
  });
});

describe('a .venv that is a symbolic link, and git', () => {
  const linked = project({
    venv: healthyVenv({ link: 'envs/app' }),
    git: { workTree: true, venvIgnored: false, problem: null },
  });
  it('not ignored: says why `.venv/` does not match it, and the line that does', () => {
    const r = only(gitignore, facts({ project: linked }));
    expect(r.findings).toEqual([
      {
        severity: 'warn',
        message:
          'git does not ignore .venv, a symbolic link: git tracks the link itself, which a `.venv/` line (for directories only) does not match, so it shows up in `git status` and could be committed.',
        remedy: { kind: 'advice', text: 'Add this line to /srv/app/.gitignore: .venv' },
      },
    ]);
  });
  it('ignored: named without the slash', () => {
    const ignored = { ...linked, git: { workTree: true, venvIgnored: true, problem: null } };
    expect(only(gitignore, facts({ project: ignored })).message).toBe('git ignores .venv.');
  });
});

describe('a second venv beside the one judged', () => {
  it('is named, so that nobody wonders which Python the project runs', () => {
    const r = only(projectVenv, facts({ project: project({ venv: healthyVenv(), otherVenvs: ['venv'] }) }));
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      '.venv is a complete venv of Python 3.11.2. venv/ beside it is another venv, not the one judged here: remove what is not used.',
    );
  });
});

describe('the zoo, second round', () => {
  it('activated by a path through a symbolic link: the project venv is active', () => {
    const f = facts({
      project: project({
        venv: healthyVenv(),
        virtualEnv: { path: '/home/u/link/app/.venv', exists: true, realPath: '/srv/app/.venv' },
      }),
    });
    expect(only(venvActive, f)).toMatchObject({ status: 'pass', message: "The project's venv .venv is active." });
    const elsewhere = facts({
      project: project({ venv: healthyVenv(), virtualEnv: { path: '/x/.venv', exists: true, realPath: '/x/.venv' } }),
    });
    expect(only(venvActive, elsewhere).status).toBe('warn');
  });
  it('bin/python3 without bin/python: broken, since `python` after activation is another one', () => {
    const venv = healthyVenv({
      interpreter: {
        path: '/srv/app/.venv/bin/python3',
        link: '/usr/bin/python3',
        resolved: '/usr/bin/python3.11',
        missing: null,
      },
    });
    const r = only(projectVenv, facts({ project: project({ venv }) }));
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      '.venv has no bin/python (only bin/python3): once it is activated, `python` runs whatever comes next on PATH.',
    );
    expect(r.findings[0]?.remedy).toMatchObject({ kind: 'venv-create', clear: true });
  });
  it('a second venv git does not ignore: a warning and its line, beside the verdict on the first', () => {
    const git = { workTree: true, venvIgnored: true, problem: null, othersNotIgnored: ['venv'] };
    const r = only(gitignore, facts({ project: project({ venv: healthyVenv(), otherVenvs: ['venv'], git }) }));
    expect(r.status).toBe('warn');
    expect(r.findings).toEqual([
      { severity: 'pass', message: 'git ignores .venv/.' },
      {
        severity: 'warn',
        message:
          'git does not ignore venv/, another venv beside .venv: its files would show up in `git status` and could be committed.',
        remedy: { kind: 'advice', text: 'Add this line to /srv/app/.gitignore: venv/' },
      },
    ]);
  });
});

describe('the review, second round', () => {
  it('a .venv link ignored, but not the directory of the project it leads to: a warning and that line', () => {
    const git = { workTree: true, venvIgnored: true, problem: null, targetNotIgnored: 'envs/py311' };
    const venv = healthyVenv({ link: 'envs/py311', realPath: '/srv/app/envs/py311' });
    expect(only(gitignore, facts({ project: project({ venv, git }) })).findings).toEqual([
      {
        severity: 'warn',
        message:
          "git ignores the link .venv, but not envs/py311/, the directory it leads to, where the venv's files are: they would show up in `git status` and could be committed.",
        remedy: { kind: 'advice', text: 'Add this line to /srv/app/.gitignore: envs/py311/' },
      },
    ]);
  });
});

describe('gitignore: other venvs, counted', () => {
  const withGit = (git: Parameters<typeof project>[0]) => facts({ project: project({ venv: healthyVenv(), ...git }) });
  it('two other venvs: both named once, "other venvs", "their", "these lines"; a trailing slash is not doubled', () => {
    const git = { workTree: true, venvIgnored: true, problem: null, othersNotIgnored: ['venv/', 'env'] };
    const r = only(gitignore, withGit({ git, otherVenvs: ['venv/', 'env'] }));
    expect(r.findings[1]).toEqual({
      severity: 'warn',
      message:
        'git does not ignore venv/, env/, other venvs beside .venv: their files would show up in `git status` and could be committed.',
      remedy: { kind: 'advice', text: 'Add these lines to /srv/app/.gitignore: venv/ env/' },
    });
  });
  it('without git facts there is nothing to say (the check is skipped before)', () => {
    expect(gitignore.run(withGit({ git: null }))).toEqual([]);
  });
});
