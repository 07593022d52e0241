// The real System's runner, both ways: the diagnosis's node:child_process path and the execa path of long
// commands (RunOptions.long: --deep's venv creation). One contract: no shell, an absolute path only, the
// environment exactly as given, output returned, a timeout that kills the whole process group.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { realSystem } from '../../src/system.js';

const system = realSystem('/');
/** A process whose command line (arguments joined by spaces) is this one still runs: read from /proc. */
function alive(commandLine: string): boolean {
  return readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .some((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim() === commandLine;
      } catch {
        return false; // gone meanwhile
      }
    });
}

describe.each([
  ['node:child_process', false],
  ['execa (long)', true],
])('System.run through %s', (_name, long) => {
  it('runs without a shell, in /, with exactly the environment given', async () => {
    const r = await system.run('/bin/sh', ['-c', 'printf "%s|%s|%s" "$ONLY" "$HOME" "$(pwd)"; echo oops >&2; exit 3'], {
      timeoutMs: 10_000,
      env: { ONLY: 'a;b $(x)', PATH: '/usr/bin:/bin' },
      long,
    });
    expect(r).toMatchObject({ exitCode: 3, timedOut: false, error: null });
    expect(r.stdout).toBe('a;b $(x)||/');
    expect(r.stderr).toBe('oops\n');
  });

  it('an argument is one argument: no word splitting or globbing', async () => {
    const r = await system.run('/bin/echo', ['*', '$HOME', 'a b'], { timeoutMs: 10_000, env: {}, long });
    expect(r.stdout).toBe('* $HOME a b\n');
  });

  it('refuses a bare name (PATH is never searched)', async () => {
    const r = await system.run('sh', ['-c', 'exit 0'], { timeoutMs: 10_000, long });
    expect(r).toMatchObject({ exitCode: null, error: 'not an absolute path' });
  });

  it('a program that is not there: no exit code, the reason', async () => {
    const r = await system.run('/nonexistent/python3', [], { timeoutMs: 10_000, long });
    expect(r.exitCode).toBeNull();
    expect(r.error).toBe('ENOENT');
  });

  it('more output than it keeps (4 MiB): the first 4 MiB, and the command still runs to its end', async () => {
    const r = await system.run(
      '/bin/sh',
      ['-c', 'head -c 5000000 /dev/zero | tr "\\0" x; sleep 0.3; echo done >&2; exit 4'],
      { timeoutMs: 20_000, long },
    );
    expect(r).toMatchObject({ exitCode: 4, timedOut: false, error: null });
    expect(r.stdout.length).toBeGreaterThan(4_000_000);
    expect(r.stdout.length).toBeLessThanOrEqual(4 * 1024 * 1024);
  });

  it('a timeout kills the whole process group, the grandchild holding the pipes too', async () => {
    // Durations no other process has, to find the two sleeps by their command lines.
    const tag = `${process.pid}${long ? 1 : 2}`;
    const started = performance.now();
    const sh = system.run('/bin/sh', ['-c', `/bin/sleep 29.${tag} & exec /bin/sleep 31.${tag}`], {
      timeoutMs: 500,
      long,
    });
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(alive(`/bin/sleep 29.${tag}`), 'the grandchild should be running before the timeout').toBe(true);
    const r = await sh;
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(r).toMatchObject({ exitCode: null, timedOut: true, error: 'timed out' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alive(`/bin/sleep 29.${tag}`)).toBe(false);
    expect(alive(`/bin/sleep 31.${tag}`)).toBe(false);
  });
});
