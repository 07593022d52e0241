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

  // pyenv-which: a selected version that is not installed is passed over, and "system" comes after them all:
  // the command on PATH without pyenv's shims (PYENV_VERSION=3.99.1 python3.11 runs /usr/bin/python3.11 here).
  const PATH = `${ROOT}/shims:relative/bin:/usr/local/bin:/usr/bin`;
  const systemPython = {
    '/usr/bin/python3.12': ELF,
    [`${ROOT}/shims/python3.11`]: ELF,
    'relative/bin/python3.12': ELF,
  };
  it.each([
    [
      'a version that is not installed is passed over',
      {},
      { PYENV_VERSION: '3.14.6:3.12.1' },
      `${ROOT}/versions/3.12.1/bin/python3.12`,
    ],
    [
      '"system": the command on PATH, not in the shims',
      systemPython,
      { PYENV_VERSION: 'system', PATH },
      '/usr/bin/python3.12',
    ],
    ['no selection at all: the system', systemPython, { PATH }, '/usr/bin/python3.12'],
    [
      'an empty nearest .python-version: the system',
      { ...systemPython, '/work/app/.python-version': '\n', '/work/.python-version': '3.12.1\n' },
      { PATH },
      '/usr/bin/python3.12',
    ],
    [
      'a selected version without the command: the system',
      systemPython,
      { PYENV_VERSION: '3.11.9', PATH },
      '/usr/bin/python3.12',
    ],
    [
      'a BOM before the version (pyenv reads it as part of the name): no such version, so the system',
      { ...systemPython, '/work/app/.python-version': '\ufeff3.12.1\n' },
      { PATH },
      '/usr/bin/python3.12',
    ],
    [
      'a line of more than 1,024 characters, read as two',
      { '/work/app/.python-version': `${'#'.repeat(1024)}3.12.9\n` },
      {},
      `${ROOT}/versions/3.12.9/bin/python3.12`,
    ],
    [
      '"python-" before a version',
      { '/work/app/.python-version': 'python-3.12.9\n' },
      {},
      `${ROOT}/versions/3.12.9/bin/python3.12`,
    ],
  ])('%s', async (_what, files, env, path) => {
    const { system, result } = resolve(files, env);
    expect(await result).toEqual({ path });
    expect(system.calls).toEqual([]);
  });

  it.each([
    [
      'a version that is not installed',
      { PYENV_VERSION: '3.14.6', PATH },
      "pyenv's selected Python 3.14.6 is not installed, and neither the rest nor the system has python3.12",
    ],
    [
      'a selected version without the command',
      { PYENV_VERSION: '3.11.9', PATH: '/usr/bin' },
      "pyenv's selected Python (3.11.9) has no python3.12, nor has the system",
    ],
  ])('%s, and none on PATH: no version (pyenv itself fails there)', async (_what, env, missing) => {
    expect(await resolve({}, env).result).toEqual({ missing });
  });

  it('a name venv-doctor does not read in $PYENV_VERSION: not told from the files, so the shim is run as before', async () => {
    expect(await resolve({}, { PYENV_VERSION: '3.12;rm' }).result).toBeNull();
  });
});
