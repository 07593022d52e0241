// Round 3, finding 2: a mise (or asdf) shim on PATH ran the project's mise.toml during a plain diagnosis
// ([env] _.source = "./evil.sh", with the project trusted as jdx/mise-action trusts it), and flipped the
// verdict when untrusted. The shims are now never run: what they would run is read from their files (the
// nearest mise.toml / .tool-versions, the tool's install directory) and that interpreter is judged by its real
// path. The layouts below are mise's and asdf's documented ones, with a real interpreter (pyenv's) installed in
// them; each shim is a script that leaves a mark if anything starts it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pyenvPython } from '../helpers/cli.js';
import { doctor, json, type Sandbox, sandbox } from './hostile.js';

const REAL = pyenvPython('3.12.1');
let box: Sandbox;
afterEach(() => box?.cleanup());

/** A home with mise's (or asdf's) shims and Python 3.12.1 installed where the tool keeps it. */
function home(tool: 'mise' | 'asdf'): { home: string; shims: string } {
  const home = join(box.outside, 'home');
  const data = tool === 'mise' ? join(home, '.local/share/mise') : join(home, '.asdf');
  const shims = join(data, 'shims');
  for (const name of ['python3', 'python', 'python3.12'])
    box.write(join(shims, name), box.planted(`${tool}-shim-${name}`), true);
  const bin = join(data, 'installs/python/3.12.1/bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(REAL, join(bin, 'python3'));
  symlinkSync(REAL, join(bin, 'python3.12'));
  return { home, shims };
}

describe.skipIf(!existsSync(REAL))(
  'asdf and mise shims are never run (needs pyenv 3.12.1)',
  { timeout: 60_000 },
  () => {
    it("mise: the project's mise.toml is read as data; [env] _.source never runs; Python judged is the one mise selects", () => {
      box = sandbox();
      const { home: HOME, shims } = home('mise');
      box.write('mise.toml', '[tools]\npython = "3.12"\n\n[env]\n_.source = "./evil.sh"\n');
      box.write('evil.sh', box.planted('evil.sh'), true);
      box.write('pyproject.toml', '[project]\nname = "x"\nrequires-python = ">=3.12"\n');
      const env = { HOME, PATH: `${shims}:/usr/bin:/bin`, MISE_TRUSTED_CONFIG_PATHS: box.dir, MISE_YES: '1' };
      const report = json(doctor(['--json'], { cwd: box.dir, env }));
      expect(box.marks()).toEqual([]);
      expect(report.python).toMatchObject({ version: '3.12.1', shim: 'mise' });
      const python = report.checks.find((c) => c.id === 'python');
      expect(python?.findings[0]?.details).toContain(
        `mise selects Python 3.12 (${join(box.dir, 'mise.toml')}); its shim is not run`,
      );
    });

    it('mise: a version that is not installed is "not judged", with the way to install it; nothing runs, nothing downloads', () => {
      box = sandbox();
      const { home: HOME, shims } = home('mise');
      box.write('.mise.toml', '[tools]\npython = "3.99"\n[hooks]\nenter = "touch /tmp/never"\n');
      box.write('pyproject.toml', '[project]\nname = "x"\n');
      const run = doctor(['--json'], { cwd: box.dir, env: { HOME, PATH: `${shims}:/usr/bin:/bin` } });
      const report = json(run);
      expect(run.status).toBe(1);
      expect(box.marks()).toEqual([]);
      const python = report.checks.find((c) => c.id === 'python');
      expect(python?.status).toBe('fail');
      expect(python?.findings[0]?.message).toContain('is a mise shim, which venv-doctor never runs');
      expect(python?.findings[0]?.message).toContain('mise selects Python 3.99');
      expect(report.advice.join('\n')).toContain('mise install python@3.99');
    });

    it('asdf: .tool-versions in the project selects the version; the shim never runs', () => {
      box = sandbox();
      const { home: HOME, shims } = home('asdf');
      box.write('.tool-versions', 'nodejs 20.1.0\npython 3.12.1 3.11.7\n');
      box.write('pyproject.toml', '[project]\nname = "x"\n');
      const report = json(doctor(['--json'], { cwd: box.dir, env: { HOME, PATH: `${shims}:/usr/bin:/bin` } }));
      expect(box.marks()).toEqual([]);
      expect(report.python).toMatchObject({ version: '3.12.1', shim: 'asdf' });
    });

    it('asdf "system": the next python3 on PATH after the shims, not the shim', () => {
      box = sandbox();
      const { home: HOME, shims } = home('asdf');
      box.write(join(HOME, '.tool-versions'), 'python system\n');
      const report = json(doctor(['--json', '/'], { env: { HOME, PATH: `${shims}:/usr/bin:/bin` } }));
      expect(box.marks()).toEqual([]);
      expect(report.python).toMatchObject({ executable: '/usr/bin/python3.11', source: 'distro', shim: 'asdf' });
    });
  },
);

// Round 3, finding 5: the project is $HOME (it draws no trust line: ~/.pyenv, ~/.local/bin are the user's
// tools), and python3 on PATH is the interpreter of a venv inside it: its .pth files ran in the probe.
describe('a venv of the project on PATH when the project is $HOME', { timeout: 60_000 }, () => {
  it("its real interpreter is judged, by its real path and without site: no .pth runs, its pyvenv.cfg's home is not obeyed", () => {
    box = sandbox();
    const HOME = box.dir;
    const venv = join(HOME, '.venv');
    const made = spawnSync('/usr/bin/python3', ['-m', 'venv', '--without-pip', venv], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const xy = spawnSync(join(venv, 'bin/python'), ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], {
      encoding: 'utf8',
    }).stdout.trim();
    const site = join(venv, `lib/python${xy}/site-packages`);
    box.write(join(site, 'pip/__init__.py'), '');
    const mark = join(box.outside, 'marks', 'pth');
    box.write(join(site, 'evil.pth'), `import os; open(${JSON.stringify(mark)}, 'w').close()\n`);
    // Control: the .pth runs when that python starts with site.
    spawnSync(join(venv, 'bin/python3'), ['-I', '-c', '0']);
    expect(box.marks()).toEqual(['pth']);
    rmSync(mark);
    const report = json(doctor(['--json'], { cwd: HOME, env: { HOME, PATH: `${join(venv, 'bin')}:/usr/bin:/bin` } }));
    expect(box.marks()).toEqual([]);
    expect(report.python).toMatchObject({ inVenv: false, executable: '/usr/bin/python3.11' });
  });
});

// Round 4 (a second review of the fixes above): shims where the data directory is not the default one, a
// link to the mise binary, and an install directory that leads into the project.
describe.skipIf(!existsSync(REAL))(
  'shims found by what they are, not only where (needs pyenv 3.12.1)',
  { timeout: 60_000 },
  () => {
    it('ASDF_DATA_DIR and MISE_DATA_DIR elsewhere, and a shim that is a link to a mise binary: none runs', () => {
      box = sandbox();
      const HOME = join(box.outside, 'home');
      const asdfData = join(HOME, '.local/share/asdf');
      box.write(join(asdfData, 'shims/python3'), box.planted('asdf-xdg-shim'), true);
      const miseData = join(box.outside, 'mise-data');
      const mise = box.write(join(miseData, 'bin/mise'), box.planted('mise-binary'), true);
      mkdirSync(join(miseData, 'shims'), { recursive: true });
      symlinkSync(mise, join(miseData, 'shims/python3'));
      box.write('pyproject.toml', '[project]\nname = "x"\n');
      for (const [PATH, env] of [
        [`${join(asdfData, 'shims')}:/usr/bin:/bin`, { ASDF_DATA_DIR: asdfData }],
        [`${join(miseData, 'shims')}:/usr/bin:/bin`, { MISE_DATA_DIR: miseData }],
        [`${join(miseData, 'shims')}:/usr/bin:/bin`, {}],
      ] as const) {
        const report = json(doctor(['--json'], { cwd: box.dir, env: { HOME, PATH, ...env } }));
        expect(box.marks(), PATH).toEqual([]);
        expect(report.checks.find((c) => c.id === 'python')?.findings[0]?.message).toContain(
          'which venv-doctor never runs',
        );
      }
    });
    it("an installed version that is a link into the project is not run: it is the project's program", () => {
      box = sandbox();
      const { home: HOME, shims } = home('mise');
      const evil = box.write('evil/bin/python3', box.planted('project-python'), true);
      symlinkSync(join(box.dir, 'evil'), join(HOME, '.local/share/mise/installs/python/3.12.9'));
      box.write('mise.toml', '[tools]\npython = "3.12"\n');
      const report = json(doctor(['--json'], { cwd: box.dir, env: { HOME, PATH: `${shims}:/usr/bin:/bin` } }));
      expect(evil).toMatch(/python3$/);
      expect(box.marks()).toEqual([]);
      expect(report.checks.find((c) => c.id === 'python')?.findings[0]?.message).toContain('is inside the project');
    });
  },
);
