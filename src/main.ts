// Wires the stages: settings -> facts (gathered or replayed) -> checks -> plan -> report -> output.
// Returns the exit code; never calls process.exit, so tests drive it with a fake System and fake streams.
import { CHECKS } from './checks.js';
import { needsOtherVersions } from './derived.js';
import { parseFactsFile, serializeFacts } from './facts/facts-file.js';
import { addOtherVersions, addPackageState, gatherFacts } from './facts/gather.js';
import { createThrowawayVenv, gatherProject } from './facts/project.js';
import { packagesToLookUp, planFixes } from './fixes/plan.js';
import { renderJson } from './render/json.js';
import { renderPlain } from './render/plain.js';
import { buildReport } from './report.js';
import { runChecks } from './run-checks.js';
import { HELP, parseSettings, type Settings, UsageError } from './settings.js';
import type { System } from './system.js';
import { ExitCode, type Facts } from './types.js';
import { VERSION } from './version.js';

export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** stdout is a terminal (live view and colour are allowed). */
  isTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  readFile(path: string): Promise<string>;
  writeFile(path: string, text: string): Promise<void>;
  now(): number;
}

export async function main(argv: string[], io: Io, system: () => System): Promise<ExitCode> {
  const started = io.now();
  let settings: Settings;
  try {
    settings = parseSettings(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`venv-doctor: ${error.message}\nRun venv-doctor --help for the options.\n`);
    return ExitCode.usage;
  }
  if (settings.help) {
    io.stdout.write(HELP);
    return ExitCode.ready;
  }
  if (settings.version) {
    io.stdout.write(`${VERSION}\n`);
    return ExitCode.ready;
  }

  const plainTerminal = io.isTTY && !io.env.CI && settings.format === 'plain';
  let facts: Facts;
  if (settings.facts !== null) {
    const loaded = await loadFacts(io, settings.facts);
    if ('error' in loaded) {
      io.stderr.write(`venv-doctor: cannot replay ${settings.facts}: ${loaded.error}.\n`);
      return ExitCode.usage;
    }
    facts = loaded.facts;
  } else {
    const machine = system();
    const dir = await projectDir(machine, settings.dir);
    if ('error' in dir) {
      io.stderr.write(`venv-doctor: ${dir.error}\n`);
      return ExitCode.usage;
    }
    const gather = async (onStep?: Parameters<typeof gatherFacts>[1]['onStep']) => {
      const [first, project] = await Promise.all([
        gatherFacts(machine, { python: settings.python, version: VERSION, onStep }),
        gatherProject(machine, { dir: dir.path, venv: settings.venv, require: settings.require }),
      ]);
      let facts: Facts = { ...first, project };
      if (settings.deep && first.python.resolved && project) {
        facts = { ...facts, project: { ...project, deep: await createThrowawayVenv(machine, first.python.resolved) } };
      }
      // The second pass asks only what the checks need: package state (apt-cache costs about a second) when
      // a fix would install packages, other interpreters' versions when this one misses the requirement.
      const lookups = CHECKS.flatMap((check) => check.aptLookups?.(facts) ?? []);
      const wanted = packagesToLookUp(runChecks(CHECKS, facts), lookups);
      const [withPackages, others] = await Promise.all([
        addPackageState(machine, facts, wanted),
        needsOtherVersions(facts) ? addOtherVersions(machine, facts) : Promise.resolve(facts.python.others),
      ]);
      return { ...withPackages, python: { ...withPackages.python, others } };
    };
    if (plainTerminal) {
      const { withLiveView } = await import('./render/live.js');
      facts = await withLiveView(gather);
    } else {
      facts = await gather();
    }
  }

  if (settings.dumpFacts !== null) {
    try {
      await io.writeFile(settings.dumpFacts, serializeFacts(facts));
    } catch (error) {
      io.stderr.write(`venv-doctor: cannot write ${settings.dumpFacts}: ${reason(error)}.\n`);
      return ExitCode.usage;
    }
  }

  const results = runChecks(CHECKS, facts);
  const plan = planFixes(facts, results);
  const report = buildReport(facts, results, plan, {
    version: VERSION,
    factsFrom: settings.facts !== null ? 'file' : 'machine',
    durationMs: io.now() - started,
  });
  if (settings.format === 'json') {
    io.stdout.write(renderJson(report));
  } else {
    // An explicit --color/--no-color wins; otherwise colour only in a terminal, never in CI or with NO_COLOR.
    const color = settings.color ?? (io.isTTY && !io.env.CI && !io.env.NO_COLOR);
    io.stdout.write(renderPlain(report, { color, verbose: settings.verbose }));
  }
  return report.exitCode;
}

/** The project directory: the argument (which must be a directory) or where venv-doctor runs. */
async function projectDir(system: System, given: string | null): Promise<{ path: string } | { error: string }> {
  if (given === null) return { path: system.cwd };
  const absolute = given.startsWith('/') ? given : `${system.cwd.replace(/\/$/, '')}/${given}`;
  const info = await system.stat(absolute);
  if (!info) return { error: `the project directory ${given} does not exist` };
  if (info.kind !== 'dir') return { error: `${given} is not a directory` };
  return { path: (await system.realpath(absolute)) ?? absolute };
}

async function loadFacts(io: Io, path: string): Promise<{ facts: Facts } | { error: string }> {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    return { error: reason(error) };
  }
  return parseFactsFile(text);
}

function reason(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = String((error as { code: unknown }).code);
    const known: Record<string, string> = {
      ENOENT: 'no such file',
      EACCES: 'permission denied',
      EISDIR: 'it is a directory',
      ENOTDIR: 'a part of the path is not a directory',
    };
    if (known[code]) return known[code];
  }
  return error instanceof Error ? error.message : String(error);
}
