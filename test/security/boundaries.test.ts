// Nothing outside the project changes, every read is bounded, nothing private is copied out, and an
// interrupt or a timeout ends everything venv-doctor started. The real CLI on hostile trees.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runStreaming } from '../../src/system.js';
import { NEEDS, READY_SYSTEM_PY } from '../helpers/cli.js';
import { CLI_ARGS, CLI_FILE, doctor, IS_ROOT, json, NO_APT, type Sandbox, SYSTEM_PY, sandbox } from './hostile.js';

let box: Sandbox;
afterEach(() => box?.cleanup());

/**
 * Polls until `ready()` or the child has exited, by the clock (a loaded CI machine stretches every timer:
 * a count of 10 ms sleeps gave out there while ensurepip was still starting).
 */
async function waitUntil(ready: () => boolean, child: ChildProcess, withinMs = 45_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!ready() && child.exitCode === null && child.signalCode === null && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** `venv-doctor --deep` on the machine alone, with its temporary files in `tmp`: the child and its exit code. */
function deepRun(tmp: string): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(CLI_FILE, [...CLI_ARGS, '--deep', '--json', '--python', SYSTEM_PY, '/'], {
    env: { ...process.env, CI: 'true', TMPDIR: tmp },
    stdio: 'ignore',
  });
  return { child, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

/** A half-made venv (what a failed `python3 -m venv` leaves): the planner wants to --clear it. */
function halfVenv(path: string) {
  mkdirSync(join(path, 'bin'), { recursive: true });
  writeFileSync(join(path, 'pyvenv.cfg'), 'home = /usr/bin\n');
  symlinkSync(SYSTEM_PY, join(path, 'bin/python'));
  writeFileSync(join(path, 'precious.txt'), 'keep me');
}

describe('the venv fix never reaches outside the project', { timeout: 60_000 }, () => {
  it('.venv -> ../victim: --fix --yes leaves the victim intact and says how to replace the link', () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    const victim = join(box.outside, 'victim');
    halfVenv(victim);
    symlinkSync(victim, join(box.dir, '.venv'));
    // A half-made venv inside the project is --cleared: the control that the plan would act here.
    const control = sandbox();
    control.write('pyproject.toml', '[project]\nname = "x"\n');
    halfVenv(join(control.dir, '.venv'));
    const planned = json(doctor(['--json', '--python', SYSTEM_PY, control.dir]));
    control.cleanup();
    expect(planned.fixes.some((f) => f.argv.includes('--clear'))).toBe(true);

    const run = doctor(['--json', '--fix', '--yes', ...NO_APT, '--python', SYSTEM_PY, box.dir]);
    const report = json(run);
    expect(readFileSync(join(victim, 'precious.txt'), 'utf8')).toBe('keep me');
    expect(report.fixes.filter((f) => f.manager === 'venv')).toEqual([]);
    expect(report.advice.join('\n')).toMatch(/symbolic link .*rm .*\.venv/);
  });

  it.each([
    ['/', '/'],
    ['/usr', '/usr'],
  ])('.venv -> %s: no --clear is planned', (target) => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    symlinkSync(target, join(box.dir, '.venv'));
    const report = json(doctor(['--json', '--fix', '--dry-run', '--python', SYSTEM_PY, box.dir]));
    expect(JSON.stringify(report.fixes)).not.toMatch(/--clear|"venv"/);
    expect(report.checks.find((c) => c.id === 'project-venv')?.message).toMatch(/outside the project/);
  });

  it('a dangling .venv link gets advice that works (rm the link, then create), not a --clear that fails', () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    symlinkSync(join(box.outside, 'gone'), join(box.dir, '.venv'));
    const report = json(doctor(['--json', '--python', SYSTEM_PY, box.dir]));
    expect(report.fixes.filter((f) => f.manager === 'venv')).toEqual([]);
    expect(report.advice.join('\n')).toContain(`rm ${join(box.dir, '.venv')}`);
  });

  it('a .venv directory that is not a venv is never emptied', () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    box.write('.venv/notes.txt', 'my notes');
    const run = doctor(['--json', '--fix', '--yes', ...NO_APT, '--python', SYSTEM_PY, box.dir]);
    expect(json(run).fixes.filter((f) => f.manager === 'venv')).toEqual([]);
    expect(readFileSync(join(box.dir, '.venv/notes.txt'), 'utf8')).toBe('my notes');
  });

  it.runIf(IS_ROOT)(
    "as root in another user's project, the venv fix becomes advice, never a root-owned venv (needs root)",
    () => {
      box = sandbox();
      box.write('pyproject.toml', '[project]\nname = "x"\n');
      halfVenv(join(box.dir, '.venv'));
      spawnSync('/bin/chown', ['-R', '65534:65534', box.dir]);
      chownSync(box.dir, 65534, 65534);
      const report = json(doctor(['--json', '--fix', '--yes', ...NO_APT, '--python', SYSTEM_PY, box.dir]));
      expect(report.fixes.filter((f) => f.manager === 'venv')).toEqual([]);
      expect(report.advice.join('\n')).toMatch(/belongs to uid 65534, and you are root: .* sudo -u '#65534' /);
      expect(existsSync(join(box.dir, '.venv/precious.txt'))).toBe(true);
      expect(statSync(join(box.dir, '.venv')).uid).toBe(65534);
    },
  );
});

describe('every read is bounded: a FIFO, a device or a tty is a finding, not a hang', { timeout: 60_000 }, () => {
  const fifo = (path: string) => {
    const made = spawnSync('/usr/bin/mkfifo', [path]);
    expect(made.status).toBe(0);
  };
  it.each([
    ['pyproject.toml', /pyproject\.toml is not a regular file/],
    ['.python-version', /\.python-version is not a regular file/],
    ['.venv/pyvenv.cfg', /pyvenv\.cfg is not a regular file/],
    ['.venv/bin/pip', /complete venv|has no pip|half-created/],
    ['.tool-versions', /./],
  ])('a FIFO at %s', (where, said) => {
    box = sandbox();
    if (where !== 'pyproject.toml') box.write('requirements.txt', '');
    if (where.startsWith('.venv/')) {
      const made = spawnSync(SYSTEM_PY, ['-m', 'venv', '--without-pip', join(box.dir, '.venv')]);
      expect(made.status).toBe(0);
      rmSync(join(box.dir, where), { force: true });
    }
    fifo(join(box.dir, where));
    const run = doctor(['--json', '--verbose', '--python', SYSTEM_PY, box.dir], { timeoutMs: 20_000 });
    expect(run.error).toBeUndefined();
    expect(run.ms).toBeLessThan(15_000);
    const text = json(run)
      .checks.map((c) => [c.message, ...c.details].join('\n'))
      .join('\n');
    expect(text).toMatch(said);
  });

  it.each(['/dev/tty', '/dev/zero', '/dev/null'])('pyvenv.cfg -> %s', (device) => {
    box = sandbox();
    box.write('requirements.txt', '');
    spawnSync(SYSTEM_PY, ['-m', 'venv', '--without-pip', join(box.dir, '.venv')]);
    rmSync(join(box.dir, '.venv/pyvenv.cfg'));
    symlinkSync(device, join(box.dir, '.venv/pyvenv.cfg'));
    const run = doctor(['--json', '--python', SYSTEM_PY, box.dir], { timeoutMs: 20_000 });
    expect(run.ms).toBeLessThan(15_000);
    expect(json(run).checks.find((c) => c.id === 'project-venv')?.message).toMatch(
      /pyvenv\.cfg is a symbolic link out/,
    );
  });
});

describe('nothing private is copied out', { timeout: 60_000 }, () => {
  it('a .python-version or pyproject.toml linked to a secret outside the project is not read', () => {
    box = sandbox();
    const secret = box.write(join(box.outside, 'secret'), 'TOKEN-3f9a1c\n');
    symlinkSync(secret, join(box.dir, '.python-version'));
    const dump = join(box.outside, 'facts.json');
    const run = doctor(['--json', '--python', SYSTEM_PY, '--dump-facts', dump, box.dir]);
    expect(run.stdout).not.toContain('TOKEN');
    expect(readFileSync(dump, 'utf8')).not.toContain('TOKEN');
    expect(json(run).checks.find((c) => c.id === 'python-version')?.message).toMatch(
      /\.python-version is a symbolic link out of the project/,
    );
    rmSync(join(box.dir, '.python-version'));
    symlinkSync(secret, join(box.dir, 'pyproject.toml'));
    const again = doctor(['--json', '--python', SYSTEM_PY, box.dir]);
    expect(again.stdout).not.toContain('TOKEN');
  });
});

describe('interrupts and timeouts end everything venv-doctor started', { timeout: 60_000 }, () => {
  it('Ctrl-C during --deep: the venv build is killed and its temporary directory removed', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'venv-doctor-sigint-'));
    try {
      const { child, exited } = deepRun(tmp);
      // Wait until the throwaway venv is being built, then interrupt.
      const building = () => readdirSync(tmp).some((n) => existsSync(join(tmp, n, 'venv')));
      await waitUntil(building, child);
      expect(building(), 'the throwaway venv was never started').toBe(true);
      expect(readdirSync(tmp).length).toBe(1);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(readdirSync(tmp)).toEqual([]);
      await new Promise((r) => setTimeout(r, 200));
      const left = readdirSync('/proc')
        .filter((p) => /^\d+$/.test(p))
        .filter((p) => {
          try {
            return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(tmp);
          } catch {
            return false;
          }
        });
      expect(left).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  // ensurepip runs only where the venv package is (a fresh Debian has none: venv fails before it).
  it.skipIf(!READY_SYSTEM_PY)(
    `Ctrl-C while ensurepip unpacks pip: its temporary files go with venv-doctor's directory ${NEEDS.readySystemPython}`,
    async () => {
      const tmp = mkdtempSync(join(tmpdir(), 'venv-doctor-sigint-pip-'));
      try {
        const { child, exited } = deepRun(tmp);
        // ensurepip's own temporary directory (tempfile's tmpXXXXXXXX), in TMPDIR or in venv-doctor's directory
        // there (two levels by hand: readdirSync's `recursive` is Node 18.17+).
        const isPipTemp = (name: string) => /^tmp[a-z0-9_]{8}$/.test(name);
        const pipTemp = () =>
          readdirSync(tmp).some(
            (name) =>
              isPipTemp(name) ||
              (() => {
                try {
                  return readdirSync(join(tmp, name)).some(isPipTemp);
                } catch {
                  return false; // not a directory, or gone meanwhile
                }
              })(),
          );
        await waitUntil(pipTemp, child);
        expect(pipTemp(), 'ensurepip never made its temporary directory').toBe(true);
        child.kill('SIGINT');
        expect(await exited).toBe(130);
        expect(readdirSync(tmp)).toEqual([]);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  );

  it('a fix that times out is stopped with everything under it (the whole process group)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'venv-doctor-timeout-'));
    try {
      const pidFile = join(dir, 'pid');
      const started = Date.now();
      const code = await runStreaming(
        ['/bin/sh', '-c', `sleep 60 & echo $! > '${pidFile}'; wait`],
        true,
        process.env,
        500,
      );
      expect(code).toBeNull();
      expect(Date.now() - started).toBeLessThan(5_000);
      const pid = Number(readFileSync(pidFile, 'utf8'));
      await new Promise((r) => setTimeout(r, 100));
      expect(existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a fix is run by absolute path only', async () => {
    expect(await runStreaming(['apt-get', 'update'], true, process.env, 1_000)).toBeNull();
  });
});
