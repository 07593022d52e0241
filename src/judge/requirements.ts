// What each place where a project states its Python means, as a PEP 440 specifier, each in its own tool's
// words: Poetry's carets, tildes, wildcards and `||` (Poetry's "Dependency specification"; a bare "3.11" is
// exactly 3.11, as Debian's poetry 1.3.2 refuses 3.11.2 for it), conda's match specs (`python=3.11` is any
// 3.11.x), pyenv's, asdf's and mise's version names ("3.12" any 3.12.x, "pypy3.10-7.3.12" a 3.10), Pipfile's
// python_version (a minor) and python_full_version (a release). Alternatives are joined by " || ": any one
// met is enough. Pure.
import { satisfies, validRange } from '@renovatebot/pep440';
import type { Facts, FileLocation, StatedPython } from '../types.js';

export type Meaning = { spec: string } | { problem: string } | null;

const RELEASE = /^\d+(\.\d+){0,2}$/;

/** A Poetry version constraint as PEP 440, alternatives joined by " || ". */
export function poetryToPep440(constraint: string): string | null {
  const alternatives = constraint.split('||').map((alternative) => {
    const parts = alternative
      .trim()
      .replace(/^\((.*)\)$/, '$1')
      .replace(/(>=|<=|!=|==|~=|>|<|\^|~)\s+/g, '$1')
      .split(/\s*,\s*|\s+/)
      .filter(Boolean);
    if (parts.length === 0) return null;
    const specs = parts.map(poetryPart);
    return specs.includes(null) ? null : specs.join(',');
  });
  return alternatives.includes(null) ? null : alternatives.join(' || ');
}

function poetryPart(part: string): string | null {
  if (part === '*') return '>=0';
  const wildcard = /^(?:==)?(\d+(?:\.\d+)?)\.\*$/.exec(part);
  if (wildcard) return `==${wildcard[1]}.*`;
  const caret = /^\^(\d+(?:\.\d+){0,2})$/.exec(part);
  if (caret?.[1]) {
    const numbers = caret[1].split('.').map(Number);
    // The upper bound bumps the left-most non-zero number (^0.2.3 < 0.3.0; ^0.0.3 < 0.0.4; ^0 < 1).
    const bump = numbers.findIndex((n) => n !== 0);
    const at = bump === -1 ? Math.max(0, numbers.length - 1) : bump;
    const upper = numbers.slice(0, at + 1).map((n, i) => (i === at ? n + 1 : n));
    return `>=${caret[1]},<${upper.join('.')}`;
  }
  const tilde = /^~(\d+(?:\.\d+){0,2})$/.exec(part);
  if (tilde?.[1]) {
    const numbers = tilde[1].split('.').map(Number);
    // ~1 < 2; ~1.2 and ~1.2.3 < 1.3.
    const upper = numbers.length === 1 ? [(numbers[0] ?? 0) + 1] : [numbers[0] ?? 0, (numbers[1] ?? 0) + 1];
    return `>=${tilde[1]},<${upper.join('.')}`;
  }
  if (/^(>=|<=|!=|==|~=|>|<)\d+(\.\d+){0,2}(\.\*)?$/.test(part)) return part;
  // A bare release is exact: "3.11" is 3.11 (3.11.0), never 3.11.2.
  if (RELEASE.test(part)) return `==${part}`;
  return null;
}

/** A conda match spec's version part (`=3.11`, `3.11.*`, `>=3.9,<3.12`, `==3.11.4`, `3.11`), as PEP 440. */
export function condaToPep440(spec: string): string | null {
  const text = spec.trim().split(/\s+/)[0] ?? '';
  if (text === '' || text === '*') return '>=0';
  const fuzzy = /^=?(\d+(?:\.\d+){0,2})(\.\*)?$/.exec(text);
  if (fuzzy) return `==${fuzzy[1]}.*`;
  const parts = text.split(',');
  const specs = parts.map((p) => (/^(>=|<=|!=|==|~=|>|<)\d+(\.\d+){0,2}(\.\*)?$/.test(p) ? p : null));
  return specs.includes(null) ? null : specs.join(',');
}

/** A version manager's version name: "3.12" any 3.12.x, "3.12.4" that one; "pypy3.10-7.3.12" a 3.10. */
export function versionNameToPep440(name: string): string | null | 'nothing' {
  if (/^(system|latest|lts|ref:.*|path:.*|sub-.*)$/.test(name)) return 'nothing';
  const version = /^(?:python-?|cpython-?|pypy|graalpy-?|pyston-?)?(\d+\.\d+)(\.\d+)?(?:[a-z+-][a-z0-9.+-]*)?$/i.exec(
    name,
  );
  if (!version?.[1]) return null;
  // An implementation's own release after a dash (pypy3.10-7.3.12) is not the Python version.
  const micro = /^(pypy|graalpy|pyston)/i.test(name) ? undefined : version[2];
  return micro ? `==${version[1]}${micro}` : `==${version[1]}.*`;
}

/** What one statement means, or null when it says nothing comparable ("system"). */
export function meaningOf(stated: StatedPython): Meaning {
  const value = stated.value;
  const invalid = { problem: `${describe(stated)} is not a version venv-doctor can read` };
  switch (stated.key) {
    case 'tool.poetry.dependencies.python': {
      const spec = poetryToPep440(value);
      return spec ? { spec } : { problem: `${describe(stated)} is not a Poetry version constraint` };
    }
    case 'requires.python_version':
      return RELEASE.test(value) ? { spec: `==${value.split('.').slice(0, 2).join('.')}.*` } : invalid;
    case 'requires.python_full_version':
      return RELEASE.test(value) ? { spec: `==${value}` } : invalid;
    case 'requires-python':
    case 'options.python_requires':
    case 'python_requires':
      return validSpec(value)
        ? { spec: value.replace(/\s+/g, '') }
        : { problem: `${describe(stated)} is not a valid PEP 440 version specifier` };
    case 'dependencies': {
      const spec = condaToPep440(value);
      return spec ? { spec } : invalid;
    }
    default: {
      // .python-version, .tool-versions, mise's tools.python, runtime.txt: version names. One that names no
      // Python release (system, miniconda3-latest, a path) says nothing comparable: no requirement.
      const spec = versionNameToPep440(value);
      return spec === 'nothing' || spec === null ? null : { spec };
    }
  }
}

/** Where a requirement was read, for messages: "requires-python in pyproject.toml", ".python-version" ... */
export function sourceOf(stated: StatedPython): string {
  switch (stated.key) {
    case 'requires-python':
      return 'requires-python in pyproject.toml';
    case 'tool.poetry.dependencies.python':
      return `python = "${stated.value}" in pyproject.toml's [tool.poetry.dependencies]`;
    case 'requires.python_version':
    case 'requires.python_full_version':
      return `${stated.key.split('.')[1]} = "${stated.value}" in Pipfile`;
    case 'options.python_requires':
      return 'python_requires in setup.cfg';
    case 'python_requires':
      return 'python_requires in setup.py';
    case 'version':
      return stated.file;
    default:
      return `${stated.value} in ${stated.file}`;
  }
}

/** "setup.cfg line 12 (python_requires = >=3.9)". */
export function describe(stated: StatedPython): string {
  const key = stated.key === 'version' ? '' : `${stated.key.split('.').pop()} `;
  return `${stated.file}${stated.line ? ` line ${stated.line}` : ''} (${key}${key ? '= ' : ''}${stated.value})`;
}

export function validSpec(spec: string): boolean {
  return spec
    .split('||')
    .every((alternative) => alternative.trim() !== '' && Boolean(validRange(alternative.replace(/\s+/g, ''))));
}

/** The version meets one of the alternatives. */
export function meets(version: string, spec: string): boolean {
  return spec.split('||').some((alternative) => satisfies(version, alternative.replace(/\s+/g, '')));
}

/** Where a statement is, for annotations. */
export function locationOf(stated: StatedPython): FileLocation {
  return { file: stated.file, ...(stated.line ? { line: stated.line } : {}) };
}

/**
 * The project's statements in the order they decide: requires-python, Poetry's python, Pipfile, setup.cfg,
 * setup.py, then the version managers' files (.python-version first: pyenv's), runtime.txt, environment.yml.
 */
export function statements(facts: Facts): StatedPython[] {
  const project = facts.project;
  if (!project) return [];
  const pyproject = project.pyproject;
  const fromPyproject: StatedPython[] = [];
  if (pyproject?.requiresPython) {
    fromPyproject.push({
      file: 'pyproject.toml',
      key: 'requires-python',
      value: pyproject.requiresPython,
      ...(pyproject.line ? { line: pyproject.line } : {}),
    });
  }
  if (pyproject?.poetryPython) fromPyproject.push(pyproject.poetryPython);
  const order = [
    'requires.python_full_version',
    'requires.python_version',
    'options.python_requires',
    'python_requires',
  ];
  const files = [
    '.python-version',
    '.tool-versions',
    'mise.toml',
    '.mise.toml',
    'runtime.txt',
    'environment.yml',
    'environment.yaml',
  ];
  const rank = (s: StatedPython) => {
    const byKey = order.indexOf(s.key);
    return byKey !== -1 ? byKey : order.length + Math.max(0, files.indexOf(s.file));
  };
  const rest = [...(project.stated ?? [])].sort((a, b) => rank(a) - rank(b));
  return [...fromPyproject, ...rest];
}

/**
 * Python releases looked at when asking whether two statements can both be met: newest minor first, a few
 * micros of each first, so that statements that agree (the usual case) are told apart in a few tries.
 */
const FIRST_MICROS = [0, 1, 4, 10, 20, 30];
const MINORS = Array.from({ length: 13 }, (_, i) => 18 - i);
const PROBES = [
  ...MINORS.flatMap((minor) => FIRST_MICROS.map((micro) => `3.${minor}.${micro}`)),
  ...MINORS.flatMap((minor) =>
    Array.from({ length: 31 }, (_, micro) => micro)
      .filter((micro) => !FIRST_MICROS.includes(micro))
      .map((micro) => `3.${minor}.${micro}`),
  ),
];

/** Pairs of statements in different files that no Python release meets together (at most three). */
export function disagreements(facts: Facts): [StatedPython, StatedPython][] {
  const meant = statements(facts)
    .map((stated) => ({ stated, meaning: meaningOf(stated) }))
    .filter((m): m is { stated: StatedPython; meaning: { spec: string } } => m.meaning !== null && 'spec' in m.meaning);
  // .python-version's later lines are versions pyenv also offers, not what the project is made with.
  const first = meant.filter(
    (m, i) => m.stated.file !== '.python-version' || meant.findIndex((n) => n.stated.file === '.python-version') === i,
  );
  const pairs: [StatedPython, StatedPython][] = [];
  for (let i = 0; i < first.length && pairs.length < 3; i++) {
    for (let j = i + 1; j < first.length && pairs.length < 3; j++) {
      const a = first[i];
      const b = first[j];
      if (!a || !b || a.stated.file === b.stated.file) continue;
      if (!PROBES.some((v) => meets(v, a.meaning.spec) && meets(v, b.meaning.spec))) pairs.push([a.stated, b.stated]);
    }
  }
  return pairs;
}
