// Round 3's low findings, each as it was reproduced: a sparse multi-GB .gitignore (git allocated ~1 GB before
// its 5 s kill, and the check was then skipped without a word), and a replayed facts file whose interpreter
// is any program (the planned fix became `/usr/bin/perl -I -m venv ...`, which runs ./venv).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { doctor, GIT, json, type Sandbox, SYSTEM_PY, sandbox } from './hostile.js';

let box: Sandbox;
afterEach(() => box?.cleanup());

describe.skipIf(!GIT)('an ignore file too large to hand to git (needs git)', { timeout: 60_000 }, () => {
  it('a sparse 4 GiB .gitignore: git is not asked, and the gitignore check says why as a warning', () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    spawnSync(GIT as string, ['init', '-q', box.dir]);
    writeFileSync(join(box.dir, '.gitignore'), '.venv/\n');
    truncateSync(join(box.dir, '.gitignore'), 4 * 1024 ** 3);
    const run = doctor(['--json', '--python', SYSTEM_PY, box.dir]);
    const check = json(run).checks.find((c) => c.id === 'gitignore');
    expect(check?.status).toBe('warn');
    expect(check?.findings[0]?.message).toBe(
      `venv-doctor could not ask git whether .venv/ is ignored: ${join(box.dir, '.gitignore')} is larger than 1 MiB (4294967296 bytes), so git, which reads it whole, was not asked.`,
    );
    // A hang guard, not a timing target: git's own read of 4 GiB would have taken its whole 5 s timeout.
    expect(run.ms).toBeLessThan(5_000);
  });
});

describe('a replayed facts file cannot plan a program that is not a Python', { timeout: 60_000 }, () => {
  it('python.command /usr/bin/perl: the venv fix is advice, never `/usr/bin/perl -I -m venv`', () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    mkdirSync(join(box.dir, '.venv/bin'), { recursive: true });
    writeFileSync(join(box.dir, '.venv/pyvenv.cfg'), 'home = /usr/bin\n');
    symlinkSync(SYSTEM_PY, join(box.dir, '.venv/bin/python'));
    const dump = join(box.outside, 'facts.json');
    doctor(['--json', '--python', SYSTEM_PY, '--dump-facts', dump, box.dir]);
    const live = json(doctor(['--json', '--facts', dump]));
    expect(live.fixes.map((f) => f.argv[0])).toContain(SYSTEM_PY);
    const facts = JSON.parse(readFileSync(dump, 'utf8'));
    facts.python.command = '/usr/bin/perl';
    facts.python.resolved = '/usr/bin/perl';
    const forged = join(box.outside, 'forged.json');
    writeFileSync(forged, JSON.stringify(facts));
    const replay = json(doctor(['--json', '--facts', forged]));
    expect(replay.fixes.filter((f) => f.manager === 'venv')).toEqual([]);
    expect(JSON.stringify(replay.fixes)).not.toContain('perl');
  });
});

describe.skipIf(!GIT)("the venv's own .gitignore, too large (needs git)", { timeout: 60_000 }, () => {
  it('a sparse 4 GiB .venv/.gitignore (git reads it when asked about .venv/pyvenv.cfg): not handed to git', () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    spawnSync(GIT as string, ['init', '-q', box.dir]);
    mkdirSync(join(box.dir, '.venv'));
    writeFileSync(join(box.dir, '.venv/.gitignore'), '*\n');
    truncateSync(join(box.dir, '.venv/.gitignore'), 4 * 1024 ** 3);
    const check = json(doctor(['--json', '--python', SYSTEM_PY, box.dir])).checks.find((c) => c.id === 'gitignore');
    expect(check?.status).toBe('warn');
    expect(check?.findings[0]?.message).toContain(`${join(box.dir, '.venv/.gitignore')} is larger than 1 MiB`);
  });
});

describe.skipIf(process.getuid?.() !== 0)(
  'a group-writable directory on the way, as root (an ACL shows as g+w) (needs root)',
  () => {
    it('root-owned, g+w for group 0: the venv fix is advice that says so', () => {
      box = sandbox();
      box.write('pyproject.toml', '[project]\nname = "x"\n');
      mkdirSync(join(box.dir, '.venv/bin'), { recursive: true });
      writeFileSync(join(box.dir, '.venv/pyvenv.cfg'), 'home = /usr/bin\n');
      symlinkSync(SYSTEM_PY, join(box.dir, '.venv/bin/python'));
      chmodSync(box.dir, 0o775);
      const report = json(doctor(['--json', '--skip', 'ensurepip,venv', '--python', SYSTEM_PY, box.dir]));
      expect(report.fixes.filter((f) => f.manager === 'venv')).toEqual([]);
      expect(report.advice.join('\n')).toContain(`${box.dir} is writable by group 0 (or by a user an ACL names)`);
    });
  },
);

describe('--dump-facts into a directory of the project that another user can change', () => {
  it('reports/ writable by every user (it could be swapped for a link during the write): refused, exit 2', () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    mkdirSync(join(box.dir, 'reports'));
    chmodSync(join(box.dir, 'reports'), 0o777);
    const run = doctor(['--json', '--python', SYSTEM_PY, '--dump-facts', join(box.dir, 'reports/facts.json'), box.dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `${join(box.dir, 'reports')} is writable by every user, so another user could redirect the file out of the project: not written`,
    );
  });
});
