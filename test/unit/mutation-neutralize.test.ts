// Neutralizing machine text for each sink, character by character: a terminal (escapes shown, never raw), the
// GitHub runner (workflow-command rules and @actions/core's escaping), XML 1.0 (entities and character
// references), CommonMark/GFM (what makes markup), and the quoting of values in one-line messages.
import { describe, expect, it } from 'vitest';
import {
  escapeGithubData,
  escapeGithubProperty,
  escapeGithubText,
  escapeTerminal,
  escapeXml,
  forGithub,
  forTerminal,
  forXml,
  inertGithubLine,
  mapStrings,
  markdownCode,
  markdownFence,
  markdownText,
  quoted,
} from '../../src/neutralize.js';

describe('mapStrings', () => {
  it('maps every string, deep, keeping the shape and every other value', () => {
    const value = { a: 'x', b: ['y', 1, null, { c: 'z', d: true }], e: null, f: 2, g: undefined };
    expect(mapStrings(value, (s) => s.toUpperCase())).toEqual({
      a: 'X',
      b: ['Y', 1, null, { c: 'Z', d: true }],
      e: null,
      f: 2,
      g: undefined,
    });
    expect(mapStrings('s', (s) => `${s}!`)).toBe('s!');
    expect(mapStrings(3, (s) => `${s}!`)).toBe(3);
  });
  it('does not change the value it is given', () => {
    const value = { a: ['x'] };
    mapStrings(value, () => 'y');
    expect(value).toEqual({ a: ['x'] });
  });
});

describe('escapeTerminal', () => {
  it('LF, CR and TAB by name; other C0, DEL and C1 as \\xHH', () => {
    expect(escapeTerminal('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
    expect(escapeTerminal('\u0000\u0007\u001b[2J\u007f\u009b31m')).toBe('\\x00\\x07\\x1b[2J\\x7f\\x9b31m');
  });
  it('invisible and bidi characters as \\uHHHH, tags beyond the BMP as \\u{H...}, lone surrogates too', () => {
    expect(escapeTerminal('\u00ad\u061c\u180e\u200b\u200f\u2028\u202e\u2060\u2066\u206f\ufeff\ufff9')).toBe(
      '\\xad\\u061c\\u180e\\u200b\\u200f\\u2028\\u202e\\u2060\\u2066\\u206f\\ufeff\\ufff9',
    );
    expect(escapeTerminal('\u{e0001}x\u{e007f}')).toBe('\\u{e0001}x\\u{e007f}');
    expect(escapeTerminal('a\ud800b\udfffc')).toBe('a\\ud800b\\udfffc');
  });
  it('keeps printable text, non-ASCII and emoji as they are, and is idempotent', () => {
    expect(escapeTerminal('pythön ✓ 😀 \u00a0')).toBe('pythön ✓ 😀 \u00a0');
    const once = escapeTerminal('\u001b]0;x\u0007\n');
    expect(escapeTerminal(once)).toBe(once);
  });
  it('forTerminal escapes every string of a value', () => {
    expect(forTerminal({ m: 'a\nb', l: ['\u001b'] })).toEqual({ m: 'a\\nb', l: ['\\x1b'] });
  });
});

describe('quoted: a value in a one-line message', () => {
  it('short values are kept whole, escaped', () => {
    expect(quoted('.venv')).toBe('.venv');
    expect(quoted('a\nb')).toBe('a\\nb');
    expect(quoted('')).toBe('');
  });
  it('exactly max characters: whole, no "..."; one more: cut, with "..."', () => {
    expect(quoted('x'.repeat(64))).toBe('x'.repeat(64));
    expect(quoted('x'.repeat(65))).toBe(`${'x'.repeat(64)}...`);
    expect(quoted('abcdef', 3)).toBe('abc...');
    expect(quoted('abc', 3)).toBe('abc');
  });
  it('counts code points, not UTF-16 units', () => {
    expect(quoted(`${'😀'.repeat(64)}x`)).toBe(`${'😀'.repeat(64)}...`);
    expect(quoted('😀'.repeat(64))).toBe('😀'.repeat(64));
    expect(quoted(`${'😀'.repeat(65)}x`)).toBe(`${'😀'.repeat(64)}...`);
    expect(quoted(`${'😀'.repeat(200)}`)).toBe(`${'😀'.repeat(64)}...`);
    expect(quoted('😀'.repeat(3), 2)).toBe('😀😀...');
  });
  it('a huge value is cut without reading it all', () => {
    expect(quoted('y'.repeat(1_000_000))).toBe(`${'y'.repeat(64)}...`);
  });
  it('the escapes do not count against the limit: max characters of the original are shown', () => {
    expect(quoted('\u001b'.repeat(3), 2)).toBe('\\x1b\\x1b...');
  });
});

describe('GitHub Actions', () => {
  it('escapeGithubText: terminal-safe and no ##[', () => {
    expect(escapeGithubText('x ##[error]y\n::warning::z')).toBe('x #\\#[error]y\\n::warning::z');
  });
  it('forGithub applies it to every string', () => {
    expect(forGithub({ a: ['##[group]'] })).toEqual({ a: ['#\\#[group]'] });
  });
  it('escapeGithubData: %, CR and LF, as @actions/core does (and % first)', () => {
    expect(escapeGithubData('100% a\r\nb\n%0A')).toBe('100%25 a%0D%0Ab%0A%250A');
    expect(escapeGithubData('a:b,c')).toBe('a:b,c');
  });
  it('escapeGithubProperty: also : and ,', () => {
    expect(escapeGithubProperty('venv-doctor: a,b%\n')).toBe('venv-doctor%3A a%2Cb%25%0A');
  });
  it('inertGithubLine: a line starting with :: (after whitespace) becomes :\\:, once; ##[ anywhere becomes #\\#[', () => {
    expect(inertGithubLine('::error::x')).toBe(':\\:error::x');
    expect(inertGithubLine('  ::warning::x')).toBe('  :\\:warning::x');
    expect(inertGithubLine('\t::set-output name=a::b')).toBe('\t:\\:set-output name=a::b');
    expect(inertGithubLine('ok  os  ::error:: later')).toBe('ok  os  ::error:: later');
    expect(inertGithubLine('a::b')).toBe('a::b');
    expect(inertGithubLine('x ##[error]y ##[group]z')).toBe('x #\\#[error]y #\\#[group]z');
    expect(inertGithubLine('plain line')).toBe('plain line');
  });
});

describe('XML', () => {
  it('markup characters as entities', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;'&lt;/a&gt;");
  });
  it('TAB, LF and CR as character references, so that an attribute keeps them', () => {
    expect(escapeXml('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
  });
  it('what XML 1.0 cannot carry, and invisible characters, shown escaped', () => {
    expect(escapeXml('\u0000\u0008\u000b\u000c\u000e\u001f')).toBe('\\x00\\x08\\x0b\\x0c\\x0e\\x1f');
    expect(escapeXml('\ufffe\uffff')).toBe('\\ufffe\\uffff');
    expect(escapeXml('a\ud800b')).toBe('a\\ud800b');
    expect(escapeXml('\u001b[31m\u202eevil\u0085\u200b')).toBe('\\x1b[31m\\u202eevil\\x85\\u200b');
  });
  it('ordinary text and non-ASCII as they are', () => {
    expect(escapeXml('pythön 3.12 ✓')).toBe('pythön 3.12 ✓');
  });
  it('forXml applies it to every string', () => {
    expect(forXml({ a: ['<'], n: 1 })).toEqual({ a: ['&lt;'], n: 1 });
  });
});

describe('Markdown text', () => {
  it('backslash-escapes the punctuation that makes markup', () => {
    expect(markdownText('*a* _b_ `c` [d] |e| ~f~ #g $h$ \\i')).toBe(
      '\\*a\\* \\_b\\_ \\`c\\` \\[d\\] \\|e\\| \\~f\\~ \\#g \\$h\\$ \\\\i',
    );
  });
  it('<, > and & as entities: no HTML, no autolink, no entity', () => {
    expect(markdownText('<b>&amp;</b>')).toBe('&lt;b&gt;&amp;amp;&lt;/b&gt;');
  });
  it('bare URLs and e-mail addresses that GFM would link are broken', () => {
    expect(markdownText('see http://a.b and https://c.d')).toBe('see http\\://a.b and https\\://c.d');
    expect(markdownText('www.evil.com WWW.X.org')).toBe('www\\.evil.com WWW\\.X.org');
    expect(markdownText('mail@evil.com')).toBe('mail\\@evil.com');
    expect(markdownText('a: b')).toBe('a: b');
  });
  it('a list marker at the start is escaped; the same characters elsewhere are not', () => {
    expect(markdownText('- item')).toBe('\\- item');
    expect(markdownText('+ item')).toBe('\\+ item');
    expect(markdownText('-')).toBe('\\-');
    expect(markdownText('-x')).toBe('-x');
    expect(markdownText('a - b + c')).toBe('a - b + c');
    expect(markdownText('1. first')).toBe('1\\. first');
    expect(markdownText('12) twelfth')).toBe('12\\) twelfth');
    expect(markdownText('3.')).toBe('3\\.');
    expect(markdownText('3.11.2')).toBe('3.11.2');
    expect(markdownText('1: x')).toBe('1: x');
    expect(markdownText('Python 3. Then')).toBe('Python 3. Then');
  });
  it('control characters shown escaped: a newline cannot start a block', () => {
    expect(markdownText('a\n# b')).toBe('a\\n\\# b');
  });
});

describe('Markdown code', () => {
  it('a code span of one backtick when there is none inside', () => {
    expect(markdownCode('python3 -m venv .venv')).toBe('`python3 -m venv .venv`');
  });
  it('delimited by a run longer than the longest inside', () => {
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('a``b')).toBe('```a``b```');
    expect(markdownCode('a`b`c')).toBe('``a`b`c``');
    expect(markdownCode('a``b`c')).toBe('```a``b`c```');
    expect(markdownCode('a`b``c')).toBe('```a`b``c```');
  });
  it('padded when a backtick is at either end, or it is wrapped in spaces', () => {
    expect(markdownCode('`a')).toBe('`` `a ``');
    expect(markdownCode('a`')).toBe('`` a` ``');
    expect(markdownCode(' a ')).toBe('`  a  `');
    expect(markdownCode(' ab ')).toBe('`  ab  `');
    expect(markdownCode('  ')).toBe('`    `');
    expect(markdownCode(' a')).toBe('` a`');
    expect(markdownCode('a ')).toBe('`a `');
    expect(markdownCode('x a ')).toBe('`x a `');
    expect(markdownCode(' a b')).toBe('` a b`');
  });
  it('controls escaped', () => {
    expect(markdownCode('a\nb')).toBe('`a\\nb`');
  });
  it('a fence of at least three backticks, longer than any run inside, with the info string', () => {
    expect(markdownFence(['echo hi', 'ls'], 'sh')).toEqual(['```sh', 'echo hi', 'ls', '```']);
    expect(markdownFence(['echo hi'])).toEqual(['```', 'echo hi', '```']);
    expect(markdownFence(['a ``` b'])).toEqual(['````', 'a ``` b', '````']);
    expect(markdownFence(['a ```` b', 'c'])).toEqual(['`````', 'a ```` b', 'c', '`````']);
    expect(markdownFence(['a\nb'])).toEqual(['```', 'a\\nb', '```']);
    expect(markdownFence([])).toEqual(['```', '```']);
  });
});
