// The line of requires-python in pyproject.toml (for annotations), on the ways TOML lets it be written and
// the look-alikes it must not take for it; decided with the real parser, as the gatherer does.
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { requiresPythonLineNow as requiresPythonLine } from '../../src/facts/pyproject.js';

/** The line, for a text the parser reads requires-python from. */
function lineOf(text: string): number | undefined {
  expect(() => parse(text)).not.toThrow();
  return requiresPythonLine(text, parse);
}

describe('requiresPythonLine', () => {
  it('in [project], after other tables and keys', () => {
    expect(
      lineOf('[build-system]\nrequires = ["hatchling"]\n\n[project]\nname = "app"\nrequires-python = ">=3.11"\n'),
    ).toBe(6);
  });
  it('quoted keys and headers, spaces, comments, CRLF', () => {
    expect(lineOf('[ "project" ] # the project\r\nname = "app"\r\n"requires-python"   =   ">=3.11"\r\n')).toBe(3);
    expect(lineOf("['project']\n'requires-python' = '>=3.11'\n")).toBe(2);
  });
  it('a dotted key at the top level; a multi-line value', () => {
    expect(lineOf('project.name = "app"\nproject.requires-python = ">=3.10"\n')).toBe(2);
    expect(lineOf('project . "requires-python" = ">=3.10"\n')).toBe(1);
    expect(lineOf('[project]\nrequires-python = """\n>=3.10"""\n')).toBe(2);
  });
  it('not in another table, an array of tables, or a multi-line string', () => {
    expect(lineOf('[tool.x]\nrequires-python = ">=3"\n[project]\nname = "a"\n')).toBeUndefined();
    expect(lineOf('[project]\nname = "a"\n[[tool.y]]\nrequires-python = ">=3"\n')).toBeUndefined();
    expect(lineOf('[project]\ndescription = """\nrequires-python = ">=2"\n"""\nrequires-python = ">=3.12"\n')).toBe(5);
    expect(lineOf("[project]\ndescription = '''\n[tool]\n'''\nrequires-python = '>=3.12'\n")).toBe(5);
    // A ''' inside a """ string, and a """ string inside a multi-line array, each holding a look-alike.
    expect(lineOf(`[project]\ndescription = """it's ''' here"""\nrequires-python = ">=3.12"\n`)).toBe(3);
    expect(
      lineOf('[project]\nkeywords = [\n  """\nrequires-python = ">=2"\n""",\n]\nrequires-python = ">=3.12"\n'),
    ).toBe(7);
    expect(lineOf('[project]\ndescription = """\nrequires-python = ">=2" """\nrequires-python = ">=3.12"\n')).toBe(4);
  });
  it('absent, or a text that is not TOML: undefined', () => {
    expect(lineOf('[project]\nname = "a"\n')).toBeUndefined();
    expect(lineOf('')).toBeUndefined();
    expect(requiresPythonLine('[project]\nrequires-python = \n', parse)).toBeUndefined();
  });
});
