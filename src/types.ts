// The data that flows through the four stages: facts -> findings -> fixes -> report.
// Everything here is plain, serialisable data: facts are dumped and replayed, reports become JSON.

export const FACTS_VERSION = 1;
export const SCHEMA_VERSION = 1;

/** What the machine is. Gathered once (src/facts/), or read back from a dump (--facts). */
export interface Facts {
  factsVersion: typeof FACTS_VERSION;
  /** Version of the venv-doctor that gathered these facts. */
  gatheredBy: string;
  host: HostFacts;
  os: OsFacts;
  python: PythonFacts;
  /** The system's package state (src/systems/); null where venv-doctor knows no package manager. */
  packages: PackageFacts | null;
  /** The project in the directory diagnosed (absent in dumps of venv-doctor 0.1). */
  project?: ProjectFacts | null;
}

export interface HostFacts {
  platform: string;
  arch: string;
  kernel: string;
  /** Effective uid is 0 (or, on Windows, unknown and reported false). */
  isRoot: boolean;
  /** Absolute path of sudo on PATH, or null. */
  sudo: string | null;
  /** Absolute path of doas (Alpine's, OpenBSD's sudo), when there is no sudo. */
  doas?: string | null;
  wsl: boolean;
  /**
   * On WSL, the Windows interpreters on PATH (python.exe, python3.exe under /mnt/, the Store's aliases
   * among them): found by name, never run; `python3 -m venv` here never uses them.
   */
  windowsPythons?: string[];
  /** docker, podman, a value of $container, or null. */
  container: string | null;
  /**
   * macOS: whether the Command Line Tools (or Xcode) hold a real python3, read from their files: without
   * them /usr/bin/python3 is Apple's stub, which opens an install dialog when run, so it is never run.
   */
  commandLineTools?: { python3: string | null } | null;
}

export interface OsFacts {
  /** The file the identity came from (/etc/os-release ...), or 'systeminformation' on macOS/Windows. */
  source: string | null;
  id: string | null;
  idLike: string[];
  versionId: string | null;
  codename: string | null;
  name: string | null;
  prettyName: string | null;
  /** Why the identity could not be read, when it could not. */
  problem: string | null;
}

export type InterpreterProblemKind =
  | 'not-found'
  | 'not-a-file'
  | 'not-executable'
  | 'timeout'
  | 'failed'
  | 'garbage'
  | 'too-old'
  | 'windows-store-stub'
  /** macOS's /usr/bin/python3 without the Command Line Tools: running it opens an install dialog (never run). */
  | 'xcode-stub'
  /** Inside the project examined: never run. */
  | 'untrusted'
  /** An asdf or mise shim whose interpreter could not be told from its files (shims are never run). */
  | 'unresolved-shim';

export interface InterpreterProblem {
  kind: InterpreterProblemKind;
  detail: string;
  /** too-old: the version it gave with --version (a Python 2), when it said one. */
  version?: string | null;
}

export interface PythonFacts {
  /** The command as asked: 'python3' or the --python value. */
  command: string;
  /** Where the command was found (PATH lookup or the given path), before following links or shims. */
  resolved: string | null;
  /** A version-manager shim stands between the command and the interpreter. */
  shim: 'pyenv' | 'asdf' | 'mise' | null;
  problem: InterpreterProblem | null;
  probe: Probe | null;
  /** The dpkg package that ships probe.realExecutable, when one does (version: when dpkg was asked). */
  owner: { package: string; version: string | null } | null;
  /** Other python3.X commands on PATH; probed for their version only when a requirement needs it. */
  others: OtherInterpreter[];
  /**
   * The directory version managers were asked from (pyenv's PYENV_DIR, asdf's and mise's cwd): the project,
   * or / when its version files name anything but plain versions.
   */
  probedFrom?: string;
  /** An asdf or mise shim: the version its configuration selects, and where that is written. */
  shimSelection?: { version: string; from: string } | null;
  /** The project's .python-version as venv-doctor read it, handed to pyenv as PYENV_VERSION. */
  pyenvVersion?: string | null;
  /** The versions pyenv has installed ($PYENV_ROOT/versions), when python3 is a pyenv shim. */
  pyenvVersions?: string[] | null;
  /**
   * Windows: the py launcher and the Pythons it can start (PEP 514 installs found by their directories, and
   * the legacy launcher's own list, `py -0p`). The interpreter judged is the one `py` starts when python3 is
   * missing or the Store's alias.
   */
  windows?: WindowsPythons | null;
  /**
   * The command asked for was a stub that is never run (macOS's /usr/bin/python3 without the Command Line
   * Tools, Windows' Store alias), and another interpreter here is judged in its place: py's default on
   * Windows, the newest python3.X of Homebrew or python.org on macOS. What the stub was, and why.
   */
  insteadOf?: { command: string; detail: string } | null;
}

export interface WindowsPythons {
  /** py.exe: the legacy launcher (%SystemRoot%\py.exe: run for its list), or the install manager's alias (never run). */
  launcher: { path: string; kind: 'legacy' | 'install-manager' } | null;
  /** Installed Pythons, newest first: tag as `py -V:` takes it ("3.13", "3.13-32"), and python.exe. */
  installs: { tag: string; path: string; from: 'directory' | 'py -0p' }[];
  /** The judged interpreter is the one py starts by default (python3 was missing or the Store's alias). */
  selectedByLauncher?: boolean;
}

export interface OtherInterpreter {
  name: string;
  path: string;
  /**
   * Its version, when it was asked (the selected interpreter does not meet the project's requirement).
   * @pattern ^\d{1,4}\.\d{1,4}\.\d{1,4}$
   */
  version?: string | null;
  /**
   * What it said about itself, when it is the one the project's venv would be made with (the selected
   * interpreter misses the requirement and this one meets it): judged like python3.
   */
  probe?: Probe | null;
  /** The dpkg package that ships it, when probed. */
  owner?: { package: string; version: string | null } | null;
}

/** What the interpreter said about itself (src/facts/probe.py). */
export interface Probe {
  /** @pattern ^\d{1,4}\.\d{1,4}\.\d{1,4}$ */
  version: string;
  versionInfo: [number, number, number];
  implementation: string;
  executable: string;
  /** sys.executable after following symlinks. */
  realExecutable: string;
  prefix: string;
  basePrefix: string;
  stdlib: string;
  platform: string;
  /** <stdlib>/EXTERNALLY-MANAGED: present or not, and its text (first 16 KiB). */
  marker: { path: string; present: boolean; text: string | null };
  /** <stdlib>/ensurepip/__main__.py exists: what Debian's own venv checks. */
  ensurepipMain: boolean;
  /** The wheel directory ensurepip reads (WHEEL_PKG_DIR, or Debian's patched default). */
  wheelDir: string | null;
  /** pip-*.whl and setuptools-*.whl names in wheelDir. */
  wheelDirFiles: string[];
  /** pip-*.whl and setuptools-*.whl names in <stdlib>/ensurepip/_bundled. */
  bundledFiles: string[];
  /** Directory of the pip package this interpreter imports, or null. */
  pip: string | null;
  /** <stdlib>/venv/__init__.py exists. */
  venvModule: boolean;
  /** <base_prefix>/conda-meta exists. */
  condaMeta: boolean;
}

/** The package managers venv-doctor plans fixes with: one module each in src/systems/. */
export type PackageManagerId = 'apt' | 'dnf' | 'apk' | 'pacman' | 'zypper' | 'brew' | 'winget';

export interface PackageState {
  /** Installed (dpkg: status "ii"); false: known to the database but not installed (dpkg's "rc", "un"). */
  installed: boolean;
  version: string | null;
}

export interface PackageFacts {
  manager: PackageManagerId;
  /**
   * What the package database knows of the python packages (dpkg-query, rpm -qa, apk's and pacman's
   * databases); null when nothing needed it (no fix to plan), or it could not be asked.
   */
  installed: Record<string, PackageState> | null;
  /** Whether the manager's local package index (apt's lists, apk's index, pacman's databases) holds any. */
  lists: 'present' | 'empty' | 'unknown';
  /** The install candidate for packages that are missing and needed (null: none), where it can be asked. */
  candidates: Record<string, string | null>;
  /** Ubuntu only, asked when a candidate is missing: is the universe component enabled in apt's sources? */
  universe: boolean | null;
  /**
   * Asked when a candidate is missing: how long ago (seconds, when the facts were gathered) the newest
   * package list was downloaded. Lists that fresh are not refreshed again: the sources lack the package.
   */
  listsAgeSeconds?: number | null;
  /** Programs the fix may use, found in the system directories. */
  tools: { install: boolean; candidates: boolean; addAptRepository: boolean };
}

export interface ProjectFacts {
  /** The project directory, absolute. */
  dir: string;
  /** The directory venv-doctor ran in: fixes name the venv relative to it. */
  cwd: string;
  /** Python project files found in dir: pyproject.toml, requirements.txt, setup.py ... */
  markers: string[];
  /**
   * pyproject.toml's [project] requires-python; null when there is no pyproject.toml. line: the line of
   * requires-python, or of the TOML error (for annotations; absent when unknown).
   */
  pyproject: {
    requiresPython: string | null;
    problem: string | null;
    /**
     * @asType integer
     * @minimum 1
     */
    line?: number;
    /** [project] name, else [tool.poetry] name (Poetry names its venvs after it). */
    name?: string | null;
    /** [tool.poetry.dependencies] python, as written, and its line. */
    poetryPython?: StatedPython | null;
    /** The [tool.X] tables of the tools that make a project's venv: poetry, uv, pdm, hatch (hatch.envs). */
    tools?: string[];
  } | null;
  /** Where else the project states its Python (Pipfile, setup.cfg, setup.py, .python-version, ...). */
  stated?: StatedPython[];
  /** The tool that makes the project's venv, told from its files (uv.lock, poetry.lock, Pipfile ...). */
  tool?: ProjectToolFacts | null;
  /** The first version .python-version names, when there is one (all of them are in `stated`). */
  pythonVersionFile: string | null;
  /**
   * Its line number (comments and blank lines before it are skipped); absent when unknown.
   * @asType integer
   * @minimum 1
   */
  pythonVersionLine?: number;
  /** --require, when given. */
  required: string | null;
  /** Where a venv was looked for (relative to dir), in order; the first that exists is venv. */
  venvSearched: string[];
  venv: VenvFacts | null;
  /** Other places searched that hold a venv too (venv/ beside .venv): named, not inspected. */
  otherVenvs?: string[];
  /** null when git is not installed. */
  git: {
    workTree: boolean;
    venvIgnored: boolean | null;
    problem: string | null;
    /** The other venvs (otherVenvs) that git does not ignore. */
    othersNotIgnored?: string[];
    /** The venv is a link to this directory of the project (relative), which git does not ignore. */
    targetNotIgnored?: string;
  } | null;
  /** $VIRTUAL_ENV, when set, and whether that directory exists. */
  virtualEnv: { path: string; exists: boolean /** Where it leads, links followed. */; realPath?: string | null } | null;
  /** venv-create's result (--deep only). */
  deep: DeepResult | null;
  /** Project files that exist but were not read, and why (a FIFO, a link out of the project ...). */
  notRead?: { file: string; why: string }[];
  /** The owner of the project directory, when it is not the user running venv-doctor. */
  owner?: { uid: number } | null;
  /**
   * Whether the venv's place (each directory from / to it, and the venv) is one only this user controls: why
   * not, and the identities (device:inode) that --fix finds again before it makes or empties the venv.
   */
  venvTarget?: { problem: string | null; parent: string | null; venv: string | null } | null;
}

/** Where the requirement of a report was read. */
export interface RequirementSource {
  source: string;
  file: string | null;
  line: number | null;
}

/** A place where a project states its Python, as written. */
export interface StatedPython {
  /** The file, relative to the project directory. */
  file: string;
  /** The key (requires.python_version, options.python_requires, tools.python ...), or what the line is. */
  key: string;
  value: string;
  /**
   * @asType integer
   * @minimum 1
   */
  line?: number;
}

export type ProjectToolName = 'uv' | 'poetry' | 'pipenv' | 'pdm' | 'hatch' | 'conda';

export interface ProjectToolFacts {
  name: ProjectToolName;
  /** The files and settings that say so (uv.lock, [tool.poetry], Pipfile ...). */
  evidence: string[];
  /** The tool's executable on PATH (never run), or null when it is not installed. */
  command: string | null;
  /**
   * Where the tool keeps this project's venv: 'project' (.venv, or UV_PROJECT_ENVIRONMENT), 'cache' (Poetry's
   * and Pipenv's directories in the user's home), or 'own' (hatch and conda: their own places, not judged).
   */
  venvPlace: 'project' | 'cache' | 'own';
  /** The cache venv, when venvPlace is 'cache': found there and judged like the project's, or null. */
  venv?: VenvFacts | null;
  /** Where the cache venv was looked for. */
  venvLookedFor?: string | null;
  /** Why the venv lives where it does (poetry.toml's virtualenvs.in-project, PIPENV_VENV_IN_PROJECT, ...). */
  placeReason?: string | null;
}

export interface VenvFacts {
  /** As it is named for the user: '.venv', or the configured path. */
  name: string;
  path: string;
  realPath: string | null;
  /** The venv's path is itself a symbolic link: its target as written. */
  link?: string | null;
  /** outside: it resolves to a place outside the project (not inspected, never a fix's target). */
  kind: 'dir' | 'file' | 'dangling-link' | 'outside' | 'other';
  layout: 'posix' | 'windows' | null;
  cfg: { home: string | null; version: string | null; executable: string | null; command: string | null } | null;
  cfgProblem: string | null;
  /**
   * bin/python (Scripts\\python.exe): the link as written, where it resolves (null: nowhere), and when it
   * does not, where the chain of links ends in nothing.
   */
  interpreter: { path: string; link: string | null; resolved: string | null; missing: string | null } | null;
  probe: Probe | null;
  probeProblem: string | null;
  /** Its interpreter is a Python 2 (virtualenv's venvs of 2.7): it works, and says only its version. */
  legacyVersion?: string | null;
  /** bin/ (Scripts\\) leads out of the venv, to here: nothing in it was read. */
  binOutside?: string | null;
  /** Why the interpreter was not run (it is inside the project): the venv is judged from its files. */
  notRun?: string | null;
  hasPip: boolean;
  hasActivate: boolean;
  /** The directory bin/activate was written for. */
  activateVirtualEnv: string | null;
  /** The interpreters named by the #! lines of the scripts in bin/. */
  shebangs: { script: string; interpreter: string }[];
  /** Directories named by those scripts or activate that are this venv by another path (through a link). */
  namedAs?: string[];
}

export interface DeepResult {
  ok: boolean;
  /** Which step failed: creating the venv, or running its pip. */
  failedStep: 'venv' | 'pip' | null;
  durationMs: number;
  /** The last lines of what the failing step printed. */
  output: string;
}

// --- checks -------------------------------------------------------------------------------

export type Severity = 'pass' | 'warn' | 'fail';
/** ignored: the project's configuration says to ignore it (it still ran, and stays visible). */
export type Status = Severity | 'skip' | 'crash' | 'ignored';

/** A way out of a finding, as data. The planner turns these into commands. */
export type Remedy =
  /**
   * Packages of the system's package manager (facts.packages.manager). note: what to do once they are
   * installed, when that is not yet part of the plan.
   */
  | { kind: 'package-install'; packages: string[]; reinstall?: boolean; note?: string; optional?: boolean }
  /** (Re)create the project's venv with this interpreter; --clear empties an existing one first. */
  | {
      kind: 'venv-create';
      interpreter: string;
      /** Arguments before -m venv that pick the Python (the py launcher's -3.13). */
      interpreterArgs?: string[];
      path: string;
      clear: boolean;
      note?: string;
    }
  /** No verified command exists for this situation: honest guidance only. */
  | { kind: 'advice'; text: string };

export interface Finding {
  severity: Severity;
  message: string;
  /** Extra lines shown with --verbose and in JSON. */
  details?: string[];
  remedy?: Remedy;
}

/** A place in the project's files: file relative to the project directory, line 1-based. */
export interface FileLocation {
  file: string;
  line?: number;
}

export interface CheckMeta {
  id: string;
  title: string;
  description: string;
}

export interface Check extends CheckMeta {
  /** Returns why the check cannot run on these facts (it is then skipped), or null. */
  skipIf?(facts: Facts): string | null;
  /** Packages whose install candidate the check needs to decide (asked in the second gathering pass). */
  packageLookups?(facts: Facts): string[];
  run(facts: Facts): Finding[];
  /** The project file its result concerns (CI annotations point there), when there is one. */
  where?(facts: Facts): FileLocation | null;
}

export interface CheckResult {
  id: string;
  title: string;
  status: Status;
  message: string;
  details: string[];
  durationMs: number;
  findings: Finding[];
  /** The project file the result concerns (check.where), when there is one. */
  where?: FileLocation;
}

// --- fixes -------------------------------------------------------------------------------

export interface Fix {
  manager: PackageManagerId | 'venv';
  /** What this command does, in a few words. */
  why: string;
  packages: string[];
  needsRoot: boolean;
  /** Exactly what to run, as the user who ran the doctor. */
  argv: string[];
  /** argv quoted for the user's shell (POSIX; PowerShell on Windows), for people to copy. */
  command: string;
  /** Not needed for venvs (a pip for the system Python): shown apart, run by --fix only with --with-optional. */
  optional?: true;
}

export interface Plan {
  fixes: Fix[];
  /** Fixes that are not needed for venvs. */
  optional: Fix[];
  /** Guidance that is not a command venv-doctor can vouch for. */
  advice: string[];
  /** Facts about how to run the fixes (e.g. "not root and no sudo: run these as root"). */
  notes: string[];
}

// --- the report ---------------------------------------------------------------------------

export type PythonSource = 'distro' | 'pyenv' | 'uv' | 'conda' | 'homebrew' | 'xcode' | 'python.org' | 'other';

export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'venv-doctor'; version: string };
  ok: boolean;
  exitCode: ExitCode;
  os: {
    id: string | null;
    idLike: string[];
    versionId: string | null;
    codename: string | null;
    prettyName: string | null;
    platform: string;
    arch: string;
    wsl: boolean;
    container: string | null;
  };
  python: {
    command: string;
    resolved: string | null;
    shim: string | null;
    executable: string | null;
    version: string | null;
    source: PythonSource | null;
    owner: string | null;
    externallyManaged: boolean;
    inVenv: boolean;
    others: { name: string; path: string }[];
  };
  project: {
    dir: string;
    venv: string | null;
    requirement: string | null;
    /**
     * The interpreter the project's venv is made with: python.command, or the python3.X on PATH that meets
     * the requirement when python.command does not; null when no interpreter here meets it.
     */
    venvPython?: { command: string; version: string | null; executable: string | null } | null;
    /** Where the requirement was read: its source ("requires-python in pyproject.toml"), file and line. */
    requirementSource?: RequirementSource | null;
    /** The project's own tool (uv, poetry, pipenv, pdm, hatch, conda), what says so, and where its venv is. */
    tool?: { name: string; evidence: string[]; installed: boolean; venvPlace: 'project' | 'cache' | 'own' } | null;
  } | null;
  checks: CheckResult[];
  fixes: Fix[];
  /** Fixes not needed for venvs (python3-pip), each with optional: true; --fix runs them with --with-optional. */
  optionalFixes: Fix[];
  advice: string[];
  notes: string[];
  /** Problems with the settings (unknown configuration keys ...). */
  warnings: string[];
  /** Warnings fail (--strict or strict = true). */
  strict: boolean;
  /** Where the facts came from: this machine, or a replayed dump. */
  factsFrom: 'machine' | 'file';
  durationMs: number;
}

export const ExitCode = {
  ready: 0,
  notReady: 1,
  usage: 2,
  doctorFailed: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
