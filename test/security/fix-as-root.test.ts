// Round 3 of the attacks (issue "No way in, round 3"), finding 1: `--fix --yes` as root on a project where a
// second local user (uid 1000, through setpriv) owns the venv or a directory on the way to it. Reproduced
// before the fix: root ran `python3 -I -m venv --clear .venv` in a venv of uid 1000's, whose planted
// ensurepip.py then ran as root (Python 3.11+ starts `-m ensurepip` from inside the venv, without -I); a
// pyvenv.cfg link made root write a file outside the project; swapping `sub/.venv` for a link right after the
// check made --clear empty a directory outside the project. Each is now a test that must hold.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkVenvTarget, guardVenvFix, venvFixEnv } from '../../src/fixes/venv-target.js';
import { realSystem } from '../../src/system.js';
import type { Facts } from '../../src/types.js';
import { pyenvPython } from '../helpers/cli.js';
import { doctor, IS_ROOT, json, NO_APT, type Sandbox, SYSTEM_PY, sandbox } from './hostile.js';

const OTHER = 1000;
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p)) ?? null;
const CAN_BE_OTHER = IS_ROOT && SETPRIV !== null;
const NEEDS_OTHER = '(needs root and setpriv, for a second user uid 1000)';

let box: Sandbox;
afterEach(() => box?.cleanup());

/** A sandbox the second user can walk into (mkdtemp's 0700 would stop it at the door). */
function sharedSandbox(): Sandbox {
  box = sandbox();
  chmodSync(join(box.dir, '..'), 0o755);
  chmodSync(box.dir, 0o755);
  chmodSync(box.outside, 0o755);
  return box;
}

/** A venv directory with a planted ensurepip.py and encodings/, and a pyvenv.cfg that is a link out. */
function plantedVenv(venv: string, victimFile: string): void {
  mkdirSync(join(venv, 'bin'), { recursive: true });
  mkdirSync(join(venv, 'encodings'), { recursive: true });
  const mark = (name: string) => `open(${JSON.stringify(join(box.outside, 'marks', name))}, 'w').close()\n`;
  writeFileSync(join(venv, 'ensurepip.py'), mark('ensurepip.py'));
  writeFileSync(join(venv, 'encodings/__init__.py'), mark('encodings'));
  symlinkSync(victimFile, join(venv, 'pyvenv.cfg'));
  symlinkSync(SYSTEM_PY, join(venv, 'bin/python'));
}

describe.skipIf(!CAN_BE_OTHER)(
  `--fix --yes as root, with a second user on the machine ${NEEDS_OTHER}`,
  {
    timeout: 120_000,
  },
  () => {
    it("a venv of uid 1000's in root's project: advice naming the owner, nothing of the venv runs or is followed", () => {
      sharedSandbox();
      box.write('pyproject.toml', '[project]\nname = "x"\n');
      const victim = box.write(join(box.outside, 'victim.cfg'), 'root-owned, must stay\n');
      const venv = join(box.dir, '.venv');
      plantedVenv(venv, victim);
      spawnSync('/bin/chown', ['-hR', `${OTHER}:${OTHER}`, venv]);
      const run = doctor(['--json', '--fix', '--yes', ...NO_APT, '--python', SYSTEM_PY, box.dir], {
        timeoutMs: 60_000,
      });
      const report = json(run);
      expect(report.fixes.filter((f) => f.manager === 'venv')).toEqual([]);
      expect(report.advice.join('\n')).toContain(`${venv} belongs to uid ${OTHER}`);
      expect(report.advice.join('\n')).toContain(`sudo -u '#${OTHER}'`);
      expect(box.marks()).toEqual([]);
      expect(readFileSync(victim, 'utf8')).toBe('root-owned, must stay\n');
      expect(lstatSync(join(venv, 'pyvenv.cfg')).isSymbolicLink()).toBe(true);
    });

    it('a directory on the way that uid 1000 owns, swapped for a link in a loop: the outside is never emptied', async () => {
      sharedSandbox();
      box.write('pyproject.toml', '[project]\nname = "x"\n[tool.venv-doctor]\nvenv = "sub/.venv"\n');
      const outsideDir = join(box.outside, 'precious');
      mkdirSync(outsideDir);
      writeFileSync(join(outsideDir, 'keep'), 'root-owned, must stay\n');
      const sub = join(box.dir, 'sub');
      mkdirSync(join(sub, '.venv/bin'), { recursive: true });
      writeFileSync(join(sub, '.venv/pyvenv.cfg'), 'home = /usr/bin\n'); // half-created: --clear is planned
      symlinkSync(SYSTEM_PY, join(sub, '.venv/bin/python'));
      chownSync(sub, OTHER, OTHER);
      // uid 1000 flips sub/.venv between the real directory and a link to the precious directory, for 20 s at most.
      const loop = `end=$(($(date +%s)+20)); while [ $(date +%s) -lt $end ]; do mv -T .venv .real 2>/dev/null; ln -s '${outsideDir}' .venv; rm -f .venv; mv -T .real .venv 2>/dev/null; done`;
      const swapper = spawn(
        SETPRIV as string,
        ['--reuid', `${OTHER}`, '--regid', `${OTHER}`, '--clear-groups', '/bin/sh', '-c', loop],
        {
          cwd: sub,
          stdio: 'ignore',
        },
      );
      const said: string[] = [];
      const exited = new Promise((resolve) => swapper.once('exit', resolve));
      try {
        for (let round = 0; round < 5; round++) {
          const run = doctor(['--json', '--fix', '--yes', ...NO_APT, '--python', SYSTEM_PY, box.dir], {
            timeoutMs: 60_000,
          });
          const report = json(run);
          expect(report.fixes.filter((f) => f.manager === 'venv')).toEqual([]);
          expect(readdirSync(outsideDir)).toEqual(['keep']);
          said.push(...report.advice);
        }
      } finally {
        swapper.kill('SIGKILL');
      }
      // With the swapper stopped and the venv put back, the advice says why venv-doctor will not touch it.
      await exited;
      const real = join(sub, '.real');
      if (existsSync(real)) {
        rmSync(join(sub, '.venv'), { force: true });
        renameSync(real, join(sub, '.venv'));
      }
      said.push(...json(doctor(['--json', '--python', SYSTEM_PY, box.dir])).advice);
      expect(said.some((a) => a.includes(`${sub} belongs to uid ${OTHER}`))).toBe(true);
    });
  },
);

describe('the place is checked again right before the command (guardVenvFix, on real directories)', () => {
  /** The facts that matter to the guard, as the diagnosis gathered them. */
  async function diagnosed(dir: string, name = '.venv'): Promise<Facts> {
    const system = realSystem(dir);
    const venvTarget = await checkVenvTarget(system, dir, join(dir, name), system.gid ?? null);
    return { project: { dir, cwd: dir, venvTarget } } as unknown as Facts;
  }
  const argv = ['/usr/bin/python3', '-I', '-m', 'venv', '--clear', '.venv'];

  it('unchanged: the command names the venv by its absolute path', async () => {
    box = sandbox();
    mkdirSync(join(box.dir, '.venv'));
    const facts = await diagnosed(box.dir);
    expect(await guardVenvFix(realSystem(box.dir), facts, argv)).toEqual({
      argv: [...argv.slice(0, -1), join(box.dir, '.venv')],
    });
  });
  it('the venv swapped for a link to a directory outside: refused', async () => {
    box = sandbox();
    mkdirSync(join(box.dir, '.venv'));
    const facts = await diagnosed(box.dir);
    rmSync(join(box.dir, '.venv'), { recursive: true });
    symlinkSync(box.outside, join(box.dir, '.venv'));
    const guarded = await guardVenvFix(realSystem(box.dir), facts, argv);
    expect(guarded).toEqual({
      refused: `${join(box.dir, '.venv')}: ${join(box.dir, '.venv')} is a symbolic link. Run venv-doctor again.`,
    });
  });
  it('the venv replaced by another directory, or made since: refused', async () => {
    box = sandbox();
    mkdirSync(join(box.dir, '.venv'));
    const facts = await diagnosed(box.dir);
    renameSync(join(box.dir, '.venv'), join(box.dir, 'old'));
    mkdirSync(join(box.dir, '.venv'));
    expect(await guardVenvFix(realSystem(box.dir), facts, argv)).toMatchObject({
      refused: expect.stringContaining('has been replaced since the diagnosis'),
    });
    const fresh = sandbox();
    try {
      const before = await diagnosed(fresh.dir);
      mkdirSync(join(fresh.dir, '.venv'));
      expect(await guardVenvFix(realSystem(fresh.dir), before, argv)).toMatchObject({
        refused: expect.stringContaining('has appeared since the diagnosis'),
      });
    } finally {
      fresh.cleanup();
    }
  });
  it('a directory on the way replaced by a link (sub -> elsewhere): refused', async () => {
    box = sandbox();
    mkdirSync(join(box.dir, 'sub/.venv'), { recursive: true });
    const facts = await diagnosed(box.dir, 'sub/.venv');
    renameSync(join(box.dir, 'sub'), join(box.outside, 'sub'));
    symlinkSync(join(box.outside, 'sub'), join(box.dir, 'sub'));
    const guarded = await guardVenvFix(realSystem(box.dir), facts, [...argv.slice(0, -1), 'sub/.venv']);
    expect(guarded).toEqual({
      refused: `${join(box.dir, 'sub/.venv')}: ${join(box.dir, 'sub')} is a symbolic link. Run venv-doctor again.`,
    });
  });
  it('a venv that others can write: refused', async () => {
    box = sandbox();
    mkdirSync(join(box.dir, '.venv'));
    const facts = await diagnosed(box.dir);
    chmodSync(join(box.dir, '.venv'), 0o777);
    expect(await guardVenvFix(realSystem(box.dir), facts, argv)).toMatchObject({
      refused: expect.stringContaining('is writable by every user'),
    });
  });
});

const PY312 = pyenvPython('3.12.1');
describe.skipIf(!existsSync(PY312))(
  'the environment of the venv command (needs pyenv 3.12.1)',
  { timeout: 120_000 },
  () => {
    it("venv's own `-m ensurepip` imports nothing planted in the venv directory: PYTHONSAFEPATH (and the attack without it)", () => {
      box = sandbox();
      const attempt = (name: string, env: Record<string, string | undefined>) => {
        const venv = join(box.dir, name);
        mkdirSync(venv);
        writeFileSync(
          join(venv, 'ensurepip.py'),
          `open(${JSON.stringify(join(box.outside, 'marks', name))}, 'w').close()\nraise SystemExit(0)\n`,
        );
        return spawnSync(PY312, ['-I', '-m', 'venv', venv], { cwd: '/', env, encoding: 'utf8', timeout: 90_000 });
      };
      const base = { PATH: '/usr/bin:/bin', HOME: process.env.HOME };
      // Control: the attack is real without it.
      attempt('plain', base);
      expect(box.marks()).toEqual(['plain']);
      const guarded = attempt(
        'guarded',
        venvFixEnv({ ...base, PYTHONPATH: box.dir, PYTHONSTARTUP: join(box.dir, 'x.py') }),
      );
      expect(guarded.status).toBe(0);
      expect(box.marks()).toEqual(['plain']);
      expect(existsSync(join(box.dir, 'guarded/bin/pip'))).toBe(true);
    });
  },
);
