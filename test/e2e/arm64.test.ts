// The linux-arm64 single file, smoke-tested under emulation: Debian's qemu-user-static runs it on this x64
// machine with the C library of a real Debian arm64 system (the first stage of `debootstrap --arch=arm64
// --foreign`, unpacked, never run). It must say its version, and replay every recorded facts dump of the
// suite (test/fixtures/facts/, real Debian 11/12/13 roots and this machine) exactly as the x64 file does,
// in every format: the same diagnosis, the same fixes, the same text, byte for byte but for timings.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, PROJECT } from '../helpers/paths.js';
import { CACHE, EXE } from './roots.js';

const VERSION: string = JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')).version;
const ARM64 = join(PROJECT, 'dist-exe', `venv-doctor-${VERSION}-linux-arm64`);
const QEMU = '/usr/bin/qemu-aarch64-static';
const MIRROR = process.env.VENV_DOCTOR_E2E_MIRROR ?? 'http://deb.debian.org/debian';
/** An arm64 Debian 12, unpacked only: its /lib/ld-linux-aarch64.so.1 and libc are what qemu loads. */
const LIBC_ROOT = join(CACHE, 'arm64-bookworm-foreign-v1');
const FORMATS = [['--json'], [], ['--format', 'markdown'], ['--format', 'junit'], ['--format', 'github']];

const missing: string[] = [];
if (process.getuid?.() !== 0) missing.push('root (debootstrap)');
if (!existsSync(QEMU)) missing.push(`${QEMU} (apt-get install qemu-user-static)`);
if (!existsSync('/usr/sbin/debootstrap')) missing.push('debootstrap (apt-get install debootstrap)');
if (process.arch !== 'x64') missing.push('an x64 machine (this smoke test emulates arm64 on x64)');
for (const file of [EXE, ARM64]) if (!existsSync(file)) missing.push(`${file} (npm run build:exe)`);

it('has what the arm64 smoke test needs', () => {
  expect(missing, `the arm64 smoke test cannot run here; missing: ${missing.join('; ')}`).toEqual([]);
});

/** Every recorded facts dump of the suite, as paths relative to test/fixtures/facts. */
function dumps(): string[] {
  const base = join(FIXTURES, 'facts');
  return readdirSync(base, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .sort();
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command asynchronously (two at a time below: each emulated start takes seconds). */
function run(argv: string[]): Promise<Run> {
  const [file = '', ...args] = argv;
  // The same environment for both files: no terminal, no CI, no colour; the dump decides the rest.
  const env = { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', HOME: '/root' };
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: '/', env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
const onArm64 = (args: string[]) => run([QEMU, '-L', LIBC_ROOT, ARM64, ...args]);
const onX64 = (args: string[]) => run([EXE, ...args]);

/** What differs between runs and never between builds: timings, and GitHub's per-run stop-commands token. */
function normalize(text: string): string {
  return text
    .replace(/"durationMs": [\d.]+/g, '"durationMs": 0')
    .replace(/\btime="[\d.]+"/g, 'time="0"')
    .replace(/\(\d+(\.\d+)? ms\)/g, '(<n> ms)')
    .replace(/Finished in \d+(\.\d+)? ms/g, 'Finished in <n> ms')
    .replace(/::stop-commands::[0-9a-f-]+/g, '::stop-commands::<token>')
    .replace(/^::[0-9a-f-]{36}::$/gm, '::<token>::');
}

describe.runIf(missing.length === 0)('the linux-arm64 single file under qemu-aarch64-static', () => {
  beforeAll(async () => {
    if (existsSync(join(LIBC_ROOT, '.venv-doctor-ready'))) return;
    rmSync(LIBC_ROOT, { recursive: true, force: true });
    mkdirSync(CACHE, { recursive: true });
    const t = performance.now();
    const made = spawnSync(
      '/usr/sbin/debootstrap',
      ['--arch=arm64', '--foreign', '--variant=minbase', 'bookworm', LIBC_ROOT, MIRROR],
      { encoding: 'utf8', timeout: 900_000 },
    );
    if (made.status !== 0) throw new Error(`debootstrap --arch=arm64 --foreign failed:\n${made.stdout}${made.stderr}`);
    writeFileSync(join(LIBC_ROOT, '.venv-doctor-ready'), `${new Date().toISOString()}\n`);
    console.log(`[e2e] arm64 libc root unpacked in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  });

  it('is an AArch64 executable that says its version', async () => {
    const header = readFileSync(ARM64).subarray(0, 20);
    expect(header.readUInt32BE(0)).toBe(0x7f454c46);
    expect(header.readUInt16LE(18)).toBe(0xb7); // EM_AARCH64
    const r = await onArm64(['--version']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(VERSION);
    expect(r.code).toBe(0);
  });

  it('replays every recorded dump as the x64 file does: all in JSON, two in every format', {
    timeout: 900_000,
  }, async () => {
    const all = dumps();
    expect(all.length).toBeGreaterThanOrEqual(24);
    const everyFormat = new Set(['bookworm/python3-only.json', 'this-machine/pyenv-shim.json']);
    const cases = all.flatMap((dump) =>
      (everyFormat.has(dump) ? FORMATS : [['--json']]).map((format) => ({ dump, format })),
    );
    const compare = async ({ dump, format }: (typeof cases)[number]) => {
      const args = ['--facts', join(FIXTURES, 'facts', dump), ...format];
      const [arm, x64] = await Promise.all([onArm64(args), onX64(args)]);
      const what = `${dump} ${format.join(' ') || 'plain'}`;
      expect(x64.stdout.length, `${what}: the x64 file printed nothing`).toBeGreaterThan(0);
      expect(arm.code, `${what}: exit code\n${arm.stderr}`).toBe(x64.code);
      expect(normalize(arm.stdout), what).toBe(normalize(x64.stdout));
      expect(arm.stderr, what).toBe(x64.stderr);
    };
    // Two emulated runs at a time (two cores).
    const queue = [...cases];
    await Promise.all(
      [0, 1].map(async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await compare(next);
      }),
    );
    console.log(`[e2e] arm64: ${cases.length} replays equal to x64's (${all.length} dumps)`);
  });
});
