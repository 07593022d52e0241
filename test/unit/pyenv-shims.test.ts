// pyenv's shims of the other python3.X, resolved from pyenv's files instead of being run (each is a bash
// pipeline of ~0.4 s): the selection pyenv would make, through a traced fake System that runs nothing.
import { describe, expect, it } from 'vitest';
import { resolvePyenvShim } from '../../src/facts/version-managers.js';
import { fakeSystem } from '../helpers/fake-system.js';

const ROOT = '/home/al/.pyenv';
const ELF = { exec: '\u007fELF' };
const installed = {
  [`${ROOT}/shims/python3.12`]: { exec: '#!/usr/bin/env bash\nexec pyenv exec "$program" "$@"\n' },
  [`${ROOT}/versions/3.11.9/bin/python3.11`]: ELF,
  [`${ROOT}/versions/3.12.1/bin/python3.12`]: ELF,
  [`${ROOT}/versions/3.12.10/bin/python3.12`]: ELF,
  [`${ROOT}/versions/3.12.9/bin/python3.12`]: ELF,
};

function resolve(files: Record<string, unknown>, env: Record<string, string>, command = 'python3.12') {
  const system = fakeSystem({ files: { ...installed, ...files } as never });
  return {
    system,
    result: resolvePyenvShim(system, `${ROOT}/shims/${command}`, { PYENV_DIR: '/work/app', ...env }),
  };
}

describe("a pyenv shim of another python3.X: the interpreter pyenv would run, read from pyenv's files", () => {
  it.each([
    ['$PYENV_VERSION', {}, { PYENV_VERSION: '3.12.9' }, `${ROOT}/versions/3.12.9/bin/python3.12`],
    [
      '$PYENV_VERSION, the first that has the command',
      {},
      { PYENV_VERSION: '3.11.9:3.12.1' },
      `${ROOT}/versions/3.12.1/bin/python3.12`,
    ],
    [
      "the project's .python-version",
      { '/work/app/.python-version': '3.12.1\n' },
      {},
      `${ROOT}/versions/3.12.1/bin/python3.12`,
    ],
    [
      "a parent directory's .python-version",
      { '/work/.python-version': '3.12.9\n' },
      {},
      `${ROOT}/versions/3.12.9/bin/python3.12`,
    ],
    [
      'the nearest file wins',
      { '/work/app/.python-version': '3.12.1\n', '/work/.python-version': '3.12.9\n' },
      {},
      `${ROOT}/versions/3.12.1/bin/python3.12`,
    ],
    [
      'a prefix: the newest installed 3.12.x (3.12.10 after 3.12.9)',
      { '/work/app/.python-version': '3.12\n' },
      {},
      `${ROOT}/versions/3.12.10/bin/python3.12`,
    ],
    [
      'comments and paths skipped',
      { '/work/app/.python-version': '# pinned\n../../etc\n3.12.9 trailing words\n' },
      {},
      `${ROOT}/versions/3.12.9/bin/python3.12`,
    ],
    ['the global version file', { [`${ROOT}/version`]: '3.12.1\n' }, {}, `${ROOT}/versions/3.12.1/bin/python3.12`],
  ])('%s', async (_what, files, env, path) => {
    const { system, result } = resolve(files, env);
    expect(await result).toEqual({ path });
    expect(system.calls).toEqual([]);
  });

  it.each([
    ['a version that is not installed', { PYENV_VERSION: '3.14.6' }, "pyenv's selected Python 3.14.6 is not installed"],
    [
      'a selected version without the command',
      { PYENV_VERSION: '3.11.9' },
      "pyenv's selected Python (3.11.9) has no python3.12",
    ],
  ])('%s: no version (pyenv itself fails there)', async (_what, env, missing) => {
    expect(await resolve({}, env).result).toEqual({ missing });
  });

  it.each([
    ['"system"', { PYENV_VERSION: 'system' }, {}],
    ['no selection at all (pyenv falls back to the system)', {}, {}],
    [
      'an empty nearest .python-version',
      {},
      { '/work/app/.python-version': '\n', '/work/.python-version': '3.12.1\n' },
    ],
    ['a name venv-doctor does not read', { PYENV_VERSION: '3.12;rm' }, {}],
  ])('%s: not told from the files, so the shim is run as before', async (_what, env, files) => {
    expect(await resolve(files, env).result).toBeNull();
  });
});
