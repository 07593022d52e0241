// Gathers the facts, once and concurrently, through the System seam.
import { projectRequirement, satisfyingOther } from '../judge/derived.js';
import { quoted } from '../neutralize.js';

import { isInside, isMacStubPath, isStoreAlias } from '../paths.js';
import { type RunOptions, SYSTEM_DIRS, type System } from '../system.js';
import { isUbuntuFamily, sourcesEnableUniverse } from '../systems/apt.js';
import { BREW_PREFIXES } from '../systems/brew.js';
import { type PackageSystem, SYSTEMS } from '../systems/index.js';
import {
  FACTS_VERSION,
  type Facts,
  type HostFacts,
  type InterpreterProblem,
  type OsFacts,
  type PackageFacts,
  type PackageState,
  type Probe,
  type PythonFacts,
  type WindowsPythons,
} from '../types.js';
import { looksLikeText, parseOsRelease } from './os-release.js';
import { parseProbeOutput, probeArgs } from './probe.js';
import { detectManagedShim, resolveManagedShim, resolvePyenvShim } from './version-managers.js';
import { gatherWindowsPythons } from './windows-pythons.js';

/** A value from the machine in a one-line detail. */
const printable = (text: string) => quoted(text, 200);

export interface GatherOptions {
  /** The interpreter to diagnose: a command name looked up on PATH, or a path. */
  python: string;
  version: string;
  /** Called as each part of the gathering finishes, for the live view. */
  onStep?: (step: GatherStep, summary: string) => void;
  /** Probe timeout in ms (tests shorten it). */
  probeTimeoutMs?: number;
  /**
   * Directories whose programs are never run and whose PATH entries are never used: the project (see
   * trustBoundary in src/paths.ts).
   */
  untrusted?: readonly string[];
  /** Where the interpreter is started: the project directory, so that pyenv & co. answer for the project. */
  probeCwd?: string | Promise<string>;
  /** The project's .python-version, as venv-doctor read it, for pyenv (PYENV_VERSION); null: none. */
  pyenvVersion?: Promise<string | null>;
  /** Called once the probe has been started (or will not be): the time to start the rest of the reading. */
  onProbeStarted?: () => void;
  /**
   * The project directory, even where it draws no trust line (it is $HOME): an interpreter of a venv inside it
   * is probed without site, so that no .pth file of the project's venv runs.
   */
  projectDir?: string;
}

export type GatherStep = 'os' | 'python' | 'packages';

export const TIMEOUTS = {
  probe: 10_000,
  /** dpkg-query, rpm -qa */
  query: 5_000,
  /** apt-cache policy */
  candidates: 15_000,
  version: 5_000,
} as const;

/** The most of a package query's answer that is parsed (a real one is a few KB; a full Debian's python3* is ~20 KB). */
const QUERY_OUTPUT_MAX = 256 * 1024;
/** The most of a package database file read (apk's installed: ~1 KB a package, a big system 2 MB). */
const DATABASE_FILE_MAX = 4 * 1024 * 1024;

const COMMAND_NAME = /^[A-Za-z0-9._+-]{1,64}$/;
const PACKAGE_NAME = /^[a-z0-9][a-z0-9.+-]{1,63}$/;
const DPKG_INFO = '/var/lib/dpkg/info';

/** A callback and a promise that settles once the callback has been called (onProbeStarted's, to wait on). */
export function whenCalled(): { call: () => void; called: Promise<void> } {
  let call = () => {};
  const called = new Promise<void>((resolve) => {
    call = resolve;
  });
  return { call, called };
}

export async function gatherFacts(system: System, options: GatherOptions): Promise<Facts> {
  const step = options.onStep ?? (() => {});
  // The probe first: its Python start is most of a run. Every other read waits until it is started, so
  // that finding the interpreter is never queued behind them.
  const started = whenCalled();
  const python = gatherPython(system, {
    ...options,
    onProbeStarted: () => {
      started.call();
      options.onProbeStarted?.();
    },
  }).then((python) => {
    step('python', python.probe ? `Python ${python.probe.version}` : (python.problem?.kind ?? 'unknown'));
    return python;
  });
  // One Promise.all over both, so that a rejection of either is never left unobserved meanwhile.
  const [pythonFacts, [host, os, packages]] = await Promise.all([
    python,
    started.called.then(() => {
      const os = gatherOs(system).then((os) => {
        step('os', os.prettyName ?? os.id ?? 'unknown');
        return os;
      });
      return Promise.all([
        gatherHost(system),
        os,
        gatherPackageTools(system, os).then((packages) => {
          step('packages', packages ? `${packages.manager}, package lists ${packages.lists}` : 'no package manager');
          return packages;
        }),
      ]);
    }),
  ]);
  return { factsVersion: FACTS_VERSION, gatheredBy: options.version, host, os, python: pythonFacts, packages };
}

/**
 * The second, slower pass, only when a fix would install packages: what the package database knows of the
 * python packages (one dpkg-query or rpm -qa, ~15 ms; apk's and pacman's databases are read, not run), the
 * install candidate for the wanted ones that are missing, where it can be asked offline (apt-cache policy,
 * about a second), and on Ubuntu whether universe is enabled.
 */
export async function addPackageState(system: System, facts: Facts, wanted: string[]): Promise<Facts> {
  const packages = facts.packages;
  const manager = packages ? SYSTEMS[packages.manager] : undefined;
  if (!packages || !manager || wanted.length === 0) return facts;
  const installed = packages.installed ?? (await queryInstalled(system, manager)) ?? {};
  const owner = facts.python.owner && {
    ...facts.python.owner,
    version: installed[facts.python.owner.package]?.version ?? null,
  };
  const missing = [...new Set(wanted)].filter(
    (name) => PACKAGE_NAME.test(name) && !installed[name]?.installed && !(name in packages.candidates),
  );
  const candidates = { ...packages.candidates };
  const ask = manager.candidates;
  const tool = ask && missing.length > 0 && packages.tools.candidates ? await systemTool(system, ask.tool) : null;
  if (ask && tool) {
    const result = await system.run(tool, ask.args(missing), {
      timeoutMs: TIMEOUTS.candidates,
      maxOutputBytes: QUERY_OUTPUT_MAX,
    });
    if (result.exitCode === 0) {
      const parsed = ask.parse(result.stdout);
      // apt prints nothing for a name it does not know: that is "no candidate" too.
      for (const name of missing) candidates[name] = parsed[name] ?? null;
    }
    // Otherwise (a lock, a timeout) the candidates stay unknown, and the planner says the line is unverified.
  }
  let universe = packages.universe;
  let listsAgeSeconds = packages.listsAgeSeconds ?? null;
  if (manager.id === 'apt' && Object.values(candidates).includes(null)) {
    if (isUbuntuFamily(facts.os)) universe = await readUniverseEnabled(system);
    listsAgeSeconds = await packageListsAge(system);
  }
  return {
    ...facts,
    python: { ...facts.python, owner },
    packages: { ...packages, installed, candidates, universe, listsAgeSeconds },
  };
}

/**
 * Seconds since apt-get update last wrote /var/lib/apt/lists, or null. The directories, not the index files:
 * apt gives those the server's Last-Modified time, which can be months old right after an update.
 */
async function packageListsAge(system: System): Promise<number | null> {
  const dirs = await Promise.all(['/var/lib/apt/lists', '/var/lib/apt/lists/partial'].map((d) => system.stat(d)));
  const newest = Math.max(...dirs.map((info) => info?.mtimeMs ?? 0));
  return newest > 0 ? Math.max(0, Math.round((Date.now() - newest) / 1000)) : null;
}

/** The versions of the other python3.X on PATH (asked only when the selected one misses the requirement). */
export async function addOtherVersions(
  system: System,
  facts: Facts,
  untrusted: readonly string[] = [],
): Promise<Facts['python']['others']> {
  const code = 'import sys; print("%d.%d.%d" % sys.version_info[:3])';
  const [onPath, pyenv] = await Promise.all([askVersions(facts.python.others), pyenvInterpreters(system, facts)]);
  return [...onPath, ...pyenv];

  function askVersions(others: Facts['python']['others']) {
    return Promise.all(
      others.map(async (other) => {
        if (await runsFromInside(system, other.path, untrusted)) return { ...other, version: null };
        const asked = askedLikePython3(system, facts);
        const readable = system.platform !== 'win32' && isPyenvShimPath(other.path);
        const pyenv = readable ? await resolvePyenvShim(system, other.path, asked.env ?? system.env) : null;
        if (pyenv && 'missing' in pyenv) return { ...other, version: null };
        const path = pyenv ? pyenv.path : await runnable(system, facts, other.path, untrusted);
        if (!path || (pyenv && (await runsFromInside(system, path, untrusted)))) return { ...other, version: null };
        const result = await system.run(path, ['-I', '-S', '-c', code], { timeoutMs: TIMEOUTS.version, ...asked });
        const version = /^(\d+\.\d+\.\d+)\s*$/.exec(result.stdout)?.[1] ?? null;
        return { ...other, version };
      }),
    );
  }
}

/**
 * pyenv's installed versions, when python3 is its shim: each an interpreter a fix can name by its real path
 * (pyenv local selects it too, but writes .python-version). Its version is its directory's name; the one
 * chosen is probed like any other before a fix names it.
 */
async function pyenvInterpreters(system: System, facts: Facts): Promise<Facts['python']['others']> {
  if (facts.python.shim !== 'pyenv' || !facts.python.pyenvVersions?.length) return [];
  const root = system.env.PYENV_ROOT || `${system.env.HOME ?? ''}/.pyenv`;
  const candidates = facts.python.pyenvVersions.map((version) => {
    const minor = version.split('.').slice(0, 2).join('.');
    return { version, path: `${root}/versions/${version}/bin/python${minor}` };
  });
  const infos = await Promise.all(candidates.map((c) => system.stat(c.path)));
  return candidates
    .filter((_, i) => infos[i]?.kind === 'file' && infos[i]?.executable)
    .filter((c) => c.path !== facts.python.probe?.realExecutable)
    .map((c) => ({ name: c.path, path: c.path, version: c.version }));
}

/**
 * The other python3.X with their versions, and the one the project's venv would be made with (the newest
 * that meets the requirement) probed in full, like python3: the checks judge it, and its pythonX.Y-venv
 * joins the apt line. Asked only when the selected interpreter misses the requirement.
 */
export async function addOtherInterpreters(
  system: System,
  facts: Facts,
  untrusted: readonly string[] = [],
): Promise<Facts['python']['others']> {
  const others = await addOtherVersions(system, facts, untrusted);
  const requirement = projectRequirement(facts);
  const chosen = requirement && satisfyingOther({ ...facts, python: { ...facts.python, others } }, requirement);
  if (!chosen) return others;
  const path = await runnable(system, facts, chosen.path, untrusted);
  if (!path) return others;
  const probed = await probe(system, path, askedLikePython3(system, facts));
  const owner = probed.probe ? await ownerOf(system, probed.probe) : null;
  return others.map((other) => (other === chosen ? { ...other, probe: probed.probe, owner } : other));
}

/**
 * Another python3.X is asked the way python3 was: pyenv for the same directory (PYENV_DIR), from /. So a
 * pyenv shim answers with the project's selection, as it will when the fix runs.
 */
function askedLikePython3(system: System, facts: Facts): { cwd: string; env: RunOptions['env'] } {
  const from = facts.python.probedFrom ?? '/';
  const version = facts.python.pyenvVersion;
  return { cwd: '/', env: { ...system.env, PYENV_DIR: from, ...(version ? { PYENV_VERSION: version } : {}) } };
}

/** What to run for another python3.X: itself, or for an asdf or mise shim the interpreter it resolves to. */
async function runnable(
  system: System,
  facts: Facts,
  path: string,
  untrusted: readonly string[],
): Promise<string | null> {
  const managed = await detectManagedShim(system, path);
  if (!managed) return path;
  const resolved = await resolveManagedShim(system, managed, path, facts.python.probedFrom ?? '/');
  if (!('path' in resolved) || (await runsFromInside(system, resolved.path, untrusted))) return null;
  return resolved.path;
}

async function readUniverseEnabled(system: System): Promise<boolean> {
  const files = ['/etc/apt/sources.list'];
  for (const name of (await system.readdir('/etc/apt/sources.list.d')) ?? []) {
    if (name.endsWith('.list') || name.endsWith('.sources')) files.push(`/etc/apt/sources.list.d/${name}`);
  }
  const texts = await Promise.all(files.map((f) => system.readFile(f, 256 * 1024)));
  return sourcesEnableUniverse(texts.filter((t) => t !== null).map((t) => Buffer.from(t).toString('utf8')));
}

// --- host --------------------------------------------------------------------------------------

async function gatherHost(system: System): Promise<HostFacts> {
  const linux = system.platform === 'linux';
  // /proc, /.dockerenv and /run are Linux's; sudo and doas are looked for where they live on POSIX systems.
  const [sudo, doas, wslInterop, dockerenv, containerenv, commandLineTools] = await Promise.all([
    system.platform === 'win32' ? null : systemTool(system, 'sudo'),
    system.platform === 'win32' ? null : systemTool(system, 'doas'),
    linux ? system.stat('/proc/sys/fs/binfmt_misc/WSLInterop') : null,
    linux ? system.stat('/.dockerenv') : null,
    linux ? system.stat('/run/.containerenv') : null,
    system.platform === 'darwin' ? macCommandLineTools(system) : undefined,
  ]);
  const wsl =
    linux &&
    (/microsoft/i.test(system.kernel) ||
      Boolean(system.env.WSL_DISTRO_NAME || system.env.WSL_INTEROP) ||
      wslInterop !== null);
  const containerVar = linux ? system.env.container : undefined;
  const container = dockerenv
    ? 'docker'
    : containerenv
      ? 'podman'
      : containerVar && /^[a-z0-9-]{1,32}$/.test(containerVar)
        ? containerVar
        : null;
  const windowsPythons = wsl ? await windowsInterpreters(system) : [];
  return {
    platform: system.platform,
    arch: system.arch,
    kernel: system.kernel,
    isRoot: system.uid === 0,
    sudo,
    ...(windowsPythons.length > 0 ? { windowsPythons } : {}),
    ...(sudo === null && doas !== null ? { doas } : {}),
    wsl,
    container,
    ...(commandLineTools !== undefined ? { commandLineTools } : {}),
  };
}

/**
 * The python3 of the Command Line Tools or of Xcode, by its file: /usr/bin/python3 is Apple's shim, which
 * runs it when it is there and opens an install dialog when it is not. The directory alone proves nothing
 * (a beta leaves one holding only .beta): the python3 in it does. See ../shared/domain/other-systems.md §5.2.
 */
const MAC_DEVELOPER_PYTHONS = [
  '/Library/Developer/CommandLineTools/usr/bin/python3',
  '/Applications/Xcode.app/Contents/Developer/usr/bin/python3',
];

export async function macCommandLineTools(system: System): Promise<{ python3: string | null }> {
  const infos = await Promise.all(MAC_DEVELOPER_PYTHONS.map((path) => system.stat(path)));
  const index = infos.findIndex((info) => info?.kind === 'file' && info.executable);
  return { python3: index === -1 ? null : (MAC_DEVELOPER_PYTHONS[index] ?? null) };
}

/**
 * WSL puts Windows' PATH after Linux's (/mnt/c/...): its python.exe and python3.exe (the Microsoft Store's
 * aliases in WindowsApps among them, which open the Store) are named, by a stat, never run.
 */
async function windowsInterpreters(system: System): Promise<string[]> {
  const dirs = pathDirs(system)
    .filter((dir) => /^\/mnt\/[a-z]\//i.test(dir))
    .slice(0, 64);
  const candidates = dirs.flatMap((dir) => ['python.exe', 'python3.exe'].map((name) => joinPath(system, dir, name)));
  const infos = await Promise.all(candidates.map((path) => system.stat(path)));
  return candidates.filter((_, i) => infos[i]?.kind === 'file').slice(0, 8);
}

// --- os ----------------------------------------------------------------------------------------

const EMPTY_OS: OsFacts = {
  source: null,
  id: null,
  idLike: [],
  versionId: null,
  codename: null,
  name: null,
  prettyName: null,
  problem: null,
};

export async function gatherOs(system: System): Promise<OsFacts> {
  if (system.platform === 'darwin' || system.platform === 'win32') {
    const summary = await system.osSummary();
    if (!summary) return { ...EMPTY_OS, problem: 'the operating system could not be identified' };
    return {
      ...EMPTY_OS,
      source: system.platform === 'darwin' ? '/System/Library/CoreServices/SystemVersion.plist' : 'os.version()',
      id: summary.id,
      versionId: summary.version || null,
      codename: summary.codename || null,
      name: summary.name,
      prettyName: `${summary.name} ${summary.version}`.trim(),
    };
  }
  // /etc/os-release wins; /usr/lib/os-release is the fallback when it is missing or unusable.
  let firstProblem: OsFacts | null = null;
  for (const path of ['/etc/os-release', '/usr/lib/os-release']) {
    const bytes = await system.readFile(path, 64 * 1024);
    if (bytes === null) continue;
    const release = looksLikeText(bytes) ? parseOsRelease(Buffer.from(bytes).toString('utf8')) : null;
    if (release?.id == null) {
      const problem = release ? `${path} has no valid ID field` : `${path} is not a text file`;
      firstProblem ??= { ...EMPTY_OS, source: path, problem };
      continue;
    }
    let versionId = release.versionId;
    if (versionId === null && release.id === 'debian') {
      // Debian testing and sid have no VERSION_ID; /etc/debian_version says e.g. "trixie/sid".
      const debianVersion = await system.readFile('/etc/debian_version', 256);
      const text = debianVersion ? Buffer.from(debianVersion).toString('utf8').trim() : '';
      if (/^[\w./+-]{1,40}$/.test(text)) versionId = text;
    }
    return {
      source: path,
      id: release.id,
      idLike: release.idLike,
      versionId,
      codename: release.codename,
      name: release.name,
      prettyName: release.prettyName,
      problem: null,
    };
  }
  if (firstProblem) return firstProblem;
  return { ...EMPTY_OS, problem: 'neither /etc/os-release nor /usr/lib/os-release exists' };
}

// --- python ------------------------------------------------------------------------------------

async function gatherPython(system: System, options: GatherOptions): Promise<PythonFacts> {
  const command = options.python;
  const untrusted = options.untrusted ?? [];
  const facts: PythonFacts = {
    command,
    resolved: null,
    shim: null,
    problem: null,
    probe: null,
    owner: null,
    others: [],
  };
  const windowsPythons = system.platform === 'win32' ? gatherWindowsPythons(system) : Promise.resolve(null);
  windowsPythons.catch(() => {}); // awaited below
  const [firstLocated, from, pyenvVersion] = await Promise.all([
    locate(system, command, untrusted),
    options.probeCwd ?? '/',
    // The user's own PYENV_VERSION wins over any file, as in pyenv.
    system.env.PYENV_VERSION ? null : (options.pyenvVersion ?? null),
  ]).catch((error: unknown) => {
    options.onProbeStarted?.();
    throw error;
  });
  let located = firstLocated;
  const windows = await windowsPythons;
  if (windows) {
    facts.windows = windows;
    // Windows has no python3 of python.org's (only the Store's alias, or nothing): `py -m venv` is how a venv is
    // made there, so the Python py starts is the one judged when python3 is not a real one.
    const pick = windows.installs[0];
    const missing = 'problem' in located && ['not-found', 'windows-store-stub'].includes(located.problem.kind);
    if (missing && pick && 'problem' in located && /^python3?$/.test(command)) {
      facts.windows = { ...windows, selectedByLauncher: true };
      facts.insteadOf = { command, detail: located.problem.detail };
      facts.command = windows.launcher ? 'py' : pick.path;
      located = await insideProblem(system, pick.path, untrusted);
    }
  }
  // macOS: python3 is Apple's stub, and Homebrew's or python.org's python3.X is here: that is the Python a venv
  // is made with (by its name on PATH, else by its path), and the stub is said apart.
  if ('problem' in located && located.problem.kind === 'xcode-stub' && command === 'python3') {
    const minor = (path: string) => Number(/python3\.(\d{1,2})$/.exec(path)?.[1] ?? -1);
    const real = (await otherPythons(system, untrusted)).sort((a, b) => minor(a.path) - minor(b.path)).at(-1);
    if (real) {
      facts.insteadOf = { command, detail: located.problem.detail };
      facts.command = real.name;
      located = await insideProblem(system, real.path, untrusted);
    }
  }
  if ('problem' in located) {
    options.onProbeStarted?.();
    return { ...facts, problem: located.problem, others: await otherPythons(system, untrusted, facts.windows) };
  }
  facts.resolved = located.path;
  // Version managers answer for a directory: pyenv for PYENV_DIR (it runs only its own scripts), asdf and mise
  // for the current one, from its configuration, which can run commands: their shims are never run, but
  // resolved from their files (src/facts/version-managers.ts) to the interpreter they would start.
  facts.probedFrom = from;
  const managed = await detectManagedShim(system, located.path);
  let target = located.path;
  if (managed) {
    const found = await resolveManagedShim(system, managed, located.path, from);
    // What the tool's files lead to is judged like any program: never one inside the project.
    const resolved =
      'path' in found && (await runsFromInside(system, found.path, untrusted))
        ? {
            problem: `its Python ${found.path} is inside the project, and venv-doctor never runs a program from the project`,
            selection: found.selection,
          }
        : found;
    facts.shim = managed;
    if ('selection' in resolved && resolved.selection) facts.shimSelection = resolved.selection;
    const fallback =
      'system' in resolved ? await which(system, baseName(located.path), [...untrusted, dirOf(located.path)]) : null;
    if ('problem' in resolved || ('system' in resolved && !fallback)) {
      options.onProbeStarted?.();
      const why =
        'problem' in resolved
          ? resolved.problem
          : `${managed} falls back to the system's ${command}, and there is none`;
      return {
        ...facts,
        problem: {
          kind: 'unresolved-shim',
          detail: `${located.path} is a ${managed} shim, which venv-doctor never runs (${managed} reads the project's configuration, which can run commands), and ${why}`,
        },
        others: await otherPythons(system, untrusted, facts.windows),
      };
    }
    target = 'path' in resolved ? resolved.path : (fallback ?? located.path);
  }
  // A venv of the project on PATH, where the project draws no trust line ($HOME): its pyvenv.cfg would choose
  // the standard library (home = ...) and its .pth files would run. Its real interpreter is judged instead,
  // by its real path and without site: what venvs are made with.
  const projectVenv = await inProjectVenv(system, target, options.projectDir);
  if (projectVenv) target = (await system.realpath(target)) ?? target;
  const probing = probe(system, target, {
    timeoutMs: options.probeTimeoutMs ?? TIMEOUTS.probe,
    cwd: '/',
    env: { ...system.env, PYENV_DIR: from, ...(pyenvVersion ? { PYENV_VERSION: pyenvVersion } : {}) },
    site: !projectVenv,
  });
  if (pyenvVersion) facts.pyenvVersion = pyenvVersion;
  options.onProbeStarted?.();
  const others = otherPythons(system, untrusted, facts.windows);
  others.catch(() => {}); // awaited below: observed now, so that a rejection meanwhile is not "unhandled
  const [shim, probed] = await Promise.all([managed ?? shimOf(system, located.path), probing]);
  facts.shim = shim;
  if (shim === 'pyenv') {
    const root = system.env.PYENV_ROOT || `${system.env.HOME ?? ''}/.pyenv`;
    const versions = await system.readdir(`${root}/versions`);
    const numeric = (v: string) => v.split('.').map(Number) as [number, number, number];
    facts.pyenvVersions = versions
      ? versions
          .filter((v) => /^\d+\.\d+\.\d+$/.test(v))
          .sort((a, b) => numeric(a).reduce((d, x, i) => d || x - (numeric(b)[i] ?? 0), 0))
      : null;
  }
  facts.probe = probed.probe;
  facts.problem = probed.problem;
  if (facts.probe) facts.owner = await ownerOf(system, facts.probe);
  facts.others = await others;
  return facts;
}

/** The interpreter is a venv's (pyvenv.cfg beside its bin/) inside the project directory. */
async function inProjectVenv(system: System, path: string, projectDir: string | undefined): Promise<boolean> {
  if (!projectDir || projectDir === '/') return false;
  const real = (await system.realpath(path)) ?? path;
  const inside = [path, real].filter((p) => isInside(p, projectDir));
  const cfgs = await Promise.all(inside.map((p) => system.lstat(`${dirOf(dirOf(p))}/pyvenv.cfg`)));
  return cfgs.some((info) => info?.kind === 'file');
}

type Located = { path: string } | { problem: InterpreterProblem };

async function locate(system: System, command: string, untrusted: readonly string[]): Promise<Located> {
  const isPath = command.includes('/') || (system.platform === 'win32' && command.includes('\\'));
  if (!isPath) {
    if (!COMMAND_NAME.test(command)) {
      return { problem: { kind: 'not-found', detail: `"${printable(command)}" is not a command name` } };
    }
    const path = await which(system, command, untrusted);
    if (!path) return { problem: { kind: 'not-found', detail: `${command} was not found on PATH` } };
    if (isStoreAlias(path)) {
      return { problem: { kind: 'windows-store-stub', detail: `${path} is the Microsoft Store alias stub` } };
    }
    return (await macStub(system, path)) ?? insideProblem(system, path, untrusted);
  }
  if (system.platform === 'win32' && isStoreAlias(command)) {
    return { problem: { kind: 'windows-store-stub', detail: `${printable(command)} is a Microsoft Store alias` } };
  }
  const info = await system.stat(command);
  if (!info) return { problem: { kind: 'not-found', detail: `${printable(command)} does not exist` } };
  if (info.kind !== 'file') return { problem: { kind: 'not-a-file', detail: `${printable(command)} is not a file` } };
  if (!info.executable) {
    return { problem: { kind: 'not-executable', detail: `${printable(command)} is not executable` } };
  }
  return (await macStub(system, command)) ?? insideProblem(system, command, untrusted);
}

/**
 * macOS's /usr/bin/python3 (by any name that leads there) without the Command Line Tools: Apple's stub, which
 * opens an install dialog when run. Never run to learn anything: its files say.
 */
async function macStub(system: System, path: string): Promise<Located | null> {
  if (system.platform !== 'darwin') return null;
  const real = (await system.realpath(path)) ?? path;
  if (!isMacStubPath(real)) return null;
  if ((await macCommandLineTools(system)).python3) return null;
  return {
    problem: {
      kind: 'xcode-stub',
      detail: `${printable(path)} is Apple's stub: without the Command Line Tools it opens an install dialog instead of running Python (venv-doctor never runs it)`,
    },
  };
}

/** A program inside the project is never run: a committed file could be anything. */
async function insideProblem(system: System, path: string, untrusted: readonly string[]): Promise<Located> {
  if (!(await runsFromInside(system, path, untrusted))) return { path };
  return {
    problem: {
      kind: 'untrusted',
      detail: `${printable(path)} is inside the project, and venv-doctor never runs a program from the project it examines`,
    },
  };
}

/** The program's real path (links followed) is inside one of the untrusted directories. */
export async function runsFromInside(system: System, path: string, untrusted: readonly string[]): Promise<boolean> {
  if (untrusted.length === 0) return false;
  const real = (await system.realpath(path)) ?? path;
  return untrusted.some((root) => isInside(real, root) || isInside(path, root));
}

/** A command in pyenv's shims directory, by its path. */
function isPyenvShimPath(path: string): boolean {
  return /\/\.?pyenv(-win)?\/shims\/[^/]+$/.test(path.replaceAll('\\', '/'));
}

async function shimOf(system: System, path: string): Promise<PythonFacts['shim']> {
  if (isPyenvShimPath(path)) return 'pyenv';
  const normal = path.replaceAll('\\', '/');
  if (/\/\.asdf\/shims\//.test(normal)) return 'asdf';
  if (/\/mise\/shims\//.test(normal)) return 'mise';
  const head = await system.readFile(path, 512);
  const text = head && looksLikeText(head) ? Buffer.from(head).toString('utf8') : '';
  if (!text.startsWith('#!')) return null;
  if (/pyenv/.test(text)) return 'pyenv';
  if (/asdf/.test(text)) return 'asdf';
  if (/mise/.test(text)) return 'mise';
  return null;
}

/** Runs the probe with an interpreter: what it says about itself, or what is wrong with it. */
export async function probe(
  system: System,
  path: string,
  {
    timeoutMs = TIMEOUTS.probe,
    cwd,
    site = true,
    env,
  }: { timeoutMs?: number; cwd?: string; site?: boolean; env?: RunOptions['env'] } = {},
): Promise<{ probe: Probe; problem: null } | { probe: null; problem: InterpreterProblem }> {
  const result = await system.run(path, probeArgs(site), { timeoutMs, cwd, env });
  const parsed = result.exitCode === 0 ? parseProbeOutput(result.stdout) : null;
  if (parsed) return { probe: parsed, problem: null };
  return { probe: null, problem: await probeProblem(system, path, result, timeoutMs) };
}

async function probeProblem(
  system: System,
  path: string,
  result: Awaited<ReturnType<System['run']>>,
  timeoutMs: number,
): Promise<InterpreterProblem> {
  if (result.timedOut) {
    return { kind: 'timeout', detail: `${path} did not answer within ${timeoutMs / 1000} s` };
  }
  if (result.exitCode === 9009 || /Microsoft Store|App execution aliases/i.test(result.stdout + result.stderr)) {
    return { kind: 'windows-store-stub', detail: `${path} is the Microsoft Store alias stub, not Python` };
  }
  if (result.error) return { kind: 'failed', detail: `${path} could not be run (${printable(result.error)})` };
  if (/Unknown option:? -I|unknown option -I/i.test(result.stderr)) {
    const version = await system.run(path, ['--version'], { timeoutMs: TIMEOUTS.version });
    const said = /Python (\d+\.\d+(?:\.\d+)?)/.exec(version.stdout + version.stderr);
    return {
      kind: 'too-old',
      detail: `${path} is ${said?.[0] ?? 'a Python without isolated mode'}; venv needs Python 3`,
      version: said?.[1] ?? null,
    };
  }
  if (result.exitCode !== 0) {
    // pyenv says what is wrong on its first line ("pyenv: version `3.12.1' is not installed ..."); Python's
    // own errors end with the exception line.
    const lines = result.stderr.trim().split('\n');
    const said = lines.find((l) => l.startsWith('pyenv: ')) ?? lines.pop() ?? '';
    return {
      kind: 'failed',
      detail: `${path} exited with status ${result.exitCode ?? 'unknown'}${said ? `: ${printable(said)}` : ''}`,
    };
  }
  const said = result.stdout.trim().slice(0, 120);
  return {
    kind: 'garbage',
    detail: `${path} did not answer like a Python interpreter${said ? `: "${printable(said)}"` : ''}`,
  };
}

/**
 * Other python3.X commands on PATH (the first of each name, as a shell would find it); on macOS also those of
 * Homebrew and python.org's installer where PATH does not reach them (named by their path, which works from
 * anywhere), and on Windows the Pythons py can start.
 */
async function otherPythons(
  system: System,
  untrusted: readonly string[],
  windows?: WindowsPythons | null,
): Promise<PythonFacts['others']> {
  const seen = new Map<string, string>();
  const dirs = pathDirs(system, untrusted);
  const named = await listPythons(system, dirs);
  for (const [name, path] of named) if (!seen.has(name)) seen.set(name, path);
  const byName = [...seen]
    .sort(([a], [b]) => Number(a.split('.')[1]) - Number(b.split('.')[1]))
    .map(([name, path]) => ({ name, path }));
  if (system.platform === 'darwin') {
    const framework = '/Library/Frameworks/Python.framework/Versions';
    const versions = (await system.readdir(framework, 64)) ?? [];
    const extra = [
      ...BREW_PREFIXES.map((prefix) => `${prefix}/bin`),
      ...versions.filter((v) => /^3\.\d{1,2}$/.test(v)).map((v) => `${framework}/${v}/bin`),
    ].filter((dir) => !dirs.includes(dir));
    const more = await listPythons(system, extra);
    const known = new Set(byName.map((o) => o.path));
    const unreached = more.filter(([name, path]) => !seen.has(name) && !known.has(path));
    const sorted = unreached.sort(([a], [b]) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
    return [...byName, ...sorted.map(([, path]) => ({ name: path, path }))];
  }
  if (windows) {
    const paths = new Set(byName.map((o) => o.path.toLowerCase()));
    const installs = windows.installs.filter((i) => !paths.has(i.path.toLowerCase())).reverse();
    return [...byName, ...installs.map((i) => ({ name: i.path, path: i.path }))];
  }
  return byName;
}

/** The python3.X names in these directories, with their paths, in the directories' order. */
async function listPythons(system: System, dirs: string[]): Promise<[string, string][]> {
  // A directory on PATH twice under two names (/bin and /usr/bin on a merged-/usr system) is read once: the
  // later name could only repeat what the first one found.
  const reals = await Promise.all(dirs.map((dir) => system.realpath(dir)));
  const listings = await Promise.all(
    dirs.map((dir, i) => {
      const real = reals[i] ?? null;
      return real !== null && reals.indexOf(real) < i ? null : system.readdir(dir);
    }),
  );
  const found: [string, string][] = [];
  for (const [i, dir] of dirs.entries()) {
    for (const name of listings[i] ?? []) {
      // startsWith first: /usr/bin alone holds a thousand names.
      if (name.startsWith('python3.') && /^python3\.\d{1,2}$/.test(name))
        found.push([name, joinPath(system, dir, name)]);
    }
  }
  return found;
}

/**
 * The dpkg package that ships the interpreter, read from dpkg's own file lists of the packages that
 * can (pythonX.Y-minimal, pythonX.Y): `dpkg -S` would scan every list and costs ~100 ms.
 */
async function ownerOf(system: System, probe: Probe): Promise<PythonFacts['owner']> {
  const executable = probe.realExecutable;
  if (!/^\/(usr\/)?s?bin\//.test(executable)) return null;
  const minor = `${probe.versionInfo[0]}.${probe.versionInfo[1]}`;
  for (const name of [`python${minor}-minimal`, `python${minor}`]) {
    for (const list of [`${DPKG_INFO}/${name}.list`, `${DPKG_INFO}/${name}:${debianArch(system.arch)}.list`]) {
      const bytes = await system.readFile(list, 512 * 1024);
      if (bytes && Buffer.from(bytes).toString('utf8').split('\n').includes(executable)) {
        return { package: name, version: null };
      }
    }
  }
  return null;
}

function debianArch(nodeArch: string): string {
  const map: Record<string, string> = {
    x64: 'amd64',
    ia32: 'i386',
    arm64: 'arm64',
    arm: 'armhf',
    ppc64: 'ppc64el',
    s390x: 's390x',
    riscv64: 'riscv64',
  };
  return map[nodeArch] ?? nodeArch;
}

// --- packages ----------------------------------------------------------------------------------

/** What the package database knows of the python packages: one command, or one file or directory read. */
async function queryInstalled(system: System, manager: PackageSystem): Promise<Record<string, PackageState> | null> {
  const query = manager.installed;
  if (query.kind === 'file') {
    const bytes = await system.readFile(query.path, DATABASE_FILE_MAX);
    return bytes ? query.parse(Buffer.from(bytes).toString('utf8')) : null;
  }
  if (query.kind === 'directory') {
    for (const path of [query.path, ...(query.otherPaths ?? [])]) {
      const names = await system.readdir(path);
      if (names) return query.parse(names);
    }
    return null;
  }
  if (query.kind === 'none') return null;
  const tool = await systemTool(system, query.tool);
  if (!tool) return null;
  const result = await system.run(tool, query.args, { timeoutMs: TIMEOUTS.query, maxOutputBytes: QUERY_OUTPUT_MAX });
  return result.exitCode !== null && query.okExitCodes.includes(result.exitCode) ? query.parse(result.stdout) : null;
}

/**
 * Which package manager this is, and what it has to work with. Cheap: stats and one readdir. Where several
 * are installed (rpm beside dpkg on a Debian), the distribution's own.
 */
async function gatherPackageTools(system: System, os: Promise<OsFacts>): Promise<PackageFacts | null> {
  const platform = system.platform === 'linux' ? undefined : system.platform;
  const managers = Object.values(SYSTEMS).filter((m) => m.platform === platform);
  if (managers.length === 0) return null;
  const found = await Promise.all(
    managers.map(async (m) => (await Promise.all(m.detect.map((tool) => managerTool(system, m, tool)))).every(Boolean)),
  );
  const present = managers.filter((_, i) => found[i]);
  if (present.length === 0) return null;
  const identity = await os;
  const manager = present.find((m) => m.matches(identity)) ?? (present[0] as PackageSystem);
  const [lists, install, candidates, addAptRepository, installed] = await Promise.all([
    manager.index ? system.readdir(manager.index.dir) : null,
    managerTool(system, manager, manager.programs[0] ?? ''),
    manager.candidates ? systemTool(system, manager.candidates.tool) : null,
    manager.programs.includes('add-apt-repository') ? systemTool(system, 'add-apt-repository') : null,
    // Homebrew's Cellar is one directory listing: read now (the checks ask which python@3.X are there).
    manager.id === 'brew' ? queryInstalled(system, manager) : null,
  ]);
  return {
    manager: manager.id,
    installed,
    lists: !manager.index || lists === null ? 'unknown' : manager.index.present(lists) ? 'present' : 'empty',
    candidates: {},
    universe: null,
    tools: { install: install !== null, candidates: candidates !== null, addAptRepository: addAptRepository !== null },
  };
}

/**
 * A package manager's program by its absolute path: in its own directories where it has them (Homebrew's
 * bin, winget's WindowsApps: found by lstat, since an App Installer alias is a reparse point), else in the
 * system directories. Never on PATH.
 */
export async function managerTool(system: System, manager: PackageSystem, name: string): Promise<string | null> {
  if (!manager.programDirs) return systemTool(system, name);
  // Windows finds a program by its name with .exe (PATHEXT); the fixes name it without.
  const file = system.platform === 'win32' && !/\.exe$/i.test(name) ? `${name}.exe` : name;
  const candidates = manager.programDirs(system.env).map((dir) => joinPath(system, dir, file));
  // On Windows an alias is a reparse point (lstat sees it, stat may not); elsewhere an executable file.
  const infos = await Promise.all(
    candidates.map((path) => (system.platform === 'win32' ? system.lstat(path) : system.stat(path))),
  );
  const index = infos.findIndex((info) =>
    system.platform === 'win32' ? info !== null : info?.kind === 'file' && info.executable,
  );
  return index === -1 ? null : (candidates[index] ?? null);
}

// --- helpers -----------------------------------------------------------------------------------

function pathDirs(system: System, untrusted: readonly string[] = []): string[] {
  const separator = system.platform === 'win32' ? ';' : ':';
  const absolute = system.platform === 'win32' ? /^[A-Za-z]:[\\/]/ : /^\//;
  // An empty entry means the current directory, a relative one depends on it, and an entry inside the
  // project (npx puts ./node_modules/.bin first) is the project's: none is ever looked in, so that nothing
  // there can pose as python3.
  const dirs = (system.env.PATH ?? '')
    .split(separator)
    .filter((dir) => absolute.test(dir) && !untrusted.some((root) => isInside(dir, root)));
  return [...new Set(dirs)];
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function dirOf(path: string): string {
  return path.slice(0, Math.max(path.lastIndexOf('/'), 1));
}

function joinPath(system: System, dir: string, name: string): string {
  const separator = system.platform === 'win32' ? '\\' : '/';
  return dir.endsWith(separator) ? `${dir}${name}` : `${dir}${separator}${name}`;
}

/** The first executable file of that name on PATH (its trustworthy entries), like `command -v`. */
export async function which(system: System, name: string, untrusted: readonly string[] = []): Promise<string | null> {
  const extensions =
    system.platform === 'win32' ? (system.env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').toLowerCase().split(';') : [''];
  const dirs = pathDirs(system, untrusted);
  return firstExecutable(
    system,
    dirs.flatMap((dir) => extensions.map((ext) => joinPath(system, dir, name + ext))),
  );
}

async function firstExecutable(system: System, candidates: string[]): Promise<string | null> {
  // Looked up concurrently; the first hit in order wins, as in a shell.
  const infos = await Promise.all(candidates.map((candidate) => system.stat(candidate)));
  const index = infos.findIndex((info) => info?.kind === 'file' && info.executable);
  return index === -1 ? null : (candidates[index] ?? null);
}

const toolCache = new WeakMap<System, Map<string, Promise<string | null>>>();

/**
 * A system tool (git, apt-get, apt-cache, dpkg-query, sudo, add-apt-repository) by its absolute path, looked
 * for only in the system directories, never on PATH; resolved once per System.
 */
export function systemTool(system: System, name: string): Promise<string | null> {
  let cache = toolCache.get(system);
  if (!cache) {
    cache = new Map();
    toolCache.set(system, cache);
  }
  let found = cache.get(name);
  if (!found) {
    found = firstExecutable(
      system,
      SYSTEM_DIRS.map((dir) => `${dir}/${name}`),
    );
    cache.set(name, found);
  }
  return found;
}
