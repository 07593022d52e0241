// The report fitted to a terminal: every line within the width, continuation lines under the message column,
// no word broken but after a separator, and nothing lost (the wrapped words, joined, are the unwrapped
// line). Over every scenario's report at 60, 80 and 120 columns, and on the hard cases by hand.
import { describe, expect, it } from 'vitest';
import { renderPlain } from '../../src/render/plain.js';
import { wrap, wrapCommand } from '../../src/render/wrap.js';
import { diagnose, SCENARIOS } from '../scenarios/scenario-list.js';

/** A wrapped command as a POSIX shell reads it: the backslash-newline pairs and the indents go. */
const asShellReads = (lines: string[]) =>
  lines
    .join('\n')
    .replace(/ \\\n +/g, ' ')
    .trim();

const LABEL = /^(ok|warn|FAIL|skip|CRASH|ignored) +\S/;

const a = (n: number) => 'a'.repeat(n);
const b = (n: number) => 'b'.repeat(n);

describe('wrap', () => {
  it('leaves a line that fits, and every line when the width is unknown (piped)', () => {
    expect(wrap('short', 80, 'ok  ', '    ')).toEqual(['ok  short']);
    expect(wrap('x '.repeat(100).trim(), null, 'ok  ', '    ')).toEqual([`ok  ${'x '.repeat(100).trim()}`]);
  });
  it('breaks at spaces, the rest under the hanging indent', () => {
    expect(wrap('one two three four five six seven eight nine ten eleven', 40, 'ok      ', ' '.repeat(8))).toEqual([
      'ok      one two three four five six',
      '        seven eight nine ten eleven',
    ]);
  });
  it('breaks a path too long for a line after a /, never inside a name', () => {
    const path = '/root/.pyenv/versions/3.13.0/lib/python3.13/site-packages/pip';
    const lines = wrap(`pip is at ${path}.`, 40, '', '  ');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    expect(lines).toEqual(['pip is at /root/.pyenv/versions/3.13.0/', '  lib/python3.13/site-packages/pip.']);
  });
  it('keeps a `quoted command` on one line when it fits one, and breaks one that does not at its spaces', () => {
    expect(wrap('then run `python3 -m venv .venv` to make it', 40, '', '')).toEqual([
      'then run `python3 -m venv .venv` to make',
      'it',
    ]);
    expect(wrap(`see \`${'w '.repeat(30).trim()}\``, 40, '', '')).toEqual([
      `see \`${'w '.repeat(18).trim()}`,
      `${'w '.repeat(12).trim()}\``,
    ]);
  });
  it('cuts a word with no separator only where the line ends', () => {
    expect(wrap(a(100), 40, '', '')).toEqual([a(40), a(40), a(20)]);
  });
  it('below 40 columns, and for an unknown width, every line is left to the terminal', () => {
    expect(wrap('aaa bbb ccc ddd eee fff ggg hhh iii jjj kkk lll', 39, '', '')).toEqual([
      'aaa bbb ccc ddd eee fff ggg hhh iii jjj kkk lll',
    ]);
  });
});

describe('wrap at its edges', () => {
  it('a line exactly the width is left whole; one column more is wrapped', () => {
    expect(wrap(a(36), 40, 'ok  ', '    ')).toEqual([`ok  ${a(36)}`]);
    expect(wrap(`${a(18)} ${b(18)}`, 40, 'ok  ', '    ')).toEqual([`ok  ${a(18)}`, `    ${b(18)}`]);
    expect(wrap(`${a(20)} ${b(19)}`, 40, '', '')).toEqual([`${a(20)} ${b(19)}`]);
    expect(wrap(`${a(20)} ${b(20)}`, 40, '', '')).toEqual([a(20), b(20)]);
  });
  it('the hanging indent is kept while it leaves 24 columns, and shortened to 4 below', () => {
    const text = 'word '.repeat(14).trim();
    expect(wrap(text, 44, 'x'.repeat(20), ' '.repeat(20))[1]).toBe(`${' '.repeat(20)}word word word word word`);
    expect(wrap(text, 43, 'x'.repeat(20), ' '.repeat(20))[1]).toBe(`    ${'word '.repeat(8).trim()}`);
  });
  it("a word that does not fit after a row's status and id, but fits a line, starts the next line whole", () => {
    const lines = wrap('ensurepip is missing', 40, `ok      ${'i'.repeat(30)}`, ' '.repeat(40));
    expect(lines).toEqual([`ok      ${'i'.repeat(30)}`, '    ensurepip is missing']);
  });
  it('a path that fits a line of its own moves to the next line whole, not broken where this one ends', () => {
    const path = '/usr/lib/python3.11/site-packages';
    expect(wrap(`the module is in ${path} here`, 40, '', '')).toEqual(['the module is in', `${path} here`]);
  });
  it('a separator that leaves a sliver is not used: the word starts the next line, cut where it ends', () => {
    expect(wrap(`see ${'x'.repeat(30)} /a/${b(60)}/c`, 40, '', '')).toEqual([
      `see ${'x'.repeat(30)}`,
      `/a/${b(37)}`,
      `${b(23)}/c`,
    ]);
  });
  it('breaks after a hyphen or a comma when there is no path separator to break after', () => {
    expect(wrap(`${a(30)}-${b(30)}`, 40, '', '')).toEqual([`${a(30)}-`, b(30)]);
    expect(wrap(`${a(30)},${b(30)}`, 40, '', '')).toEqual([`${a(30)},`, b(30)]);
    // A / early in the room is passed over for a later hyphen: at least half the room stays on the line.
    expect(wrap(`ab/${a(30)}-${b(30)}`, 40, '', '')).toEqual([`ab/${a(30)}-`, b(30)]);
  });
  it('a backtick span followed by punctuation stays one unit; a span that does not start a word is words', () => {
    expect(wrap('and then run `python3 -m venv .venv`, then go on', 40, '', '')).toEqual([
      'and then run `python3 -m venv .venv`,',
      'then go on',
    ]);
    expect(wrap('ax`b c` d e f g h i j k l m n o p q r s t u v w', 40, '', '')).toEqual([
      'ax`b c` d e f g h i j k l m n o p q r s',
      't u v w',
    ]);
  });
});

describe('wrapCommand: a command that still pastes and runs whole', () => {
  it('continues with a backslash between arguments, never inside one (quoted ones whole)', () => {
    const command = "sudo apt-get install -y python3.12-venv '/tmp/a dir/x' python3.12-dev";
    const lines = wrapCommand(command, 40, '    ');
    expect(lines).toEqual([
      '    sudo apt-get install -y \\',
      "        python3.12-venv '/tmp/a dir/x' \\",
      '        python3.12-dev',
    ]);
    // What a POSIX shell reads: the words stay.
    expect(asShellReads(lines)).toBe(command);
  });
  it("never breaks inside a quoted argument, an apostrophe ('\\'') in it included", () => {
    const command = "python3 -I -m venv --clear '/tmp/p/Bob'\\''s very long project name that goes on/.venv'";
    const lines = wrapCommand(command, 60, '    ');
    expect(lines).toEqual([
      '    python3 -I -m venv --clear \\',
      "        '/tmp/p/Bob'\\''s very long project name that goes on/.venv'",
    ]);
    expect(asShellReads(lines)).toBe(command);
  });
  it('leaves a command that fits, and every command when the width is unknown', () => {
    expect(wrapCommand('apt-get update', 80, '    ')).toEqual(['    apt-get update']);
    expect(wrapCommand('a '.repeat(60).trim(), null, '    ')).toEqual([`    ${'a '.repeat(60).trim()}`]);
  });
});

describe('every scenario at 60, 80 and 120 columns', () => {
  const widths = [60, 80, 120];
  it.each(SCENARIOS.flatMap(([name, factsOf]) => widths.map((width) => [name, width, factsOf] as const)))(
    '%s at %i columns',
    (_name, width, factsOf) => {
      const report = diagnose(factsOf());
      const whole = renderPlain(report, { color: false, verbose: true }).split('\n');
      const fitted = renderPlain(report, { color: false, verbose: true, width }).split('\n');
      const commands = new Set([...report.fixes, ...report.optionalFixes].map((f) => f.command));
      for (const line of fitted) {
        // A line wider than the terminal: only a word with nothing to break at, or a command's one argument.
        if (line.length > width) expect(line.trim().split(' ').length, line).toBeLessThanOrEqual(2);
      }
      // The status column: a row's continuation starts under its message, never in the status column.
      const idWidth = Math.max(...report.checks.map((c) => c.id.length));
      const first = fitted.findIndex((line) => LABEL.test(line));
      const rows = fitted.slice(first, fitted.indexOf('', first));
      expect(rows.length).toBeGreaterThanOrEqual(report.checks.length > 0 ? 1 : 0);
      for (const line of rows) {
        if (LABEL.test(line)) continue;
        expect(line.startsWith(' '.repeat(line.startsWith('        ') ? 8 : idWidth + 10)), line).toBe(true);
      }
      // Nothing lost or added: the words of the fitted report, joined, are the whole report's.
      const words = (lines: string[]) => lines.join(' ').replace(/ \\ /g, ' ').split(/\s+/).filter(Boolean);
      const joinedBroken = (lines: string[]) => words(lines).join(' ');
      const wholeWords = words(whole);
      const fittedWords = words(fitted);
      // A word broken after a separator comes back as two: join such pairs before comparing.
      expect(rejoin(fittedWords, wholeWords), joinedBroken(fitted)).toEqual(wholeWords);
      for (const command of commands) {
        expect(asShellReads(fitted)).toContain(command);
      }
    },
  );
});

/** The fitted words with the pieces of a broken word joined again, guided by the whole report's words. */
function rejoin(fitted: string[], whole: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  for (const word of whole) {
    let got = fitted[i++] ?? '';
    while (got !== word && word.startsWith(got) && i < fitted.length) got += fitted[i++];
    out.push(got);
  }
  return out;
}
