// Output is data, never commands. Every string that came from the machine or the project (messages,
// details, paths, os names, fix commands ...) goes through exactly one neutralizing step for the sink it
// is written to, applied as a deep map over the Report right before rendering (`forTerminal`, `forGithub`,
// `forXml` below; Markdown escapes by context in its renderer, see markdownText/markdownCode). Renderers add
// their own formatting (colours, newlines, markup) only after. JSON needs none: JSON.stringify escapes.
// Pure.

/** Applies `f` to every string in a plain value (objects, arrays), keeping its shape. */
export function mapStrings<T>(value: T, f: (text: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, f)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = mapStrings(item, f);
    return out as T;
  }
  return value;
}

/**
 * Characters a terminal (or a log viewer, or a reader) would take as something other than text: C0
 * controls (CR, LF and TAB included), DEL, C1 (U+0080-U+009F, where 0x9B is CSI), the soft hyphen, and the
 * invisible formatting and bidi characters (zero-width, LRM/RLM, embeddings and overrides, isolates, the
 * Arabic letter mark, the BOM, line/paragraph separators, interlinear annotations, tags); and lone surrogates.
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]|\p{Cs}/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\u{${code.toString(16)}}`;
}

/**
 * For a terminal: every unsafe character shown escaped (`\x1b`, `\u202e`, `\n`), never emitted raw.
 * Idempotent: its output has none of them left.
 */
export function escapeTerminal(text: string): string {
  return text.replace(UNSAFE, visible);
}

/**
 * A value from the machine or the project quoted in a one-line message: at most `max` characters (code
 * points), every unsafe one shown escaped, "..." when cut.
 */
export function quoted(text: string, max = 64): string {
  // A code point is at most two UTF-16 units: 2 * max + 2 units hold more than max code points.
  const chars = Array.from(text.length > 2 * max + 2 ? text.slice(0, 2 * max + 2) : text);
  const shown = escapeTerminal(chars.slice(0, max).join(''));
  return chars.length > max ? `${shown}...` : shown;
}

/** The Report (or any value) with every string safe for a terminal: plain output and the live view. */
export function forTerminal<T>(value: T): T {
  return mapStrings(value, escapeTerminal);
}

// --- GitHub Actions ------------------------------------------------------------------------------

/**
 * The runner takes a line as a workflow command when it starts with `::` (after leading whitespace), and
 * the older form `##[command]` anywhere in a line. Machine text never spans lines (escapeTerminal), and
 * never carries `##[`: it becomes `#\#[`, visibly.
 */
export function escapeGithubText(text: string): string {
  return escapeTerminal(text).replaceAll('##[', '#\\#[');
}

/** The Report with every string safe for the runner's log: terminal-safe, and no `##[`. */
export function forGithub<T>(value: T): T {
  return mapStrings(value, escapeGithubText);
}

/** Data of a workflow command, as @actions/core escapes it: %, CR and LF. */
export function escapeGithubData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** A property value of a workflow command (title=...): also : and , escaped. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/**
 * A rendered line of the human report under `--format github`, made inert for the runner even outside
 * `::stop-commands::`: a leading `::` becomes `:\:`, and `##[` becomes `#\#[`.
 */
export function inertGithubLine(line: string): string {
  const inert = line.replaceAll('##[', '#\\#[');
  return /^\s*::/.test(inert) ? inert.replace('::', ':\\:') : inert;
}

// --- XML (JUnit) ---------------------------------------------------------------------------------

/** What XML 1.0 cannot carry at all: C0 controls but TAB, LF and CR; U+FFFE, U+FFFF; lone surrogates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|\p{Cs}/gu;

/**
 * For an XML attribute value or text content: characters XML cannot carry, and the deceptive invisible and
 * bidi characters, shown escaped (`\x1b`); markup characters as entities; TAB, LF and CR as character
 * references (`&#9;` `&#10;` `&#13;`), so that a parser gives them back instead of normalizing an attribute's
 * newline to a space.
 */
export function escapeXml(text: string): string {
  const shown = text.replace(NOT_XML, visible).replace(UNSAFE, (c) => (c in NAMED ? c : visible(c)));
  return shown
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll('\t', '&#9;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;');
}

/** The Report with every string ready to go into XML as an attribute value or text, as it is. */
export function forXml<T>(value: T): T {
  return mapStrings(value, escapeXml);
}

// --- Markdown ------------------------------------------------------------------------------------

/**
 * Machine text as Markdown text (CommonMark and GitHub Flavored Markdown): control and invisible characters
 * shown escaped (a newline cannot start a new block: it is shown as `\n`); `<`, `>` and `&` as entities (no
 * HTML, no autolink, no entity); the punctuation that can make markup backslash-escaped (emphasis, code,
 * links, images, table cells, strikethrough, headings, math); a list marker at the start escaped; and the
 * bare URLs and e-mail addresses GFM would turn into links broken (`http\://`, `www\.`, `\@`).
 */
export function markdownText(text: string): string {
  return escapeTerminal(
    text
      .replace(/[\\`*_[\]|~#$]/g, '\\$&')
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replace(/:(?=\/\/)/g, '\\:')
      .replace(/(www)\./gi, '$1\\.')
      .replaceAll('@', '\\@')
      // At the start of a block: a bullet (- + *), or a number followed by . or ) (an ordered list).
      .replace(/^([-+])(?=\s|$)/, '\\$1')
      .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2'),
  );
}

/** The longest run of `char` in text. */
function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/**
 * Machine text as a Markdown code span: shown literally (no markup, no HTML), delimited by a backtick run
 * longer than any inside it, padded so a leading or trailing backtick stays content. Controls are shown
 * escaped, so a newline cannot end the paragraph. Not for table cells: GFM splits a row on `|` before it
 * sees code spans, and a backslash in a code span cannot escape it (use markdownText there).
 */
export function markdownCode(text: string): string {
  const shown = escapeTerminal(text);
  const fence = '`'.repeat(longestRun(shown, '`') + 1);
  const pad = shown.startsWith('`') || shown.endsWith('`') || /^ .* $/.test(shown) ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/**
 * Lines of machine text (commands) as a fenced code block that its content cannot close early: a fence of
 * backticks longer than any run of backticks in it (at least three); each line control-escaped.
 */
export function markdownFence(lines: readonly string[], info = ''): string[] {
  const shown = lines.map(escapeTerminal);
  const fence = '`'.repeat(Math.max(3, ...shown.map((l) => longestRun(l, '`') + 1)));
  return [`${fence}${info}`, ...shown, fence];
}
