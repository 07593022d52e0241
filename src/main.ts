// The command line: settings -> diagnosis -> output (and, with --fix, apply then diagnose again).
// Returns the exit code; never calls process.exit, so tests drive it with a fake System and fake streams.
import { posix } from 'node:path';
import { confinedEnv } from './confine.js';
import { type DiagnoseOptions, gather, judge, OptionsError, type Settled, settle } from './diagnose.js';
import { parseFactsFile, serializeFacts } from './facts/facts-file.js';
import { managerTool, runsFromInside, systemTool, which } from './facts/gather.js';
import { detectManagedShim } from './facts/version-managers.js';
import { guardVenvFix, unsafeChain, venvFixEnv } from './fixes/venv-target.js';
import { CHECKS } from './judge/registry.js';
import { escapeGithubText, escapeTerminal } from './neutralize.js';
import { isAbsolutePath, isInside, isStoreAlias, trustBoundary } from './paths.js';
import { type Identity, identityOf, type PasswdEntry, redactFacts } from './redact.js';
import { renderJson } from './render/json.js';
import { renderPlain } from './render/plain.js';
import { HELP, parseSettings, type Settings, UsageError } from './settings.js';
import type { System } from './system.js';
import { SYSTEMS } from './systems/index.js';
import { ExitCode, type Facts, type Fix, type Report } from './types.js';
import { VERSION } from './version.js';

export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** stdout is a terminal (live view and colour are allowed). */
  isTTY: boolean;
  /** The terminal's width in columns, to wrap the report to; null or absent when stdout is not a terminal. */
  columns?: number | null;
  /** stdin is a terminal (a question can be asked). */
  canAsk: boolean;
  env: Readonly<Record<string, string | undefined>>;
  readFile(path: string): Promise<string>;
  /**
   * Writes a new file (--dump-facts), mode 0600: never through a symbolic link, never over an existing file
   * unless force (and then only a regular file); rejects with a message that says why.
   */
  writeFile(path: string, text: string, options: { force: boolean }): Promise<void>;
  appendFile(path: string, text: string): Promise<void>;
  ask(question: string): Promise<string>;
  /** Runs one fix command, its output streamed to stderr (JSON, JUnit) or stdout; resolves its exit code. */
  runFix(argv: readonly string[], toStderr: boolean, env: Record<string, string | undefined>): Promise<number | null>;
  /** Who and where this is, for the redaction (--format markdown, --dump-facts): read when needed. */
  identity(): Promise<{ passwd: PasswdEntry | null; hostname: string | null }>;
  now(): number;
}

export async function main(argv: string[], io: Io, system: () => System): Promise<ExitCode> {
  const started = io.now();
  let settings: Settings;
  try {
    settings = parseSettings(
      argv,
      CHECKS.map((c) => c.id),
    );
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return usage(io, error.message);
  }
  if (settings.help) {
    io.stdout.write(HELP);
    return ExitCode.ready;
  }
  if (settings.version) {
    io.stdout.write(`${VERSION}\n`);
    return ExitCode.ready;
  }
  if (settings.listChecks) {
    io.stdout.write(listChecks(settings.format === 'json'));
    return ExitCode.ready;
  }

  const options: DiagnoseOptions = {
    python: settings.python,
    dir: settings.dir ?? undefined,
    venv: settings.venv ?? undefined,
    require: settings.require ?? undefined,
    deep: settings.deep,
    only: settings.only ?? undefined,
    skip: settings.skip,
    strict: settings.strict ?? undefined,
    config: settings.config ?? undefined,
  };
  const machine = settings.facts === null ? system() : null;
  let settled: Settled;
  try {
    settled = machine ? await settle(machine, options) : { dir: '', config: null, warnings: [] };
  } catch (error) {
    if (error instanceof OptionsError) return usage(io, error.message);
    throw error;
  }

  let facts: Facts;
  if (settings.facts !== null) {
    const loaded = await loadFacts(io, settings.facts);
    if ('error' in loaded) return usage(io, `cannot replay ${settings.facts}: ${loaded.error}`);
    facts = loaded.facts;
  } else {
    facts = await gatherShown(machine as System, options, settled, io, settings);
  }
  // Said after the report, on stderr (stdout may be JSON): where the dump is and what it holds.
  let dumpNote: string | null = null;
  const said = (code: ExitCode): ExitCode => {
    if (dumpNote) io.stderr.write(dumpNote);
    return code;
  };
  if (settings.dumpFacts !== null) {
    // Redacted by default (home, user and host names), like the Markdown report: a dump is made to be shared.
    const dumped = settings.noRedact ? facts : redactFacts(facts, await redactionIdentity(io)).facts;
    const leaves = machine && (await leavesTheProject(machine, settings.dumpFacts, settled.dir));
    if (leaves) return usage(io, `cannot write ${settings.dumpFacts}: ${leaves}`);
    const text = serializeFacts(dumped);
    try {
      await io.writeFile(settings.dumpFacts, text, { force: settings.force });
    } catch (error) {
      return usage(io, `cannot write ${settings.dumpFacts}: ${reason(error)}`);
    }
    const where =
      isAbsolutePath(settings.dumpFacts) || !machine ? settings.dumpFacts : posix.join(machine.cwd, settings.dumpFacts);
    dumpNote = dumpedNote(where, Buffer.byteLength(text), settings.noRedact);
  }
  const factsFrom = settings.facts !== null ? 'file' : 'machine';
  let report = judge(facts, options, settled, { factsFrom, durationMs: () => io.now() - started });

  const toRun = settings.withOptional ? [...report.fixes, ...report.optionalFixes] : report.fixes;
  if (settings.fix && toRun.length > 0 && machine) {
    // A person reads the diagnosis before being asked; machine formats get one report, the final one.
    if (settings.format === 'plain') await output(report, settings, io, machine);
    // In a GitHub log, the runner reads every line of the fix section (ours and the commands' own output,
    // which can quote the project's paths): none of it may be taken for a workflow command.
    const token = settings.format === 'github' ? (await import('node:crypto')).randomUUID() : null;
    if (token) io.stdout.write(`::stop-commands::${token}\n`);
    const outcome = await applyFixes(toRun, settings, io, { facts, system: machine, settled });
    if (token) io.stdout.write(`::${token}::\n`);
    if (outcome === 'refused') return ExitCode.usage;
    if (outcome === 'cannot') return said(report.exitCode);
    if (outcome === 'declined' && settings.format === 'plain') return said(report.exitCode);
    if (outcome === 'ran') {
      // The exit code reflects the state after the fix: gather and judge again.
      facts = await gather(machine, options, settled);
      report = judge(facts, options, settled, { factsFrom, durationMs: () => io.now() - started });
    }
  } else if (settings.fix && machine) {
    // After the report, which says what is wrong: never "Nothing to fix." above a failure.
    await output(report, settings, io, machine);
    notice(io, settings, nothingToRun(report));
    return said(report.exitCode);
  }
  await output(report, settings, io, machine);
  return said(report.exitCode);
}

/** What --dump-facts tells the user who is to attach the file: where it is, what is in it, what is not. */
function dumpedNote(path: string, bytes: number, kept: boolean): string {
  const size = bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KiB`;
  const privacy = kept
    ? 'not redacted (--no-redact): it holds your home directory, user and host names'
    : 'redacted: home as ~, user and host names as [user] and [host]';
  return `venv-doctor: wrote the facts to ${escapeGithubText(path)} (${size}, readable by you only): what venv-doctor read of this machine and project, ${privacy}. Attach it to the ticket; support replays it with venv-doctor --facts FILE.\n`;
}

/** What --fix says when the plan has no command: nothing is wrong, or what is wrong has no command to run. */
function nothingToRun(report: Report): string {
  if (report.exitCode === 0) {
    return report.optionalFixes.length > 0
      ? '\nNothing to fix. (The optional fix above runs with --fix --with-optional.)\n'
      : '\nNothing to fix.\n';
  }
  if (!report.checks.some((c) => c.status === 'fail' || c.status === 'crash')) {
    return '\n--fix has no command to run for the warnings above (strict mode makes them fail).\n';
  }
  return report.advice.length > 0
    ? '\n--fix has no command to run: what failed above is fixed by hand, as the advice above says.\n'
    : '\n--fix has no command to run for what failed above.\n';
}

/** The environment of the fix commands: confined (src/confine.ts), pyenv asked from where the diagnosis asked. */
async function fixEnv(system: System, facts: Facts, untrusted: readonly string[]) {
  const version = facts.python.pyenvVersion;
  return {
    ...(await confinedEnv(system, untrusted)),
    PYENV_DIR: facts.python.probedFrom ?? system.cwd,
    ...(version ? { PYENV_VERSION: version } : {}),
  };
}

/**
 * A path inside the project whose directory is a symbolic link out of it (a committed `reports -> /etc`):
 * venv-doctor writes nothing outside the project through the project's own links. Says why, or null.
 */
async function leavesTheProject(system: System, path: string, dir: string): Promise<string | null> {
  const [root] = trustBoundary(
    dir,
    system.env.HOME ?? (system.platform === 'win32' ? system.env.USERPROFILE : undefined),
  );
  if (!root) return null;
  // As the kernel will walk it: `sub/..` goes up from where the link sub leads, not back to the project.
  const raw = path.startsWith('/') ? path : `${system.cwd.replace(/\/$/, '')}/${path}`;
  const target = posix.normalize(raw);
  if (target === root || !(isInside(target, root) || raw.startsWith(`${root}/`))) return null;
  const real = await system.realpath(raw.slice(0, raw.lastIndexOf('/')) || '/');
  if (real !== null && !isInside(real, root)) {
    return `it is in the project, but its directory is a symbolic link out of the project (to ${real}): not written`;
  }
  // A directory of the project that another user can change could be swapped for a link while the file is
  // written: written only where no one else can.
  const unsafe = real === null ? null : await unsafeChain(system, root, real);
  return unsafe ? `${unsafe}, so another user could redirect the file out of the project: not written` : null;
}

function usage(io: Io, message: string): ExitCode {
  // The message can quote the project's own strings (a settings key, a path): shown, never obeyed.
  // One line: what was wrong and what to do (an option error names the closest option and --help).
  // Bounded: a 100 kB directory name given back in full helps no one.
  const shown = message.length > 1000 ? `${message.slice(0, 1000)}...` : message;
  io.stderr.write(`venv-doctor: ${escapeGithubText(shown)}\n`);
  return ExitCode.usage;
}

/** stdout carries a machine format (JSON, JUnit): human messages and fix output go to stderr. */
function machineFormat(settings: Settings): boolean {
  return settings.format === 'json' || settings.format === 'junit';
}

function notice(io: Io, settings: Settings, text: string): void {
  (machineFormat(settings) ? io.stderr : io.stdout).write(text);
}

async function gatherShown(system: System, options: DiagnoseOptions, settled: Settled, io: Io, settings: Settings) {
  if (io.isTTY && !io.env.CI && settings.format === 'plain') {
    const { withLiveView } = await import('./render/live.js');
    return withLiveView((onStep) => gather(system, options, settled, onStep));
  }
  return gather(system, options, settled);
}

/**
 * Shows the commands, asks for consent (or takes --yes), runs them in order, stops at the first failure.
 * What runs is what was shown: the same argv, its program resolved the way the gatherer found it (system
 * tools only in the system directories; the interpreter never from the project).
 */
async function applyFixes(
  fixes: Fix[],
  settings: Settings,
  io: Io,
  { facts, system, settled }: { facts: Facts; system: System; settled: Settled },
): Promise<'ran' | 'refused' | 'declined' | 'cannot'> {
  const toStderr = machineFormat(settings);
  const say = (text: string) => notice(io, settings, text);
  const shown = fixes.map(
    (f) => `    ${escapeGithubText(f.command)}${f.manager === 'venv' ? `\n        (${escapeGithubText(f.why)})` : ''}`,
  );
  say(`\nvenv-doctor --fix will run:\n\n${shown.join('\n')}\n\n`);
  if (settings.dryRun) {
    say('(--dry-run: nothing was run.)\n\n');
    return 'declined';
  }
  // How it was asked comes first: without a terminal to ask on, --yes is needed, whatever the plan.
  if (!settings.yes && (!io.canAsk || io.env.CI)) {
    io.stderr.write('venv-doctor: --fix without a terminal to ask for consent: add --yes to run these commands.\n');
    return 'refused';
  }
  if (fixes.some((f) => f.needsRoot) && !facts.host.isRoot && !facts.host.sudo && !facts.host.doas) {
    io.stderr.write(
      'venv-doctor: these commands need root, and you are not root and sudo is not installed: nothing was run. Run them as root.\n',
    );
    return 'cannot';
  }
  const untrusted = trustBoundary(
    settled.dir,
    system.env.HOME ?? (system.platform === 'win32' ? system.env.USERPROFILE : undefined),
  );
  const programs: string[][] = [];
  for (const fix of fixes) {
    const argv = await fixArgv(system, fix, untrusted);
    if (!argv) {
      io.stderr.write(
        `venv-doctor: cannot find ${escapeGithubText(fix.argv[0] ?? '')} where it is safe to run it from: nothing was run.\n`,
      );
      return 'cannot';
    }
    programs.push(argv);
  }
  if (!settings.yes) {
    const answer = (await io.ask('Run these commands? [y/N] ')).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') {
      say('Nothing was run.\n\n');
      return 'declined';
    }
  }
  // apt-get runs dpkg and maintainer scripts by PATH, a shim runs python3 by PATH: never the project's.
  const env = await fixEnv(system, facts, untrusted);
  for (const [i, fix] of fixes.entries()) {
    let argv = programs[i] ?? fix.argv;
    let runEnv: Record<string, string | undefined> = env;
    if (fix.manager === 'venv') {
      // Checked again now, after the commands before it: the place must still be the one diagnosed.
      const guarded = await guardVenvFix(system, facts, argv);
      if ('refused' in guarded) {
        say(`\nNot run: ${escapeGithubText(fix.command)}\n  ${escapeGithubText(guarded.refused)}\n\n`);
        break;
      }
      argv = guarded.argv;
      runEnv = venvFixEnv(env);
    }
    say(`$ ${escapeGithubText(fix.command)}\n`);
    const code = await io.runFix(argv, toStderr, runEnv);
    if (code !== 0) {
      say(`\nThat command failed (exit ${code ?? 'signal'}); the rest were not run.\n\n`);
      break;
    }
  }
  say('\nChecking again:\n\n');
  return 'ran';
}

/**
 * A fix's argv with its programs by absolute path: sudo or doas and the package manager's (apt-get, dnf ...) from the system directories;
 * the interpreter as a shell would find it, but never in the project (nor an empty or relative PATH entry).
 */
async function fixArgv(system: System, fix: Fix, untrusted: readonly string[]): Promise<string[] | null> {
  const name = fix.argv[0];
  if (!name) return null;
  if (fix.manager !== 'venv') {
    // sudo or doas, then one of the package manager's own programs (apt-get, dnf, apk ...): nothing else, and
    // each by its absolute path in the system directories (doas would look the program up on PATH).
    const manager = SYSTEMS[fix.manager];
    // winget's installers ask in a window of their own: printed for the user, never run (planFixes says why).
    if (!manager || manager.notRunByFix) return null;
    const programs = manager.programs;
    const elevated = name === 'sudo' || name === 'doas';
    const program = elevated ? fix.argv[1] : name;
    if (!program || !programs.includes(program) || (elevated && manager.asUser)) return null;
    const [elevator, path] = await Promise.all([
      elevated ? systemTool(system, name) : null,
      managerTool(system, manager, program),
    ]);
    if (!path || (elevated && !elevator)) return null;
    return elevated && elevator ? [elevator, path, ...fix.argv.slice(2)] : [path, ...fix.argv.slice(1)];
  }
  const path = /[\\/]/.test(name)
    ? isAbsolutePath(name)
      ? name
      : `${system.cwd.replace(/[\\/]$/, '')}/${name}`
    : await which(system, name, untrusted);
  if (!path || (await runsFromInside(system, path, untrusted))) return null;
  // The Store's and the install manager's aliases are never run, by --fix either.
  if (isStoreAlias(path)) return null;
  // asdf's and mise's shims read the project's config, which can run commands (mise's [env] _.source, hooks):
  // never run. (The planner names a judged shim's interpreter by its real path.)
  if (await detectManagedShim(system, path)) return null;
  return [path, ...fix.argv.slice(1)];
}

/** What the Markdown report and the facts dump redact: the passwd entry, $HOME, $USER ..., the host name. */
async function redactionIdentity(io: Io): Promise<Identity> {
  const { passwd, hostname } = await io.identity();
  return identityOf(io.env, passwd, hostname);
}

async function output(report: Report, settings: Settings, io: Io, machine: System | null): Promise<void> {
  switch (settings.format) {
    case 'json':
      io.stdout.write(renderJson(report));
      break;
    // The CI and support formats are loaded only when asked for: startup is a budget.
    case 'junit':
      io.stdout.write((await import('./render/junit.js')).renderJunit(report));
      break;
    case 'markdown': {
      const { renderMarkdown } = await import('./render/markdown.js');
      const redaction = settings.noRedact ? null : await redactionIdentity(io);
      io.stdout.write(renderMarkdown(report, redaction, { optedOut: settings.noRedact }));
      break;
    }
    case 'github': {
      const { relativeToWorkspace, renderGithub, workspaceRoot } = await import('./render/github.js');
      const { renderMarkdown } = await import('./render/markdown.js');
      // The project's paths are real paths: a workspace reached through a link (self-hosted runners) is too.
      const given = workspaceRoot(io.env.GITHUB_WORKSPACE);
      const root = given && machine ? ((await machine.realpath(given)) ?? given) : given;
      const workspace = root ?? undefined;
      io.stdout.write(renderGithub(report, { workspace }));
      if (io.env.GITHUB_STEP_SUMMARY) {
        try {
          // Not redacted (a runner's paths are no one's), and the summary does not claim it was.
          await io.appendFile(
            io.env.GITHUB_STEP_SUMMARY,
            renderMarkdown(root ? relativeToWorkspace(report, root) : report, null),
          );
        } catch (error) {
          io.stderr.write(`venv-doctor: cannot write the step summary: ${reason(error)}\n`);
        }
      }
      break;
    }
    default: {
      // An explicit --color/--no-color wins; otherwise colour only in a terminal, never in CI or with NO_COLOR.
      const color = settings.color ?? (io.isTTY && !io.env.CI && !io.env.NO_COLOR);
      io.stdout.write(renderPlain(report, { color, verbose: settings.verbose, width: io.columns ?? null }));
    }
  }
}

function listChecks(asJson: boolean): string {
  const rows = CHECKS.map(({ id, title, description }) => ({ id, title, description }));
  if (asJson) return `${JSON.stringify(rows, null, 2)}\n`;
  const width = Math.max(...rows.map((r) => r.id.length));
  return `${rows.map((r) => `${r.id.padEnd(width)}  ${r.title}: ${r.description}`).join('\n')}\n`;
}

/**
 * --facts FILE: read bounded (io.readFile refuses what is not a regular file of at most FACTS_MAX_BYTES),
 * then validated in full against the facts schema; any problem is a sentence for a usage error.
 */
async function loadFacts(io: Io, path: string): Promise<{ facts: Facts } | { error: string }> {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    return { error: reason(error) };
  }
  return await parseFactsFile(text);
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
  // An error's message can quote a path from the machine or the project: shown, never obeyed.
  return escapeTerminal(error instanceof Error ? error.message : String(error));
}
