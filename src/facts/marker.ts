// The EXTERNALLY-MANAGED file (PEP 668): an INI file whose [externally-managed] section has an
// Error key (continuation lines indented). pip shows that text; so do we, verbatim. Pure.

/** The Error text of the marker, or null when the file has none (pip then prints a generic text). */
export function markerErrorText(text: string): string | null {
  let inSection = false;
  let value: string[] | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*\[/.test(line)) {
      if (value) break;
      inSection = /^\s*\[externally-managed\]\s*$/i.test(line);
      continue;
    }
    if (!inSection) continue;
    if (value) {
      // A continuation line is indented; a blank line inside the value is kept (configparser does).
      if (/^\s+\S/.test(line) || line.trim() === '') {
        value.push(line.trim());
        continue;
      }
      break;
    }
    const match = /^Error\s*[=:]\s?(.*)$/.exec(line);
    if (match) value = [match[1] ?? ''];
  }
  if (!value) return null;
  const joined = value.join('\n').trim();
  return joined === '' ? null : joined;
}
