// Command-line arguments -> Settings. node:util parseArgs; every flag is listed in HELP.
import { parseArgs } from 'node:util';

export type Format = 'plain' | 'json';

export interface Settings {
  python: string;
  /** The project directory (the positional argument), as given; null: the current directory. */
  dir: string | null;
  venv: string | null;
  require: string | null;
  deep: boolean;
  format: Format;
  verbose: boolean;
  color: boolean | null;
  dumpFacts: string | null;
  facts: string | null;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

export const OPTIONS = {
  python: { type: 'string' },
  venv: { type: 'string' },
  require: { type: 'string' },
  deep: { type: 'boolean' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'dump-facts': { type: 'string' },
  facts: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

export const HELP = `Usage: venv-doctor [options] [DIR]

Tells whether this machine can create a Python virtual environment (python3 -m venv),
and prints the exact command that fixes it when it cannot; checks the project's venv in
DIR (default: the current directory). Read-only and offline, except --deep.

Options:
  --python CMD        the interpreter to diagnose: a command on PATH or a path (default: python3)
  --venv PATH         the project's venv, relative to DIR (default: .venv, then venv)
  --require SPEC      the Python the project needs, as a PEP 440 specifier (default: requires-python
                      in pyproject.toml, else .python-version)
  --deep              also create a throwaway venv with pip in a temporary directory (seconds)
  --format FORMAT     plain (default) or json
  --json              same as --format json: the report as JSON on stdout, nothing else
  -v, --verbose       details and timing of every check
  --color, --no-color force colours on or off (NO_COLOR is honoured too)
  --dump-facts FILE   write the gathered facts to FILE (for a support ticket)
  --facts FILE        diagnose the facts in FILE instead of this machine (replay a dump)
  -h, --help          show this help
  -V, --version       show the version

Exit codes: 0 ready (warnings allowed), 1 not ready, 2 usage error, 3 venv-doctor could not finish.
Docs: https://www.npmjs.com/package/venv-doctor (docs/ in the package)
`;

export function parseSettings(argv: string[]): Settings {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const v = parsed.values;
  let format: Format = 'plain';
  if (v.format !== undefined) {
    if (v.format !== 'plain' && v.format !== 'json') {
      throw new UsageError(`--format must be plain or json, not "${v.format}"`);
    }
    format = v.format;
  }
  if (v.json) {
    if (v.format !== undefined && v.format !== 'json')
      throw new UsageError('--json and --format plain contradict each other');
    format = 'json';
  }
  if (v.color && v['no-color']) throw new UsageError('--color and --no-color contradict each other');
  if (parsed.positionals.length > 1) {
    throw new UsageError(
      `one project directory at most, not ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`,
    );
  }
  for (const name of ['python', 'venv', 'require', 'dump-facts', 'facts'] as const) {
    if (v[name] !== undefined && v[name]?.trim() === '') throw new UsageError(`--${name} needs a value`);
  }
  return {
    python: v.python ?? 'python3',
    dir: parsed.positionals[0] ?? null,
    venv: v.venv ?? null,
    require: v.require ?? null,
    deep: v.deep ?? false,
    format,
    verbose: v.verbose ?? false,
    color: v.color ? true : v['no-color'] ? false : null,
    dumpFacts: v['dump-facts'] ?? null,
    facts: v.facts ?? null,
    help: v.help ?? false,
    version: v.version ?? false,
  };
}
