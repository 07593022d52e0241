// Which paths are version managers' shims: a fix never names one (it names the judged interpreter), and
// --fix never runs an asdf or mise shim at all.
import { describe, expect, it } from 'vitest';
import { managedShimKind } from '../../src/facts/version-managers.js';
import { isShimPath } from '../../src/paths.js';

describe('isShimPath', () => {
  it.each([
    ['/root/.pyenv/shims/python3', true],
    ['/home/u/.asdf/shims/python3.12', true],
    ['/home/u/.local/share/mise/shims/python', true],
    ['C:\\Users\\u\\.pyenv\\pyenv-win\\shims\\python.bat', true],
    ['/usr/bin/python3', false],
    ['/opt/shims/sub/python3', false],
    ['/opt/shimsx/python3', false],
    ['/root/.pyenv/shims/', false],
  ])('%s: %s', (path, shim) => {
    expect(isShimPath(path)).toBe(shim);
  });
});

describe('managedShimKind: the shims that read the current directory (asdf, mise), by their path', () => {
  it.each([
    ['/home/u/.asdf/shims/python3.12', true],
    ['/home/u/.local/share/mise/shims/python3', true],
    ['C:\\Users\\u\\.asdf\\shims\\python', true],
    ['/root/.pyenv/shims/python3', false],
    ['/usr/bin/python3', false],
    ['/home/u/asdf/shims/python3', false],
  ])('%s: %s', (path, reads) => {
    expect(managedShimKind(path) !== null).toBe(reads);
  });
});
