// Parser for os-release(5) files. Pure: text in, fields out; never throws.
// Real files are messier than the spec: CRLF endings, unquoted values with spaces, single quotes,
// duplicate keys (the last wins, as in a shell), upper-case IDs, placeholders, binary junk.

export interface OsRelease {
  id: string | null;
  idLike: string[];
  versionId: string | null;
  codename: string | null;
  name: string | null;
  prettyName: string | null;
  version: string | null;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** KEY=VALUE pairs of an os-release file. Lines that are not assignments are ignored. */
export function parseAssignments(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const rawLine of text.split(/\r?\n|\r/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    if (!KEY.test(key)) continue;
    fields.set(key, unquote(line.slice(eq + 1).trim()));
  }
  return fields;
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
    const inner = value.slice(1, -1);
    // Inside double quotes the spec allows shell escapes of " \ $ and `.
    return quote === '"' ? inner.replace(/\\(["\\$`])/g, '$1') : inner;
  }
  if (quote === '"' || quote === "'") return value.slice(1); // unterminated: keep what is there
  return value;
}

/** Printable, single-line, bounded: a value from the machine that will be shown to people. */
function clean(value: string | undefined): string | null {
  if (value === undefined) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const printable = value.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (printable === '') return null;
  return printable.slice(0, 200);
}

const ID_VALUE = /^[a-z0-9._-]+$/;

function cleanId(value: string | undefined): string | null {
  const id = clean(value)?.toLowerCase() ?? null;
  return id !== null && ID_VALUE.test(id) ? id : null;
}

/**
 * The codename: VERSION_CODENAME when the key is there, else UBUNTU_CODENAME, else the part of VERSION
 * in parentheses or after a comma ("14.04.3 LTS, Trusty Tahr"), the way python-distro reads it.
 */
function codenameOf(fields: Map<string, string>): string | null {
  if (fields.has('VERSION_CODENAME')) return clean(fields.get('VERSION_CODENAME'));
  if (fields.has('UBUNTU_CODENAME')) return clean(fields.get('UBUNTU_CODENAME'));
  const version = fields.get('VERSION');
  if (version === undefined) return null;
  const match = /(\(\D+\))|,\s*(\D+)/.exec(version);
  if (!match) return null;
  return clean((match[1] ?? match[2] ?? '').replace(/^\(|\)$/g, ''));
}

export function parseOsRelease(text: string): OsRelease {
  const fields = parseAssignments(text);
  const id = cleanId(fields.get('ID'));
  const idLike = (clean(fields.get('ID_LIKE')) ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((like) => like !== '' && like !== id && ID_VALUE.test(like));
  return {
    id,
    idLike: [...new Set(idLike)],
    versionId: clean(fields.get('VERSION_ID')),
    codename: codenameOf(fields),
    name: clean(fields.get('NAME')),
    prettyName: clean(fields.get('PRETTY_NAME')),
    version: clean(fields.get('VERSION')),
  };
}

/** True when the text looks like a text file at all (os-release can be truncated or binary junk). */
export function looksLikeText(bytes: Uint8Array): boolean {
  return !bytes.includes(0);
}
