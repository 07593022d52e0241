// The zoo: real venvs made on this machine by the real tools (python3 -m venv, pyenv's Pythons, Debian's
// virtualenv), broken the ways users break them, each judged by the doctor. The doctor's verdict is
// compared with GROUND TRUTH found without the doctor: the venv's own bin/python is run (sys.prefix,
// `-m pip --version`), bin/activate is sourced by bash, bin/pip is run through its #! line, and git is
// asked with `git status --porcelain`. What the entry means to make is asserted first ("zoo:"), so that a
// zoo entry that no longer makes what its title says fails as such, not as a verdict of the doctor.
//
// Nothing here knows how the doctor reaches its verdict: the assertions say what is true of the venv.
import { spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { CheckResult, Report } from '../../src/types.js';
import {
  CLI,
  CLI_ARGS,
  CLI_FILE,
  GIT,
  NEEDS,
  PYENV_ROOT,
  READY_SYSTEM_PY,
  SYSTEM_PY,
  VIRTUALENV,
} from '../helpers/cli.js';

export { CLI, GIT, SYSTEM_PY, VIRTUALENV };

/** Each entry makes real venvs: seconds apiece with pip. */
export const ENTRY_TIMEOUT = 90_000;

// ---------------------------------------------------------------------------------------------------------
// Running things

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
  /** ENOENT, ETIMEDOUT ...: it did not run, or was killed. */
  error: string | null;
}

/** The environment of a user's shell with no venv active and nothing that steers Python elsewhere. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', NO_COLOR: '1', ...extra };
  for (const name of ['VIRTUAL_ENV', 'PYTHONHOME', 'PYTHONPATH', 'PYTHONSTARTUP', 'PIP_REQUIRE_VIRTUALENV']) {
    if (!(name in extra)) delete env[name];
  }
  // pip must never try the network (the zoo is offline; pip --version does not, but be sure).
  env.PIP_NO_INDEX = '1';
  env.PIP_DISABLE_PIP_VERSION_CHECK = '1';
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete env[k];
  return env;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Milliseconds; then the process is killed (default 60 s). */
  timeout?: number;
}

/**
 * Runs a program without blocking the test worker (a zoo entry runs for seconds): its output, exit status,
 * and the error when it could not run at all (ENOENT: the program, or the interpreter its #! names, is missing).
 */
export function run(argv: string[], options: RunOptions = {}): Promise<Ran> {
  const [file, ...args] = argv;
  if (!file) throw new Error('run: empty argv');
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let error: string | null = null;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      error = 'ETIMEDOUT';
      child.kill('SIGKILL');
    }, options.timeout ?? 60_000);
    child.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status: error ? null : status, stdout, stderr, error });
    });
  });
}

/** Runs a step of making the zoo: it must succeed. */
export async function must(argv: string[], options: RunOptions = {}): Promise<Ran> {
  const r = await run(argv, { timeout: 120_000, ...options });
  if (r.status !== 0) {
    throw new Error(`zoo: ${argv.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`.slice(0, 4000));
  }
  return r;
}

/** A shell step (mv, cp -a, ln -s, rm), as a user types it. */
export function sh(script: string, cwd?: string): Promise<Ran> {
  return must(['/bin/sh', '-ec', script], cwd ? { cwd } : {});
}

// ---------------------------------------------------------------------------------------------------------
// The places

/** A fresh directory under os.tmpdir() for one test file's zoo; removed by cleanup(). */
export function zooRoot(name: string): string {
  return realpathSync(mkdtempSync(join(tmpdir(), `venv-doctor-zoo-${name}-`)));
}

export function cleanup(root: string): void {
  if (root) rmSync(root, { recursive: true, force: true });
}

export interface ProjectOptions {
  /** requires-python in pyproject.toml; null: a [project] without it. */
  requires?: string | null;
  /** The .gitignore; null: no .gitignore. Default: ".venv/\n". */
  gitignore?: string | null;
  /** git init (default true when git is installed). */
  git?: boolean;
}

/** A project directory with a pyproject.toml, `git init` and a .gitignore. */
export async function project(dir: string, options: ProjectOptions = {}): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const requires = options.requires === undefined ? '>=3.6' : options.requires;
  writeFileSync(
    join(dir, 'pyproject.toml'),
    `[project]\nname = "zoo"\nversion = "0"\n${requires === null ? '' : `requires-python = "${requires}"\n`}`,
  );
  const gitignore = options.gitignore === undefined ? '.venv/\n' : options.gitignore;
  if (gitignore !== null) writeFileSync(join(dir, '.gitignore'), gitignore);
  if ((options.git ?? true) && GIT) await must([GIT, 'init', '-q', dir]);
  return dir;
}

// ---------------------------------------------------------------------------------------------------------
// The makers

/** pyenv's installed versions, oldest first ("2.7.18", "3.6.15", ...). */
export function pyenvVersions(): string[] {
  const dir = join(PYENV_ROOT, 'versions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v) && existsSync(pyenvBin(v)))
    .sort((a, b) => {
      const [x, y] = [a, b].map((v) => v.split('.').map(Number));
      for (let i = 0; i < 3; i++) if ((x?.[i] ?? 0) !== (y?.[i] ?? 0)) return (x?.[i] ?? 0) - (y?.[i] ?? 0);
      return 0;
    });
}

/** pyenv's pythonX.Y of a version. */
export function pyenvBin(version: string): string {
  const xy = version.split('.').slice(0, 2).join('.');
  return join(PYENV_ROOT, 'versions', version, 'bin', `python${xy}`);
}

/** `python -m venv [flags] path` with this interpreter, from `cwd` (the path may be relative to it). */
export async function venvModule(python: string, path: string, flags: string[] = [], cwd?: string): Promise<void> {
  await must([python, '-m', 'venv', ...flags, path], cwd ? { cwd } : {});
}

/** Debian's virtualenv: `virtualenv -p python [flags] path` (offline: --no-download is its default). */
export async function virtualenv(python: string, path: string, flags: string[] = [], cwd?: string): Promise<void> {
  if (!VIRTUALENV) throw new Error('virtualenv is not installed');
  await must([VIRTUALENV, '-q', '--no-periodic-update', '-p', python, ...flags, path], cwd ? { cwd } : {});
}

/** Python 2.7 through virtualenv: no seed packages (Debian's wheels are for Python 3), then 2.7's own ensurepip. */
export async function virtualenv27(python27: string, path: string): Promise<void> {
  await virtualenv(python27, path, ['--no-seed']);
  await must([join(path, 'bin/python'), '-m', 'ensurepip']);
}

/**
 * A Python installed where it can be removed afterwards, as pyenv uninstall or a removed /opt/python do:
 * the interpreter copied into `dir`/bin/python3, its lib/ entries linked, so that it finds its standard library
 * through `dir` (sys.prefix is `dir`). Returns the interpreter's path.
 */
export async function removablePython(version: string, dir: string): Promise<string> {
  const home = join(PYENV_ROOT, 'versions', version);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  mkdirSync(join(dir, 'lib'), { recursive: true });
  await sh(`cp "${pyenvBin(version)}" "${dir}/bin/python3"`);
  for (const entry of readdirSync(join(home, 'lib'))) await sh(`ln -s "${home}/lib/${entry}" "${dir}/lib/${entry}"`);
  const python = join(dir, 'bin/python3');
  const prefix = (await must([python, '-c', 'import sys; print(sys.prefix)'])).stdout.trim();
  if (prefix !== dir) throw new Error(`zoo: the removable Python in ${dir} has its prefix at ${prefix}`);
  return python;
}

// ---------------------------------------------------------------------------------------------------------
// Ground truth

export interface Truth {
  /** The venv as the user names it: project dir (as typed) + venv name. */
  path: string;
  /** Where it really is; null when it does not exist (or is a link to nothing). */
  real: string | null;
  isLink: boolean;
  dangling: boolean;
  /** bin/python ran. */
  pythonRuns: boolean;
  /** Its sys.prefix is this venv (else it runs as its base Python, or another venv). */
  prefixHere: boolean;
  /** "3.11.2" from sys.version_info. */
  version: string | null;
  /** `bin/python -m pip --version` works and is the venv's own pip. */
  pip: boolean;
  /** bin/activate exists. */
  hasActivate: boolean;
  /** $VIRTUAL_ENV after `. bin/activate` in bash. */
  activateSays: string | null;
  /** ... and that is this venv. */
  activateHere: boolean;
  /**
   * bin/pip run through its #! line: null without a bin/pip; "here": it is this venv's pip; "elsewhere": it
   * ran another venv's pip; "no-interpreter": the interpreter its #! names does not exist; "fails": it ran and
   * failed.
   */
  pipScript: 'here' | 'elsewhere' | 'no-interpreter' | 'fails' | null;
  /** pyproject's requires-python is met by the venv's Python (null: no requirement or no version). */
  requirementMet: boolean | null;
  /** What all that makes the venv. */
  verdict: 'works' | 'no-pip' | 'broken';
  /** Why, when not "works". */
  why: string[];
}

const real = (path: string): string | null => {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
};

/** A path is the venv: the same directory once links are followed. */
const isVenv = (path: string | null, venvReal: string | null) =>
  path !== null && venvReal !== null && real(path) === venvReal;

/** `pip X from /path/to/pip (python 3.11)` -> /path/to/pip. */
const pipLocation = (stdout: string) => /^pip \S+ from (.+) \(python [\d.]+\)\s*$/m.exec(stdout)?.[1] ?? null;

const insideVenv = (path: string | null, venvReal: string | null) => {
  const r = path ? real(path) : null;
  return r !== null && venvReal !== null && r.startsWith(`${venvReal}/`);
};

/** Does `version` meet the PEP 440 specifier? Asked of pip's own packaging (the reference implementation). */
export async function meets(version: string, spec: string): Promise<boolean> {
  const r = await must([
    SYSTEM_PY,
    '-I',
    '-c',
    'import sys\nfrom pip._vendor.packaging.specifiers import SpecifierSet\nprint(sys.argv[1] in SpecifierSet(sys.argv[2]))',
    version,
    spec,
  ]);
  return r.stdout.trim() === 'True';
}

/** The truth about the venv `name` in the project `dir`: found by running it, never by asking the doctor. */
export async function groundTruth(dir: string, name: string, requires: string | null): Promise<Truth> {
  const path = join(dir, name);
  const venvReal = real(path);
  let isLink = false;
  try {
    isLink = lstatSync(path).isSymbolicLink();
  } catch {}
  const t: Truth = {
    path,
    real: venvReal,
    isLink,
    dangling: isLink && venvReal === null,
    pythonRuns: false,
    prefixHere: false,
    version: null,
    pip: false,
    hasActivate: false,
    activateSays: null,
    activateHere: false,
    pipScript: null,
    requirementMet: null,
    verdict: 'broken',
    why: [],
  };
  const python = join(path, 'bin/python');
  const opts = { cwd: tmpdir(), timeout: 20_000 };
  const ran = await run(
    [python, '-c', "import sys; print(sys.prefix); print('%d.%d.%d' % tuple(sys.version_info[:3]))"],
    opts,
  );
  if (ran.status === 0) {
    t.pythonRuns = true;
    const [prefix = '', version = ''] = ran.stdout.trim().split('\n');
    t.prefixHere = isVenv(prefix, venvReal);
    t.version = version || null;
  }
  if (t.pythonRuns) {
    const pip = await run([python, '-m', 'pip', '--version'], opts);
    t.pip = pip.status === 0 && insideVenv(pipLocation(pip.stdout), venvReal);
  }
  const activate = join(path, 'bin/activate');
  t.hasActivate = existsSync(activate);
  if (t.hasActivate) {
    const said = await run(['bash', '-c', '. "$1" >/dev/null 2>&1; printf %s "$VIRTUAL_ENV"', 'bash', activate], opts);
    t.activateSays = said.stdout || null;
    t.activateHere = isVenv(t.activateSays, venvReal);
  }
  const pipScript = join(path, 'bin/pip');
  if (existsSync(pipScript)) {
    // What bin/pip runs: the interpreter of its #! line, importing pip (`bin/pip --version` itself costs
    // ~0.7 s of CPU a venv; pip's own `#!/bin/sh` launcher, for long paths, is run as it is).
    const shebang = /^#!(\S+)[^\n]*\n/.exec(readFileSync(pipScript, 'utf8').slice(0, 1024))?.[1] ?? null;
    if (shebang && shebang !== '/bin/sh') {
      const ran = await run([shebang, '-c', 'import sys, pip; print(sys.prefix); print(pip.__file__)'], opts);
      const [prefix = '', pipFile = ''] = ran.stdout.trim().split('\n');
      if (ran.error === 'ENOENT') t.pipScript = 'no-interpreter';
      else if (ran.status !== 0) t.pipScript = 'fails';
      else t.pipScript = isVenv(prefix, venvReal) && insideVenv(pipFile, venvReal) ? 'here' : 'elsewhere';
    } else {
      const pip = await run([pipScript, '--version'], opts);
      if (pip.error === 'ENOENT') t.pipScript = 'no-interpreter';
      else if (pip.status !== 0) t.pipScript = 'fails';
      else t.pipScript = insideVenv(pipLocation(pip.stdout), venvReal) ? 'here' : 'elsewhere';
    }
  }
  if (requires && t.version) t.requirementMet = await meets(t.version, requires);

  if (venvReal === null) t.why.push(t.dangling ? `${name} is a link to nothing` : `${name} does not exist`);
  else {
    if (!t.pythonRuns) {
      const said = ran.error ?? (ran.stderr.trim().split('\n').pop() || `exit ${ran.status}`);
      t.why.push(`bin/python does not run (${said})`);
    } else if (!t.prefixHere) t.why.push(`bin/python runs outside the venv: ${ran.stdout.trim().split('\n')[0]}`);
    if (!t.hasActivate) t.why.push('there is no bin/activate');
    else if (!t.activateHere) t.why.push(`bin/activate sets VIRTUAL_ENV=${t.activateSays}`);
    if (t.pipScript === 'elsewhere') t.why.push("bin/pip runs another venv's pip");
    if (t.pipScript === 'no-interpreter') t.why.push('the interpreter bin/pip names in its #! line does not exist');
    if (t.pipScript === 'fails') t.why.push('bin/pip fails');
    if (!t.pip) t.why.push('no working pip in the venv');
  }
  const scriptsOk = t.pipScript === null || t.pipScript === 'here';
  const runs = venvReal !== null && t.pythonRuns && t.prefixHere && t.activateHere && scriptsOk;
  t.verdict = runs ? (t.pip ? 'works' : 'no-pip') : 'broken';
  return t;
}

/** Are all these venv directories of the project ignored? `git status --porcelain` lists none of them. */
export async function gitIgnores(dir: string, names: string[]): Promise<boolean> {
  if (!GIT) throw new Error('git is not installed');
  const status = await must([GIT, '-C', dir, 'status', '--porcelain', '--untracked-files=normal', '--', ...names]);
  return status.stdout.trim() === '';
}

// ---------------------------------------------------------------------------------------------------------
// The doctor

export async function doctor(
  dir: string,
  python: string,
  extra: string[] = [],
  env: Record<string, string> = {},
): Promise<Report> {
  const argv = [CLI_FILE, ...CLI_ARGS, '--json', '--python', python, ...extra, dir];
  const options = { cwd: dir, env: cleanEnv({ PWD: dir, ...env }), timeout: 60_000 };
  let r = await run(argv, options);
  // Another test run in the same tree may be rebuilding dist/ at this moment: wait for the build.
  for (let i = 0; i < 40 && r.stdout === '' && /ERR_MODULE_NOT_FOUND|Cannot find module/.test(r.stderr); i++) {
    await new Promise((done) => setTimeout(done, 500));
    r = await run(argv, options);
  }
  try {
    return JSON.parse(r.stdout) as Report;
  } catch {
    throw new Error(`venv-doctor did not print JSON (exit ${r.status}):\n${r.stdout}${r.stderr}`.slice(0, 4000));
  }
}

const machineExit = new Map<string, number>();

/** The doctor's exit code for this interpreter with no project at all: what the machine alone earns. */
export async function machineBaseline(python: string): Promise<number> {
  let code = machineExit.get(python);
  if (code === undefined) {
    const empty = mkdtempSync(join(tmpdir(), 'venv-doctor-zoo-empty-'));
    try {
      code = (await doctor(realpathSync(empty), python)).exitCode;
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    machineExit.set(python, code);
  }
  return code;
}

export const checkOf = (r: Report, id: string): CheckResult | undefined => r.checks.find((c) => c.id === id);

const said = (c: CheckResult | undefined) => (c ? `${c.status}: ${c.message}` : 'absent');

/** Every word the report says: messages, details, advice, notes, fixes. */
export function reportText(r: Report): string {
  return [
    ...r.checks.flatMap((c) => [c.message, ...(c.details ?? [])]),
    ...r.advice,
    ...r.notes,
    ...r.fixes.map((f) => `${f.command} ${f.why}`),
  ].join('\n');
}

/** A fix that (re)creates a venv (`python -m venv ...`), or advice that says to. */
export function plansRecreate(r: Report): boolean {
  return (
    r.fixes.some((f) => f.argv.includes('-m') && f.argv[f.argv.indexOf('-m') + 1] === 'venv') ||
    r.advice.some((a) => /-m venv\b|\b(make|create|recreate)\b[^.]*\bvenv\b/i.test(a))
  );
}

/** A fix or advice that empties a venv: `venv --clear`, or removing it. */
export function plansClear(r: Report): string | null {
  const fix = r.fixes.find((f) => f.argv.includes('--clear'));
  if (fix) return fix.command;
  return r.advice.find((a) => /--clear|\brm\b.*\.?venv|[Rr]ecreate|[Mm]ove .* away/.test(a)) ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// The entries

export interface Made {
  /** The project directory, as the user names it (it may go through a symbolic link). */
  dir: string;
  /** The venv, relative to dir (default .venv). */
  venv?: string;
  /** Every venv directory of the project, for the gitignore truth (default: [venv]). */
  venvs?: string[];
  /** --python: the interpreter the user diagnoses (usually the one the venv was made with). */
  python: string;
  /** requires-python of the project (as written by project()). */
  requires?: string | null;
  /** The shell's variables, e.g. after `. .venv/bin/activate`. */
  env?: Record<string, string>;
  /** --venv, when the user names the venv. */
  venvOption?: string;
}

export type Intent = Truth['verdict'];

/**
 * Judges one zoo entry: the ground truth first (that the zoo made what it means to make: a hard stop), then
 * the doctor's verdict against that truth (soft: every disagreement of the entry is reported, not the first).
 */
export async function judge(made: Made, intent: Intent): Promise<{ truth: Truth; report: Report }> {
  const name = made.venv ?? '.venv';
  const requires = made.requires === undefined ? '>=3.6' : made.requires;
  const truth = await groundTruth(made.dir, name, requires);
  expect(truth.verdict, `zoo: the entry means to make a venv that is "${intent}"; ${truth.why.join('; ')}`).toBe(
    intent,
  );
  const report = await doctor(made.dir, made.python, made.venvOption ? ['--venv', made.venvOption] : [], made.env);
  const pv = checkOf(report, 'project-venv');
  const rel = checkOf(report, 'venv-relocated');
  const summary = `exit ${report.exitCode}; project-venv ${said(pv)}; venv-relocated ${said(rel)}; fixes: ${
    report.fixes.map((f) => f.command).join(' | ') || 'none'
  }; advice: ${report.advice.join(' | ') || 'none'}`;

  if (truth.verdict === 'works') {
    // A venv that runs, has pip, and activates to where it is: nothing to say against it.
    expect.soft(pv?.status, `project-venv on a working venv: ${summary}`).toBe('pass');
    expect.soft(rel?.status, `venv-relocated on a working venv (it is where activate says): ${summary}`).toBe('pass');
    expect.soft(plansClear(report), `a fix that empties a working venv: ${summary}`).toBeNull();
    if (truth.requirementMet !== false) {
      const machine = await machineBaseline(made.python);
      expect
        .soft(report.exitCode, `exit code with a working venv (the machine alone: ${machine}): ${summary}`)
        .toBe(machine);
    }
  } else if (truth.verdict === 'no-pip') {
    // It runs and activates, but nothing can be installed into it: the doctor says so, and plans pip back.
    expect.soft(rel?.status, `venv-relocated on a venv that is where it was made: ${summary}`).toBe('pass');
    expect.soft(['warn', 'fail'], `project-venv on a venv without pip: ${summary}`).toContain(pv?.status);
    expect.soft(pv?.message, `project-venv on a venv without pip: ${summary}`).toMatch(/\bpip\b/);
    expect.soft(plansRecreate(report), `a plan for a venv without pip: ${summary}`).toBe(true);
  } else {
    // Broken: the doctor must not say ready, must say what is wrong with the venv, and must plan a venv.
    expect.soft(report.exitCode, `exit code with a broken venv (${truth.why.join('; ')}): ${summary}`).not.toBe(0);
    expect
      .soft(
        [pv?.status, rel?.status],
        `project-venv or venv-relocated must fail on a broken venv (${truth.why.join('; ')}): ${summary}`,
      )
      .toContain('fail');
    expect.soft(plansRecreate(report), `a venv recreate or advice for a broken venv: ${summary}`).toBe(true);
    const elsewhere =
      (truth.hasActivate && !truth.activateHere) ||
      truth.pipScript === 'elsewhere' ||
      truth.pipScript === 'no-interpreter';
    if (truth.pythonRuns && truth.prefixHere && elsewhere) {
      // Python runs, but activate or the scripts name another place: moved or copied.
      expect.soft(rel?.status, `venv-relocated: ${truth.why.join('; ')}: ${summary}`).toBe('fail');
    }
    const notMoved =
      truth.hasActivate &&
      truth.activateHere &&
      truth.pipScript !== 'elsewhere' &&
      !(truth.pythonRuns && truth.pipScript === 'no-interpreter');
    if (notMoved) {
      // Broken, but where it was made: activate and the scripts name this venv.
      expect
        .soft(['pass', 'skip'], `venv-relocated on a venv that activates to where it is: ${summary}`)
        .toContain(rel?.status);
    }
    if (!truth.pythonRuns || !truth.prefixHere) {
      expect.soft(pv?.status, `project-venv: ${truth.why.join('; ')}: ${summary}`).toBe('fail');
    }
  }

  // requires-python against the venv's own Python.
  const pyv = checkOf(report, 'python-version');
  if (truth.requirementMet === true) {
    expect.soft(pyv?.status, `python-version: Python ${truth.version} meets ${requires}`).toBe('pass');
  } else if (truth.requirementMet === false) {
    expect
      .soft(pyv?.status, `python-version: Python ${truth.version} does not meet ${requires}: ${said(pyv)}`)
      .toBe('fail');
    expect.soft(report.exitCode, `exit code: the venv's Python ${truth.version} does not meet ${requires}`).not.toBe(0);
    expect.soft(plansRecreate(report), `a venv recreate for the wrong Python: ${summary}`).toBe(true);
  }

  // An activated venv: venv-active passes exactly when $VIRTUAL_ENV is this venv.
  const active = made.env?.VIRTUAL_ENV;
  const va = checkOf(report, 'venv-active');
  if (active) {
    const isThis = isVenv(active, truth.real);
    if (isThis) expect.soft(va?.status, `venv-active: $VIRTUAL_ENV=${active} is this venv: ${said(va)}`).toBe('pass');
    else
      expect
        .soft(['warn', 'fail'], `venv-active: $VIRTUAL_ENV=${active} is not this venv: ${said(va)}`)
        .toContain(va?.status);
  } else {
    expect.soft(va?.status, 'venv-active with no $VIRTUAL_ENV').toBe('skip');
  }

  // git: the check passes exactly when `git status` shows none of the project's venvs.
  const gi = checkOf(report, 'gitignore');
  if (GIT && existsSync(join(made.dir, '.git'))) {
    const names = (made.venvs ?? [name]).filter((n) => {
      try {
        lstatSync(join(made.dir, n));
        return true;
      } catch {
        return false;
      }
    });
    if (names.length > 0) {
      const ignored = await gitIgnores(made.dir, names);
      const shown = (await run([GIT, '-C', made.dir, 'status', '--porcelain', '--', ...names])).stdout.trim();
      if (ignored)
        expect.soft(gi?.status, `gitignore: git status shows none of ${names.join(', ')}: ${said(gi)}`).toBe('pass');
      else {
        expect
          .soft(['warn', 'fail'], `gitignore: git status shows ${JSON.stringify(shown)}: ${said(gi)}`)
          .toContain(gi?.status);
      }
    }
  } else {
    expect.soft(gi?.status, `gitignore outside a git work tree: ${said(gi)}`).toBe('skip');
  }
  return { truth, report };
}

/** Why an entry made with Debian's python3 -m venv cannot run here, or null. */
export const NEEDS_DEBIAN_VENV = READY_SYSTEM_PY ? null : NEEDS.readySystemPython;
/** Why an entry made with Debian's virtualenv (which needs python3-venv too) cannot run here, or null. */
export const NEEDS_VIRTUALENV = !READY_SYSTEM_PY ? NEEDS.readySystemPython : VIRTUALENV ? null : NEEDS.virtualenv;

/** One zoo entry: a test, or a skipped test whose title says what it needs ("(needs ...)"). */
export function entry(title: string, needs: string | null, body: () => Promise<void>): void {
  if (needs) it.skip(`${title} ${needs}`, () => {});
  else it(title, body, ENTRY_TIMEOUT);
}
