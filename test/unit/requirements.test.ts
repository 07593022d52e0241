// What each place where a project states its Python means (src/judge/requirements.ts), in its tool's words.
// Poetry's table is its documentation's ("Dependency specification": caret, tilde, wildcard); the bare
// release and `||` are as Debian's poetry 1.3.2 judged them here (`poetry env use` of a 3.11.2 interpreter:
// refused for "3.11", "3.11.0", "~3.10", "^3.12", "3.10 || 3.11"; accepted for "3.11.2", ">=3.8 <3.12").
import { describe, expect, it } from 'vitest';
import { pyenvVersionNames, pythonVersionLines } from '../../src/facts/python-statements.js';
import {
  condaToPep440,
  disagreements,
  meaningOf,
  meets,
  poetryToPep440,
  versionNameToPep440,
} from '../../src/judge/requirements.js';
import type { Facts, StatedPython } from '../../src/types.js';

// As pyenv 2.6's libexec/pyenv-version-file-read reads it (`read -r version _`): the first word of a line.
// test/cli/this-machine.test.ts holds the same files against the real pyenv shim.
describe('.python-version, read as pyenv reads it', () => {
  it.each([
    ['3.12.1\n', ['3.12.1']],
    ['3.12.1 3.13.0\n', ['3.12.1']],
    ['3.13.0\r\n3.12.1', ['3.13.0', '3.12.1']],
    ['# pinned\n  3.13.0   # the newest\n\n', ['3.13.0']],
    ['\t3.11\tsystem\n#3.10\nsystem', ['3.11', 'system']],
    ['', []],
    // Words split at space, tab and CR only, as bash splits them: a BOM or a no-break space is part of a word.
    ['\ufeff3.12.1\n', ['\ufeff3.12.1']],
    ['3.12.1\u00a03.13.0\n', ['3.12.1\u00a03.13.0']],
    ['\f3.12.1\n', ['\f3.12.1']],
    // bash drops NUL bytes; `read -n 1024` reads a longer line as several.
    ['3.1\u00002.1\n', ['3.12.1']],
    [`${'#'.repeat(1024)}3.13.0\n`, ['3.13.0']],
    [`3.99.1 ${'x'.repeat(1017)}3.13.0 3.12.1\n`, ['3.99.1', '3.13.0']],
    [`${'#'.repeat(1023)}\n3.13.0\n`, ['3.13.0']],
    // Paths are ignored, as pyenv 2.3.3+ ignores them.
    ['../../etc\n..\n/x/y\nx/../y\n3.11\n', ['3.11']],
    // ... but for a plain path below $PYENV_ROOT/versions: pyenv-virtualenv's "3.12.1/envs/web" is selected.
    ['3.12.1/envs/web\n3.12.1/\n', ['3.12.1/envs/web', '3.12.1/']],
  ])('%j', (text, versions) => {
    expect(pythonVersionLines(text).map((entry) => entry.value)).toEqual(versions);
  });
  it('keeps the line each version is on, and 16 versions at most unless told', () => {
    expect(pythonVersionLines('#\n\n3.9 x\n3.8\n')).toEqual([
      { value: '3.9', line: 3 },
      { value: '3.8', line: 4 },
    ]);
    const many = Array.from({ length: 20 }, (_, i) => `3.${i}`).join('\n');
    expect(pythonVersionLines(many)).toHaveLength(16);
    expect(pythonVersionLines(many, Number.POSITIVE_INFINITY)).toHaveLength(20);
  });
  it('hands pyenv only names it can select, every one of them: the rest is no installed version', () => {
    expect(pyenvVersionNames('\ufeff3.12\n3.11;x\n3.12.1/envs/web\n3.10\n')).toEqual(['3.12.1/envs/web', '3.10']);
    expect(pyenvVersionNames(Array.from({ length: 20 }, (_, i) => `3.${i}`).join('\n'))).toHaveLength(20);
    expect(pyenvVersionNames('# nothing\n')).toEqual([]);
  });
});

describe("Poetry's constraints, as PEP 440", () => {
  it.each([
    ['^1.2.3', '>=1.2.3,<2'],
    ['^1.2', '>=1.2,<2'],
    ['^1', '>=1,<2'],
    ['^0.2.3', '>=0.2.3,<0.3'],
    ['^0.0.3', '>=0.0.3,<0.0.4'],
    ['^0.0', '>=0.0,<0.1'],
    ['^0', '>=0,<1'],
    ['~1.2.3', '>=1.2.3,<1.3'],
    ['~1.2', '>=1.2,<1.3'],
    ['~1', '>=1,<2'],
    ['*', '>=0'],
    ['1.*', '==1.*'],
    ['1.2.*', '==1.2.*'],
    ['>= 1.2, < 1.5', '>=1.2,<1.5'],
    ['>=3.8 <3.12', '>=3.8,<3.12'],
    ['3.11', '==3.11'],
    ['3.10 || 3.11', '==3.10 || ==3.11'],
    ['^3.9 || ^4.0', '>=3.9,<4 || >=4.0,<5'],
  ])('%s -> %s', (poetry, pep440) => {
    expect(poetryToPep440(poetry)).toBe(pep440);
  });
  it("judged as Debian's poetry judged a 3.11.2 interpreter", () => {
    const accepts = (constraint: string) => meets('3.11.2', poetryToPep440(constraint) ?? '<0');
    expect(['3.11', '3.11.0', '~3.10', '^3.12', '3.10 || 3.11'].filter(accepts)).toEqual([]);
    expect(['3.11.2', '>=3.8 <3.12', '^3.11', '3.11.*'].every(accepts)).toBe(true);
  });
  it('what is not a constraint is said so', () => {
    expect(poetryToPep440('latest')).toBeNull();
    expect(meaningOf({ file: 'pyproject.toml', key: 'tool.poetry.dependencies.python', value: 'x.y' })).toEqual({
      problem: 'pyproject.toml (python = x.y) is not a Poetry version constraint',
    });
  });
});

describe('conda match specs and version names', () => {
  it.each([
    ['=3.11', '==3.11.*'],
    ['3.11', '==3.11.*'],
    ['3.11.*', '==3.11.*'],
    ['==3.11.4', '==3.11.4'],
    ['>=3.9,<3.12', '>=3.9,<3.12'],
    ['*', '>=0'],
  ])('conda %s -> %s', (spec, pep440) => {
    expect(condaToPep440(spec)).toBe(pep440);
  });
  it.each([
    ['3.12', '==3.12.*'],
    ['3.12.4', '==3.12.4'],
    ['pypy3.10-7.3.12', '==3.10.*'],
    ['3.13t', '==3.13.*'],
    ['python-3.11.4', '==3.11.4'],
    ['system', 'nothing'],
    ['miniconda3-latest', null],
  ])('version name %s -> %s', (name, pep440) => {
    expect(versionNameToPep440(name)).toBe(pep440);
  });
});

describe('two places that disagree', () => {
  const facts = (stated: StatedPython[], requiresPython: string | null = null) =>
    ({ project: { pyproject: requiresPython ? { requiresPython, line: 3 } : null, stated } }) as unknown as Facts;
  it('requires-python >=3.9 and .python-version 3.8: named, both files and lines', () => {
    const pairs = disagreements(facts([{ file: '.python-version', key: 'version', value: '3.8', line: 1 }], '>=3.9'));
    expect(pairs).toEqual([
      [
        { file: 'pyproject.toml', key: 'requires-python', value: '>=3.9', line: 3 },
        { file: '.python-version', key: 'version', value: '3.8', line: 1 },
      ],
    ]);
  });
  it('that agree, or say nothing comparable: none', () => {
    expect(disagreements(facts([{ file: '.python-version', key: 'version', value: '3.12' }], '>=3.9'))).toEqual([]);
    expect(disagreements(facts([{ file: '.python-version', key: 'version', value: 'system' }], '>=3.9'))).toEqual([]);
    // .python-version's later lines are versions pyenv offers too, not the project's.
    const lines = [
      { file: '.python-version', key: 'version', value: '3.12', line: 1 },
      { file: '.python-version', key: 'version', value: '2.7', line: 2 },
    ];
    expect(disagreements(facts(lines, '>=3.9'))).toEqual([]);
  });
});
