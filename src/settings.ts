// Command-line arguments -> Settings. node:util parseArgs; every flag is listed in HELP (a test holds it).
import { parseArgs } from 'node:util';
import { quoted } from './neutralize.js';

export const FORMATS = ['plain', 'json', 'github', 'junit', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

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
  /** Run only these checks (ids); null: all. */
  only: string[] | null;
  skip: string[];
  /** Warnings fail too. null: not given (the config file may set it). */
  strict: boolean | null;
  config: string | null;
  listChecks: boolean;
  fix: boolean;
  yes: boolean;
  dryRun: boolean;
  /** --fix runs the optional fixes too (python3-pip). */
  withOptional: boolean;
  dumpFacts: string | null;
  /** --dump-facts may overwrite an existing regular file (never a symbolic link). */
  force: boolean;
  /** Keep home, user and host names in the dump and the Markdown report (--no-redact). */
  noRedact: boolean;
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
  only: { type: 'string' },
  skip: { type: 'string' },
  strict: { type: 'boolean' },
  config: { type: 'string' },
  'list-checks': { type: 'boolean' },
  fix: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  'dry-run': { type: 'boolean' },
  'with-optional': { type: 'boolean' },
  'dump-facts': { type: 'string' },
  force: { type: 'boolean' },
  'no-redact': { type: 'boolean' },
  facts: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

export const HELP = `Usage: venv-doctor [options] [DIR]

Tells whether this machine can create a Python virtual environment (python3 -m venv),
and prints the exact command that fixes it when it cannot; checks the project's venv in
DIR (default: the current directory). Read-only and offline, except --deep and --fix.

Options:
  --python CMD        the interpreter to diagnose: a command on PATH or a path (default: python3)
  --venv PATH         the project's venv, relative to DIR (default: .venv, then venv)
  --require SPEC      the Python the project needs, as a PEP 440 specifier (default: requires-python
                      in pyproject.toml, else .python-version)
  --deep              also create a throwaway venv with pip in a temporary directory (seconds)

  --format FORMAT     plain (default), json, github (annotations), junit (XML), markdown (a report
                      to paste into a ticket: home as ~, user and host names in paths as [user], [host])
  --json              same as --format json: the report as JSON on stdout, nothing else
  -v, --verbose       details and timing of every check
  --color, --no-color force colours on or off (NO_COLOR is honoured too)

  --only IDS          run only these checks (comma-separated ids; see --list-checks)
  --skip IDS          do not run these checks
  --strict            warnings fail too (exit 1)
  --config FILE       read settings from FILE instead of DIR/pyproject.toml [tool.venv-doctor]
  --list-checks       list the checks (id, title, description) and exit

  --fix               run the planned fix: shows the commands, asks in a terminal, then checks again
  -y, --yes           with --fix: do not ask (required without a terminal, e.g. in CI)
  --dry-run           with --fix: only show what would run
  --with-optional     with --fix: run the optional fixes too (python3-pip: a pip for the system Python)

  --dump-facts FILE   write the gathered facts to FILE for a support ticket, redacted as markdown is
                      (mode 0600; never through a symbolic link, nor over an existing file)
  --force             with --dump-facts: overwrite FILE when it is an existing regular file
  --no-redact         with --dump-facts or --format markdown: keep home, user and host names
  --facts FILE        diagnose the facts in FILE instead of this machine (replay a dump)
  -h, --help          show this help
  -V, --version       show the version

Exit codes: 0 ready (warnings allowed, unless --strict), 1 not ready, 2 usage error,
3 venv-doctor could not finish.
Docs: docs/ in the package (docs/cli.md; a page per check: docs/checks/ID.md)
`;

// Letters of either case and '_' pass the syntax test so that `Python` or `dry_run` get "did you mean".
const ID_LIST = /^[a-z][a-z0-9_-]*(,[a-z][a-z0-9_-]*)*$/i;

function ids(flag: string, value: string | undefined, known: readonly string[]): string[] | null {
  if (value === undefined) return null;
  const list = value.replace(/\s+/g, '');
  if (!ID_LIST.test(list)) {
    throw new UsageError(`--${flag} takes check ids separated by commas, not "${printable(value)}"`);
  }
  const unknown = list.split(',').filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    const named = unknown.map((id) => `${id}${didYouMean(id, known)}`).join(', ');
    throw new UsageError(`--${flag}: no check ${named}; the checks are: ${known.join(', ')}`);
  }
  return list.split(',');
}

export function parseSettings(argv: string[], checkIds: readonly string[]): Settings {
  const parsed = parseOptions(argv);
  const v = parsed.values;
  let format: Format = 'plain';
  if (v.format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(v.format)) {
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${v.format}"${formatHint(v.format)}`);
    }
    format = v.format as Format;
  }
  if (v.json) {
    if (v.format !== undefined && v.format !== 'json') {
      throw new UsageError(`--json and --format ${v.format} contradict each other`);
    }
    format = 'json';
  }
  if (v.color && v['no-color']) throw new UsageError('--color and --no-color contradict each other');
  // Each misplaced option by its own name: "--yes and --dry-run" to a user who gave only --yes reads as a typo.
  const needFix = (['yes', 'dry-run', 'with-optional'] as const).filter((name) => v[name]);
  if (needFix.length > 0 && !v.fix) {
    const given = needFix.map((name) => `--${name}`);
    const shown = given.length === 1 ? given[0] : `${given.slice(0, -1).join(', ')} and ${given.at(-1)}`;
    throw new UsageError(
      `${shown} ${given.length === 1 ? 'goes' : 'go'} with --fix (venv-doctor --fix ${given.join(' ')})`,
    );
  }
  if (v.fix && v.facts !== undefined) throw new UsageError('--fix repairs this machine; it cannot go with --facts');
  if (v.force && v['dump-facts'] === undefined) throw new UsageError('--force goes with --dump-facts');
  if (v['no-redact'] && v['dump-facts'] === undefined && format !== 'markdown') {
    throw new UsageError('--no-redact goes with --dump-facts or --format markdown');
  }
  if (parsed.positionals.length > 1) {
    throw new UsageError(
      `one project directory at most, not ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`,
    );
  }
  for (const name of ['python', 'venv', 'require', 'config', 'dump-facts', 'facts'] as const) {
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
    only: ids('only', v.only, checkIds),
    skip: ids('skip', v.skip, checkIds) ?? [],
    strict: v.strict ? true : null,
    config: v.config ?? null,
    listChecks: v['list-checks'] ?? false,
    fix: v.fix ?? false,
    yes: v.yes ?? false,
    dryRun: v['dry-run'] ?? false,
    withOptional: v['with-optional'] ?? false,
    dumpFacts: v['dump-facts'] ?? null,
    force: v.force ?? false,
    noRedact: v['no-redact'] ?? false,
    facts: v.facts ?? null,
    help: v.help ?? false,
    version: v.version ?? false,
  };
}

type Parsed = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: false }>>;

/**
 * parseArgs without strict mode, then our own checks on its tokens: strict mode's errors are Node's own
 * words (an unknown option gets advice about positional arguments), and they differ between Node versions.
 * Each is one sentence naming the option as given, with the closest option when there is one.
 */
function parseOptions(argv: string[]): Parsed & { values: Values } {
  const parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option') continue;
    const option = (OPTIONS as Record<string, { type: 'string' | 'boolean' }>)[token.name];
    if (!option) {
      // `-json`, `-help`: a long option with one dash, which parseArgs reads as a group of short ones.
      const typed = argv[token.index] ?? token.rawName;
      const single = token.rawName.length === 2 && /^-[^-]{2,}/.test(typed) ? (typed.split('=')[0] ?? typed) : null;
      const hint = single ? suggestOption(single.slice(1)) : suggestOption(token.name);
      throw new UsageError(
        `unknown option ${printable(single ?? token.rawName)}${hint}; venv-doctor --help lists the options`,
      );
    }
    if (option.type === 'string' && token.value === undefined) {
      throw new UsageError(`${token.rawName} needs a value (${token.rawName} ${PLACEHOLDER[token.name] ?? 'VALUE'})`);
    }
    if (option.type === 'boolean' && token.inlineValue) {
      throw new UsageError(`${token.rawName} takes no value, not "${printable(token.value ?? '')}"`);
    }
  }
  return parsed as Parsed & { values: Values };
}

type Values = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean;
};

/** What each option's value is, as HELP names it. */
const PLACEHOLDER: Record<string, string> = {
  python: 'CMD',
  venv: 'PATH',
  require: 'SPEC',
  format: 'FORMAT',
  only: 'IDS',
  skip: 'IDS',
  config: 'FILE',
  'dump-facts': 'FILE',
  facts: 'FILE',
};

/** The names other tools give these formats (md, text, xml), else the closest one. */
const FORMAT_ALIASES: Record<string, Format> = {
  md: 'markdown',
  text: 'plain',
  txt: 'plain',
  xml: 'junit',
  gh: 'github',
};
function formatHint(given: string): string {
  const alias = FORMAT_ALIASES[given.toLowerCase()];
  return alias ? ` (did you mean ${alias}?)` : didYouMean(given.toLowerCase(), FORMATS);
}

/** An option as the user typed it may hold anything (an escape byte): shown as data, as every value is. */
function printable(text: string): string {
  return quoted(text, 60);
}

function suggestOption(name: string): string {
  const long = name.length > 1;
  if (!long) {
    const shorts = Object.entries(OPTIONS).flatMap(([key, o]) => ('short' in o ? [[o.short, key] as const] : []));
    const same = shorts.find(([short]) => short.toLowerCase() === name.toLowerCase());
    return same ? ` (did you mean -${same[0]}, --${same[1]}?)` : '';
  }
  // Spellings users bring from other tools: British colour, underscores, a missing hyphen.
  const normal = name
    .toLowerCase()
    .replace(/_/g, '-')
    .replace(/colour/g, 'color');
  return didYouMean(normal, Object.keys(OPTIONS), '--');
}

/** " (did you mean X?)" for the known word closest to `word` (by edits, or as a prefix), or "". */
export function didYouMean(word: string, known: readonly string[], prefix = ''): string {
  if (known.includes(word)) return ` (did you mean ${prefix}${word}?)`;
  // Case and '_' for '-' are not typos: "Project_Venv" is project-venv whatever its length.
  const folded = known.find((k) => k.toLowerCase() === word.toLowerCase().replace(/_/g, '-'));
  if (folded !== undefined) return ` (did you mean ${prefix}${folded}?)`;
  const starts = known.filter((k) => word.length >= 2 && k.startsWith(word));
  if (starts.length === 1) return ` (did you mean ${prefix}${starts[0]}?)`;
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  // Two edits for words of five letters or more, one below: "--jsn" is --json, "--fx" is --fix, "--ab" is nothing.
  const allowed = word.length >= 5 ? 2 : 1;
  return best !== null && bestDistance <= allowed ? ` (did you mean ${prefix}${best}?)` : '';
}

/** Levenshtein distance, with a swap of two neighbours counted as one edit ("--josn"). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const above = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}
