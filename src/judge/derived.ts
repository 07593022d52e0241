// Derived facts: pure functions of Facts that more than one check (or the planner) needs.
// Checks share these, never each other's output.
import { valid } from '@renovatebot/pep440';
import { isAbsolutePath, isShimPath, samePath } from '../paths.js';
import { commandLine, quoteFor } from '../quote.js';
import { type PackageSystem, SYSTEMS, systemFor } from '../systems/index.js';
import { needsSetuptools } from '../systems/types.js';
import { TOOLS } from '../tools/index.js';
import type { ProjectTool } from '../tools/types.js';
import type {
  Facts,
  FileLocation,
  Finding,
  OsFacts,
  OtherInterpreter,
  Probe,
  PythonFacts,
  PythonSource,
  Remedy,
  VenvFacts,
} from '../types.js';
import { locationOf, meaningOf, meets, sourceOf, statements, validSpec } from './requirements.js';

/**
 * The package system of these facts (src/systems/): the one the gatherer found, when it is this
 * distribution's own (a Debian with rpm installed beside dpkg is still apt's).
 */
export function packageSystem(facts: Facts): PackageSystem | null {
  const manager = facts.packages?.manager;
  const system = manager ? SYSTEMS[manager] : null;
  return system?.matches(facts.os) ? system : null;
}

/** The family this os-release belongs to, whether or not its package manager was found. */
export const familyOf: (os: OsFacts) => PackageSystem | null = systemFor;

/** What a command that needs root starts with: nothing as root, else sudo, else doas (Alpine's). */
export function elevation(facts: Facts): 'sudo' | 'doas' | null {
  const host = facts.host;
  return host.isRoot ? null : host.sudo ? 'sudo' : host.doas ? 'doas' : null;
}

// "3.11", and whether ensurepip installs setuptools too: the package systems' own, for the checks.
export { minorOf as minorVersion, needsSetuptools } from '../systems/types.js';

/** In a virtual environment (venv or old virtualenv): the PEP 668 marker does not apply there. */
export function inVenv(probe: Probe): boolean {
  return probe.prefix !== probe.basePrefix;
}

export function isExternallyManaged(probe: Probe): boolean {
  return probe.marker.present && !inVenv(probe);
}

/** The pip and setuptools wheels ensurepip will find, the way ensurepip itself looks for them. */
export function ensurepipWheels(probe: Probe): { usable: boolean; from: 'wheel-dir' | 'bundled' | null } {
  const setuptools = needsSetuptools(probe);
  const complete = (names: string[]) =>
    names.some((n) => n.startsWith('pip-')) && (!setuptools || names.some((n) => n.startsWith('setuptools-')));
  // ensurepip <= 3.11 uses WHEEL_PKG_DIR only when every package it installs is there; else _bundled.
  if (probe.wheelDir && complete(probe.wheelDirFiles)) return { usable: true, from: 'wheel-dir' };
  if (complete(probe.bundledFiles)) return { usable: true, from: 'bundled' };
  return { usable: false, from: null };
}

/** Everything `python -m venv` needs to succeed with pip: the venv module, ensurepip and its wheels. */
export function venvWillWork(probe: Probe): boolean {
  return probe.venvModule && probe.ensurepipMain && ensurepipWheels(probe).usable;
}

/** Where the interpreter comes from; decides which kind of fix is right for it. */
export function pythonSource(facts: Facts): PythonSource | null {
  const probe = facts.python.probe;
  if (!probe) return null;
  const base = probe.basePrefix.replaceAll('\\', '/');
  const exe = probe.realExecutable.replaceAll('\\', '/');
  if (/\/uv\/python\//.test(base) || /managed by uv/i.test(probe.marker.text ?? '')) return 'uv';
  if (probe.condaMeta) return 'conda';
  if (/\/\.?pyenv\/versions\//.test(base) || /\/pyenv-win\/versions\//i.test(base)) return 'pyenv';
  if (/\/Cellar\/python|^\/opt\/homebrew\/|\/\.linuxbrew\//.test(`${base} ${exe}`)) return 'homebrew';
  if (facts.python.owner) return 'distro';
  if (base.startsWith('/Library/Developer/CommandLineTools') || base.startsWith('/Applications/Xcode')) return 'xcode';
  if (base.startsWith('/Library/Frameworks/Python.framework')) return 'python.org';
  // Windows: python.org's installers (per user, for all users) and the Python install manager's runtimes.
  if (
    /^[a-z]:\/(.*\/AppData\/Local\/Programs\/Python|Program Files( \(x86\))?|.*\/AppData\/Local\/Python)\/(Python3\d|pythoncore-)/i.test(
      base,
    )
  ) {
    return 'python.org';
  }
  // Where the owner is not looked up (Fedora, Arch, Alpine ..., or no package database), an interpreter under
  // /usr is the distribution's; where it is (dpkg's file lists), one dpkg does not know is not.
  const ownerLookedUp = facts.packages ? SYSTEMS[facts.packages.manager]?.findsOwner === true : false;
  if (probe.platform === 'linux' && (base === '/usr' || base === '/') && !ownerLookedUp) return 'distro';
  return 'other';
}

/** The interpreter is a package of the system's package manager (Homebrew's own, on macOS), which can therefore repair it. */
export function packagesCanFix(facts: Facts): PackageSystem | null {
  const system = packageSystem(facts);
  return system && pythonSource(facts) === (system.owns ?? 'distro') ? system : null;
}

/**
 * The package system that can install a Python of another minor here: the one that owns the interpreter, or
 * one whose Pythons install beside any other (Homebrew's python@3.X, winget's Python.Python.3.X).
 */
export function packagesCanAddPython(facts: Facts): PackageSystem | null {
  const system = packageSystem(facts);
  if (system?.installsBeside && facts.packages?.tools.install) return system;
  return packagesCanFix(facts);
}

/** The shell the fixes are written for: PowerShell on Windows, POSIX elsewhere. */
export function quoteArgFor(facts: Facts): (arg: string) => string {
  return quoteFor(facts.host.platform);
}

/**
 * On Windows, the py launcher's way to start this python.exe (`py -3.13`), when the launcher is there and
 * lists it: what Python's documentation tells Windows users to type.
 */
export function launcherArgs(facts: Facts, executable: string | null | undefined): string[] | null {
  const windows = facts.python.windows;
  if (!windows?.launcher || !executable) return null;
  const install = windows.installs.find((i) => samePath(i.path, executable));
  // A tag from a replayed dump is someone else's text: only what py -0p prints reaches a command.
  if (!install || !/^(?:[A-Za-z0-9_.]{1,64}[\\/])?[A-Za-z0-9_.]{1,64}(?:-(?:32|64|arm64))?$/.test(install.tag))
    return null;
  return [/^3\.\d{1,2}(t)?(-(32|arm64))?$/.test(install.tag) ? `-${install.tag}` : `-V:${install.tag}`];
}

// --- the project ---------------------------------------------------------------------------------

export interface Requirement {
  /** A PEP 440 specifier set, e.g. ">=3.10,<3.13". */
  spec: string;
  /** Where it was read: --require, pyproject.toml, .python-version. */
  source: string;
  /** Why it cannot be used, when it cannot. */
  problem: string | null;
  /** The project file it was read from (absent: --require). */
  where?: FileLocation;
}

/** The project's Python requirement: --require, else requires-python, else .python-version. */
export function projectRequirement(facts: Facts): Requirement | null {
  const project = facts.project;
  if (!project) return null;
  const check = (spec: string, source: string, where?: FileLocation): Requirement => ({
    spec,
    source,
    problem: validSpec(spec) ? null : `${source} ${JSON.stringify(spec)} is not a valid PEP 440 version specifier`,
    ...(where ? { where } : {}),
  });
  if (project.required) return check(project.required, '--require');
  const pyproject = project.pyproject;
  if (pyproject?.requiresPython) {
    const where = { file: 'pyproject.toml', ...(pyproject.line ? { line: pyproject.line } : {}) };
    return check(pyproject.requiresPython, 'requires-python in pyproject.toml', where);
  }
  // Then each other place, in its own tool's words (src/judge/requirements.ts): the first that says something.
  for (const stated of statements(facts)) {
    const meaning = meaningOf(stated);
    if (meaning === null) continue;
    const source = sourceOf(stated);
    const where = locationOf(stated);
    if ('problem' in meaning) return { spec: stated.value, source, problem: meaning.problem, where };
    return { spec: meaning.spec, source, problem: null, where };
  }
  // A .python-version gathered without its statements (a facts file of an older venv-doctor).
  const pinned = project.stated ? null : project.pythonVersionFile;
  if (pinned) {
    const where = {
      file: '.python-version',
      ...(project.pythonVersionLine ? { line: project.pythonVersionLine } : {}),
    };
    if (/^\d+\.\d+$/.test(pinned)) return check(`==${pinned}.*`, '.python-version', where);
    if (/^\d+\.\d+\.\d+$/.test(pinned)) return check(`==${pinned}`, '.python-version', where);
  }
  return null;
}

/** The selected interpreter misses the project's requirement: the others' versions are worth asking. */
export function needsOtherVersions(facts: Facts): boolean {
  const requirement = projectRequirement(facts);
  const probe = facts.python.probe;
  return Boolean(requirement && probe && !requirement.problem && !satisfiesRequirement(probe.version, requirement));
}

export function satisfiesRequirement(version: string, requirement: Requirement): boolean {
  // A version that is not PEP 440 (a hand-edited facts file) meets nothing, rather than crashing the parser.
  return requirement.problem === null && valid(version) !== null && meets(version, requirement.spec);
}

/** The newest Python minor version venv-doctor knows of (3.15.0: October 2026). */
export const NEWEST_MINOR = 15;
/** The newest minor that pyenv and uv releases of the past year can all install (pyenv 2.6.30 lacks 3.15.0). */
export const INSTALLABLE_MINOR = 14;

/** Micro releases looked at: no Python minor has had more than about 20. */
const MICROS = Array.from({ length: 31 }, (_, micro) => micro);

/** Python minor versions (3.8 ... 3.15) that can meet the requirement, newest first. */
export function satisfyingMinors(requirement: Requirement): string[] {
  const minors: string[] = [];
  for (let minor = NEWEST_MINOR; minor >= 8; minor--) {
    if (MICROS.some((micro) => satisfiesRequirement(`3.${minor}.${micro}`, requirement))) minors.push(`3.${minor}`);
  }
  return minors;
}

/**
 * What to ask a version manager for, for this minor: "3.12" when its newest releases meet the requirement
 * (pyenv and uv pick the newest), else the newest release that does ("3.12.4" for ==3.12.4, never "3.12").
 */
export function versionToInstall(requirement: Requirement, minor: string): string {
  const meeting = MICROS.filter((micro) => satisfiesRequirement(`${minor}.${micro}`, requirement));
  const newest = meeting.at(-1);
  return newest === undefined || newest === MICROS.at(-1) ? minor : `${minor}.${newest}`;
}

/** Another interpreter on PATH that meets the requirement (versions are asked only when needed). */
export function satisfyingOther(facts: Facts, requirement: Requirement): OtherInterpreter | null {
  return (
    [...facts.python.others]
      .reverse()
      .find(
        (o) =>
          o.version && o.path !== facts.python.probe?.realExecutable && satisfiesRequirement(o.version, requirement),
      ) ?? null
  );
}

/**
 * The interpreter the project's venv is made with: the selected one (python3) when it meets the
 * requirement or there is none; else the other python3.X on PATH that meets it, once it has been probed
 * (the second gathering pass); else null (nothing here meets it: see python-version).
 */
export function venvInterpreter(facts: Facts): PythonFacts | null {
  const requirement = projectRequirement(facts);
  const probe = facts.python.probe;
  if (!probe || !requirement || requirement.problem || satisfiesRequirement(probe.version, requirement)) {
    return facts.python;
  }
  const other = satisfyingOther(facts, requirement);
  if (!other?.probe) return null;
  return {
    ...facts.python,
    command: other.name,
    resolved: other.path,
    shim: null,
    problem: null,
    probe: other.probe,
    owner: other.owner ?? null,
  };
}

/**
 * The facts as the interpreter checks (venv, ensurepip, pip, PEP 668) see them: with the venv's
 * interpreter in the place of python3, so that what they find missing is what the venv fix will need.
 */
export function asVenvInterpreter(facts: Facts): Facts {
  const python = venvInterpreter(facts);
  return python && python !== facts.python ? { ...facts, python } : facts;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const SAFE_PATH = /^[^\0-\u001f\u007f]+$/;
/**
 * What a venv fix may start: a Python interpreter by its name (python3, python3.12, pypy3.10, python3.13t)
 * or a path ending in one. The facts of a replayed dump are someone else's: a python.command of /usr/bin/perl
 * would otherwise be planned as `/usr/bin/perl -I -m venv ...` (perl's -m runs a module of the directory).
 */
const INTERPRETER_NAME = /^(python|pypy)(\d+(\.\d+)?t?)?(-dbg|d)?(\.exe)?$/i;

export function isInterpreterName(path: string): boolean {
  return INTERPRETER_NAME.test(path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1));
}

/**
 * The command that (re)creates the project's venv: the interpreter that meets the requirement (the
 * selected one, or another on PATH that does), and the venv's path as the user named it. Only ever a
 * directory inside the project that is a venv (or nothing yet): a symbolic link, a place outside the
 * project, a file or a directory that is not a venv gets advice instead, and so does a project that
 * belongs to another user when venv-doctor runs as root (the venv would be root's).
 */
export function recreateVenv(facts: Facts, clear: boolean): Remedy | null {
  const project = facts.project;
  const probe = facts.python.probe;
  if (!project || !probe) return null;
  const quoteArg = quoteArgFor(facts);
  const requirement = projectRequirement(facts);
  const selectedOk = !requirement || satisfiesRequirement(probe.version, requirement);
  // Else the venv's own base interpreter, when it meets the requirement: the venv is made again with the
  // Python it was made with (by the name it has on PATH, when another python3.X there is that interpreter).
  const base = facts.project?.venv?.probe;
  const baseMeets = !selectedOk && requirement && base && satisfiesRequirement(base.version, requirement);
  const anyOther = selectedOk || !requirement ? null : satisfyingOther(facts, requirement);
  const sameAsBase = facts.python.others.find((o) => o.probe && base && o.probe.realExecutable === base.realExecutable);
  const other = baseMeets ? (sameAsBase ?? null) : anyOther;
  const baseOk = baseMeets && !other ? base : null;
  // As the user would type it: the command they diagnosed, or the other python3.X found on PATH by name;
  // by the judged interpreter's own path when a shim stands in between.
  const typed = selectedOk
    ? asTyped(facts.python.command, facts.python.shim !== null || isShimPath(facts.python.resolved ?? ''), probe)
    : other
      ? // One whose probe failed was not judged: no command with it (undefined: a dump from before probes).
        other.probe !== null && asTyped(other.name, isShimPath(other.path), other.probe ?? null)
      : baseOk?.realExecutable;
  // Windows: by the py launcher, as Python's documentation says (`py -3.13 -m venv .venv`), when it lists it.
  const launch =
    facts.host.platform === 'win32' && typed
      ? launcherArgs(facts, selectedOk ? probe.executable : other ? other.path : baseOk?.executable)
      : null;
  const interpreter = launch ? 'py' : typed;
  const interpreterArgs = launch ?? [];
  const isLauncher = launch !== null;
  // A project made with its own tool (uv, Poetry ...) gets that tool's command, with a plain interpreter only.
  // A tool takes one interpreter argument: the executable itself (never the launcher's two words).
  const toolPython = typed && SAFE_PATH.test(typed) && isInterpreterName(typed) ? typed : null;
  const plain = toolPython && /[\s'"‘’‚‛`$;&|]/.test(toolPython) ? quoteArg(toolPython) : toolPython;
  const tool = toolRemedy(facts, plain, clear);
  if (tool) return tool;
  if (!interpreter) return null;
  const venv = project.venv;
  const path = venv?.name ?? project.venvSearched[0] ?? '.venv';
  const where = relativeTo(facts, path);
  // Values from the machine reach an argv only when they are plain paths (no control characters, no option).
  if (
    !SAFE_PATH.test(interpreter) ||
    !SAFE_PATH.test(path) ||
    where.startsWith('-') ||
    interpreter.startsWith('-') ||
    !(isLauncher || isInterpreterName(interpreter))
  ) {
    return null;
  }
  const create = commandLine([interpreter, ...interpreterArgs, '-I', '-m', 'venv', where], facts.host.platform);
  if (venv?.kind === 'dangling-link' || venv?.link) {
    return {
      kind: 'advice',
      text: `${where} is a symbolic link${venv.link ? ` to ${venv.link}` : ''}, and venv-doctor never empties or replaces a venv through a link. Remove the link (this deletes only the link, not what it points to): rm ${quoteArg(where)}; then create the venv: ${create}`,
    };
  }
  if (venv?.kind === 'outside') {
    return {
      kind: 'advice',
      text: `${where} leads to ${venv.realPath ?? 'a place'} outside the project; venv-doctor does not touch anything outside the project. Create the venv inside it instead: ${create}`,
    };
  }
  if (venv && venv.kind !== 'dir') {
    return { kind: 'advice', text: `Move ${where} away (it is not a venv), then create the venv: ${create}` };
  }
  if (venv && clear && venv.cfgProblem === NO_PYVENV_CFG && !venv.interpreter) {
    return {
      kind: 'advice',
      text: `${where} is a directory, but not a venv (no pyvenv.cfg, no interpreter): venv-doctor will not empty it. Move it away, then create the venv: ${create}`,
    };
  }
  const owner = project.owner;
  if (owner && facts.host.isRoot) {
    const command = clear ? create.replace(' -m venv ', ' -m venv --clear ') : create;
    return {
      kind: 'advice',
      text: `${project.dir} belongs to uid ${owner.uid}, and you are root: a venv made now would be root's. Create it as that user: sudo -u '#${owner.uid}' ${command}`,
    };
  }
  const unsafe = project.venvTarget?.problem;
  if (unsafe) {
    const command = clear ? create.replace(' -m venv ', ' -m venv --clear ') : create;
    const owner = /belongs to uid (\d+)$/.exec(unsafe)?.[1];
    const as = owner && facts.host.isRoot ? `sudo -u '#${owner}' ${command}` : command;
    return {
      kind: 'advice',
      text: `venv-doctor does not ${clear ? 'empty and recreate' : 'create'} ${where} itself: ${unsafe}, so another user could turn the command against a place outside the project. Make the place yours alone (chown, chmod go-w), or run it as its owner: ${as}`,
    };
  }
  return {
    kind: 'venv-create',
    interpreter,
    ...(interpreterArgs.length > 0 ? { interpreterArgs } : {}),
    path: where,
    clear,
    note: clear
      ? [
          changeOfInterpreter(venv, selectedOk ? probe : (baseOk ?? other?.probe ?? null), where),
          reinstallHint(facts, where),
        ]
          .filter(Boolean)
          .join(' ')
      : undefined,
  };
}

/** The tool that makes the project's venv (uv, Poetry, Pipenv ...), when the project has one. */
export function projectTool(facts: Facts): ProjectTool | null {
  const name = facts.project?.tool?.name;
  return name ? TOOLS[name] : null;
}

/**
 * A failure of something only `python -m venv` needs (ensurepip, the venv module), in a project whose tool
 * makes venvs without it: a warning that says so, and its apt fix optional (shown apart, not needed here).
 */
export function notNeededByTheTool(facts: Facts, findings: Finding[], what: string): Finding[] {
  const tool = projectTool(facts);
  if (!tool || tool.needsEnsurepip) return findings;
  return findings.map((finding) => {
    if (finding.severity !== 'fail') return finding;
    const remedy = finding.remedy?.kind === 'package-install' ? { ...finding.remedy, optional: true } : finding.remedy;
    return {
      ...finding,
      severity: 'warn',
      message: `${finding.message} This project is made with ${tool.name} (${facts.project?.tool?.evidence.join(', ')}), which makes venvs with ${tool.makesVenvsWith}: it does not need ${what}; \`python3 -m venv\` does.`,
      ...(remedy ? { remedy } : {}),
    };
  });
}

/** The system's command that installs the project's tool (python3-poetry on Debian ...), as a person types it. */
export function toolInstallCommand(facts: Facts, tool: ProjectTool): string | null {
  const system = packageSystem(facts) ?? familyOf(facts.os);
  const name = system ? tool.install.packages[system.id] : undefined;
  if (!system || !name) return null;
  const argv = system.installArgv([name], { reinstall: false, indexEmpty: false });
  const elevate = elevation(facts);
  return [...(elevate ? [elevate] : []), ...argv].join(' ');
}

/**
 * The project's tool's own command for its venv, as advice (never run by --fix: a tool's install builds and
 * runs the project's code), with how to get the tool when it is not installed. `python`: the interpreter
 * that meets the requirement, or null.
 */
export function toolRemedy(facts: Facts, python: string | null, remake: boolean): Remedy | null {
  const tool = projectTool(facts);
  const found = facts.project?.tool;
  if (!tool || !found) return null;
  const command = tool.command(python, remake);
  const packaged = toolInstallCommand(facts, tool);
  const missing = found.command
    ? ''
    : `${tool.name} is not installed: install it (${packaged ? `${packaged}, or ` : ''}${tool.install.elsewhere}), then `;
  const quoteArg = quoteArgFor(facts);
  const cd =
    facts.project && facts.project.dir !== facts.project.cwd
      ? `cd ${quoteArg(facts.project.dir)}${facts.host.platform === 'win32' ? ';' : ' &&'} `
      : '';
  return {
    kind: 'advice',
    text: `This is a ${tool.name} project (${found.evidence.join(', ')}): ${missing ? missing : ''}${remake ? 'make its environment again' : 'make its environment'} with ${tool.name} itself: ${cd}${command}`,
  };
}

/**
 * Advice for remaking the venv when venv-doctor has no command it can vouch for: with a Python that meets
 * the project's requirement (never plain python3 when it misses it), or a working Python 3 when there is none.
 */
export function remakeAdvice(facts: Facts): string {
  const quoteArg = quoteArgFor(facts);
  const path = quoteArg(venvPathForUser(facts));
  const requirement = projectRequirement(facts);
  const probe = facts.python.probe;
  if (requirement && !requirement.problem && !(probe && satisfiesRequirement(probe.version, requirement))) {
    const minors = satisfyingMinors(requirement);
    const minor = minors.find((m) => Number(m.split('.')[1]) <= INSTALLABLE_MINOR) ?? minors[0];
    const version = minor ? versionToInstall(requirement, minor) : null;
    const get = version
      ? `install one (pyenv install ${version}, or uv python install ${version}), then`
      : 'install one by hand, then';
    return `Recreate the venv with a Python that meets ${requirement.spec} (${requirement.source}); none here does: ${get} run PYTHON -I -m venv --clear ${path} with it.`;
  }
  return `Recreate the venv with a working Python 3 interpreter: ${facts.python.command} -I -m venv --clear ${path}`;
}

/**
 * The interpreter as a fix names it: the command as typed, unless it is a version manager's shim, whose
 * answer depends on the directory it starts in (and, for asdf and mise, on version files that can name any
 * program): then the executable that was judged, by its absolute path, the same from wherever it runs.
 */
function asTyped(command: string, behindShim: boolean, probe: Probe | null): string | null {
  if (!behindShim) return command;
  const executable = probe?.executable;
  return executable && isAbsolutePath(executable) ? executable : null;
}

/**
 * Says so when recreating the venv changes its Python (another version, or another installation: Debian's
 * /usr/bin to a pyenv build), so that nobody's venv moves to another Python unannounced.
 */
function changeOfInterpreter(venv: VenvFacts | null, next: Probe | null, where: string): string {
  if (!venv || !next) return '';
  const before = venvVersion(venv) ?? /^\d+\.\d+(\.\d+)?/.exec(venv.cfg?.version ?? '')?.[0];
  const home = venv.cfg?.home?.replaceAll('\\', '/').replace(/\/+$/, '');
  if (!before || !home) return '';
  const executable = next.executable.replaceAll('\\', '/');
  const nextHome = executable.slice(0, executable.lastIndexOf('/')) || '/';
  if (before === next.version && home === nextHome) return '';
  return `This recreates ${where} with Python ${next.version} (${nextHome}) instead of Python ${before} (${home}), the one it was made with.`;
}

/**
 * The Python version of the project's venv: what its interpreter said, or, when it was not run (it is
 * inside the project), what pyvenv.cfg says.
 */
export function venvVersion(venv: VenvFacts): string | null {
  if (venv.probe) return venv.probe.version;
  if (venv.legacyVersion) return venv.legacyVersion;
  // virtualenv writes version_info = 3.12.1.final.0: the release is its first three numbers.
  const cfg = /^\d+\.\d+(\.\d+)?(?=$|\.[a-z])/.exec(venv.cfg?.version ?? '')?.[0];
  return venv.notRun && cfg ? cfg : null;
}

/** What the gatherer says of a venv directory without pyvenv.cfg. */
export const NO_PYVENV_CFG = 'there is no pyvenv.cfg';

/** The project's venv as the user will type it, from where they ran venv-doctor. */
export function venvPathForUser(facts: Facts): string {
  const project = facts.project;
  return relativeTo(facts, project?.venv?.name ?? project?.venvSearched[0] ?? '.venv');
}

/** A file of the project's venv, for annotations: null when the venv is named outside the project. */
export function venvFileLocation(venv: VenvFacts, file?: string): FileLocation | null {
  const name = venv.name.replace(/[\\/]+$/, '');
  if (isAbsolutePath(name) || name === '..' || /^\.\.[\\/]/.test(name)) return null;
  return { file: file ? `${name}/${file}` : name };
}

/** The venv path as the user will type it: relative to where they ran the doctor when inside it. */
function relativeTo(facts: Facts, path: string): string {
  const project = facts.project;
  if (!project || isAbsolutePath(path)) return path;
  const separator = facts.host.platform === 'win32' ? '\\' : '/';
  // "./-venv", never "-venv": a shell command would take it for an option.
  if (project.dir === project.cwd) return path.startsWith('-') ? `.${separator}${path}` : path;
  return `${project.dir.replace(/[\\/]$/, '')}${separator}${path}`;
}

/** Files that say how to reinstall a project's packages into a new venv. */
export function reinstallHint(facts: Facts, venvPath: string): string {
  const markers = facts.project?.markers ?? [];
  const pip =
    facts.host.platform === 'win32'
      ? `${venvPath}\\Scripts\\python.exe -m pip install`
      : `${venvPath}/bin/python -m pip install`;
  const cleared = `--clear empties ${venvPath}`;
  if (markers.includes('requirements.txt')) return `${cleared}: reinstall its packages with ${pip} -r requirements.txt`;
  if (markers.includes('pyproject.toml')) return `${cleared}: reinstall the project with ${pip} -e .`;
  return `${cleared}: packages that were installed in it must be installed again.`;
}
