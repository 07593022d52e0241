// requires-python as real projects write it (PEP 440, evaluated by @renovatebot/pep440), including the
// mistakes seen in the wild (Poetry's caret, a bare "3"): what venv-doctor accepts, and what it decides
// for a Debian 12 interpreter (3.11.2) and an Ubuntu 24.04 one (3.12.3).
import { describe, expect, it } from 'vitest';
import { projectRequirement, satisfiesRequirement, satisfyingMinors } from '../../src/judge/derived.js';
import type { Facts } from '../../src/types.js';
import { facts } from '../helpers/facts.js';

/** Facts of a project whose only requirement source is the given one. */
function withProject(source: { requiresPython?: string; pin?: string }): Facts {
  const f: Facts = facts();
  f.project = {
    dir: '/p',
    cwd: '/p',
    markers: ['pyproject.toml'],
    pyproject: source.requiresPython === undefined ? null : { requiresPython: source.requiresPython, problem: null },
    pythonVersionFile: source.pin ?? null,
    required: null,
    venvSearched: ['.venv'],
    venv: null,
    git: null,
    virtualEnv: null,
    deep: null,
  };
  return f;
}

function requirementOf(spec: string) {
  const requirement = projectRequirement(withProject({ requiresPython: spec }));
  if (!requirement) throw new Error('no requirement');
  return requirement;
}

// [requires-python, valid PEP 440, satisfied by 3.11.2, satisfied by 3.12.3]
const CORPUS: [string, boolean, boolean, boolean][] = [
  ['>=3.8', true, true, true],
  ['>=3.9', true, true, true],
  ['>=3.10', true, true, true],
  ['>=3.12', true, false, true],
  ['>=3.7, <4', true, true, true],
  ['>=3.8.1,<4.0', true, true, true],
  ['>=3.9,<3.13', true, true, true],
  ['>=3.10,<3.12', true, true, false],
  ['~=3.11', true, true, true],
  ['~=3.11.0', true, true, false],
  ['==3.11.*', true, true, false],
  ['!=3.12.0', true, true, true],
  ['>=3.8,!=3.11.2', true, false, true],
  ['!=2.7.*,!=3.0.*,!=3.1.*,>=2.7', true, true, true],
  ['>= 3.10', true, true, true],
  ['<3.12', true, true, false],
  ['^3.8', false, false, false], // Poetry's caret is not PEP 440
  ['3.11', false, false, false], // a bare version is not a specifier
  ['>=3.x', false, false, false],
];

describe('requires-python corpus', () => {
  it.each(CORPUS)('%s', (spec, valid, on311, on312) => {
    const requirement = requirementOf(spec);
    expect(requirement.problem === null).toBe(valid);
    if (!valid) {
      expect(requirement.problem).toBe(
        `requires-python in pyproject.toml ${JSON.stringify(spec)} is not a valid PEP 440 version specifier`,
      );
    }
    expect(satisfiesRequirement('3.11.2', requirement)).toBe(on311);
    expect(satisfiesRequirement('3.12.3', requirement)).toBe(on312);
  });

  it('names the released minor versions that could meet a requirement, newest first', () => {
    expect(satisfyingMinors(requirementOf('>=3.12'))).toEqual(['3.15', '3.14', '3.13', '3.12']);
    expect(satisfyingMinors(requirementOf('>=3.9,<3.11'))).toEqual(['3.10', '3.9']);
    expect(satisfyingMinors(requirementOf('~=3.99'))).toEqual([]);
  });

  it('.python-version: "3.12" means any 3.12.x, "3.12.1" exactly it, "system" nothing', () => {
    const withPin = (pin: string) => projectRequirement(withProject({ pin }));
    expect(withPin('3.12')?.spec).toBe('==3.12.*');
    expect(withPin('3.12.1')?.spec).toBe('==3.12.1');
    expect(withPin('system')).toBeNull();
  });
});
