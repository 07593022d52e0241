// Gathers the facts of the project in a directory: its Python requirement, its venv, git.
// Through the System seam like every other gatherer; bounded reads, timeouts on every command.
import { posix, win32 } from 'node:path';
import { monotonicMs } from '../clock.js';
import { checkVenvTarget } from '../fixes/venv-target.js';
import { NO_PYVENV_CFG } from '../judge/derived.js';
import { PROJECT_MARKERS } from '../judge/skip-reasons.js';
import { isInside, isMacStubPath, isStoreAlias, isWindowsPath, samePath } from '../paths.js';
import type { System } from '../system.js';
import type { DeepResult, ProjectFacts, VenvFacts } from '../types.js';
import { macCommandLineTools, probe, runsFromInside, systemTool } from './gather.js';
import { looksLikeText } from './os-release.js';
import { gatherProjectTool, TOOL_FILES } from './project-tool.js';
import { parseBounded, requiresPythonLine, scanTables, type TableScan } from './pyproject.js';
import { gatherStatements, lineOf } from './python-statements.js';
import {
  activateBatVirtualEnv,
  activateVirtualEnv,
  parsePyvenvCfg,
  shebangInterpreter,
  venvDirOfInterpreter,
} from './venv-files.js';

export interface ProjectOptions {
  /** The project directory: absolute, symbolic links resolved. */
  dir: string;
  /** A configured venv path, relative to dir (checked to stay inside it). */
  venv: string | null;
  require: string | null;
  /** Directories whose programs are never run (the project: see trustBoundary). */
  untrusted?: readonly string[];
}

const DEFAULT_VENVS = ['.venv', 'venv'];
const MAX_SCRIPTS = 64;
/** The most of pyvenv.cfg that Python (3.11+) reads at start. */
const PYVENV_CFG_MAX = 32 * 1024;
/** Names read from a directory of the venv (a real venv's bin/ holds a few dozen). */
const MAX_LISTED = 10_000;
const TIMEOUTS = { git: 5_000, venvCreate: 120_000, pip: 60_000 };

/**
 * git settings that no repository can override here: no fsmonitor hook (a program the repository's config
 * names), no implicit use of a bare repository committed inside the tree, no hooks.
 */
export const GIT_HARDENING = [
  '-c',
  'core.fsmonitor=false',
  '-c',
  'safe.bareRepository=explicit',
  '-c',
  'core.hooksPath=/dev/null',
];

export async function gatherProject(system: System, options: ProjectOptions): Promise<ProjectFacts> {
  const { dir } = options;
  const at = (name: string) => `${dir.replace(/\/$/, '')}/${name}`;
  const venvSearched = options.venv ? [options.venv] : DEFAULT_VENVS;
  const notRead: NonNullable<ProjectFacts['notRead']> = [];
  const [markers, toolFiles, pyproject, venv, stated] = await Promise.all([
    Promise.all(PROJECT_MARKERS.map(async (m) => ((await system.lstat(at(m))) ? m : null))).then((found) =>
      found.filter((m): m is string => m !== null),
    ),
    Promise.all(TOOL_FILES.map(async (m) => ((await system.lstat(at(m))) ? m : null))).then(
      (found) => new Set(found.filter((m): m is string => m !== null)),
    ),
    readPyproject(system, dir, notRead),
    findVenv(system, dir, venvSearched, options.untrusted ?? []),
    gatherStatements(system, dir, notRead),
  ]);
  // .python-version is read once, with the other statements: its first version, and where.
  const pythonVersion = stated.find((s) => s.file === '.python-version');
  const tool = await gatherProjectTool(system, dir, toolFiles, pyproject, venv?.kind === 'dir', (_name, path) =>
    cacheVenv(system, path, options.untrusted ?? []),
  );
  const [alsoVenvs, venvTarget] = await Promise.all([
    otherVenvs(system, dir, venvSearched, venv),
    // The place a venv fix would act on (an existing directory, or where a new one would be made).
    venv === null || venv.kind === 'dir'
      ? checkVenvTarget(system, dir, venv?.path ?? at(venvSearched[0] ?? '.venv'), system.gid ?? null)
      : Promise.resolve(null),
  ]);
  const active = system.env.VIRTUAL_ENV || null;
  const [git, activeInfo, owner] = await Promise.all([
    // git is asked only about a Python project or a venv (one process, ~5 ms).
    markers.length > 0 || venv
      ? askGit(system, dir, venv?.name ?? venvSearched[0] ?? '.venv', venv, alsoVenvs)
      : Promise.resolve(null),
    active ? Promise.all([system.stat(active), system.realpath(active)]) : Promise.resolve(null),
    projectOwner(system, dir),
  ]);
  return {
    dir,
    cwd: system.cwd,
    markers,
    pyproject,
    pythonVersionFile: pythonVersion?.value ?? null,
    ...(pythonVersion?.line ? { pythonVersionLine: pythonVersion.line } : {}),
    required: options.require,
    // Poetry's and Pipenv's venv in the user's cache is the project's venv: judged like a .venv would be.
    ...(tool?.venvPlace === 'cache' && !venv
      ? { venvSearched: [tool.venvLookedFor ?? `${tool.name}'s venv directory`], venv: tool.venv ?? null }
      : { venvSearched, venv }),
    ...(alsoVenvs.length > 0 ? { otherVenvs: alsoVenvs } : {}),
    git,
    virtualEnv: active
      ? { path: active, exists: activeInfo?.[0]?.kind === 'dir', realPath: activeInfo?.[1] ?? null }
      : null,
    deep: null,
    notRead,
    owner,
    venvTarget,
    ...(stated.length > 0 ? { stated } : {}),
    ...(tool ? { tool } : {}),
  };
}

/** The project directory's owner, when it is not the user running venv-doctor. */
async function projectOwner(system: System, dir: string): Promise<ProjectFacts['owner']> {
  if (system.uid === null) return null;
  const info = await system.stat(dir);
  if (info?.uid === undefined || info.uid === system.uid) return null;
  return { uid: info.uid };
}

/** `noFile`: there is no regular file to read there (a directory, a FIFO, a link to nothing): what `test -f` says. */
type ProjectRead = { bytes: Uint8Array } | { problem: string; noFile?: true } | null;

/**
 * A file of the project, read only when it is a regular file whose real path stays inside `root`: a FIFO or
 * a terminal would hang the read, and a link out of the tree (.python-version -> /etc/shadow) would copy
 * another file into the facts. Opened once, then checked by its descriptor (kind, real path, bytes): a file
 * swapped for a link between a check and the read is never read in its place. (The real path is also asked
 * first, so that nothing outside the tree, a device, is even opened.) Null when it does not exist.
 */
export async function readInside(system: System, root: string, path: string, maxBytes: number): Promise<ProjectRead> {
  const link = await system.lstat(path);
  if (!link) return null;
  // The real path, not only the last link: a directory on the way can lead out of the tree too.
  const real = await system.realpath(path);
  if (real === null) return { problem: 'is a symbolic link to nothing', noFile: true };
  if (!isInside(real, root)) return { problem: `is a symbolic link out of the project (to ${real}): not read` };
  // By its real path, never through a final link: one swapped in since is refused, not even opened.
  const opened = await system.readOpened(real, maxBytes);
  if (!opened) return { problem: 'cannot be read (changed while it was read, or no permission)' };
  if (opened.realPath === null) return { problem: 'changed while it was read: not read' };
  if (!isInside(opened.realPath, root)) {
    return { problem: `is a symbolic link out of the project (to ${opened.realPath}): not read` };
  }
  if (opened.kind !== 'file') {
    return { problem: opened.kind === 'dir' ? 'is a directory' : 'is not a regular file', noFile: true };
  }
  return opened.bytes === null ? { problem: 'cannot be read' } : { bytes: opened.bytes };
}

async function readPyproject(
  system: System,
  dir: string,
  notRead: NonNullable<ProjectFacts['notRead']>,
): Promise<ProjectFacts['pyproject']> {
  const read = await readInside(system, dir, `${dir}/pyproject.toml`, 1024 * 1024);
  if (read === null) return null;
  if ('problem' in read) {
    notRead.push({ file: 'pyproject.toml', why: read.problem });
    return { requiresPython: null, problem: `pyproject.toml ${read.problem}` };
  }
  const bytes = read.bytes;
  if (!looksLikeText(bytes)) return { requiresPython: null, problem: 'pyproject.toml is not a text file' };
  // Loaded only when there is a pyproject.toml to read (~15 ms of startup otherwise).
  const { parse } = await import('smol-toml');
  const parsed = await parseBounded(Buffer.from(bytes).toString('utf8'), parse);
  if ('tooLarge' in parsed) {
    notRead.push({ file: 'pyproject.toml', why: parsed.tooLarge });
    return { requiresPython: null, problem: `pyproject.toml is too large: ${parsed.tooLarge}` };
  }
  if ('error' in parsed) {
    return {
      requiresPython: null,
      problem: `pyproject.toml is not valid TOML: ${parsed.error}`,
      ...(parsed.line ? { line: parsed.line } : {}),
    };
  }
  // One scan of the text for both lines (requires-python's, Poetry's python), made only when one is needed.
  let scan: Promise<TableScan> | undefined;
  const scanned = () => {
    scan ??= scanTables(parsed.text);
    return scan;
  };
  const extra = await pyprojectTools(parsed.doc, scanned);
  const project = parsed.doc.project;
  const value =
    project && typeof project === 'object' ? (project as Record<string, unknown>)['requires-python'] : undefined;
  if (value === undefined) return { requiresPython: null, problem: null, ...extra };
  const line = await requiresPythonLine(parsed.text, parse, await scanned());
  const at = line ? { line } : {};
  if (typeof value !== 'string')
    return { requiresPython: null, problem: 'requires-python in pyproject.toml is not a string', ...at, ...extra };
  return { requiresPython: value.slice(0, 200), problem: null, ...at, ...extra };
}

const TOOL_TABLES = ['poetry', 'uv', 'pdm', 'hatch'] as const;

/** What pyproject.toml says of the project's tools: its name, Poetry's python, which [tool.X] tables there are. */
async function pyprojectTools(doc: Record<string, unknown>, scanned: () => Promise<TableScan>) {
  const table = (value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  const tool = table(doc.tool);
  const poetry = table(tool?.poetry);
  const tools: string[] = TOOL_TABLES.filter((name) => table(tool?.[name]) !== null);
  if (table(table(tool?.hatch)?.envs)) tools.push('hatch.envs');
  const rawName = table(doc.project)?.name ?? poetry?.name;
  const name = typeof rawName === 'string' ? rawName.slice(0, 200) : null;
  const python = table(poetry?.dependencies)?.python;
  const poetryPython =
    typeof python === 'string'
      ? {
          file: 'pyproject.toml',
          key: 'tool.poetry.dependencies.python',
          value: python.trim().slice(0, 200),
          ...lineOf((await scanned()).poetryPython?.line),
        }
      : null;
  return { name, poetryPython, tools };
}

async function findVenv(
  system: System,
  dir: string,
  names: string[],
  untrusted: readonly string[],
): Promise<VenvFacts | null> {
  for (const name of names) {
    const path = `${dir.replace(/\/$/, '')}/${name.replace(/\/+$/, '')}`;
    const link = await system.lstat(path);
    if (!link) {
      // Not there yet: the fix would create it. Not through a directory that leads out of the project.
      const outside = name.includes('/') ? await ancestorOutside(system, dir, path) : null;
      if (outside) return { ...emptyVenv(name, path, 'outside'), realPath: outside };
      continue;
    }
    const linkTarget = link.kind === 'link' ? await system.readlink(path) : null;
    const target = await system.stat(path);
    const realPath = target ? await system.realpath(path) : null;
    const found = (kind: VenvFacts['kind']) => ({ ...emptyVenv(name, path, kind), link: linkTarget, realPath });
    if (!target) return found(link.kind === 'link' ? 'dangling-link' : 'other');
    // A venv that lives outside the project (.venv -> ../elsewhere, -> /) is neither read nor run, and
    // never a fix's target.
    if (realPath === null || !isInside(realPath, dir)) return found('outside');
    if (target.kind === 'file') return found('file');
    if (target.kind !== 'dir') return found('other');
    return inspectVenv(system, name, path, realPath, linkTarget, [...untrusted, realPath]);
  }
  return null;
}

/** A tool's venv in the user's cache (Poetry's, Pipenv's): judged like the project's, named by its path. */
async function cacheVenv(system: System, path: string, untrusted: readonly string[]): Promise<VenvFacts | null> {
  const link = await system.lstat(path);
  if (!link) return null;
  const realPath = await system.realpath(path);
  if (link.kind !== 'dir' || realPath === null) return { ...emptyVenv(path, path, 'other'), realPath };
  return inspectVenv(system, path, path, realPath, null, [...untrusted, realPath]);
}

/** The other places searched that hold a venv too (venv/ beside .venv): only named, never inspected. */
async function otherVenvs(system: System, dir: string, names: string[], found: VenvFacts | null): Promise<string[]> {
  const rest = names.filter((name) => name !== found?.name);
  const base = dir.replace(/\/$/, '');
  const seen = await Promise.all(
    rest.map(async (name) => {
      const path = `${base}/${name.replace(/\/+$/, '')}`;
      const cfg = await system.lstat(`${path}/pyvenv.cfg`);
      if (cfg?.kind !== 'file') return false;
      // The same venv by another name (.venv -> venv), or one outside the project, is not another venv here.
      const real = await system.realpath(path);
      return real !== null && real !== found?.realPath && isInside(real, dir);
    }),
  );
  return rest.filter((_, i) => seen[i]);
}

/** Where the deepest existing ancestor of `path` really is, when that is outside `root`; else null. */
async function ancestorOutside(system: System, root: string, path: string): Promise<string | null> {
  let at = path;
  while (at.length > root.length && isInside(at, root)) {
    at = at.slice(0, at.lastIndexOf('/'));
    if (await system.lstat(at)) {
      const real = await system.realpath(at);
      return real === null || isInside(real, root) ? null : `${real}${path.slice(at.length)}`;
    }
  }
  return null;
}

function emptyVenv(name: string, path: string, kind: VenvFacts['kind']): VenvFacts {
  return {
    name,
    path,
    realPath: null,
    link: null,
    kind,
    layout: null,
    cfg: null,
    cfgProblem: null,
    interpreter: null,
    probe: null,
    probeProblem: null,
    notRun: null,
    hasPip: false,
    hasActivate: false,
    activateVirtualEnv: null,
    shebangs: [],
  };
}

/**
 * The venv judged from its files: pyvenv.cfg, the interpreter's chain of links, the listing of bin/, the
 * activate script and the scripts' #! lines. Its interpreter is run only when its real path is outside the
 * project and the venv, by that real path (so that no pyvenv.cfg of the project is consulted: its `home`
 * would decide where the standard library is loaded from), with -I -S (no site, so no .pth file), from /.
 */
async function inspectVenv(
  system: System,
  name: string,
  path: string,
  realPath: string,
  link: string | null,
  untrusted: readonly string[],
): Promise<VenvFacts> {
  const venv: VenvFacts = { ...emptyVenv(name, path, 'dir'), realPath, link };
  const [bin, scripts, cfg] = await Promise.all([
    system.readdir(`${path}/bin`, MAX_LISTED),
    system.readdir(`${path}/Scripts`, MAX_LISTED),
    readInside(system, realPath, `${path}/pyvenv.cfg`, 64 * 1024),
  ]);
  if (cfg === null) venv.cfgProblem = NO_PYVENV_CFG;
  else if ('problem' in cfg) venv.cfgProblem = `pyvenv.cfg ${cfg.problem}`;
  else if (cfg.bytes.length === 0) venv.cfgProblem = 'pyvenv.cfg is empty';
  // Python 3.11+ reads pyvenv.cfg at start and refuses more than 32 KiB ("cannot read file larger than 32KB
  // during initialization"): the venv's python does not start at all.
  else if (cfg.bytes.length > PYVENV_CFG_MAX)
    venv.cfgProblem = 'pyvenv.cfg is larger than 32 KiB, which Python 3.11 and newer refuse to start with';
  else if (!looksLikeText(cfg.bytes)) venv.cfgProblem = 'pyvenv.cfg is not a text file';
  else {
    venv.cfg = parsePyvenvCfg(Buffer.from(cfg.bytes).toString('utf8'));
    if (!venv.cfg.home) venv.cfgProblem = 'pyvenv.cfg has no "home" line';
  }
  const windows = bin === null && scripts !== null;
  venv.layout = bin !== null ? 'posix' : windows ? 'windows' : null;
  const dirName = windows ? 'Scripts' : 'bin';
  if (venv.layout) {
    // bin/ itself may be a link out of the venv: then nothing in it is read.
    const realBin = await system.realpath(`${path}/${dirName}`);
    if (realBin === null || !isInside(realBin, realPath)) {
      venv.binOutside = realBin ?? `${path}/${dirName}`;
      return venv;
    }
  }
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
  let runnable: string | null = null;
  if (pythonName) {
    const pythonPath = `${path}/${dirName}/${pythonName}`;
    const [pythonLink, resolved] = await Promise.all([system.readlink(pythonPath), system.realpath(pythonPath)]);
    venv.interpreter = {
      path: pythonPath,
      link: pythonLink,
      resolved,
      missing: resolved ? null : await brokenEnd(system, pythonPath),
    };
    // Windows: Scripts\\python.exe is a copy of the launcher that starts pyvenv.cfg's home\\python.exe (the
    // venv's own file, inside the project: never run). The base interpreter is what is judged, when it is there.
    const base = windows && resolved ? windowsBase(venv.cfg) : null;
    if (windows && resolved && base) {
      const info = await system.stat(base);
      if (info?.kind !== 'file') {
        venv.interpreter = { ...venv.interpreter, resolved: null, missing: base };
      } else if (await runsFromInside(system, base, untrusted)) {
        venv.notRun = `its base interpreter ${base} is inside the project, and venv-doctor never runs a program from the project`;
      } else runnable = base;
    } else if (
      resolved &&
      system.platform === 'darwin' &&
      isMacStubPath(resolved) &&
      !(await macCommandLineTools(system)).python3
    ) {
      venv.notRun = `its interpreter leads to ${resolved}, Apple's stub, which opens an install dialog without the Command Line Tools: never run`;
    } else if (resolved) {
      const info = await system.stat(resolved);
      if (info?.kind !== 'file') venv.notRun = `${resolved} is not a regular file`;
      else if (await runsFromInside(system, resolved, untrusted)) {
        venv.notRun = `its interpreter ${resolved} is inside the project (a copy, or a file of the project), and venv-doctor never runs a program from the project`;
      } else runnable = resolved;
    }
  }
  const [activate, shebangs, probed] = await Promise.all([
    venv.hasActivate
      ? readInside(system, realPath, windows ? `${path}\\Scripts\\activate.bat` : `${path}/bin/activate`, 64 * 1024)
      : Promise.resolve(null),
    readShebangs(system, `${path}/${dirName}`, names, realPath),
    runnable ? probe(system, runnable, { cwd: '/', site: false }) : Promise.resolve(null),
  ]);
  const activateText = activate && 'bytes' in activate ? Buffer.from(activate.bytes).toString('utf8') : null;
  venv.activateVirtualEnv = activateText
    ? windows
      ? activateBatVirtualEnv(activateText)
      : activateVirtualEnv(activateText)
    : null;
  venv.shebangs = shebangs;
  venv.namedAs = await sameDirectory(system, venv, realPath);
  if (probed) {
    venv.probe = probed.probe;
    venv.probeProblem = probed.problem?.detail ?? null;
    // A Python 2 virtualenv works: its interpreter only refuses the probe's options (-I).
    if (probed.problem?.kind === 'too-old' && probed.problem.version?.startsWith('2.')) {
      venv.legacyVersion = probed.problem.version;
      venv.probeProblem = null;
    }
  }
  return venv;
}

/** The python.exe a Windows venv starts: pyvenv.cfg's executable (3.11+), else home\\python.exe. */
function windowsBase(cfg: VenvFacts['cfg']): string | null {
  // Only a python*.exe outside WindowsApps (the Store's aliases): a committed pyvenv.cfg names any file.
  const ok = (path: string) =>
    /^[A-Za-z]:\\/.test(path) && /^python[\w.]*\.exe$/i.test(win32.basename(path)) && !isStoreAlias(path);
  const executable = cfg?.executable;
  if (executable) return ok(executable) ? executable : null;
  const home = cfg?.home;
  const base = home ? win32.join(home, 'python.exe') : null;
  return base && ok(base) ? base : null;
}

/**
 * The directories the scripts and activate name that are this venv under another name: a venv made by a
 * path through a symbolic link (python3 -m venv ~/link/app/.venv) names that path, and works.
 */
async function sameDirectory(system: System, venv: VenvFacts, realPath: string): Promise<string[]> {
  const named = new Set<string>();
  for (const { interpreter } of venv.shebangs) {
    const dir = venvDirOfInterpreter(interpreter);
    if (dir) named.add(dir);
  }
  if (venv.activateVirtualEnv) named.add(venv.activateVirtualEnv);
  named.delete(venv.path);
  named.delete(realPath);
  // Windows: a mapped or subst drive, a junction, an 8.3 name is the same venv by another path.
  const candidates = [...named].filter((dir) => dir.startsWith('/') || isWindowsPath(dir)).slice(0, 8);
  const real = await Promise.all(candidates.map((dir) => system.realpath(dir)));
  return candidates.filter((_, i) => {
    const at = real[i];
    return at !== null && at !== undefined && samePath(at, realPath);
  });
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

async function readShebangs(system: System, dir: string, names: string[], within: string) {
  const scripts = names.filter((n) => !/^(python[\w.]*|activate.*|Activate\.ps1|.*\.(exe|dll|pyd|so))$/i.test(n));
  // Only regular files, not links: a script is a file pip wrote into bin/. Checked by the descriptor read:
  // a script swapped for a link after the lstat is not read through it.
  const heads = await Promise.all(
    scripts.slice(0, MAX_SCRIPTS).map(async (script) => {
      const path = `${dir}/${script}`;
      const info = await system.lstat(path);
      if (info?.kind !== 'file') return { script, head: null };
      const opened = await system.readOpened(path, 1024);
      const same = opened?.kind === 'file' && opened.realPath !== null && isInside(opened.realPath, within);
      return { script, head: same ? opened.bytes : null };
    }),
  );
  return heads.flatMap(({ script, head }) => {
    if (!head || !looksLikeText(head)) return [];
    const interpreter = shebangInterpreter(Buffer.from(head).toString('utf8'));
    return interpreter ? [{ script, interpreter }] : [];
  });
}

/** `git check-ignore` on a file inside the venv: exit 0 ignored, 1 not ignored, 128 not a work tree. */
async function askGit(
  system: System,
  dir: string,
  venvName: string,
  venv: VenvFacts | null,
  others: string[] = [],
): Promise<ProjectFacts['git']> {
  const git = await systemTool(system, 'git');
  if (!git) return null;
  // git reads every ignore file on the way whole, with no bound of its own (a sparse multi-GB .gitignore
  // made it allocate ~1 GB before its timeout): too large a file, and git is not asked.
  const oversized = await oversizedIgnoreFile(system, dir, venvName);
  if (oversized) return { workTree: true, venvIgnored: null, problem: oversized };
  // git does not look through a symbolic link: it tracks the link itself, which a `.venv/` pattern (a
  // directory's) does not match. Asked about a path beyond it, git says only "beyond a symbolic link".
  const name = venvName.replace(/\/+$/, '');
  const isLink = Boolean(venv?.link);
  const path = isLink ? name : `${name}/pyvenv.cfg`;
  // A link to a directory of the project: that directory's files are what could be committed.
  const base = dir.replace(/\/+$/, '');
  const target =
    isLink && venv?.kind === 'dir' && venv.realPath && isInside(venv.realPath, dir) && venv.realPath !== base
      ? venv.realPath.slice(base.length + 1)
      : null;
  // git's memory bounded too, where util-linux's prlimit is there: an ignore file named by the repository's
  // own config (core.excludesFile) or reached through a .git file is not among those sized above.
  const prlimit = await systemTool(system, 'prlimit');
  const command = (args: string[]): [string, string[]] =>
    prlimit ? [prlimit, [`--as=${GIT_MEMORY}`, '--', git, ...args]] : [git, args];
  const ask = (paths: string) =>
    system.run(...command([...GIT_HARDENING, '-C', dir, 'check-ignore', '-q', '--', paths]), {
      timeoutMs: TIMEOUTS.git,
      env: { ...system.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
    });
  // The other venvs (rare) each get their own question: -q answers by exit status, whatever bytes a path holds.
  const [result, targetAnswer, ...answers] = await Promise.all([
    ask(path),
    target ? ask(`${target}/pyvenv.cfg`) : Promise.resolve(null),
    ...others.map((other) => ask(`${other.replace(/\/+$/, '')}/pyvenv.cfg`)),
  ]);
  if (!result) return null;
  if (result.error === 'ENOENT') return null;
  if (result.exitCode === 0 || result.exitCode === 1) {
    const othersNotIgnored = others.filter((_, i) => answers[i]?.exitCode === 1);
    return {
      workTree: true,
      venvIgnored: result.exitCode === 0,
      problem: null,
      ...(othersNotIgnored.length > 0 ? { othersNotIgnored } : {}),
      ...(target && targetAnswer?.exitCode === 1 ? { targetNotIgnored: target } : {}),
    };
  }
  if (/not a git repository/i.test(result.stderr)) return { workTree: false, venvIgnored: null, problem: null };
  if (result.timedOut) return { workTree: false, venvIgnored: null, problem: 'git did not answer within 5 s' };
  const said = result.stderr.trim().split('\n')[0] || result.error || 'no answer';
  return { workTree: false, venvIgnored: null, problem: `git could not say: ${said.slice(0, 200)}` };
}

/** The address space git may use (a check-ignore needs a few MB). */
const GIT_MEMORY = 256 * 1024 * 1024;

/** No real ignore file comes near this. */
const IGNORE_FILE_MAX = 1024 * 1024;

/**
 * An ignore file git would read to answer for the venv (.gitignore from the work tree's top down to the venv's
 * directory, .git/info/exclude) that is larger than IGNORE_FILE_MAX: why git is not asked, or null.
 */
async function oversizedIgnoreFile(system: System, dir: string, venvName: string): Promise<string | null> {
  const base = dir.replace(/\/+$/, '') || '/';
  const levels = [base];
  for (let at = base, up = posix.dirname(at); up !== at && levels.length < 64; at = up, up = posix.dirname(at)) {
    levels.push(up);
  }
  const dotGit = await Promise.all(levels.map((at) => system.lstat(posix.join(at, '.git'))));
  const top = dotGit.findIndex((info) => info !== null);
  const root = top === -1 ? base : (levels[top] ?? base);
  // Down to the venv itself: git is asked about a file inside it, so it reads the venv's own .gitignore too.
  const below = posix.join(base, venvName);
  const dirs = [root];
  for (const part of posix.relative(root, below).split('/').filter(Boolean)) {
    dirs.push(posix.join(dirs[dirs.length - 1] ?? root, part));
  }
  const files = [...dirs.map((d) => posix.join(d, '.gitignore')), posix.join(root, '.git/info/exclude')];
  const infos = await Promise.all(files.map((file) => system.stat(file)));
  const index = infos.findIndex((info) => info !== null && info.size > IGNORE_FILE_MAX);
  if (index === -1) return null;
  const size = infos[index]?.size ?? 0;
  return `${files[index]} is larger than ${IGNORE_FILE_MAX / 1024 / 1024} MiB (${size} bytes), so git, which reads it whole, was not asked`;
}

/** venv-create: a real venv with pip in a temporary directory, always removed afterwards. */
export async function createThrowawayVenv(system: System, python: string): Promise<DeepResult> {
  const started = monotonicMs();
  const tmp = await system.makeTempDir('venv-doctor-');
  try {
    const venv = `${tmp}/venv`;
    // ensurepip and pip unpack their wheels into the temp directory: ours, so that an interrupted run
    // (Ctrl-C) leaves nothing of them behind when it is removed.
    const env = { ...system.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp };
    // -I and a directory of its own: a venv.py or pip/ in the project (or wherever the user stands) cannot
    // stand in for the real modules.
    const made = await system.run(python, ['-I', '-m', 'venv', venv], {
      timeoutMs: TIMEOUTS.venvCreate,
      cwd: tmp,
      env,
      long: true,
    });
    if (made.exitCode !== 0) return failed('venv', made, started);
    const pip = await system.run(`${venv}/bin/python`, ['-I', '-m', 'pip', '--version'], {
      timeoutMs: TIMEOUTS.pip,
      cwd: tmp,
      env,
      long: true,
    });
    if (pip.exitCode !== 0) return failed('pip', pip, started);
    return {
      ok: true,
      failedStep: null,
      durationMs: Math.round(monotonicMs() - started),
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
    durationMs: Math.round(monotonicMs() - started),
    output: text.split('\n').slice(-12).join('\n').slice(0, 2000),
  };
}
