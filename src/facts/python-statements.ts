// Every place where a project states its Python, read as data, never run: Pipfile's [requires], setup.cfg's
// python_requires, setup.py's python_requires= (a literal string only: setup.py is never executed),
// .python-version (the first word of every line, as pyenv), asdf's .tool-versions, mise's mise.toml /
// .mise.toml [tools], conda's environment.yml, runtime.txt. (pyproject.toml's requires-python and [tool.poetry.dependencies] python are
// read with pyproject.toml itself: src/facts/project.ts.) Each is kept as written, with its file and line;
// what it means (PEP 440, Poetry's carets, conda's match specs) is the judge's (src/judge/requirements.ts).
import type { System } from '../system.js';
import type { ProjectFacts, StatedPython } from '../types.js';
import { looksLikeText } from './os-release.js';
import { readInside } from './project.js';
import { parseBounded } from './pyproject.js';

const FILE_MAX = 256 * 1024;
/** A value as long as no real one: kept short in the facts. */
const VALUE_MAX = 200;

type NotRead = NonNullable<ProjectFacts['notRead']>;

const line = (text: string, index: number) => text.slice(0, index).split('\n').length;
const clip = (value: string) => value.trim().slice(0, VALUE_MAX);

/** Pipfile: [requires] python_version / python_full_version (TOML). */
export function pipfilePython(doc: Record<string, unknown>): { key: string; value: string }[] {
  const requires = doc.requires;
  if (!requires || typeof requires !== 'object') return [];
  const table = requires as Record<string, unknown>;
  return ['python_full_version', 'python_version']
    .filter((key) => typeof table[key] === 'string')
    .map((key) => ({ key: `requires.${key}`, value: clip(table[key] as string) }));
}

/** setup.cfg: python_requires in [options] (INI; `key = value` or `key: value`, comments with # or ;). */
export function setupCfgPython(text: string): { value: string; line: number } | null {
  let section = '';
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const header = /^\s*\[([^\]]+)\]/.exec(raw);
    if (header) {
      section = (header[1] ?? '').trim().toLowerCase();
      continue;
    }
    const entry = /^python_requires\s*[=:]\s*(.*)$/.exec(raw);
    if (entry && section === 'options') {
      const value = (entry[1] ?? '').replace(/\s[#;].*$/, '');
      if (value.trim()) return { value: clip(value), line: i + 1 };
    }
  }
  return null;
}

/** setup.py: `python_requires="..."` as a plain string literal (anything computed is not read). */
export function setupPyPython(text: string): { value: string; line: number } | null {
  const found = /\bpython_requires\s*=\s*(?:[rRuU]?)(["'])([^"'\\\n]{1,200})\1\s*[,)\n]/.exec(text);
  return found?.[2] ? { value: clip(found[2]), line: line(text, found.index) } : null;
}

/** What bash splits words at in pyenv's reader (IFS and CR): never at a BOM, a no-break space, \f or \v. */
const PYENV_IFS = /[ \t\r]+/;
/** pyenv's `read -n 1024`: a longer line is read as several. */
const PYENV_READ = 1024;
/**
 * A name pyenv can select: a version's directory in $PYENV_ROOT/versions ("3.12.1"), or a directory below it
 * (pyenv-virtualenv's "3.12.1/envs/web"); each part a plain name, so never "..", never absolute.
 */
const PYENV_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}(\/[A-Za-z0-9][A-Za-z0-9._+-]{0,63}){0,3}\/?$/;

/**
 * The names of a .python-version that venv-doctor hands to pyenv (PYENV_VERSION), in order: every one pyenv reads
 * (pythonVersionLines, uncapped) that is a PYENV_NAME, nothing else. One that is not (a BOM before it, a ';') is
 * no installed version either: pyenv passes it over too. [] when none: pyenv's "system".
 */
export function pyenvVersionNames(text: string): string[] {
  return pythonVersionLines(text, Number.POSITIVE_INFINITY)
    .map((entry) => entry.value)
    .filter((word) => PYENV_NAME.test(word));
}

/**
 * .python-version as pyenv reads it (libexec/pyenv-version-file-read, pyenv 2.3.3 and later): bash's
 * `read -n 1024 -r version _`, so the first word of each line, and of each further 1,024 characters of a
 * longer line; words split at space, tab and CR only (a BOM is part of the first word, as in pyenv), NUL
 * bytes dropped as bash drops them; a line whose first word starts with '#' is skipped, and a path ignored
 * unless it is a plain one below $PYENV_ROOT/versions ("3.12.1/envs/web", which pyenv selects). pyenv makes
 * every version available and the first that has a command runs it; words after the first on a line are never
 * read ("3.14 3.12" selects 3.14 only).
 */
export function pythonVersionLines(text: string, max = 16): { value: string; line: number }[] {
  const entries: { value: string; line: number }[] = [];
  for (const [i, line] of text.replaceAll('\0', '').split('\n').entries()) {
    const chars = Array.from(line);
    for (let at = 0; at < chars.length && entries.length < max; at += PYENV_READ) {
      const read = chars.slice(at, at + PYENV_READ).join('');
      const word = read.replace(/^[ \t\r]+/, '').split(PYENV_IFS)[0] ?? '';
      if (word === '' || word.startsWith('#')) continue;
      // pyenv ignores a path that leads out of $PYENV_ROOT/versions: here, any that is not a plain one.
      if ((word === '..' || word.includes('/')) && !PYENV_NAME.test(word)) continue;
      entries.push({ value: word.slice(0, VALUE_MAX), line: i + 1 });
    }
  }
  return entries;
}

/** .tool-versions: the `python` line's first version. */
export function toolVersionsLine(text: string): { value: string; line: number } | null {
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const words = raw.replace(/#.*/, '').trim().split(/\s+/);
    if (words[0] === 'python' && words[1]) return { value: clip(words[1]), line: i + 1 };
  }
  return null;
}

/** mise.toml: [tools] python, as a string, the first of a list, or a table's version. */
export function miseTools(doc: Record<string, unknown>): string | null {
  const tools = doc.tools;
  if (!tools || typeof tools !== 'object') return null;
  let value = (tools as Record<string, unknown>).python;
  if (Array.isArray(value)) value = value[0];
  if (value && typeof value === 'object') value = (value as Record<string, unknown>).version;
  return typeof value === 'string' ? clip(value) : null;
}

/** conda's environment.yml: the `python` match spec among the dependencies (python=3.11, python>=3.9 ...). */
export function condaPython(doc: unknown): string | null {
  if (!doc || typeof doc !== 'object') return null;
  const dependencies = (doc as Record<string, unknown>).dependencies;
  if (!Array.isArray(dependencies)) return null;
  for (const entry of dependencies) {
    if (typeof entry !== 'string') continue;
    const spec = /^\s*(?:conda-forge::|defaults::)?python(?![\w-])\s*(.*)$/.exec(entry);
    if (spec) return clip(spec[1] ?? '') || '*';
  }
  return null;
}

/** runtime.txt (Heroku and others): `python-3.11.4`. */
export function runtimeTxt(text: string): string | null {
  const found = /^\s*python-(\S+)\s*$/m.exec(text);
  return found?.[1] ? clip(found[1]) : null;
}

/** The line of the first line that starts with `key` (for annotations on TOML and YAML keys). */
function keyLine(text: string, pattern: RegExp): number | undefined {
  const found = pattern.exec(text);
  return found ? line(text, found.index) : undefined;
}

/** Reads every statement of the project's Python but pyproject.toml's. Missing files cost one lstat each. */
export async function gatherStatements(system: System, dir: string, notRead: NotRead): Promise<StatedPython[]> {
  const base = dir.replace(/\/+$/, '');
  const files = [
    'Pipfile',
    'setup.cfg',
    'setup.py',
    '.python-version',
    '.tool-versions',
    'mise.toml',
    '.mise.toml',
    'environment.yml',
    'environment.yaml',
    'runtime.txt',
  ];
  const reads = await Promise.all(files.map((file) => readInside(system, dir, `${base}/${file}`, FILE_MAX)));
  const stated: StatedPython[] = [];
  for (const [i, read] of reads.entries()) {
    const file = files[i] ?? '';
    if (read === null) continue;
    if ('problem' in read) {
      notRead.push({ file, why: read.problem });
      continue;
    }
    if (!looksLikeText(read.bytes)) continue;
    const text = Buffer.from(read.bytes).toString('utf8');
    stated.push(...(await statementsOf(file, text)));
  }
  return stated;
}

async function statementsOf(file: string, text: string): Promise<StatedPython[]> {
  switch (file) {
    case 'Pipfile': {
      const doc = await toml(text);
      return doc
        ? pipfilePython(doc).map(({ key, value }) => ({
            file,
            key,
            value,
            ...lineOf(keyLine(text, new RegExp(`^\\s*${key.split('.')[1]}\\s*=`, 'm'))),
          }))
        : [];
    }
    case 'setup.cfg': {
      const found = setupCfgPython(text);
      return found ? [{ file, key: 'options.python_requires', value: found.value, line: found.line }] : [];
    }
    case 'setup.py': {
      const found = setupPyPython(text);
      return found ? [{ file, key: 'python_requires', value: found.value, line: found.line }] : [];
    }
    case '.python-version':
      return pythonVersionLines(text).map((entry) => ({ file, key: 'version', ...entry }));
    case '.tool-versions': {
      const found = toolVersionsLine(text);
      return found ? [{ file, key: 'python', value: found.value, line: found.line }] : [];
    }
    case 'mise.toml':
    case '.mise.toml': {
      const doc = await toml(text);
      const value = doc && miseTools(doc);
      return value ? [{ file, key: 'tools.python', value, ...lineOf(keyLine(text, /^\s*python\s*=/m)) }] : [];
    }
    case 'environment.yml':
    case 'environment.yaml': {
      // The bundled chunk is the CommonJS build, whose names are on its default export.
      const yaml = (await import('yaml')) as typeof import('yaml') & { default?: typeof import('yaml') };
      const parse = yaml.parse ?? yaml.default?.parse;
      let doc: unknown = null;
      try {
        // Plain data only: no custom tags, aliases bounded (a billion laughs is refused by the parser).
        doc = parse(text, { maxAliasCount: 100, customTags: [], schema: 'core' });
      } catch {
        return [];
      }
      const value = condaPython(doc);
      return value
        ? [{ file, key: 'dependencies', value, ...lineOf(keyLine(text, /^\s*-\s*(?:[\w-]+::)?python(?![\w-])/m)) }]
        : [];
    }
    case 'runtime.txt': {
      const value = runtimeTxt(text);
      return value ? [{ file, key: 'python', value, ...lineOf(keyLine(text, /^\s*python-/m)) }] : [];
    }
    default:
      return [];
  }
}

export function lineOf(line: number | undefined): { line?: number } {
  return line ? { line } : {};
}

async function toml(text: string): Promise<Record<string, unknown> | null> {
  const { parse } = await import('smol-toml');
  const parsed = await parseBounded(text, parse);
  return 'doc' in parsed ? parsed.doc : null;
}
