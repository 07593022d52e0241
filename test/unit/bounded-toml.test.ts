// pyproject.toml read in bounded time (src/facts/pyproject.ts): a file larger than what is parsed at once is
// parsed without the tables venv-doctor does not read, its lines keeping their numbers; one whose read tables
// alone are too large is refused with a reason. What each costs is measured in scripts/bench-parsers.mjs.
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { FULL_PARSE_MAX, parseBounded, requiresPythonLine, scanTables } from '../../src/facts/pyproject.js';

const filler = (bytes: number) => {
  const tables: string[] = [];
  for (let i = 0, size = 0; size < bytes; i++) {
    const table = `[tool.other${i}]\nrequires-python = ">=2"\nkey = "requires-python = 1"\n`;
    tables.push(table);
    size += table.length;
  }
  return tables.join('');
};

describe('parseBounded', () => {
  it('a small file is parsed whole, as the parser reads it', async () => {
    const text = '[project]\nname = "a"\nrequires-python = ">=3.9"\n[tool.black]\nline-length = 100\n';
    const parsed = await parseBounded(text, parse);
    expect(parsed).toEqual({ doc: parse(text), text, partial: false });
  });
  it('a large one: the tables it does not read blanked, the line of requires-python kept', async () => {
    const text = `${filler(FULL_PARSE_MAX * 4)}[project]\nname = "a"\nrequires-python = ">=3.11"\n${filler(100_000)}`;
    const parsed = await parseBounded(text, parse);
    if (!('doc' in parsed)) throw new Error(JSON.stringify(parsed));
    expect(parsed.partial).toBe(true);
    expect(parsed.doc).toEqual({ project: { name: 'a', 'requires-python': '>=3.11' } });
    const expected = text.split('\n').indexOf('requires-python = ">=3.11"') + 1;
    expect(expected).toBeGreaterThan(10_000);
    expect(await requiresPythonLine(parsed.text, parse)).toBe(expected);
    expect(parsed.text.split('\n')).toHaveLength(text.split('\n').length);
  });
  it('a large one whose read tables alone are too large: refused, with the reason', async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i} = ${i}`).join('\n');
    const parsed = await parseBounded(`[project]\n${keys}\n`, parse);
    expect(parsed).toEqual({
      tooLarge: 'its top level, [project] and the [tool] tables venv-doctor reads hold more than 64 KiB: not read',
    });
  });
  it('invalid TOML in a table it reads: the error and its line', async () => {
    const text = `${filler(FULL_PARSE_MAX * 2)}[project]\nrequires-python = \n`;
    const parsed = await parseBounded(text, parse);
    expect(parsed).toMatchObject({ line: text.split('\n').length - 1 });
    expect('error' in parsed && parsed.error).toMatch(/./);
  });
});

describe('scanTables', () => {
  it('headers in strings, arrays and comments are no headers', async () => {
    const text = [
      'a = """',
      '[project]',
      '"""',
      "b = '''[project]'''",
      'c = [',
      '  "[project]",',
      '  [1, 2],',
      ']',
      '# [project]',
      '[tool.x] # [project]',
      'd = "\\" [project]"',
      '[ "project" ]',
      'requires-python = ">=3"',
    ].join('\n');
    const scan = await scanTables(text);
    expect(scan.headers.map((h) => h.name)).toEqual(['tool.x', 'project']);
    expect(scan.requiresPython?.line).toBe(13);
  });
  it('counts lines inside multi-line strings and after a line-ending backslash', async () => {
    const text = 'a = """x\\\ny\nz"""\n[project]\nrequires-python = "3"\n';
    expect((await scanTables(text)).requiresPython?.line).toBe(5);
  });
});
