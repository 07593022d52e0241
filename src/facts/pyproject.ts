// Where in pyproject.toml the requirement is written, for annotations that point at the line. The TOML
// parser keeps no positions, so each line that looks like the key is a candidate, and the parser decides:
// the line is the one whose key, renamed, takes requires-python out of [project] while the text stays
// TOML (a look-alike inside a multi-line string or in another table changes nothing). Pure.

const KEY = /^(\s*(?:(?:"project"|'project'|project)\s*\.\s*)?["']?)requires-python(["']?\s*=)/;

/**
 * The 1-based line of [project]'s requires-python, or undefined. `parse` is the TOML parser (loaded by the
 * caller only when there is a pyproject.toml).
 */
export function requiresPythonLine(text: string, parse: (text: string) => unknown): number | undefined {
  if (hasRequiresPython(text, parse) !== true) return undefined;
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (!KEY.test(line)) continue;
    const renamed = line.replace(KEY, '$1requires-python-renamed-by-venv-doctor$2');
    if (hasRequiresPython([...lines.slice(0, index), renamed, ...lines.slice(index + 1)].join('\n'), parse) === false) {
      return index + 1;
    }
  }
  return undefined;
}

/** Whether a TOML text's [project] has requires-python; null when the text is not TOML. */
function hasRequiresPython(text: string, parse: (text: string) => unknown): boolean | null {
  try {
    const table = (parse(text) as Record<string, unknown>).project;
    return Boolean(table && typeof table === 'object' && 'requires-python' in table);
  } catch {
    return null;
  }
}
