// The command users run (package.json "bin"): a CommonJS file compiled down to syntax Node 10 parses, so that
// a Node too old for venv-doctor gets a clear word instead of a SyntaxError. On a Node that is new enough it
// loads the real command, dist/cli.cjs, in the same process.
import { join } from 'node:path';

// semver is required where it is used: bundled as CommonJS, a top-level import is evaluated at start, and
// building its regular expressions cost ~6 ms of every run (same run, 40 rounds) to decide nothing.
declare const require: (id: string) => unknown;

declare const __ENGINES__: string;
declare const __VERSION__: string;
/** engines' lowest version as [major, minor, patch] when engines is a plain ">=" range (semver.minVersion at build), else null. */
declare const __LOWEST__: [number, number, number] | null;

const found = process.versions.node;
if (!newEnough(found) && !satisfies(found, __ENGINES__)) {
  process.stderr.write(
    [
      `venv-doctor ${__VERSION__} needs Node.js ${__ENGINES__}; this is Node.js ${found} (${process.execPath}).`,
      '',
      'Ways out, without changing the Node.js of this system:',
      `  npx -p node@20 -p venv-doctor@${__VERSION__} venv-doctor`,
      '      runs this version once with Node.js 20, both from the npm registry',
      '  the single-file venv-doctor',
      '      needs no Node.js at all: see docs/install.md',
      '',
    ].join('\n'),
  );
  process.exit(3);
}
// Started in a directory deleted under the shell: Node 18's module loader needs a current directory, so the
// launcher stands in / and tells the command (same process), which then diagnoses the machine only.
try {
  process.cwd();
} catch {
  process.chdir('/');
  (globalThis as Record<symbol, unknown>)[Symbol.for('venv-doctor.cwd-missing')] = true;
}

function satisfies(version: string, range: string): boolean {
  const semver = require('semver/functions/satisfies.js') as (version: string, range: string) => boolean;
  return semver(version, range);
}

/**
 * The fast path: a plain ">=" range is decided by three numbers, and semver (about 10 ms to load and first
 * use) is consulted only when they do not settle it.
 */
function newEnough(version: string): boolean {
  if (!__LOWEST__) return false;
  const parts = version.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const have = parts[i] ?? 0;
    const need = __LOWEST__[i] ?? 0;
    if (have !== need) return have > need;
  }
  return true;
}

// The command is CommonJS too (scripts/build.mjs: Node starts it ~10 ms sooner than an ES module). A failure to
// load it (a damaged install) is said in one line, never as a stack trace.
try {
  require('./cli.cjs');
} catch (error) {
  const code = (error as { code?: unknown } | null)?.code;
  const why =
    code === 'MODULE_NOT_FOUND'
      ? `${join(__dirname, 'cli.cjs')} is missing (a damaged install: install venv-doctor again)`
      : firstLine(error);
  process.stderr.write(`venv-doctor could not start: ${why}\n`);
  process.exit(3);
}

/** The first line of what was thrown, whatever it is (String() of some objects throws). */
function firstLine(error: unknown): string {
  try {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  } catch {
    return 'an error that cannot be printed';
  }
}
