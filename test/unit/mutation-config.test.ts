// Settings from [tool.venv-doctor] (or --config), in-process: every key's accepted and refused values, the
// one warning for unknown names (capped, printable), and the venv path that must stay inside the project.
// (The in-process cases of test/security/config.test.ts, which also spawns the CLI, are repeated here so
// that mutation testing sees them.)
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, configTable, readConfig, venvPathProblem } from '../../src/config.js';

const IDS = ['os', 'python', 'venv', 'gitignore'];
const SOURCE = 'pyproject.toml [tool.venv-doctor]';
const VALID = 'the valid keys are: require, venv, strict, ignore';

describe('configTable', () => {
  it('the [tool.venv-doctor] table of a pyproject.toml', () => {
    const table = { strict: true };
    expect(configTable({ project: { name: 'x' }, tool: { 'venv-doctor': table } }, false)).toBe(table);
    expect(configTable({ tool: { 'venv-doctor': table } }, true)).toBe(table);
  });
  it('no table: null for pyproject.toml, the whole document for --config', () => {
    const doc = { strict: true };
    expect(configTable(doc, false)).toBeNull();
    expect(configTable(doc, true)).toBe(doc);
    expect(configTable({ tool: { other: {} } }, false)).toBeNull();
    expect(configTable({ tool: 'x' }, false)).toBeNull();
    expect(configTable({ tool: null }, false)).toBeNull();
  });
  it('a [tool.venv-doctor] that is not a table is no table', () => {
    expect(configTable({ tool: { 'venv-doctor': ['a'] } }, false)).toBeNull();
    expect(configTable({ tool: { 'venv-doctor': 'strict' } }, false)).toBeNull();
    expect(configTable({ tool: { 'venv-doctor': null } }, false)).toBeNull();
    const doc = { tool: { 'venv-doctor': 1 } };
    expect(configTable(doc, true)).toBe(doc);
  });
});

describe('readConfig: each key', () => {
  it('an empty table: no settings, no warnings, the source kept', () => {
    expect(readConfig({}, SOURCE, IDS)).toEqual({ config: { source: SOURCE, ignore: {} }, warnings: [] });
    expect(CONFIG_KEYS).toEqual(['require', 'venv', 'strict', 'ignore']);
  });
  it('all keys at once', () => {
    expect(
      readConfig({ require: '>=3.11', venv: 'env', strict: true, ignore: ['gitignore'] }, 'venv-doctor.toml', IDS),
    ).toEqual({
      config: {
        source: 'venv-doctor.toml',
        require: '>=3.11',
        venv: 'env',
        strict: true,
        ignore: { gitignore: 'ignored in venv-doctor.toml' },
      },
      warnings: [],
    });
  });
  it('strict = false is a setting too', () => {
    expect(readConfig({ strict: false }, SOURCE, IDS)).toEqual({
      config: { source: SOURCE, strict: false, ignore: {} },
      warnings: [],
    });
  });
  it.each([
    [{ require: 3.11 }, `${SOURCE}: require must be a string`],
    [{ require: '' }, `${SOURCE}: require must be a string`],
    [{ require: '  ' }, `${SOURCE}: require must be a string`],
    [{ require: '>=3.9\u001b[2J' }, `${SOURCE}: require ">=3.9\\x1b[2J" is not a version specifier`],
    [{ require: '>=3.9\u202e' }, `${SOURCE}: require ">=3.9\\u202e" is not a version specifier`],
    [
      { require: `>=${'9'.repeat(1023)}` } as Record<string, unknown>,
      `${SOURCE}: require ">=${'9'.repeat(62)}..." is not a version specifier`,
    ],
    [{ venv: 1 }, `${SOURCE}: venv must be a string`],
    [{ venv: ['.venv'] }, `${SOURCE}: venv must be a string`],
    [{ strict: 'yes' }, `${SOURCE}: strict must be true or false`],
    [{ strict: 1 }, `${SOURCE}: strict must be true or false`],
    [{ ignore: 'gitignore' }, `${SOURCE}: ignore must be a list of check ids, or a table of check id = "reason"`],
    [{ ignore: 1 }, `${SOURCE}: ignore must be a list of check ids, or a table of check id = "reason"`],
    [{ ignore: null }, `${SOURCE}: ignore must be a list of check ids, or a table of check id = "reason"`],
    [{ ignore: true }, `${SOURCE}: ignore must be a list of check ids, or a table of check id = "reason"`],
  ])('%#: %j is refused', (table, error) => {
    expect(readConfig(table, SOURCE, IDS)).toEqual({ error });
  });
  it('a require of exactly 1024 characters is accepted', () => {
    const require = `>=${'9'.repeat(1022)}`;
    const read = readConfig({ require }, SOURCE, IDS);
    expect('config' in read && read.config.require).toBe(require);
  });
  it('an empty list or table of ignores ignores nothing, without error', () => {
    expect(readConfig({ ignore: [] }, SOURCE, IDS)).toEqual({ config: { source: SOURCE, ignore: {} }, warnings: [] });
    expect(readConfig({ ignore: {} }, SOURCE, IDS)).toEqual({ config: { source: SOURCE, ignore: {} }, warnings: [] });
  });
  it('ignore as a table: the reason, trimmed; an empty or non-string reason says where it was ignored', () => {
    const read = readConfig({ ignore: { gitignore: '  the venv lives elsewhere  ', os: '  ', venv: 3 } }, SOURCE, IDS);
    expect(read).toEqual({
      config: {
        source: SOURCE,
        ignore: {
          gitignore: 'the venv lives elsewhere',
          os: `ignored in ${SOURCE}`,
          venv: `ignored in ${SOURCE}`,
        },
      },
      warnings: [],
    });
  });
  it('an ignore reason is shown cut short, on one line', () => {
    const read = readConfig({ ignore: { gitignore: `line one\nline two\u001b[31m${'r'.repeat(5000)}` } }, SOURCE, IDS);
    if ('error' in read) throw new Error(read.error);
    const reason = read.config.ignore.gitignore ?? '';
    expect(reason.startsWith('line one\\nline two\\x1b[31mrrr')).toBe(true);
    // 200 characters kept, two of them shown as escapes (\\n: 2, \\x1b: 4), then "...".
    expect(reason).toHaveLength(207);
    expect(readConfig({ ignore: { os: 'r'.repeat(200) } }, SOURCE, IDS)).toEqual({
      config: { source: SOURCE, ignore: { os: 'r'.repeat(200) } },
      warnings: [],
    });
  });
  it('a list of ids that are not strings: each is read as text', () => {
    expect(readConfig({ ignore: ['os', 7] }, SOURCE, IDS)).toEqual({
      config: { source: SOURCE, ignore: { os: `ignored in ${SOURCE}` } },
      warnings: [`${SOURCE}: ignore names no check "7"; the checks are: os, python, venv, gitignore`],
    });
  });
});

describe('readConfig: unknown names, one warning each kind, capped and printable', () => {
  it('one unknown key', () => {
    expect(readConfig({ requires: '>=3.9' }, SOURCE, IDS)).toEqual({
      config: { source: SOURCE, ignore: {} },
      warnings: [`${SOURCE}: unknown key "requires" (ignored); ${VALID}`],
    });
  });
  it('two unknown keys: both named', () => {
    const read = readConfig({ a: 1, b: 2 }, SOURCE, IDS);
    expect('warnings' in read && read.warnings).toEqual([`${SOURCE}: unknown keys "a" and "b" (ignored); ${VALID}`]);
  });
  it('three unknown keys', () => {
    const read = readConfig({ a: 1, b: 2, c: 3 }, SOURCE, IDS);
    expect('warnings' in read && read.warnings).toEqual([
      `${SOURCE}: unknown keys "a", "b" and "c" (ignored); ${VALID}`,
    ]);
  });
  it('ten unknown ids are all named; eleven: ten and 1 more', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `n${i}`);
    const named = '"n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8"';
    const read10 = readConfig({ ignore: ten }, SOURCE, IDS);
    expect('warnings' in read10 && read10.warnings).toEqual([
      `${SOURCE}: ignore names no checks ${named} and "n9"; the checks are: os, python, venv, gitignore`,
    ]);
    const read11 = readConfig({ ignore: [...ten, 'n10'] }, SOURCE, IDS);
    expect('warnings' in read11 && read11.warnings).toEqual([
      `${SOURCE}: ignore names no checks ${named}, "n9" and 1 more; the checks are: os, python, venv, gitignore`,
    ]);
  });
  it('many unknown keys: one warning naming ten', () => {
    const table = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`key${i}`, 1]));
    const read = readConfig(table, SOURCE, IDS);
    if ('error' in read) throw new Error(read.error);
    expect(read.warnings).toEqual([
      `${SOURCE}: unknown keys "key0", "key1", "key2", "key3", "key4", "key5", "key6", "key7", "key8", "key9" and 19990 more (ignored); ${VALID}`,
    ]);
  });
  it('forty thousand unknown check ids (with repeats) give one warning of a few hundred characters', () => {
    const ids = Array.from({ length: 40_000 }, (_, i) => `nope-${i % 20_000}`);
    const read = readConfig({ ignore: ids }, SOURCE, IDS);
    if ('error' in read) throw new Error(read.error);
    expect(read.warnings).toHaveLength(1);
    const [warning] = read.warnings as [string];
    expect(warning.length).toBeLessThan(1024);
    expect(warning).toContain('ignore names no checks "nope-0", "nope-1", "nope-2"');
    expect(warning).toContain('and 19990 more; the checks are: os, python');
    expect(warning.split('"nope-0"')).toHaveLength(2);
  });
  it('one unknown id, named twice: the message of a single name, once', () => {
    const read = readConfig({ ignore: ['gitignore', 'frob', 'frob'] }, SOURCE, IDS);
    expect(read).toEqual({
      config: { source: SOURCE, ignore: { gitignore: `ignored in ${SOURCE}` } },
      warnings: [`${SOURCE}: ignore names no check "frob"; the checks are: ${IDS.join(', ')}`],
    });
  });
  it('two unknown ids, repeated: each named once', () => {
    const read = readConfig({ ignore: { a: 'x', b: 'y' } }, SOURCE, IDS);
    expect('warnings' in read && read.warnings).toEqual([
      `${SOURCE}: ignore names no checks "a" and "b"; the checks are: os, python, venv, gitignore`,
    ]);
    const repeated = readConfig({ ignore: ['a', 'b', 'a', 'b'] }, SOURCE, IDS);
    expect('warnings' in repeated && repeated.warnings).toEqual([
      `${SOURCE}: ignore names no checks "a" and "b"; the checks are: os, python, venv, gitignore`,
    ]);
  });
  it('unknown keys and unknown ids: two warnings, keys first', () => {
    const read = readConfig({ ignore: ['nope'], extra: 1 }, SOURCE, IDS);
    expect('warnings' in read && read.warnings).toEqual([
      `${SOURCE}: unknown key "extra" (ignored); ${VALID}`,
      `${SOURCE}: ignore names no check "nope"; the checks are: os, python, venv, gitignore`,
    ]);
  });
  it('names are cut to 64 characters and control characters are shown escaped', () => {
    const hostile = `\u001b]0;owned\u0007\u001b[2J\u202e${'x'.repeat(10_000)}`;
    const read = readConfig({ [hostile]: 1, ignore: [hostile] }, SOURCE, IDS);
    if ('error' in read) throw new Error(read.error);
    expect(read.warnings).toHaveLength(2);
    for (const warning of read.warnings) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
      expect(warning).not.toMatch(/[\u0000-\u001f\u202e]/);
      expect(warning).toContain(`"\\x1b]0;owned\\x07\\x1b[2J\\u202e${'x'.repeat(64 - 15)}..."`);
      expect(warning.length).toBeLessThan(400);
    }
  });
  it('several hostile names are each made printable', () => {
    const read = readConfig({ 'a\nb': 1, 'c\u001b': 2 }, SOURCE, IDS);
    expect('warnings' in read && read.warnings).toEqual([
      `${SOURCE}: unknown keys "a\\nb" and "c\\x1b" (ignored); ${VALID}`,
    ]);
  });
  it('an error stops reading: a bad value after an unknown key gives the error only', () => {
    expect(readConfig({ zzz: 1, strict: 'no' }, SOURCE, IDS)).toEqual({
      error: `${SOURCE}: strict must be true or false`,
    });
  });
});

describe('venvPathProblem: the venv is a directory inside the project', () => {
  const outside = (v: string, name = 'venv') =>
    `${name} "${v}" is outside the project; venv-doctor only looks at a venv inside the project`;
  it.each([
    ['/usr', outside('/usr')],
    ['/tmp/x', outside('/tmp/x')],
    ['../victim', outside('../victim')],
    ['..', outside('..')],
    ['a/../../x', outside('a/../../x')],
    ['./..', outside('./..')],
    ['\\\\server\\share', outside('\\\\server\\share')],
    ['\\x', outside('\\x')],
    ['C:\\venv', outside('C:\\venv')],
    ['c:venv', outside('c:venv')],
    ['a\\..\\..\\x', outside('a\\..\\..\\x')],
    ['.', `venv "." is the project directory itself; name the venv's directory inside the project, such as .venv`],
    ['./', `venv "./" is the project directory itself; name the venv's directory inside the project, such as .venv`],
    [
      './/.',
      `venv ".//." is the project directory itself; name the venv's directory inside the project, such as .venv`,
    ],
    [
      'a/..',
      `venv "a/.." is the project directory itself; name the venv's directory inside the project, such as .venv`,
    ],
    ['', `venv is empty; name the venv's directory inside the project, such as .venv`],
    ['   ', `venv is empty; name the venv's directory inside the project, such as .venv`],
    ['a/../b', `venv "a/../b" goes through ".."; name the venv's directory inside the project as b`],
    ['a/b/../c/./d', `venv "a/b/../c/./d" goes through ".."; name the venv's directory inside the project as a/c/d`],
    ['a\\..\\b\\c', `venv "a\\..\\b\\c" goes through ".."; name the venv's directory inside the project as b/c`],
    ['.venv\n', 'venv ".venv\\n" contains control characters'],
    ['.ve\u0000nv', 'venv ".ve\\x00nv" contains control characters'],
    ['.venv\u202e', 'venv ".venv\\u202e" contains control characters'],
    ['.venv\u2028', 'venv ".venv\\u2028" contains control characters'],
    ['x'.repeat(2000), `venv "${'x'.repeat(64)}..." is longer than 1024 characters`],
    ['x'.repeat(1025), `venv "${'x'.repeat(64)}..." is longer than 1024 characters`],
  ])('%j is refused', (value, message) => {
    expect(venvPathProblem(value)).toBe(message);
  });
  it.each(['.venv', 'venv', 'sub/.venv', './.venv', '.venv/', 'envs/py3.12', 'vénv', 'x'.repeat(1024), 'ab:c', '1:x'])(
    '%j is accepted',
    (value) => {
      expect(venvPathProblem(value)).toBeNull();
    },
  );
  it('names the setting it checks', () => {
    expect(venvPathProblem('/usr', '--venv')).toBe(outside('/usr', '--venv'));
    expect(venvPathProblem('', '--venv')).toBe(
      `--venv is empty; name the venv's directory inside the project, such as .venv`,
    );
  });
  it('readConfig refuses such a venv with the source', () => {
    expect(readConfig({ venv: '/usr' }, SOURCE, IDS)).toEqual({ error: `${SOURCE}: ${outside('/usr')}` });
    expect(readConfig({ venv: '' }, SOURCE, IDS)).toEqual({
      error: `${SOURCE}: venv is empty; name the venv's directory inside the project, such as .venv`,
    });
  });
});
