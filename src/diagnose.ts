// The diagnosis without the command line: options -> facts -> report. Used by the CLI (src/main.ts) and
// by the programmatic API (src/index.ts).

import { posix } from 'node:path';
import { type Config, configTable, readConfig, venvPathProblem } from './config.js';
import { confine } from './confine.js';
import { addOtherInterpreters, addPackageState, type GatherStep, gatherFacts, whenCalled } from './facts/gather.js';
import { looksLikeText } from './facts/os-release.js';
import { createThrowawayVenv, gatherProject, readInside } from './facts/project.js';
import { parseBounded } from './facts/pyproject.js';
import { pyenvVersionNames } from './facts/python-statements.js';
import { packagesToLookUp, planFixes } from './fixes/plan.js';
import { needsOtherVersions } from './judge/derived.js';
import { CHECKS } from './judge/registry.js';
import { runChecks } from './judge/run-checks.js';
import { isInside, trustBoundary } from './paths.js';
import { buildReport } from './report.js';
import { OPTIONS } from './settings.js';
import type { System } from './system.js';
import type { Facts, Report } from './types.js';
import { VERSION } from './version.js';

export interface DiagnoseOptions {
  /** The interpreter: a command on PATH or a path (default python3). */
  python?: string;
  /** The project directory (default: the current directory). */
  dir?: string;
  venv?: string;
  require?: string;
  deep?: boolean;
  only?: string[];
  skip?: string[];
  strict?: boolean;
  /** A settings file instead of DIR/pyproject.toml [tool.venv-doctor]. */
  config?: string;
}

/** Bad options or a bad settings file: the CLI exits 2 with the message. */
export class OptionsError extends Error {}

export interface Settled {
  dir: string;
  /** The current directory is gone and no DIR was given: the system only. */
  noProject?: boolean;
  /** The venv to look at, relative to dir (--venv, else the settings file's), checked to stay inside it. */
  venv?: string | null;
  config: Config | null;
  warnings: string[];
}

/** The project directory and its settings file, checked. */
export async function settle(system: System, options: DiagnoseOptions): Promise<Settled> {
  if (system.cwdMissing) {
    if (options.dir === undefined) {
      const gone =
        'The current directory no longer exists (deleted, or moved away): only this machine was diagnosed, not a project. Go into the project (cd), or name it: venv-doctor DIR.';
      return { dir: '/', noProject: true, config: null, warnings: [gone] };
    }
    if (!options.dir.startsWith('/')) {
      throw new OptionsError(
        `the current directory no longer exists, so ${options.dir} cannot be found from it: give DIR as an absolute path`,
      );
    }
  }
  const dir = await projectDir(system, options.dir ?? null);
  const settled = await readSettings(system, options, dir);
  return { ...settled, venv: flagVenv(dir, options.venv) ?? settled.config?.venv ?? null };
}

/** --venv, relative to the project: a path inside it (absolute is fine when it is inside), else exit 2. */
function flagVenv(dir: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  const relative = value.startsWith('/') && isInside(value, dir) ? posix.relative(dir, value) : value;
  if (relative === '')
    throw new OptionsError(`--venv ${value} is the project directory itself; name the venv inside it`);
  const problem = venvPathProblem(relative, '--venv');
  if (problem) throw new OptionsError(problem);
  return relative;
}

async function readSettings(system: System, options: DiagnoseOptions, dir: string): Promise<Settled> {
  const ids = CHECKS.map((c) => c.id);
  let bytes: Uint8Array | null;
  if (options.config) {
    const info = await system.stat(options.config);
    if (info && info.kind !== 'file') throw new OptionsError(`${options.config} is not a regular file`);
    bytes = await system.readFile(options.config, 1024 * 1024);
  } else {
    // The project's own pyproject.toml: a regular file inside the project, or nothing (python-version says why).
    const read = await readInside(system, dir, `${dir}/pyproject.toml`, 1024 * 1024);
    bytes = read && 'bytes' in read ? read.bytes : null;
  }
  if (bytes === null) {
    if (options.config) throw new OptionsError(`cannot read the settings file ${options.config}`);
    return { dir, config: null, warnings: [] };
  }
  if (!looksLikeText(bytes)) {
    if (options.config) throw new OptionsError(`${options.config} is not a text file`);
    return { dir, config: null, warnings: [] }; // the project checks say what is wrong with pyproject.toml
  }
  const { parse } = await import('smol-toml');
  // Bounded as the project's read of the same file (src/facts/pyproject.ts), and parsed once for both.
  const parsed = await parseBounded(Buffer.from(bytes).toString('utf8'), parse);
  if (!('doc' in parsed)) {
    const why = 'error' in parsed ? `is not valid TOML: ${parsed.error}` : `is too large: ${parsed.tooLarge}`;
    if (options.config) throw new OptionsError(`${options.config} ${why}`);
    // Not valid TOML: the project checks say so. Too large: its settings are not read, and that is said.
    const warnings = 'tooLarge' in parsed ? [`pyproject.toml ${why}, so [tool.venv-doctor] was not read.`] : [];
    return { dir, config: null, warnings };
  }
  const table = configTable(parsed.doc, Boolean(options.config));
  if (!table) return { dir, config: null, warnings: [] };
  const source = options.config ?? 'pyproject.toml [tool.venv-doctor]';
  const read = readConfig(table, source, ids);
  if ('error' in read) throw new OptionsError(read.error);
  return { dir, config: read.config, warnings: read.warnings };
}

async function projectDir(system: System, given: string | null): Promise<string> {
  if (given === null) return system.cwd;
  const absolute = given.startsWith('/') ? given : `${system.cwd.replace(/\/$/, '')}/${given}`;
  const info = await system.stat(absolute);
  if (!info) {
    // `venv-doctor fix` is a user reaching for --fix, not a directory named fix.
    const option = Object.hasOwn(OPTIONS, given) ? ` (did you mean --${given}?)` : '';
    throw new OptionsError(`the project directory ${given} does not exist${option}`);
  }
  if (info.kind !== 'dir') throw new OptionsError(`${given} is not a directory`);
  return (await system.realpath(absolute)) ?? absolute;
}

/** Gathers the facts of this machine and project (both passes). */
export async function gather(
  system: System,
  options: DiagnoseOptions,
  settled: Settled,
  onStep?: (step: GatherStep, summary: string) => void,
): Promise<Facts> {
  const venv = settled.venv ?? null;
  const require = options.require ?? settled.config?.require ?? null;
  const untrusted = trustBoundary(
    settled.dir,
    system.env.HOME ?? (system.platform === 'win32' ? system.env.USERPROFILE : undefined),
  );
  // Every program started from here on sees PATH without the project's entries.
  system = await confine(system, untrusted);
  // The project is read once the probe is started (see gatherFacts).
  const started = whenCalled();
  const probed = probeDirectory(system, settled.dir);
  const [first, project] = await Promise.all([
    gatherFacts(system, {
      python: options.python ?? 'python3',
      version: VERSION,
      onStep,
      untrusted,
      probeCwd: probed.then((p) => p.dir),
      pyenvVersion: probed.then((p) => p.pyenvVersion),
      projectDir: settled.noProject ? undefined : settled.dir,
      onProbeStarted: started.call,
    }),
    started.called.then(() =>
      settled.noProject ? null : gatherProject(system, { dir: settled.dir, venv, require, untrusted }),
    ),
  ]);
  let facts: Facts = { ...first, project };
  if (options.deep && first.python.resolved && project) {
    facts = { ...facts, project: { ...project, deep: await createThrowawayVenv(system, first.python.resolved) } };
  }
  // The second pass asks only what the checks need: other interpreters when this one misses the requirement
  // (the one that meets it is judged like python3), then package state (apt-cache policy costs about a second)
  // when a fix would install packages.
  if (needsOtherVersions(facts)) {
    facts = { ...facts, python: { ...facts.python, others: await addOtherInterpreters(system, facts, untrusted) } };
  }
  const lookups = CHECKS.flatMap((check) => check.packageLookups?.(facts) ?? []);
  const wanted = packagesToLookUp(runChecks(CHECKS, facts), lookups);
  return addPackageState(system, facts, wanted);
}

/** A version file longer than this is not a list of versions. */
const VERSION_FILE_MAX = 64 * 1024;

/**
 * Where python3 is started, and what pyenv is handed. The project directory, so that a version manager's shim
 * answers with the project's Python, as it would for `cd DIR && python3`; and the nearest .python-version, read
 * by pyenv's rules (pythonVersionLines), handed to pyenv as PYENV_VERSION ("system" when it names none:
 * pyenv's own answer then). So pyenv never reads the project's file itself: not again by name (swapped for a
 * link meanwhile, it would quote another file), nor by an older pyenv's rules (no comments, and no check of
 * paths before 2.3.3: CVE-2022-35861). Only names pyenv can select are handed (pyenvVersionNames). From /, with nothing handed, when a
 * .python-version cannot be read whole (a link out of the project, too long). (asdf's and mise's files are
 * read where their shims are resolved, each version checked there: src/facts/version-managers.ts.)
 */
async function probeDirectory(system: System, dir: string): Promise<{ dir: string; pyenvVersion: string | null }> {
  // pyenv looks in the directory and every one above it, as far as /: all read at once.
  const levels = [dir];
  for (let at = dir, up = posix.dirname(at); up !== at; at = up, up = posix.dirname(at)) levels.push(up);
  const reads = await Promise.all(
    levels.map((at) => readInside(system, at, `${at === '/' ? '' : at}/.python-version`, VERSION_FILE_MAX)),
  );
  // pyenv's `test -f`: a directory, a FIFO or a link to nothing named .python-version is passed over.
  const files = reads.map((read) => (read && 'noFile' in read ? null : read));
  const whole = (read: (typeof files)[number]) =>
    read === null || ('bytes' in read && read.bytes.length < VERSION_FILE_MAX);
  if (!files.every(whole)) return { dir: '/', pyenvVersion: null };
  const nearest = files.find((read) => read !== null);
  if (!nearest || !('bytes' in nearest)) return { dir, pyenvVersion: null };
  const versions = pyenvVersionNames(Buffer.from(nearest.bytes).toString('utf8'));
  return { dir, pyenvVersion: versions.length > 0 ? versions.join(':') : 'system' };
}

/** Checks, plan and report for these facts. */
export function judge(
  facts: Facts,
  options: DiagnoseOptions,
  settled: Pick<Settled, 'config' | 'warnings'>,
  meta: { factsFrom: Report['factsFrom']; durationMs: () => number },
): Report {
  const notRun = new Map<string, string>();
  for (const check of CHECKS) {
    if (options.only && !options.only.includes(check.id)) notRun.set(check.id, 'not in --only');
    if (options.skip?.includes(check.id)) notRun.set(check.id, '--skip');
  }
  const results = runChecks(CHECKS, facts, undefined, { notRun, ignore: settled.config?.ignore });
  return buildReport(facts, results, planFixes(facts, results), {
    version: VERSION,
    factsFrom: meta.factsFrom,
    durationMs: meta.durationMs(),
    strict: options.strict ?? settled.config?.strict ?? false,
    warnings: settled.warnings,
  });
}
