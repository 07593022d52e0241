// Gathers the facts of the project in a directory: its Python requirement, its venv, git.
// Through the System seam like every other gatherer; bounded reads, timeouts on every command.
import { PROJECT_MARKERS } from '../skip-reasons.js';
import type { System } from '../system.js';
import type { DeepResult, ProjectFacts, VenvFacts } from '../types.js';
import { probe } from './gather.js';
import { looksLikeText } from './os-release.js';
import { activateVirtualEnv, parsePyvenvCfg, shebangInterpreter } from './venv-files.js';

export interface ProjectOptions {
  dir: string;
  /** A configured venv path (relative to dir, or absolute). */
  venv: string | null;
  require: string | null;
}

const DEFAULT_VENVS = ['.venv', 'venv'];
const MAX_SCRIPTS = 64;
const TIMEOUTS = { git: 5_000, venvCreate: 120_000, pip: 60_000 };

export async function gatherProject(system: System, options: ProjectOptions): Promise<ProjectFacts> {
  const { dir } = options;
  const at = (name: string) => (name.startsWith('/') ? name : `${dir.replace(/\/$/, '')}/${name}`);
  const venvSearched = options.venv ? [options.venv] : DEFAULT_VENVS;
  const [markers, pyproject, pythonVersionFile, venv] = await Promise.all([
    Promise.all(PROJECT_MARKERS.map(async (m) => ((await system.stat(at(m))) ? m : null))).then((found) =>
      found.filter((m): m is string => m !== null),
    ),
    readPyproject(system, at('pyproject.toml')),
    readFirstLine(system, at('.python-version')),
    findVenv(system, venvSearched, at),
  ]);
  const active = system.env.VIRTUAL_ENV || null;
  const [git, activeInfo] = await Promise.all([
    // git is asked only about a Python project or a venv (one process, ~5 ms).
    markers.length > 0 || venv ? askGit(system, dir, venv?.name ?? venvSearched[0] ?? '.venv') : Promise.resolve(null),
    active ? system.stat(active) : Promise.resolve(null),
  ]);
  return {
    dir,
    cwd: system.cwd,
    markers,
    pyproject,
    pythonVersionFile,
    required: options.require,
    venvSearched,
    venv,
    git,
    virtualEnv: active ? { path: active, exists: activeInfo?.kind === 'dir' } : null,
    deep: null,
  };
}

async function readPyproject(system: System, path: string): Promise<ProjectFacts['pyproject']> {
  const bytes = await system.readFile(path, 1024 * 1024);
  if (bytes === null) return null;
  if (!looksLikeText(bytes)) return { requiresPython: null, problem: 'pyproject.toml is not a text file' };
  let doc: Record<string, unknown>;
  try {
    // Loaded only when there is a pyproject.toml to read (~15 ms of startup otherwise).
    const { parse } = await import('smol-toml');
    doc = parse(Buffer.from(bytes).toString('utf8')) as Record<string, unknown>;
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    return { requiresPython: null, problem: `pyproject.toml is not valid TOML: ${first.slice(0, 200)}` };
  }
  const project = doc.project;
  const value =
    project && typeof project === 'object' ? (project as Record<string, unknown>)['requires-python'] : undefined;
  if (value === undefined) return { requiresPython: null, problem: null };
  if (typeof value !== 'string')
    return { requiresPython: null, problem: 'requires-python in pyproject.toml is not a string' };
  return { requiresPython: value.slice(0, 200), problem: null };
}

async function readFirstLine(system: System, path: string): Promise<string | null> {
  const bytes = await system.readFile(path, 4096);
  if (bytes === null || !looksLikeText(bytes)) return null;
  const line = Buffer.from(bytes)
    .toString('utf8')
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*/, '').trim())
    .find((l) => l !== '');
  return line ? line.slice(0, 100) : null;
}

async function findVenv(system: System, names: string[], at: (name: string) => string): Promise<VenvFacts | null> {
  for (const name of names) {
    const path = at(name);
    const link = await system.lstat(path);
    if (!link) continue;
    const target = await system.stat(path);
    if (!target) return emptyVenv(name, path, link.kind === 'link' ? 'dangling-link' : 'other');
    if (target.kind === 'file') return emptyVenv(name, path, 'file');
    if (target.kind !== 'dir') return emptyVenv(name, path, 'other');
    return inspectVenv(system, name, path);
  }
  return null;
}

function emptyVenv(name: string, path: string, kind: VenvFacts['kind']): VenvFacts {
  return {
    name,
    path,
    realPath: null,
    kind,
    layout: null,
    cfg: null,
    cfgProblem: null,
    interpreter: null,
    probe: null,
    probeProblem: null,
    hasPip: false,
    hasActivate: false,
    activateVirtualEnv: null,
    shebangs: [],
  };
}

async function inspectVenv(system: System, name: string, path: string): Promise<VenvFacts> {
  const venv = emptyVenv(name, path, 'dir');
  const [realPath, bin, scripts, cfgBytes] = await Promise.all([
    system.realpath(path),
    system.readdir(`${path}/bin`),
    system.readdir(`${path}/Scripts`),
    system.readFile(`${path}/pyvenv.cfg`, 64 * 1024),
  ]);
  venv.realPath = realPath;
  if (cfgBytes === null) venv.cfgProblem = 'there is no pyvenv.cfg';
  else if (cfgBytes.length === 0) venv.cfgProblem = 'pyvenv.cfg is empty';
  else if (!looksLikeText(cfgBytes)) venv.cfgProblem = 'pyvenv.cfg is not a text file';
  else {
    venv.cfg = parsePyvenvCfg(Buffer.from(cfgBytes).toString('utf8'));
    if (!venv.cfg.home) venv.cfgProblem = 'pyvenv.cfg has no "home" line';
  }
  const windows = bin === null && scripts !== null;
  venv.layout = bin !== null ? 'posix' : windows ? 'windows' : null;
  const dirName = windows ? 'Scripts' : 'bin';
  const names = (windows ? scripts : bin) ?? [];
  venv.hasPip = names.some((n) => /^pip3?(\.exe)?$/i.test(n));
  venv.hasActivate = names.some((n) => /^activate(\.bat)?$/i.test(n));
  const pythonName = windows
    ? 'python.exe'
    : names.includes('python')
      ? 'python'
      : names.includes('python3')
        ? 'python3'
        : null;
  if (pythonName) {
    const pythonPath = `${path}/${dirName}/${pythonName}`;
    const [link, resolved] = await Promise.all([system.readlink(pythonPath), system.realpath(pythonPath)]);
    venv.interpreter = {
      path: pythonPath,
      link,
      resolved,
      missing: resolved ? null : await brokenEnd(system, pythonPath),
    };
  }
  const [activate, shebangs, probed] = await Promise.all([
    venv.hasActivate && !windows ? system.readFile(`${path}/bin/activate`, 64 * 1024) : Promise.resolve(null),
    readShebangs(system, `${path}/${dirName}`, names),
    venv.interpreter?.resolved ? probe(system, venv.interpreter.path) : Promise.resolve(null),
  ]);
  venv.activateVirtualEnv = activate ? activateVirtualEnv(Buffer.from(activate).toString('utf8')) : null;
  venv.shebangs = shebangs;
  if (probed) {
    venv.probe = probed.probe;
    venv.probeProblem = probed.problem?.detail ?? null;
  }
  return venv;
}

/** Where a chain of symbolic links ends in nothing (python -> python3 -> /gone/python3.12), or why not. */
async function brokenEnd(system: System, path: string): Promise<string> {
  let current = path;
  for (let hop = 0; hop < 40; hop++) {
    const info = await system.lstat(current);
    if (!info) return current;
    if (info.kind !== 'link') return current;
    const target = await system.readlink(current);
    if (target === null) return current;
    current = target.startsWith('/') ? target : `${current.slice(0, current.lastIndexOf('/'))}/${target}`;
  }
  return `${path} (a loop of symbolic links)`;
}

async function readShebangs(system: System, dir: string, names: string[]) {
  const scripts = names.filter((n) => !/^(python[\w.]*|activate.*|Activate\.ps1|.*\.(exe|dll|pyd|so))$/i.test(n));
  const heads = await Promise.all(
    scripts
      .slice(0, MAX_SCRIPTS)
      .map(async (script) => ({ script, head: await system.readFile(`${dir}/${script}`, 1024) })),
  );
  return heads.flatMap(({ script, head }) => {
    if (!head || !looksLikeText(head)) return [];
    const interpreter = shebangInterpreter(Buffer.from(head).toString('utf8'));
    return interpreter ? [{ script, interpreter }] : [];
  });
}

/** `git check-ignore` on a file inside the venv: exit 0 ignored, 1 not ignored, 128 not a work tree. */
async function askGit(system: System, dir: string, venvName: string): Promise<ProjectFacts['git']> {
  const path = `${venvName.replace(/\/$/, '')}/pyvenv.cfg`;
  const result = await system.run('git', ['-C', dir, 'check-ignore', '-q', '--', path], { timeoutMs: TIMEOUTS.git });
  if (result.error === 'ENOENT') return null;
  if (result.exitCode === 0) return { workTree: true, venvIgnored: true, problem: null };
  if (result.exitCode === 1) return { workTree: true, venvIgnored: false, problem: null };
  if (/not a git repository/i.test(result.stderr)) return { workTree: false, venvIgnored: null, problem: null };
  const said = result.stderr.trim().split('\n')[0] ?? result.error ?? 'no answer';
  return { workTree: false, venvIgnored: null, problem: `git could not say: ${said.slice(0, 200)}` };
}

/** venv-create: a real venv with pip in a temporary directory, always removed afterwards. */
export async function createThrowawayVenv(system: System, python: string): Promise<DeepResult> {
  const started = performance.now();
  const tmp = await system.makeTempDir('venv-doctor-');
  try {
    const venv = `${tmp}/venv`;
    const made = await system.run(python, ['-m', 'venv', venv], { timeoutMs: TIMEOUTS.venvCreate });
    if (made.exitCode !== 0) return failed('venv', made, started);
    const pip = await system.run(`${venv}/bin/python`, ['-m', 'pip', '--version'], { timeoutMs: TIMEOUTS.pip });
    if (pip.exitCode !== 0) return failed('pip', pip, started);
    return {
      ok: true,
      failedStep: null,
      durationMs: Math.round(performance.now() - started),
      output: pip.stdout.trim().slice(0, 300),
    };
  } finally {
    await system.removeTempDir(tmp);
  }
}

function failed(step: 'venv' | 'pip', result: Awaited<ReturnType<System['run']>>, started: number): DeepResult {
  const text = `${result.stdout}\n${result.stderr}`.trim() || (result.timedOut ? 'timed out' : (result.error ?? ''));
  return {
    ok: false,
    failedStep: step,
    durationMs: Math.round(performance.now() - started),
    output: text.split('\n').slice(-12).join('\n').slice(0, 2000),
  };
}
