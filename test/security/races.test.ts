// Round 3, finding 4: a project file was checked by its real path, then opened by name, so flipping
// `.python-version` between a file and a link to a root-only file put that file's first line into 2 of 30
// dumps made by root. Every project file is now read from the descriptor that was checked (readOpened: its
// real path through /proc/self/fd). The flipper runs for a bounded time; the dumps are many.
import { spawn } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_ARGS, CLI_FILE, type Sandbox, SYSTEM_PY, sandbox } from './hostile.js';

/** The CLI without blocking the test's worker (the flipper keeps a core busy). */
function doctorAsync(args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(CLI_FILE, [...CLI_ARGS, ...args], {
      stdio: 'ignore',
      env: { ...process.env, CI: 'true', VIRTUAL_ENV: undefined },
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

let box: Sandbox;
afterEach(() => box?.cleanup());

describe('a project file flipped between a file and a link out of the tree', { timeout: 120_000 }, () => {
  it('.python-version: no dump of 30 holds a line of the file the link leads to', async () => {
    box = sandbox();
    box.write('pyproject.toml', '[project]\nname = "x"\n');
    const secret = join(box.outside, 'secret');
    writeFileSync(secret, 'ROOT-ONLY-SECRET-LINE\n');
    chmodSync(secret, 0o600);
    // Flips by rename (each state complete): a regular file, then a link out, for 60 s at most (no fork per flip).
    const flip = [
      'import os, time',
      'end = time.time() + 60',
      'while time.time() < end:',
      "    open('.pv.file', 'w').write('3.12\\n'); os.rename('.pv.file', '.python-version')",
      `    os.symlink(${JSON.stringify(secret)}, '.pv.link'); os.rename('.pv.link', '.python-version')`,
    ].join('\n');
    const flipper = spawn(SYSTEM_PY, ['-c', flip], { cwd: box.dir, stdio: 'ignore' });
    let leaked = 0;
    let linkSeen = 0;
    try {
      for (let i = 0; i < 30; i++) {
        const dump = join(box.outside, `dump-${i}.json`);
        await doctorAsync(['--json', '--python', SYSTEM_PY, '--dump-facts', dump, box.dir]);
        const text = readFileSync(dump, 'utf8');
        if (text.includes('ROOT-ONLY-SECRET-LINE')) leaked++;
        if (text.includes('symbolic link out of the project')) linkSeen++;
      }
    } finally {
      flipper.kill('SIGKILL');
    }
    expect(leaked).toBe(0);
    // The race was run: some dumps caught the link (and said so instead of reading through it).
    expect(linkSeen).toBeGreaterThan(0);
  });
});
