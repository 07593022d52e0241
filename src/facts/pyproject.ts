// Where in pyproject.toml the requirement is written, for annotations that point at the line. The TOML
// parser keeps no positions, so the text is scanned: table headers, keys (bare, quoted or dotted), and
// multi-line strings (whose lines are never keys). Pure.

/** The 1-based line of [project]'s requires-python in a pyproject.toml text, or undefined. */
export function requiresPythonLine(text: string): number | undefined {
  let table: string[] = [];
  let openString: '"""' | "'''" | null = null;
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (openString) {
      if (count(line, openString) % 2 === 1) openString = null;
      continue;
    }
    const header = /^\s*\[([^[\]]+)\]\s*(?:#.*)?$/.exec(line);
    if (header?.[1]) {
      table = keyPath(header[1]);
      continue;
    }
    // An array-of-tables header ([[tool.x]]) is never [project].
    if (/^\s*\[\[/.test(line)) {
      table = ['[['];
      continue;
    }
    const key =
      /^\s*((?:"[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_-]+))*)\s*=(.*)$/.exec(
        line,
      );
    if (!key?.[1]) continue;
    const path = [...table, ...keyPath(key[1])];
    if (path.length === 2 && path[0] === 'project' && path[1] === 'requires-python') return index + 1;
    const value = key[2] ?? '';
    for (const quote of ['"""', "'''"] as const) {
      if (value.includes(quote) && count(value, quote) % 2 === 1) openString = quote;
    }
  }
  return undefined;
}

/** a."b.c".'d' -> ['a', 'b.c', 'd'] */
function keyPath(dotted: string): string[] {
  const parts = dotted.match(/"[^"]*"|'[^']*'|[^.\s]+/g) ?? [];
  return parts.map((part) => (/^["']/.test(part) ? part.slice(1, -1) : part));
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
