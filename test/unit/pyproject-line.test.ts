// The line of requires-python in pyproject.toml (for annotations), on the ways TOML lets it be written.
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { requiresPythonLine } from '../../src/facts/pyproject.js';

/** The line, checked against the parser: the text is valid TOML and it reads the requirement. */
function lineOf(text: string): number | undefined {
  const doc = parse(text) as { project?: Record<string, unknown> };
  const line = requiresPythonLine(text);
  if (line !== undefined) expect(doc.project?.['requires-python']).toBeTypeOf('string');
  return line;
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
  it('a dotted key at the top level', () => {
    expect(lineOf('project.name = "app"\nproject.requires-python = ">=3.10"\n')).toBe(2);
    expect(lineOf('project . "requires-python" = ">=3.10"\n')).toBe(1);
  });
  it('not in another table, an array of tables, or a multi-line string', () => {
    expect(lineOf('[tool.x]\nrequires-python = ">=3"\n[project]\nname = "a"\n')).toBeUndefined();
    expect(lineOf('[project]\nname = "a"\n[[tool.y]]\nrequires-python = ">=3"\n')).toBeUndefined();
    expect(lineOf('[project]\ndescription = """\nrequires-python = ">=2"\n"""\nrequires-python = ">=3.12"\n')).toBe(5);
    expect(lineOf("[project]\ndescription = '''\n[tool]\n'''\nrequires-python = '>=3.12'\n")).toBe(5);
    expect(lineOf('[project]\ndescription = """one line"""\nrequires-python = ">=3.12"\n')).toBe(3);
  });
  it('absent: undefined', () => {
    expect(lineOf('[project]\nname = "a"\n')).toBeUndefined();
    expect(lineOf('')).toBeUndefined();
  });
});
