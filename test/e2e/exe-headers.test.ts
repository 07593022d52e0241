// The macOS and Windows single files (scripts/build-exe.mjs) are built on this Linux machine and never run
// here: what can be known without running them is checked here, by a reading of the files of its own (not the
// build's code): the Mach-O and PE headers, the code signature macOS checks before it runs a file (on arm64 a
// file whose signature does not match is killed at once), the program inside, and SHA256SUMS.
//
// The files are dist-exe/'s when it holds them compiled from this build/single-file/ (npm run build:exe, as
// CI's release step leaves it), else the test compiles them itself into .cache/build-exe/test-exe-headers/
// (13-14 s here; once for each build/single-file/: --if-stale), never into dist-exe/, which other e2e files
// run. It is an end-to-end test, not a unit test, because compiling may first fetch ~180 MB of pinned Bun
// packages from the npm registry: the unit suite stays offline and fast, on a fresh clone too.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HELP } from '../../src/settings.js';
import { PROJECT } from '../helpers/paths.js';

const VERSION = (JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')) as { version: string }).version;
const BUILD_EXE = join(PROJECT, 'scripts/build-exe.mjs');
const TARGETS = ['--targets=darwin-arm64,darwin-x64,windows-x64'];
const DARWIN_ARM64 = `venv-doctor-${VERSION}-darwin-arm64`;
const DARWIN_X64 = `venv-doctor-${VERSION}-darwin-x64`;
const WINDOWS_X64 = `venv-doctor-${VERSION}-windows-x64.exe`;
/** What build-exe.mjs compiles (test/global-setup.ts builds it; with VENV_DOCTOR_CLI nothing is built). */
const HAVE_SOURCES = existsSync(join(PROJECT, 'build/single-file/cli.mjs'));

let dir = '';
const files = new Map<string, Buffer>();
const file = (name: string): Buffer => {
  if (!files.has(name)) files.set(name, readFileSync(join(dir, name)));
  return files.get(name) as Buffer;
};

/** The files: dist-exe/'s when current, else the test's own copy, compiled when stale. */
function build(): void {
  const current = spawnSync(process.execPath, [BUILD_EXE, '--skip-build', '--check', ...TARGETS], {
    cwd: PROJECT,
    encoding: 'utf8',
  });
  if (current.status === 0) {
    dir = join(PROJECT, 'dist-exe');
    return;
  }
  dir = join(PROJECT, '.cache/build-exe/test-exe-headers');
  const build = spawnSync(process.execPath, [BUILD_EXE, '--skip-build', '--if-stale', ...TARGETS, `--out-dir=${dir}`], {
    cwd: PROJECT,
    encoding: 'utf8',
    timeout: 10 * 60_000,
  });
  expect(build.status, `${build.stdout}${build.stderr}`).toBe(0);
}

// Mach-O: the 64-bit little-endian header, then load commands; the code signature's fields are big-endian.
const LC_SEGMENT_64 = 0x19;
const LC_CODE_SIGNATURE = 0x1d;
const LC_BUILD_VERSION = 0x32;

interface Segment {
  name: string;
  fileoff: number;
  filesize: number;
}
function loadCommands(b: Buffer): { segments: Segment[]; commands: { cmd: number; at: number }[] } {
  const segments: Segment[] = [];
  const commands: { cmd: number; at: number }[] = [];
  let at = 32;
  const end = 32 + b.readUInt32LE(20); // sizeofcmds
  for (let i = 0; i < b.readUInt32LE(16); i++) {
    const cmd = b.readUInt32LE(at);
    commands.push({ cmd, at });
    if (cmd === LC_SEGMENT_64) {
      segments.push({
        name: b.toString('latin1', at + 8, at + 24).replace(/\0+$/, ''),
        fileoff: Number(b.readBigUInt64LE(at + 40)),
        filesize: Number(b.readBigUInt64LE(at + 48)),
      });
    }
    at += b.readUInt32LE(at + 4);
  }
  expect(at).toBe(end);
  return { segments, commands };
}

describe.skipIf(!HAVE_SOURCES)(
  'the macOS and Windows single files, checked without running them (needs build/single-file/: npm run build)',
  () => {
    beforeAll(build, 11 * 60_000);

    it.each([
      [DARWIN_ARM64, 0x0100000c],
      [DARWIN_X64, 0x01000007],
    ])('%s is a 64-bit Mach-O executable for its CPU, for macOS 13 or later', (name, cputype) => {
      const b = file(name);
      expect([...b.subarray(0, 4)]).toEqual([0xcf, 0xfa, 0xed, 0xfe]); // MH_MAGIC_64, little-endian
      expect(b.readUInt32LE(4)).toBe(cputype); // CPU_TYPE_ARM64 / CPU_TYPE_X86_64
      expect(b.readUInt32LE(12)).toBe(2); // MH_EXECUTE
      const { segments, commands } = loadCommands(b);
      expect(segments.map((s) => s.name)).toEqual(
        expect.arrayContaining(['__PAGEZERO', '__TEXT', '__BUN', '__LINKEDIT']),
      );
      for (const s of segments) expect(s.fileoff + s.filesize).toBeLessThanOrEqual(b.length);
      const build = commands.find((c) => c.cmd === LC_BUILD_VERSION);
      expect(build).toBeDefined();
      const at = build?.at ?? 0;
      expect(b.readUInt32LE(at + 8)).toBe(1); // PLATFORM_MACOS
      expect(b.readUInt32LE(at + 12) >>> 16).toBe(13); // minos: docs/install.md says macOS 13 or later
    });

    it.each([DARWIN_ARM64, DARWIN_X64])(
      '%s carries a valid ad-hoc code signature: SHA-256 over every byte before it, page by page',
      (name) => {
        const b = file(name);
        const { segments, commands } = loadCommands(b);
        const sig = commands.find((c) => c.cmd === LC_CODE_SIGNATURE);
        expect(sig).toBeDefined();
        const dataoff = b.readUInt32LE((sig?.at ?? 0) + 8);
        const datasize = b.readUInt32LE((sig?.at ?? 0) + 12);
        // At the end of __LINKEDIT, the last segment, and of the file: nothing after it (codesign --strict).
        const linkedit = segments.find((s) => s.name === '__LINKEDIT') as Segment;
        expect(Math.max(...segments.map((s) => s.fileoff))).toBe(linkedit.fileoff);
        expect(linkedit.fileoff + linkedit.filesize).toBe(b.length);
        expect(dataoff + datasize).toBe(b.length);
        expect(dataoff % 16).toBe(0);
        // The SuperBlob, then its one CodeDirectory.
        expect(b.readUInt32BE(dataoff)).toBe(0xfade0cc0);
        expect(b.readUInt32BE(dataoff + 4)).toBe(datasize);
        const count = b.readUInt32BE(dataoff + 8);
        const slots = Array.from({ length: count }, (_, i) => ({
          type: b.readUInt32BE(dataoff + 12 + 8 * i),
          offset: b.readUInt32BE(dataoff + 16 + 8 * i),
        }));
        const directory = slots.find((s) => s.type === 0);
        expect(directory).toBeDefined();
        const cd = dataoff + (directory?.offset ?? 0);
        expect(b.readUInt32BE(cd)).toBe(0xfade0c02);
        const flags = b.readUInt32BE(cd + 12);
        expect(flags & 0x2).toBe(0x2); // CS_ADHOC: no identity, nothing to check against Apple
        const hashOffset = b.readUInt32BE(cd + 16);
        const nCodeSlots = b.readUInt32BE(cd + 28);
        const codeLimit = b.readUInt32BE(cd + 32);
        expect([b[cd + 36], b[cd + 37]]).toEqual([32, 2]); // 32-byte hashes, SHA-256
        const page = 2 ** (b[cd + 39] ?? 0);
        expect(page).toBe(4096);
        expect(codeLimit).toBe(dataoff);
        expect(nCodeSlots).toBe(Math.ceil(codeLimit / page));
        // A version 0x20400 CodeDirectory names the executable segment: __TEXT, of a main binary.
        expect(b.readUInt32BE(cd + 8)).toBeGreaterThanOrEqual(0x20400);
        const text = segments.find((s) => s.name === '__TEXT') as Segment;
        expect(Number(b.readBigUInt64BE(cd + 64))).toBe(text.fileoff);
        expect(Number(b.readBigUInt64BE(cd + 72))).toBe(text.filesize);
        expect(Number(b.readBigUInt64BE(cd + 80)) & 1).toBe(1);
        const wrong: number[] = [];
        for (let i = 0; i < nCodeSlots; i++) {
          const hash = createHash('sha256')
            .update(b.subarray(i * page, Math.min((i + 1) * page, codeLimit)))
            .digest();
          const stored = b.subarray(cd + hashOffset + 32 * i, cd + hashOffset + 32 * (i + 1));
          if (!hash.equals(stored)) wrong.push(i);
        }
        expect(wrong).toEqual([]);
      },
    );

    it(`${WINDOWS_X64} is a PE32+ console executable for x86-64, unsigned, with a valid checksum`, () => {
      const b = file(WINDOWS_X64);
      expect(b.toString('latin1', 0, 2)).toBe('MZ');
      const pe = b.readUInt32LE(0x3c); // e_lfanew
      expect(b.toString('latin1', pe, pe + 4)).toBe('PE\0\0');
      expect(b.readUInt16LE(pe + 4)).toBe(0x8664); // IMAGE_FILE_MACHINE_AMD64
      expect(b.readUInt16LE(pe + 22) & 0x2).toBe(0x2); // IMAGE_FILE_EXECUTABLE_IMAGE
      const optional = pe + 24;
      expect(b.readUInt16LE(optional)).toBe(0x20b); // PE32+
      expect(b.readUInt16LE(optional + 68)).toBe(3); // IMAGE_SUBSYSTEM_WINDOWS_CUI: a console program
      // No Authenticode certificate table: Bun drops the runtime's signature, which would no longer match.
      expect(b.readUInt32LE(optional + 112 + 4 * 8 + 4)).toBe(0);
      // The optional header's CheckSum, computed as Windows' CheckSumMappedFile does.
      const at = optional + 64;
      let sum = 0;
      for (let i = 0; i + 1 < b.length; i += 2) {
        if (i === at || i === at + 2) continue;
        sum += b.readUInt16LE(i);
        sum = (sum & 0xffff) + (sum >>> 16);
      }
      if (b.length % 2) sum += b[b.length - 1] ?? 0;
      sum = (sum & 0xffff) + (sum >>> 16);
      expect(b.readUInt32LE(at)).toBe(sum + b.length);
      // Every section inside the file; Bun's program in its own section.
      const sections = b.readUInt16LE(pe + 6);
      const table = optional + b.readUInt16LE(pe + 20);
      const names: string[] = [];
      for (let i = 0; i < sections; i++) {
        const s = table + 40 * i;
        names.push(b.toString('latin1', s, s + 8).replace(/\0+$/, ''));
        expect(b.readUInt32LE(s + 20) + b.readUInt32LE(s + 16)).toBeLessThanOrEqual(b.length);
      }
      expect(names).toContain('.bun');
    });

    it.each([
      [DARWIN_ARM64, `/$bunfs/root/${DARWIN_ARM64}`],
      [DARWIN_X64, `/$bunfs/root/${DARWIN_X64}`],
      [WINDOWS_X64, `B:/~BUN/root/${WINDOWS_X64}`],
    ])('%s holds the program: its entry named for the file, and the command itself', (name, entry) => {
      const b = file(name);
      expect(b.includes(entry)).toBe(true);
      expect(b.includes(HELP.split('\n')[0] ?? '')).toBe(true);
    });

    it('SHA256SUMS lists every file beside it, each with its sha256, in sha256sum format', () => {
      const sums = readFileSync(join(dir, 'SHA256SUMS'), 'utf8');
      const lines = sums.trimEnd().split('\n');
      const listed = lines.map((line) => {
        const match = /^([0-9a-f]{64}) {2}(venv-doctor-\S+)$/.exec(line);
        expect(match, line).not.toBeNull();
        return { hash: match?.[1], name: match?.[2] ?? '' };
      });
      const beside = readdirSync(dir).filter((f) => f.startsWith('venv-doctor-'));
      expect(listed.map((l) => l.name).sort()).toEqual(beside.sort());
      expect(beside).toEqual(expect.arrayContaining([DARWIN_ARM64, DARWIN_X64, WINDOWS_X64]));
      for (const { hash, name } of listed) {
        const content = files.get(name) ?? readFileSync(join(dir, name));
        expect(createHash('sha256').update(content).digest('hex'), name).toBe(hash);
      }
    });
  },
);
