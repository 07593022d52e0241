// pyproject.toml, read in time linear in its size and never long enough to hold up Ctrl-C. Pure, but for the
// parser, which the caller loads (only when there is a pyproject.toml).
//
// The TOML parser keeps no positions and its time grows with what a document declares (a 256 KiB file of
// keys took 172 ms here, a 1 MiB one most of a second): so one pass over the text (scanTables: tables,
// strings, multi-line strings, arrays, comments) finds where each top-level table starts, and
// - a file up to FULL_PARSE_MAX (every real pyproject.toml) is parsed whole, as before;
// - a larger one is parsed without the tables venv-doctor reads nothing of (blanked, so lines keep their
//   numbers), and refused when what is left is still larger than FULL_PARSE_MAX.
// The requirement's line is the one the scan finds, confirmed by one more parse (renamed, that line takes
// requires-python out of [project]). A line-by-line re-parse was quadratic: 10,000 look-alike lines, 30 s.

/** The most TOML parsed at once: ~40 ms of the slowest shape at this size here, never seconds. */
export const FULL_PARSE_MAX = 64 * 1024;

/** Tables venv-doctor reads (the top level, [project], the tools that state or make a project's venv). */
const READ_TABLES = /^(project|build-system|tool\.(venv-doctor|poetry|uv|pdm|hatch|pixi|rye|setuptools))(\.|$)/;

const KEY = /^(\s*(?:(?:"project"|'project'|project)\s*\.\s*)?["']?)requires-python(["']?\s*=)/;
const DOTTED = /^\s*(?:"project"|'project'|project)\s*\./;
/** Poetry's `python = "^3.9"` in [tool.poetry.dependencies]. */
const POETRY_PYTHON = /^\s*["']?python["']?\s*=/;

export type Parse = (text: string) => unknown;

export type ParsedToml =
  | { doc: Record<string, unknown>; text: string; partial: boolean }
  | { error: string; line?: number }
  | { tooLarge: string };

/** Lets a pending signal (Ctrl-C, SIGTERM) be handled between two pieces of work. */
const yieldToSignals = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The last text parsed and its result: the settings and the project read the same pyproject.toml. */
let last: { text: string; parse: Parse; result: Promise<ParsedToml> } | null = null;

/** Parses a pyproject.toml (or a settings file) within the bound above. Do not mutate the document. */
export function parseBounded(text: string, parse: Parse): Promise<ParsedToml> {
  if (last?.text === text && last.parse === parse) return last.result;
  const result = parseNow(text, parse);
  last = { text, parse, result };
  return result;
}

async function parseNow(text: string, parse: Parse): Promise<ParsedToml> {
  let toParse = text;
  let partial = false;
  if (text.length > FULL_PARSE_MAX) {
    const kept = keepTables(text, await scanTables(text));
    await yieldToSignals();
    if (kept.size > FULL_PARSE_MAX) {
      return {
        tooLarge: `its top level, [project] and the [tool] tables venv-doctor reads hold more than ${FULL_PARSE_MAX / 1024} KiB: not read`,
      };
    }
    toParse = kept.text;
    partial = true;
  }
  try {
    return { doc: parse(toParse) as Record<string, unknown>, text: toParse, partial };
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    // smol-toml's TomlError says where.
    const line = error && typeof error === 'object' && 'line' in error ? Number(error.line) : Number.NaN;
    return { error: first.slice(0, 200), ...(Number.isInteger(line) && line > 0 ? { line } : {}) };
  }
}

/**
 * The 1-based line of [project]'s requires-python, or undefined. `text` is what parseBounded parsed (lines
 * as in the file).
 */
export async function requiresPythonLine(text: string, parse: Parse, scan?: TableScan): Promise<number | undefined> {
  const found = (scan ?? (await scanTables(text))).requiresPython;
  if (found === undefined) return undefined;
  await yieldToSignals();
  return confirmed(text, found, parse);
}

/** The synchronous form, for texts known to be small (tests, and what parseBounded returned). */
export function requiresPythonLineNow(text: string, parse: Parse): number | undefined {
  if (hasRequiresPython(text, parse) !== true) return undefined;
  const found = scanTablesNow(text).requiresPython;
  return found === undefined ? undefined : confirmed(text, found, parse);
}

/** The line the scan found, when renaming its key takes requires-python out of [project] (the parser says). */
function confirmed(text: string, found: NonNullable<TableScan['requiresPython']>, parse: Parse): number | undefined {
  const renamed = text.slice(found.start, found.end).replace(KEY, '$1requires-python-renamed-by-venv-doctor$2');
  const changed = `${text.slice(0, found.start)}${renamed}${text.slice(found.end)}`;
  return hasRequiresPython(changed, parse) === false ? found.line : undefined;
}

/** The table a header names, as dotted keys without quotes or spaces: `[ "project" ]` is `project`. */
function tableName(header: string): string {
  return header
    .replace(/^\[+|\]+$/g, '')
    .split('.')
    .map((part) => part.trim().replace(/^(["'])(.*)\1$/, '$2'))
    .join('.');
}

export interface TableScan {
  /** Each header's table and the offset where its line starts, in order. */
  headers: { name: string; start: number }[];
  /** The line that writes [project]'s requires-python: its offsets and number. */
  requiresPython?: { start: number; end: number; line: number };
  /** The line of [tool.poetry.dependencies] python. */
  poetryPython?: { line: number };
}

/**
 * One pass over a TOML text: where each top-level table starts, and the first line, outside strings, arrays
 * and comments, that writes requires-python into [project] (the bare key under a [project] header, or
 * `project.requires-python` before any header). Each character is looked at a bounded number of times, and
 * the event loop is let go every SCAN_SLICE characters (a cold 1 MiB scan took ~110 ms here).
 */
export async function scanTables(text: string): Promise<TableScan> {
  const scanner = new Scanner(text);
  while (!scanner.done()) {
    scanner.step(SCAN_SLICE);
    if (!scanner.done()) await yieldToSignals();
  }
  return scanner.scan;
}

/** scanTables without letting go: for texts known to be small. */
export function scanTablesNow(text: string): TableScan {
  const scanner = new Scanner(text);
  while (!scanner.done()) scanner.step(Number.POSITIVE_INFINITY);
  return scanner.scan;
}

const SCAN_SLICE = 64 * 1024;

class Scanner {
  readonly scan: TableScan = { headers: [] };
  private table = '';
  private line = 1;
  private depth = 0; // open [ and { of values: a line inside an array is no key line
  private i = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.i >= this.text.length;
  }

  /** Scans whole lines until at least `budget` characters are behind. */
  step(budget: number): void {
    const { text, scan } = this;
    const n = text.length;
    const stop = this.i + budget;
    let { i, line, depth, table } = this;
    while (i < n && i < stop) {
      // At the start of a line: outside any value, it is a header, a key, a comment or blank.
      const newline = text.indexOf('\n', i);
      const lineEnd = newline === -1 ? n : newline;
      if (depth === 0) {
        const head = text.slice(i, Math.min(lineEnd, i + 512));
        const trimmed = head.trimStart();
        if (trimmed.startsWith('[')) {
          const close = trimmed.indexOf(']');
          if (close !== -1) {
            table = tableName(trimmed.slice(0, close + 1));
            scan.headers.push({ name: table, start: i });
          }
        } else if (
          scan.poetryPython === undefined &&
          table === 'tool.poetry.dependencies' &&
          POETRY_PYTHON.test(head)
        ) {
          scan.poetryPython = { line };
        } else if (scan.requiresPython === undefined && KEY.test(head)) {
          const dotted = DOTTED.test(head);
          if ((dotted && table === '') || (!dotted && table === 'project')) {
            scan.requiresPython = { start: i, end: lineEnd, line };
          }
        }
      }
      // The rest of the line (and of any multi-line string it opens), character by character.
      let j = i;
      for (; j < n; j++) {
        const c = text[j];
        if (c === '\n') break;
        if (c === '#') {
          // To the end of this line (a multi-line string may have moved past the first line's end).
          const end = text.indexOf('\n', j);
          j = (end === -1 ? n : end) - 1;
          continue;
        }
        if (c === '"' || c === "'") {
          const triple = text[j + 1] === c && text[j + 2] === c;
          let k = j + (triple ? 3 : 1);
          for (; k < n; k++) {
            const d = text[k];
            if (d === '\\' && c === '"') {
              if (text[k + 1] === '\n') line++;
              k++;
            } else if (d === '\n') {
              if (!triple) break; // an unterminated string: the parser says what is wrong
              line++;
            } else if (d === c && (!triple || (text[k + 1] === c && text[k + 2] === c))) {
              break;
            }
          }
          // After the closing quote(s); a closing """ may be followed by up to two more quotes of the string.
          let after = k < n && text[k] !== '\n' ? k + (triple ? 3 : 1) : k;
          if (triple) while (text[after] === c && after - k < 5) after++;
          j = after - 1;
          continue;
        }
        if (c === '[' || c === '{') depth++;
        else if ((c === ']' || c === '}') && depth > 0) depth--;
      }
      i = j + 1;
      line++;
    }
    Object.assign(this, { i, line, depth, table });
  }
}

/** The text with the tables venv-doctor does not read blanked (newlines kept), and how much is left. */
function keepTables(text: string, scan: TableScan): { text: string; size: number } {
  const parts: string[] = [];
  let size = 0;
  const starts = [...scan.headers.map((h) => h.start), text.length];
  const top = text.slice(0, starts[0]);
  parts.push(top);
  size += top.length;
  for (const [index, header] of scan.headers.entries()) {
    const body = text.slice(header.start, starts[index + 1]);
    if (READ_TABLES.test(header.name)) {
      parts.push(body);
      size += body.length;
    } else {
      parts.push('\n'.repeat(countNewlines(body)));
    }
  }
  return { text: parts.join(''), size };
}

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** Whether a TOML text's [project] has requires-python; null when the text is not TOML. */
function hasRequiresPython(text: string, parse: Parse): boolean | null {
  try {
    const table = (parse(text) as Record<string, unknown>).project;
    return Boolean(table && typeof table === 'object' && 'requires-python' in table);
  } catch {
    return null;
  }
}
