// The Docker python: images' layout (../shared/domain/other-systems.md §7, [D1][D2]) reproduced in a real
// Debian 12 root: a CPython built outside the distribution, compiled into /usr/local and first on PATH, with
// Debian's own python3 beside it (without python3.11-venv), as in the non-slim images. The build is this
// machine's pyenv 3.12 (a prefix of its own, found again from where it lies), copied into /usr/local; the
// root's ldconfig finds its libpython there, as the images' own ldconfig does.
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { type Root, scenarioRoot } from './roots.js';

const BUILD = '/root/.pyenv/versions/3.12.1';
const HAVE_BUILD = existsSync(join(BUILD, 'bin/python3.12'));

describe.runIf(HAVE_BUILD)("a Python in /usr/local beside Debian's (needs pyenv's 3.12.1 in /root/.pyenv)", () => {
  let root: Root;
  beforeAll(async () => {
    root = await scenarioRoot('bookworm', 'docker-python', 'exe');
    cpSync(`${BUILD}/.`, join(root.dir, 'usr/local'), { recursive: true, verbatimSymlinks: true });
    await root.must(['ldconfig']);
    // The image's own Python works, and Debian's is there without its venv package.
    expect(await root.must(['/usr/local/bin/python3', '-c', 'import sys; print(sys.prefix)'])).toBe('/usr/local\n');
    expect((await root.run(['/usr/bin/python3', '-c', 'pass'])).code).toBe(0);
    expect(existsSync(join(root.dir, 'usr/lib/python3.11/ensurepip/__main__.py'))).toBe(false);
  }, 300_000);
  afterAll(() => root?.remove());

  it("python3 is /usr/local's: ready, no apt line, and told that apt does not fix it", async () => {
    const run = await root.doctor(['--json']);
    const report = JSON.parse(run.stdout) as Report;
    expect(run.code, run.stderr).toBe(0);
    expect(report.python.executable).toBe('/usr/local/bin/python3.12');
    expect(report.fixes).toEqual([]);
    const said = report.checks.find((c) => c.id === 'python')?.findings.map((f) => f.message) ?? [];
    expect(said).toContain(
      "python3 is a Python built into /usr/local, as in the Docker python: images, not the distribution's (the distribution's is /usr/bin/python3.11): apt's packages install for the distribution's Python and never change this one; its packages come from pip, in a venv.",
    );
    // The ground truth: the venv that "ready" promises, made and its pip run.
    await root.must(['/usr/local/bin/python3', '-m', 'venv', '/srv/app/.venv']);
    expect(await root.must(['/srv/app/.venv/bin/python', '-m', 'pip', '--version'])).toMatch(/^pip \d+/);
  });

  it("Debian's /usr/bin/python3, asked for by name: its own venv package, never a fix for /usr/local", async () => {
    const run = await root.doctor(['--json', '--python', '/usr/bin/python3']);
    const report = JSON.parse(run.stdout) as Report;
    expect(run.code, run.stderr).toBe(1);
    expect(report.fixes.at(-1)?.argv).toEqual(['apt-get', 'install', '-y', 'python3.11-venv']);
    expect(report.fixes.some((fix) => fix.argv.some((word) => word.includes('/usr/local')))).toBe(false);
  });
});
