// Lines fitted to the terminal's width, so that the terminal never breaks them itself (mid-word, and back to
// column 0 under the status column). Pure: (text, width, prefixes) => lines. Text here is already
// terminal-safe (src/neutralize.ts) and not yet coloured, so its length is its width in columns.

/** Where a word too long for a line may be broken: after a path separator, a comma or a hyphen. */
const BREAK_AFTER = /[/\\,-]/;

/** Narrower than this, the report is left to the terminal (a status and an id take 28 columns). */
const MIN_WIDTH = 40;

/**
 * `text` in lines of at most `width` columns: the first after `first` (a row's status and id), the others
 * after `hanging` (spaces to the message column). Broken at spaces; a `quoted command` is kept on one line
 * when it fits one; a word longer than a line is broken after a separator (a long path at a `/`), and cut
 * only when it has none. Width null: one line, as it was.
 */
export function wrap(text: string, width: number | null, first: string, hanging: string): string[] {
  // Below 40 columns the status and id leave no room for a message: the terminal's own wrapping is as good.
  if (width === null || width < MIN_WIDTH || first.length + text.length <= width) return [first + text];
  // A hanging indent that leaves too little room (a 40-column terminal) gives way to a short one.
  const indent = width - hanging.length >= 24 ? hanging : ' '.repeat(Math.min(hanging.length, 4));
  const full = width - indent.length;
  const lines: string[] = [];
  let line = first;
  let empty = true;
  const next = () => {
    lines.push(line.trimEnd());
    line = indent;
    empty = true;
  };
  for (const unit of units(text, full)) {
    let word = unit;
    while (word.length > 0) {
      const space = empty ? '' : ' ';
      const room = width - line.length - space.length;
      if (word.length <= room) {
        line += space + word;
        empty = false;
        break;
      }
      // It fits a line of its own: start one (also after a row's status and id that leave it no room).
      if ((!empty || line !== indent) && word.length <= full) {
        next();
        continue;
      }
      // Longer than a line: broken after a separator that still fits here, else (on a line of its own,
      // nothing to break at) cut where the line ends.
      const cut = breakPoint(word, room);
      // A sliver ("(/") left at a line's end reads worse than the whole word on the next line.
      if (!empty && cut < Math.min(12, room)) {
        next();
        continue;
      }
      if (cut > 0 || empty) {
        const at = cut > 0 ? cut : Math.max(room, 1);
        line += space + word.slice(0, at);
        word = word.slice(at);
        next();
        continue;
      }
      next();
    }
  }
  if (!empty) lines.push(line.trimEnd());
  return lines;
}

/** Words, with a `backtick span` as one unit (a command reads best on one line) when it fits a line. */
function units(text: string, full: number): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/`[^`]*`\S*|\S+/g)) {
    const unit = match[0];
    // A span longer than a line is words again: better broken at its spaces than mid-word.
    if (unit.startsWith('`') && unit.length > full) found.push(...unit.split(/\s+/));
    else found.push(unit);
  }
  return found;
}

/**
 * The length of the longest start of `word` that fits `room` and ends after a separator, 0 when none: after
 * a path's `/` or `\\` when that keeps at least half the room (site-packages stays whole), else after any;
 * never a sliver.
 */
function breakPoint(word: string, room: number): number {
  let any = 0;
  // A piece shorter than this ("/a/") is a sliver: cutting the word where the line ends reads better.
  const shortest = Math.min(12, room / 2);
  for (let i = Math.min(room, word.length) - 1; i + 1 >= shortest && i > 0; i--) {
    const char = word[i] ?? '';
    if ((char === '/' || char === '\\') && i + 1 >= room / 2) return i + 1;
    if (any === 0 && BREAK_AFTER.test(char)) any = i + 1;
  }
  return any;
}

/**
 * A command too long for the line, for a POSIX shell: broken between its arguments with a backslash, each
 * continuation indented, so that it still pastes and runs as one command. An argument is never broken; a
 * quoted one stays whole (its spaces are not between arguments).
 */
export function wrapCommand(command: string, width: number | null, indent: string): string[] {
  if (width === null || width < MIN_WIDTH || indent.length + command.length <= width) return [indent + command];
  // An argument is quoted parts ('...', "..."), escaped characters (\\' between two quoted parts: 'Bob'\\''s')
  // and plain characters, up to an unquoted space: a break inside a quote would be taken literally.
  const args = command.match(/(?:'[^']*'|"(?:[^"\\]|\\.)*"|\\.|[^\s'"\\])+/g) ?? [command];
  const continued = `${indent}    `;
  const lines: string[] = [];
  let line = indent;
  for (const arg of args) {
    const space = line === indent || line === continued ? '' : ' ';
    // Room for the argument and, on every line but the last, " \\".
    if (line !== indent && line !== continued && line.length + space.length + arg.length + 2 > width) {
      lines.push(`${line} \\`);
      line = continued + arg;
      continue;
    }
    line += space + arg;
  }
  lines.push(line);
  return lines;
}
