#!/usr/bin/env node
// Builds the single-file executables: one file per platform that needs no Node.js. The Linux files need nothing
// but the kernel and glibc (>= 2.17; libc, libpthread, libdl, libm). The runtime was chosen by measurement, see
// docs/performance.md ("A single file"): Bun's `bun build --compile --bytecode`.
//
//   node scripts/build-exe.mjs               # npm run build, then dist-exe/venv-doctor-<version>-<platform>
//   node scripts/build-exe.mjs --skip-build  # compile the build/single-file/ that is there
//   node scripts/build-exe.mjs --skip-build --if-stale  # only when build/single-file/ changed since (the e2e suite's setup)
//   node scripts/build-exe.mjs --skip-build --check     # builds nothing: exit 0 when dist-exe/ is build/single-file/'s, else 1
//   ... --targets=linux-x64,linux-arm64     # only these (default: all five); --if-stale and --check ask about these only
//   ... --out-dir=DIR                       # write to DIR instead of dist-exe/ (a test's own copy)
//
// Writes dist-exe/venv-doctor-<version>-{linux-x64,linux-arm64,darwin-arm64,darwin-x64}, -windows-x64.exe and
// dist-exe/SHA256SUMS over them (`sha256sum -c SHA256SUMS` checks them). Reproducible: the same sources and the
// same pinned compiler give the same bytes, on any machine and in any directory.
//
// The compiler is Bun from the npm registry, pinned below to an exact version and to the hashes of its
// packages; it is fetched with npm (npm pack, so npm's cache and proxy settings apply) into
// .cache/build-exe/ once. Every file is made on this Linux machine from the target's own Bun package (the
// arm64 file on x64, the macOS and Windows files on Linux): nothing is downloaded from anywhere but the npm
// registry. The files of this machine's architecture are run (and an arm64 file under qemu, when installed);
// the others are checked by their headers (ELF, Mach-O with its code signature, PE), never run here.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The compiler, pinned: change all of it together (npm view @oven/bun-linux-x64@VERSION dist.integrity). */
const BUN_VERSION = '1.4.5';
const BUN_PACKAGES = {
  // npm package name -> the tarball's integrity (npm's dist.integrity) and the sha256 of its bin/bun (bin/bun.exe).
  // In 1.4.5, @oven/bun-linux-x64 and @oven/bun-linux-x64-baseline hold the same binary: it needs an
  // x86-64-v2 CPU (SSE4.2, POPCNT: Nehalem, 2008, and later), not AVX2. So do darwin-x64 and windows-x64:
  // each holds the same binary as its -baseline package (same sha256).
  '@oven/bun-linux-x64': {
    integrity: 'sha512-IWX9BELoGHAUtMonkeSaNaZwXzRk+oDw6Mk+HBFXd3KHYIBNBsIGRupMZPcgNoDbJpLu6gAJjIoIVPZtt1aJ1g==',
    sha256: 'f05d28a3862f4b84395c7fa32480b835dd47482e80b7e7a49a115227f0c06083',
  },
  '@oven/bun-linux-aarch64': {
    integrity: 'sha512-4BXmsSKnjOrlGWqZV4x/oWa7AVoR+B6lCXddMzOAXBIm3t50eslg9wb66gmtW1AamEQ1l1CDvmmruysEhqOWMg==',
    sha256: '04778f1f42399a69d086853e9c7af4acf574b2f21a43d0dc673853d8b84a2923',
  },
  '@oven/bun-darwin-aarch64': {
    integrity: 'sha512-4MIFXHmctH2EhAxLXm2/qxNtv17dFtLJylvaOCsrgq6KSqHTs6eW5YSrJjRbJxYUJaR901fsN8JfZOa+CsWpWQ==',
    sha256: 'e2984124f1514e1e6bbda20adedbf07a02c443c6a5828853a15c7c7abf78e19f',
  },
  '@oven/bun-darwin-x64': {
    integrity: 'sha512-qkLPMGHZM9NI6CeHTWwVezzmlo6cC4Ta7yUAjYIWXS366qQcOlcp75t2uZyiuVRBMPS0h9qE0tCcvCHGaFqjJg==',
    sha256: '88f97645b270aef20f9f9442f1658461cab3e7128e658af4615144e3396f084a',
  },
  '@oven/bun-windows-x64': {
    integrity: 'sha512-FNvply651vcE/GHgNWz6mZvhmkwBuu8Hw54oNzA+CQog+HW+542rXQmZqNHRkFxazD9L3xi+iTtvO3engAgJfw==',
    sha256: 'e06ad0864463c68892ae71a2a64af7eae1585cac5dd9b80bc042f45605587cb1',
    bin: 'bin/bun.exe',
  },
};

/**
 * What is built: the name's suffix, Bun's target, the Bun package whose runtime goes in, the architecture, and
 * what the file's header must say (header() below). The Windows file's name ends in .exe.
 */
const TARGETS = [
  { name: 'linux-x64', bunTarget: 'bun-linux-x64', pkg: '@oven/bun-linux-x64', arch: 'x64', header: 'ELF x86-64' },
  {
    name: 'linux-arm64',
    bunTarget: 'bun-linux-arm64',
    pkg: '@oven/bun-linux-aarch64',
    arch: 'arm64',
    header: 'ELF AArch64',
  },
  {
    name: 'darwin-arm64',
    bunTarget: 'bun-darwin-arm64',
    pkg: '@oven/bun-darwin-aarch64',
    arch: 'arm64',
    header: 'Mach-O arm64',
  },
  {
    name: 'darwin-x64',
    bunTarget: 'bun-darwin-x64',
    pkg: '@oven/bun-darwin-x64',
    arch: 'x64',
    header: 'Mach-O x86-64',
  },
  {
    name: 'windows-x64',
    bunTarget: 'bun-windows-x64',
    pkg: '@oven/bun-windows-x64',
    arch: 'x64',
    header: 'PE x86-64',
    ext: '.exe',
  },
];
const fileName = (target) => `venv-doctor-${pkg.version}-${target.name}${target.ext ?? ''}`;

/**
 * How the file is compiled. Each flag is there for a reason measured or seen (docs/performance.md):
 * --bytecode: the healthy run in 0.54 x `node -e 0` instead of 1.0-1.2 x (no parse of 600 kB at start);
 * --format=esm: --bytecode defaults to CommonJS, and the command has a top-level await;
 * --compile-jit-policy=100000: JavaScriptCore tiers code up to its JIT only after 10^5 times the usual number of
 * runs, so in practice never: in a run of well under a second the JIT's compiles cost more than they save, and its
 * threads compete with the Python probe on a 2-core machine (healthy run 97.3 -> 90.9 ms, a --facts replay,
 * which compiles a JSON schema, 207 -> 178 ms; same runs);
 * --splitting: what the command imports on demand (listr2, execa, ajv, systeminformation, the renderers) stays
 * a module of its own that is loaded when imported; in one bundle its bytecode was loaded at every start
 * (`--version` 52 -> 44 ms, same run);
 * --no-compile-autoload-*: a compiled Bun otherwise reads .env and bunfig.toml from the current directory,
 * that is from the project being examined: a project's .env would set VIRTUAL_ENV for the diagnosis, and
 * its bunfig.toml `preload` would run the project's code (venv-doctor never runs a program from the project).
 */
const COMPILE_FLAGS = [
  '--compile',
  '--bytecode',
  '--format=esm',
  '--splitting',
  '--compile-jit-policy=100000',
  '--minify',
  '--no-compile-autoload-dotenv',
  '--no-compile-autoload-bunfig',
  '--no-compile-autoload-tsconfig',
  '--no-compile-autoload-package-json',
];

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const cacheDir = join(root, '.cache', 'build-exe', `bun-${BUN_VERSION}`);

function fail(message) {
  process.stderr.write(`build-exe: ${message}\n`);
  process.exit(1);
}

const argv = process.argv.slice(2);
for (const arg of argv) {
  if (!/^--(skip-build|if-stale|check|targets=[a-z0-9,-]+|out-dir=.+)$/.test(arg)) {
    fail(`unknown argument ${JSON.stringify(arg)} (--skip-build, --if-stale, --check, --targets=A,B, --out-dir=DIR)`);
  }
}
const option = (name) => argv.findLast((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const skipBuild = argv.includes('--skip-build');
const ifStale = argv.includes('--if-stale');
const checkOnly = argv.includes('--check');
const outDir = option('out-dir') ? resolve(option('out-dir')) : join(root, 'dist-exe');
const targets = option('targets')
  ? [...new Set(option('targets').split(','))].map(
      (name) =>
        TARGETS.find((t) => t.name === name) ??
        fail(`no target ${JSON.stringify(name)}: the targets are ${TARGETS.map((t) => t.name).join(', ')}`),
    )
  : TARGETS;
/** What the files were compiled from: a hash of build/single-file/'s JavaScript, so that a stale single file is rebuilt. */
const stampFile = join(outDir, '.dist-hash');
/** What this script writes into the output directory: the only files it removes there. */
const OWN_FILE = /^(venv-doctor-.+|SHA256SUMS(\.tmp)?|\.dist-hash)$/;

const hostPackage = { x64: '@oven/bun-linux-x64', arm64: '@oven/bun-linux-aarch64' }[process.arch];
if (process.platform !== 'linux' || !hostPackage) {
  fail(
    `builds on Linux x64 or arm64 only (this is ${process.platform} ${process.arch}): the compiler is pinned for those.`,
  );
}

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');
const integrity = (path) => `sha512-${createHash('sha512').update(readFileSync(path)).digest('base64')}`;

/** npm's own command: the one running this script under `npm run`, else npm on PATH. */
function npm(args) {
  const cli = process.env.npm_execpath;
  const [file, prefix] = cli?.endsWith('.js') ? [process.execPath, [cli]] : ['npm', []];
  return spawnSync(file, [...prefix, ...args], { encoding: 'utf8', timeout: 10 * 60_000 });
}

/** The path of bin/bun (bin/bun.exe) of a pinned Bun package, fetched with npm pack into the cache when missing. */
const fetched = new Map();
function bunBinary(name) {
  if (!fetched.has(name)) fetched.set(name, fetchBun(name)); // the host's compiler is also a target's runtime
  return fetched.get(name);
}
function fetchBun(name) {
  const pin = BUN_PACKAGES[name];
  const dir = join(cacheDir, name.replace('/', '+'));
  const member = `package/${pin.bin ?? 'bin/bun'}`;
  const bin = join(dir, ...member.split('/'));
  if (existsSync(bin) && sha256(bin) === pin.sha256) return bin;

  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const spec = `${name}@${BUN_VERSION}`;
  process.stderr.write(`build-exe: fetching ${spec} from the npm registry (about 50 MB, once) ...\n`);
  const packed = npm(['pack', spec, '--pack-destination', dir, '--prefer-offline', '--loglevel=error']);
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (packed.status !== 0 || !tarball) {
    // npm's error code and its one-line reason (FetchError ..., 404 Not Found ...), without the stack.
    const lines = `${packed.error?.message ?? ''}\n${packed.stderr ?? ''}`
      .split('\n')
      .map((l) => l.replace(/^npm (error|ERR!) ?/, ''))
      .filter((l) => l.trim());
    const code = lines.find((l) => /^code /.test(l));
    const why = lines.find((l) => !/^(code |syscall |errno |\s|[{}]|A complete log|If you are behind)/.test(l));
    const said = [code, why].filter(Boolean).join('; ') || lines.at(-1);
    fail(
      `cannot fetch the compiler ${spec} from the npm registry, so no executable was built.\n` +
        `    npm said: ${said || `exit ${packed.status}`}\n` +
        `  The single-file build needs Bun ${BUN_VERSION} from the npm registry once (then it is kept in ${cacheDir}).\n` +
        '  Check that the registry is reachable (npm config get registry; npm ping), or copy that folder from a\n' +
        '  machine that has it.',
    );
  }
  const tgz = join(dir, tarball);
  if (integrity(tgz) !== pin.integrity) {
    fail(`${tarball} does not match the pinned integrity of ${spec} (${integrity(tgz)}): not used.`);
  }
  execFileSync('tar', ['-xzf', tgz, '-C', dir, member]);
  rmSync(tgz);
  if (sha256(bin) !== pin.sha256) fail(`${bin} does not match the pinned sha256 of ${spec}: not used.`);
  chmodSync(bin, 0o755);
  return bin;
}

/** The first bytes of a file. */
function head(path, length) {
  const bytes = Buffer.alloc(length);
  const fd = openSync(path, 'r');
  try {
    return bytes.subarray(0, readSync(fd, bytes, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * What a file's header says it is: "ELF x86-64", "ELF AArch64" (64-bit little-endian ELF, e_machine), "Mach-O
 * arm64", "Mach-O x86-64" (64-bit little-endian Mach-O, magic cf fa ed fe, cputype, an executable: MH_EXECUTE),
 * "PE x86-64" (MZ, PE\0\0 at e_lfanew, machine 0x8664, PE32+, the console subsystem), or what it is not.
 */
function header(path) {
  const b = head(path, 4096);
  if (b.length >= 20 && b.readUInt32BE(0) === 0x7f454c46) {
    if (b[4] !== 2 || b[5] !== 1) return 'ELF, not 64-bit little-endian';
    const machine = b.readUInt16LE(18);
    return machine === 0x3e ? 'ELF x86-64' : machine === 0xb7 ? 'ELF AArch64' : `ELF machine ${machine}`;
  }
  if (b.length >= 32 && b.readUInt32LE(0) === MH_MAGIC_64) {
    const cpu = { [CPU_TYPE_ARM64]: 'arm64', [CPU_TYPE_X86_64]: 'x86-64' }[b.readUInt32LE(4)];
    if (!cpu) return `Mach-O cputype 0x${b.readUInt32LE(4).toString(16)}`;
    return b.readUInt32LE(12) === MH_EXECUTE ? `Mach-O ${cpu}` : `Mach-O ${cpu}, not an executable`;
  }
  if (b.length >= 64 && b.toString('latin1', 0, 2) === 'MZ') {
    const pe = b.readUInt32LE(0x3c);
    if (pe + 24 + 70 > b.length || b.toString('latin1', pe, pe + 4) !== 'PE\0\0') return 'MZ without a PE header';
    const machine = b.readUInt16LE(pe + 4);
    const optional = pe + 24;
    if (machine !== 0x8664) return `PE machine 0x${machine.toString(16)}`;
    if (b.readUInt16LE(optional) !== 0x20b) return 'PE x86-64, not PE32+';
    // The console subsystem: a GUI program (2) would have no console for the report.
    if (b.readUInt16LE(optional + 68) !== 3) return `PE x86-64, subsystem ${b.readUInt16LE(optional + 68)}`;
    return 'PE x86-64';
  }
  return 'neither ELF, Mach-O nor PE';
}

/**
 * A PE file's problem with its Authenticode certificate table (data directory 4), or null when it has none.
 * Bun 1.4.5 drops the runtime's signature when it appends the program: the file is unsigned, and a signature
 * left in it would be one that no longer matches.
 */
function peCertificateProblem(path) {
  const b = head(path, 4096);
  const optional = b.readUInt32LE(0x3c) + 24;
  const size = b.readUInt32LE(optional + 112 + 4 * 8 + 4);
  return size === 0 ? null : `it holds an Authenticode certificate table (${size} bytes) that cannot match the file`;
}

// Mach-O (the 64-bit little-endian form; all multi-byte fields of the code signature are big-endian).
const MH_MAGIC_64 = 0xfeedfacf;
const MH_EXECUTE = 2;
const CPU_TYPE_ARM64 = 0x0100000c;
const CPU_TYPE_X86_64 = 0x01000007;
const LC_SEGMENT_64 = 0x19;
const LC_CODE_SIGNATURE = 0x1d;
const CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
const CSMAGIC_CODEDIRECTORY = 0xfade0c02;
const CS_PAGE_BITS = 12; // the code signature's pages: 4 KiB, on arm64 too
const CD_HEADER = 88; // a CodeDirectory of version 0x20400: up to execSegFlags

/** The segments and the code signature's load command of a Mach-O 64 file (a Buffer of all of it). */
function machoCommands(b) {
  const segments = [];
  let signature = null;
  let at = 32;
  for (let i = 0; i < b.readUInt32LE(16); i++) {
    const cmd = b.readUInt32LE(at);
    if (cmd === LC_SEGMENT_64) {
      segments.push({
        at,
        name: b.toString('latin1', at + 8, at + 24).replace(/\0+$/, ''),
        vmsize: Number(b.readBigUInt64LE(at + 32)),
        fileoff: Number(b.readBigUInt64LE(at + 40)),
        filesize: Number(b.readBigUInt64LE(at + 48)),
      });
    }
    if (cmd === LC_CODE_SIGNATURE)
      signature = { at, dataoff: b.readUInt32LE(at + 8), datasize: b.readUInt32LE(at + 12) };
    at += b.readUInt32LE(at + 4);
  }
  return { segments, signature };
}

/**
 * Why the code signature of a Mach-O file would not be accepted, or null when it would: an embedded signature
 * at the end of __LINKEDIT, the end of the file, whose CodeDirectory (SHA-256) covers every byte before it,
 * page by page, each page's hash matching. This is what macOS checks before and while it runs the file (on
 * arm64 a file without a valid signature is killed at once); the signature here is ad hoc, no identity.
 */
function codeSignatureProblem(b) {
  const { segments, signature } = machoCommands(b);
  if (!signature) return 'it has no code signature';
  const linkedit = segments.find((s) => s.name === '__LINKEDIT');
  const { dataoff, datasize } = signature;
  if (!linkedit || linkedit.fileoff + linkedit.filesize !== b.length || dataoff + datasize !== b.length) {
    return 'the code signature is not at the end of __LINKEDIT and of the file';
  }
  if (b.readUInt32BE(dataoff) !== CSMAGIC_EMBEDDED_SIGNATURE) return 'the code signature is not an embedded signature';
  let cd = null;
  for (let i = 0; i < b.readUInt32BE(dataoff + 8); i++) {
    if (b.readUInt32BE(dataoff + 12 + 8 * i) === 0) cd = dataoff + b.readUInt32BE(dataoff + 16 + 8 * i);
  }
  if (cd === null || b.readUInt32BE(cd) !== CSMAGIC_CODEDIRECTORY) return 'the code signature has no CodeDirectory';
  const hashOffset = b.readUInt32BE(cd + 16);
  const slots = b.readUInt32BE(cd + 28);
  const codeLimit = b.readUInt32BE(cd + 32);
  const [hashSize, hashType, , pageBits] = b.subarray(cd + 36, cd + 40);
  if (hashType !== 2 || hashSize !== 32) return 'the CodeDirectory does not hash with SHA-256';
  if (codeLimit !== dataoff) return `the CodeDirectory covers ${codeLimit} bytes, not the ${dataoff} before it`;
  const page = 2 ** pageBits;
  if (slots !== Math.ceil(codeLimit / page)) return `the CodeDirectory has ${slots} pages for ${codeLimit} bytes`;
  let wrong = 0;
  for (let i = 0; i < slots; i++) {
    const hash = createHash('sha256')
      .update(b.subarray(i * page, Math.min((i + 1) * page, codeLimit)))
      .digest();
    if (!hash.equals(b.subarray(cd + hashOffset + 32 * i, cd + hashOffset + 32 * (i + 1)))) wrong++;
  }
  return wrong === 0 ? null : `${wrong} of the ${slots} pages do not match the code signature`;
}

/**
 * The file signed again, ad hoc: a new embedded signature in place of the old one, in the form of the
 * linker's (and of Go's cmd/internal/codesign, and of the signature Bun itself writes for darwin-arm64): one
 * CodeDirectory, version 0x20400, flags adhoc | linker-signed, identifier "a.out", SHA-256 over 4 KiB pages
 * up to the signature, the executable segment (__TEXT) of a main binary. __LINKEDIT and the file grow or
 * shrink to fit it. Deterministic: the same file in gives the same bytes out.
 */
function signAdHoc(b) {
  const { segments, signature } = machoCommands(b);
  const linkedit = segments.find((s) => s.name === '__LINKEDIT');
  const text = segments.find((s) => s.name === '__TEXT');
  if (!signature || !linkedit || !text || segments.some((s) => s.fileoff > linkedit.fileoff)) {
    fail('cannot sign a Mach-O file without a code signature command, __TEXT, or a last segment __LINKEDIT');
  }
  const codeLimit = signature.dataoff;
  if (codeLimit % 16 !== 0 || codeLimit < linkedit.fileoff) fail('the code signature is not where it can be replaced');
  const ident = Buffer.from('a.out\0', 'latin1');
  const page = 2 ** CS_PAGE_BITS;
  const slots = Math.ceil(codeLimit / page);
  const cdLength = CD_HEADER + ident.length + 32 * slots;
  const size = 12 + 8 + cdLength;
  const out = Buffer.alloc(codeLimit + size);
  b.copy(out, 0, 0, codeLimit);
  // The load commands first: they are in the first page, which the signature hashes too. __LINKEDIT's vmsize is
  // rounded to 4 KiB, as Bun does when it signs.
  const filesize = out.length - linkedit.fileoff;
  out.writeBigUInt64LE(BigInt(Math.ceil(filesize / 0x1000) * 0x1000), linkedit.at + 32);
  out.writeBigUInt64LE(BigInt(filesize), linkedit.at + 48);
  out.writeUInt32LE(size, signature.at + 12);
  let at = codeLimit;
  const u32 = (value) => {
    out.writeUInt32BE(value, at);
    at += 4;
  };
  const u64 = (value) => {
    out.writeBigUInt64BE(BigInt(value), at);
    at += 8;
  };
  // SuperBlob: magic, length, count; the index: the CodeDirectory's slot (0) and offset.
  for (const value of [CSMAGIC_EMBEDDED_SIGNATURE, size, 1, 0, 20]) u32(value);
  // CodeDirectory: magic, length, version, flags, hashOffset, identOffset, nSpecialSlots, nCodeSlots, codeLimit.
  for (const value of [CSMAGIC_CODEDIRECTORY, cdLength, 0x20400, 0x20002, CD_HEADER + ident.length, CD_HEADER, 0]) {
    u32(value);
  }
  u32(slots);
  u32(codeLimit);
  for (const value of [32, 2, 0, CS_PAGE_BITS]) out[at++] = value; // hashSize, hashType SHA-256, platform, pageSize
  for (let i = 0; i < 4; i++) u32(0); // spare2, scatterOffset, teamOffset, spare3
  u64(0); // codeLimit64
  u64(text.fileoff); // execSegBase
  u64(text.filesize); // execSegLimit
  u64(1); // execSegFlags: CS_EXECSEG_MAIN_BINARY
  ident.copy(out, at);
  at += ident.length;
  for (let i = 0; i < slots; i++) {
    createHash('sha256')
      .update(out.subarray(i * page, Math.min((i + 1) * page, codeLimit)))
      .digest()
      .copy(out, at + 32 * i);
  }
  return out;
}

/** A command on PATH, or null. */
function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

/**
 * Runs a built file on this machine: natively when it is this architecture; an arm64 file on x64 under
 * qemu-aarch64-static when that is installed with an arm64 C library (QEMU_LD_PREFIX, or
 * /lib/ld-linux-aarch64.so.1). Returns how it ran, or null when it cannot run here.
 */
function runner(target) {
  if (target.arch === process.arch) return { prefix: [], how: 'natively' };
  const qemu = target.arch === 'arm64' ? onPath('qemu-aarch64-static') : onPath('qemu-x86_64-static');
  const loader = target.arch === 'arm64' ? '/lib/ld-linux-aarch64.so.1' : '/lib64/ld-linux-x86-64.so.2';
  if (qemu && (process.env.QEMU_LD_PREFIX || existsSync(loader))) return { prefix: [qemu], how: 'under qemu' };
  return null;
}

/**
 * Checks a built file: its --version, and that it ignores a .env and a bunfig.toml in the current directory
 * (the --no-compile-autoload-* flags above): a .env that sets VIRTUAL_ENV, a bunfig.toml that preloads code.
 */
function selfCheck(file, run) {
  const exec = (args, cwd, env = process.env) => {
    const [cmd, ...rest] = [...run.prefix, file, ...args];
    return spawnSync(cmd, rest, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  };
  const version = exec(['--version'], tmpdir());
  if (version.status !== 0 || version.stdout.trim() !== pkg.version) {
    fail(
      `${file} --version said ${JSON.stringify(version.stdout + version.stderr)} (exit ${version.status}), not ${pkg.version}.`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'venv-doctor-exe-check-'));
  try {
    const marker = join(dir, 'preload-ran');
    writeFileSync(join(dir, '.env'), 'VIRTUAL_ENV=/nonexistent/venv-from-dotenv\n');
    writeFileSync(join(dir, 'bunfig.toml'), 'preload = ["./preload.js"]\n');
    writeFileSync(join(dir, 'preload.js'), `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\n`);
    const env = { ...process.env };
    delete env.VIRTUAL_ENV;
    const report = exec(['--json', '--only', 'venv-active', '--python', '/nonexistent/python3'], dir, env);
    if (!report.stdout.includes('"venv-doctor"')) fail(`${file} gave no report: ${report.stderr}`);
    if (report.stdout.includes('venv-from-dotenv')) fail(`${file} read the .env of the current directory.`);
    if (existsSync(marker)) fail(`${file} ran the preload of a bunfig.toml in the current directory.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What Bun compiles: the command as ES modules, which scripts/build.mjs writes beside dist/. */
const sources = join(root, 'build', 'single-file');

/**
 * sha256 over build/single-file/ (cli.mjs and its chunks), with the pinned compiler's version, its flags and this
 * script itself (its pins, targets, checks and signing).
 */
function distHash() {
  const hash = createHash('sha256')
    .update(`bun ${BUN_VERSION}\0${COMPILE_FLAGS.join(' ')}\0`)
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .update('\0');
  const chunks = join(sources, 'chunks');
  const names = [
    'cli.mjs',
    ...(existsSync(chunks)
      ? readdirSync(chunks)
          .sort()
          .map((n) => `chunks/${n}`)
      : []),
  ];
  for (const name of names)
    hash
      .update(`${name}\0`)
      .update(readFileSync(join(sources, name)))
      .update('\0');
  return hash.digest('hex');
}

// 1. The normal build, which also writes build/single-file/: the command's own sources bundled as for the npm
// package, as ES modules.
if (!skipBuild) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
const entry = join(sources, 'cli.mjs');
if (!existsSync(entry)) fail('build/single-file/cli.mjs is missing: run npm run build (or drop --skip-build).');
const builtFrom = distHash();
const shownRelative = relative(process.cwd(), outDir);
const shown = shownRelative.startsWith('..') ? outDir : shownRelative || '.';
if (
  (ifStale || checkOnly) &&
  existsSync(stampFile) &&
  readFileSync(stampFile, 'utf8').trim() === builtFrom &&
  targets.every((t) => existsSync(join(outDir, fileName(t))))
) {
  process.stdout.write(`build-exe: ${shown}/ is up to date with build/single-file/\n`);
  process.exit(0);
}
if (checkOnly) {
  process.stdout.write(`build-exe: ${shown}/ is missing or older than build/single-file/\n`);
  process.exit(1);
}

// 2. The compiler and the runtimes that go into the files, each checked against its pin. What an earlier
// run built goes first: a failed build leaves no file that looks like its result (and a directory that holds
// anything else is not emptied: --out-dir=. would otherwise remove the checkout).
if (existsSync(outDir)) {
  const others = readdirSync(outDir).filter((f) => !OWN_FILE.test(f));
  if (others.length) fail(`${shown}/ holds files this script did not write (${others.join(', ')}): not emptied.`);
  for (const f of readdirSync(outDir)) rmSync(join(outDir, f), { recursive: true, force: true });
}
const bun = bunBinary(hostPackage);
const runtimes = Object.fromEntries(targets.map((t) => [t.name, bunBinary(t.pkg)]));
const said = spawnSync(bun, ['--version'], { encoding: 'utf8' });
if (said.stdout?.trim() !== BUN_VERSION) fail(`${bun} is not Bun ${BUN_VERSION}: ${said.stdout ?? said.error}`);

// 3. Compile, from an empty directory and with a clean environment: Bun reads bunfig.toml, .env and
// ~/.bunfig.toml where it runs, and the result is to depend on the sources alone. The sources are copied there
// and named by a relative path: the bytecode Bun writes depends on the entry's path relative to the current
// directory (../checkout/build/single-file/cli.mjs made other bytes in another checkout).
mkdirSync(outDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'venv-doctor-build-exe-'));
const files = [];
try {
  cpSync(sources, join(work, 'single-file'), { recursive: true });
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: work,
    XDG_CONFIG_HOME: work,
    BUN_INSTALL_CACHE_DIR: join(work, 'cache'),
    TMPDIR: work,
    NO_COLOR: '1',
  };
  for (const target of targets) {
    const name = fileName(target);
    const out = join(outDir, name);
    const args = [
      'build',
      ...COMPILE_FLAGS,
      `--target=${target.bunTarget}`,
      `--compile-executable-path=${runtimes[target.name]}`,
      `--outfile=${out}`,
      './single-file/cli.mjs',
    ];
    const compiled = spawnSync(bun, args, { cwd: work, env, encoding: 'utf8', timeout: 10 * 60_000 });
    if (compiled.status !== 0 || !existsSync(out)) {
      fail(`bun build for ${target.name} failed (exit ${compiled.status}):\n${compiled.stdout}${compiled.stderr}`);
    }
    const kind = header(out);
    if (kind !== target.header)
      fail(`${out} is not what ${target.name} runs (${target.header}): its header says ${kind}.`);
    let checked;
    if (kind.startsWith('ELF')) {
      const run = runner(target);
      if (run) selfCheck(out, run);
      checked = run ? `checked ${run.how}` : 'not run here (other architecture; ELF header checked)';
    } else if (kind.startsWith('Mach-O')) {
      // Bun 1.4.5 signs its darwin-arm64 output ad hoc, and leaves in its darwin-x64 output the runtime's own
      // signature, which no longer matches the file (docs/single-file.md): such a file is signed again here.
      let bytes = readFileSync(out);
      const problem = codeSignatureProblem(bytes);
      // The signer below, on a file Bun signed well, must write Bun's bytes again: it is the same format.
      if (!problem && !signAdHoc(bytes).equals(bytes)) {
        fail(`${out}: Bun's signature differs from what signAdHoc() writes; compare the two before signing with it.`);
      }
      if (problem) {
        bytes = signAdHoc(bytes);
        const left = codeSignatureProblem(bytes);
        if (left) fail(`${out}: signed again ad hoc, and still: ${left}.`);
        writeFileSync(out, bytes);
      }
      checked = `not run here (Mach-O header and ad-hoc signature checked${problem ? '; signed here' : ''})`;
    } else {
      const problem = peCertificateProblem(out);
      if (problem) fail(`${out}: ${problem}.`);
      checked = 'not run here (PE header checked; unsigned)';
    }
    chmodSync(out, 0o755);
    files.push({ name, out, checked });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

// 4. SHA256SUMS, in sha256sum's format (two spaces: text mode, as sha256sum writes on Linux; shasum -a 256 -c
// and PowerShell's Get-FileHash read the same lines).
const sums = files.map((f) => `${sha256(f.out)}  ${f.name}\n`).join('');
writeFileSync(join(outDir, 'SHA256SUMS.tmp'), sums);
renameSync(join(outDir, 'SHA256SUMS.tmp'), join(outDir, 'SHA256SUMS'));
writeFileSync(stampFile, `${builtFrom}\n`);

process.stdout.write(`Built with Bun ${BUN_VERSION} (npm @oven/bun-*@${BUN_VERSION}):\n`);
for (const f of files) {
  const mib = (statSync(f.out).size / 1024 / 1024).toFixed(1);
  process.stdout.write(`  ${shown}/${f.name}  ${mib} MiB  ${f.checked}\n`);
}
process.stdout.write(`  ${shown}/SHA256SUMS\n${sums.replace(/^/gm, '    ').trimEnd()}\n`);
