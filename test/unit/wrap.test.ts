// The report fitted to a terminal: every line within the width, continuation lines under the message column,
// no word broken but after a separator, and nothing lost (the wrapped words, joined, are the unwrapped
// line). Over every scenario's report at 60, 80 and 120 columns, and on the hard cases by hand.
import { describe, expect, it } from 'vitest';
import { renderPlain } from '../../src/render/plain.js';
import { wrap, wrapCommand } from '../../src/render/wrap.js';
import { diagnose, SCENARIOS } from '../scenarios/scenario-list.js';

const LABEL = /^(ok|warn|FAIL|skip|CRASH|ignored) +\S/;

describe('wrap', () => {
  it('leaves a line that fits, and every line when the width is unknown (piped)', () => {
    expect(wrap('short', 80, 'ok  ', '    ')).toEqual(['ok  short']);
    expect(wrap('x '.repeat(100).trim(), null, 'ok  ', '    ')).toEqual([`ok  ${'x '.repeat(100).trim()}`]);
  });
  it('breaks at spaces, the rest under the hanging indent', () => {
    expect(wrap('one two three four five six', 20, 'ok  ', '    ')).toEqual(['ok  one two three', '    four five six']);
  });
  it('breaks a path too long for a line after a /, never inside a name', () => {
    const path = '/root/.pyenv/versions/3.13.0/lib/python3.13/site-packages/pip';
    const lines = wrap(`pip is at ${path}.`, 40, '', '  ');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    expect(lines).toEqual(['pip is at /root/.pyenv/versions/3.13.0/', '  lib/python3.13/site-packages/pip.']);
  });
  it('keeps a `quoted command` on one line when it fits one, and breaks one that does not at its spaces', () => {
    expect(wrap('run `python3 -m venv .venv` to make it', 24, '', '')).toEqual([
      'run',
      '`python3 -m venv .venv`',
      'to make it',
    ]);
    expect(wrap('`a b c d e f g h i j k l m n o p q r s t u v`', 24, '', '')).toEqual([
      '`a b c d e f g h i j k l',
      'm n o p q r s t u v`',
    ]);
  });
  it('cuts a word with no separator only where the line ends', () => {
    expect(wrap('x'.repeat(50), 20, '', '')).toEqual(['x'.repeat(20), 'x'.repeat(20), 'x'.repeat(10)]);
  });
  it('gives a short indent when the hanging one leaves too little room, and does not wrap below 20 columns', () => {
    expect(wrap('aaa bbb ccc ddd eee fff', 30, `${'x'.repeat(20)} `, ' '.repeat(21))).toEqual([
      `${'x'.repeat(20)} aaa bbb`,
      '    ccc ddd eee fff',
    ]);
    expect(wrap('aaa bbb ccc ddd eee fff', 10, '', '')).toEqual(['aaa bbb ccc ddd eee fff']);
  });
});

describe('wrap at its edges', () => {
  it('a line exactly the width is left whole; one column more is wrapped', () => {
    expect(wrap('a'.repeat(16), 20, 'ok  ', '    ')).toEqual([`ok  ${'a'.repeat(16)}`]);
    expect(wrap(`${'a'.repeat(8)} ${'b'.repeat(8)}`, 20, 'ok  ', '    ')).toEqual(['ok  aaaaaaaa', '    bbbbbbbb']);
    expect(wrap('aaaa bbbb cccc dddd eeee', 19, '', '')).toEqual(['aaaa bbbb cccc dddd eeee']);
    expect(wrap('aaaa bbbb cccc dddd eeee', 20, '', '')).toEqual(['aaaa bbbb cccc dddd', 'eeee']);
  });
  it('the hanging indent is kept while it leaves 24 columns, and shortened to 4 below', () => {
    const text = 'word '.repeat(12).trim();
    expect(wrap(text, 40, 'x'.repeat(16), ' '.repeat(16))[1]).toBe(`${' '.repeat(16)}word word word word word`);
    expect(wrap(text, 39, 'x'.repeat(16), ' '.repeat(16))[1]).toBe('    word word word word word word word');
  });
  it('a path that fits a line of its own moves to the next line whole, not broken where this one ends', () => {
    const path = '/usr/lib/python3.11/site-packages';
    expect(wrap(`the module is in ${path} here`, 40, '', '')).toEqual(['the module is in', `${path} here`]);
  });
  it('a separator that leaves a sliver is not used: the word starts the next line, cut where it ends', () => {
    const long = `/a/${'b'.repeat(40)}/c`;
    expect(wrap(`see ${'x'.repeat(20)} ${long}`, 30, '', '')).toEqual([
      `see ${'x'.repeat(20)}`,
      `/a/${'b'.repeat(27)}`,
      `${'b'.repeat(13)}/c`,
    ]);
  });
  it('breaks after a hyphen or a comma when there is no path separator to break after', () => {
    expect(wrap(`${'a'.repeat(15)}-${'b'.repeat(15)}`, 20, '', '')).toEqual([`${'a'.repeat(15)}-`, 'b'.repeat(15)]);
    expect(wrap(`${'a'.repeat(15)},${'b'.repeat(15)}`, 20, '', '')).toEqual([`${'a'.repeat(15)},`, 'b'.repeat(15)]);
    // A / early in the room is passed over for a later hyphen: at least half the room stays on the line.
    expect(wrap(`ab/${'c'.repeat(12)}-${'d'.repeat(12)}`, 20, '', '')).toEqual([
      `ab/${'c'.repeat(12)}-`,
      'd'.repeat(12),
    ]);
  });
  it('a backtick span followed by punctuation stays one unit; a span that does not start a word is words', () => {
    expect(wrap('run `python3 -m venv .venv`, then go on', 30, '', '')).toEqual([
      'run `python3 -m venv .venv`,',
      'then go on',
    ]);
    expect(wrap('ax`b c` d e f g h i j k l m n o', 20, '', '')).toEqual(['ax`b c` d e f g h i', 'j k l m n o']);
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
    // What a POSIX shell reads: the backslash-newline pairs and the indents go, the words stay.
    expect(
      lines
        .join('\n')
        .replace(/ \\\n +/g, ' ')
        .trim(),
    ).toBe(command);
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
        const shown = fitted.join('\n').replace(/ \\\n +/g, ' ');
        expect(shown).toContain(command);
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
