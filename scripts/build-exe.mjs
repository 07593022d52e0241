#!/usr/bin/env node
// Builds the single-file executables: one file per platform that needs nothing but the kernel and glibc
// (>= 2.17; libc, libpthread, libdl, libm), no Node.js. The runtime was chosen by measurement, see
// docs/performance.md ("A single file"): Bun's `bun build --compile --bytecode`.
//
//   node scripts/build-exe.mjs               # npm run build, then dist-exe/venv-doctor-<version>-linux-{x64,arm64}
//   node scripts/build-exe.mjs --skip-build  # compile the build/single-file/ that is there
//   node scripts/build-exe.mjs --skip-build --if-stale  # only when build/single-file/ changed since (the e2e suite's setup)
//   node scripts/build-exe.mjs --skip-build --check     # builds nothing: exit 0 when dist-exe/ is build/single-file/'s, else 1
//
// Writes dist-exe/venv-doctor-<version>-linux-x64, dist-exe/venv-doctor-<version>-linux-arm64 and
// dist-exe/SHA256SUMS (`sha256sum -c SHA256SUMS` checks them). Reproducible: the same sources and the same
// pinned compiler give the same bytes, on any machine and in any directory.
//
// The compiler is Bun from the npm registry, pinned below to an exact version and to the hashes of its
// packages; it is fetched with npm (npm pack, so npm's cache and proxy settings apply) into
// .cache/build-exe/ once. The arm64 file is made on x64 (and the other way round) from the target's own
// Bun package: nothing is downloaded from anywhere but the npm registry.
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
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The compiler, pinned: change all of it together (npm view @oven/bun-linux-x64@VERSION dist.integrity). */
const BUN_VERSION = '1.4.5';
const BUN_PACKAGES = {
  // npm package name -> the tarball's integrity (npm's dist.integrity) and the sha256 of its bin/bun.
  // In 1.4.5, @oven/bun-linux-x64 and @oven/bun-linux-x64-baseline hold the same binary: it needs an
  // x86-64-v2 CPU (SSE4.2, POPCNT: Nehalem, 2008, and later), not AVX2.
  '@oven/bun-linux-x64': {
    integrity: 'sha512-IWX9BELoGHAUtMonkeSaNaZwXzRk+oDw6Mk+HBFXd3KHYIBNBsIGRupMZPcgNoDbJpLu6gAJjIoIVPZtt1aJ1g==',
    sha256: 'f05d28a3862f4b84395c7fa32480b835dd47482e80b7e7a49a115227f0c06083',
  },
  '@oven/bun-linux-aarch64': {
    integrity: 'sha512-4BXmsSKnjOrlGWqZV4x/oWa7AVoR+B6lCXddMzOAXBIm3t50eslg9wb66gmtW1AamEQ1l1CDvmmruysEhqOWMg==',
    sha256: '04778f1f42399a69d086853e9c7af4acf574b2f21a43d0dc673853d8b84a2923',
  },
};

/** What is built: the name's suffix, Bun's target, the Bun package whose runtime goes in, the ELF machine. */
const TARGETS = [
  { name: 'linux-x64', bunTarget: 'bun-linux-x64', pkg: '@oven/bun-linux-x64', arch: 'x64', elfMachine: 0x3e },
  {
    name: 'linux-arm64',
    bunTarget: 'bun-linux-arm64',
    pkg: '@oven/bun-linux-aarch64',
    arch: 'arm64',
    elfMachine: 0xb7,
  },
];

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
const outDir = join(root, 'dist-exe');
const cacheDir = join(root, '.cache', 'build-exe', `bun-${BUN_VERSION}`);
const skipBuild = process.argv.includes('--skip-build');
const ifStale = process.argv.includes('--if-stale');
const checkOnly = process.argv.includes('--check');
/** What the files were compiled from: a hash of build/single-file/'s JavaScript, so that a stale single file is rebuilt. */
const stampFile = join(outDir, '.dist-hash');

function fail(message) {
  process.stderr.write(`build-exe: ${message}\n`);
  process.exit(1);
}

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

/** The path of bin/bun of a pinned Bun package, fetched with npm pack into the cache when missing. */
function bunBinary(name) {
  const pin = BUN_PACKAGES[name];
  const dir = join(cacheDir, name.replace('/', '+'));
  const bin = join(dir, 'package', 'bin', 'bun');
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
  execFileSync('tar', ['-xzf', tgz, '-C', dir, 'package/bin/bun']);
  rmSync(tgz);
  if (sha256(bin) !== pin.sha256) fail(`${bin} does not match the pinned sha256 of ${spec}: not used.`);
  chmodSync(bin, 0o755);
  return bin;
}

/** The ELF header's machine field (e_machine, little-endian at offset 18), or null when not an ELF file. */
function elfMachine(path) {
  const header = Buffer.alloc(20);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 20, 0);
  } finally {
    closeSync(fd);
  }
  if (header.readUInt32BE(0) !== 0x7f454c46) return null;
  return header.readUInt16LE(18);
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

/** sha256 over build/single-file/ (cli.mjs and its chunks), with the pinned compiler's version. */
function distHash() {
  const hash = createHash('sha256').update(`bun ${BUN_VERSION}\0${COMPILE_FLAGS.join(' ')}\0`);
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
if (
  (ifStale || checkOnly) &&
  existsSync(stampFile) &&
  readFileSync(stampFile, 'utf8').trim() === builtFrom &&
  TARGETS.every((t) => existsSync(join(outDir, `venv-doctor-${pkg.version}-${t.name}`)))
) {
  process.stdout.write('build-exe: dist-exe/ is up to date with build/single-file/\n');
  process.exit(0);
}
if (checkOnly) {
  process.stdout.write('build-exe: dist-exe/ is missing or older than build/single-file/\n');
  process.exit(1);
}

// 2. The compiler and the runtimes that go into the files, each checked against its pin. What an earlier
// run built goes first: a failed build leaves no file that looks like its result.
rmSync(outDir, { recursive: true, force: true });
const bun = bunBinary(hostPackage);
const runtimes = Object.fromEntries(TARGETS.map((t) => [t.name, bunBinary(t.pkg)]));
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
  for (const target of TARGETS) {
    const name = `venv-doctor-${pkg.version}-${target.name}`;
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
    if (elfMachine(out) !== target.elfMachine) fail(`${out} is not a ${target.arch} ELF executable.`);
    const run = runner(target);
    if (run) selfCheck(out, run);
    files.push({
      name,
      out,
      checked: run ? `checked ${run.how}` : 'not run here (other architecture; ELF header checked)',
    });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

// 4. SHA256SUMS, in sha256sum's format (two spaces: text mode, as sha256sum writes on Linux).
const sums = files.map((f) => `${sha256(f.out)}  ${f.name}\n`).join('');
writeFileSync(join(outDir, 'SHA256SUMS.tmp'), sums);
renameSync(join(outDir, 'SHA256SUMS.tmp'), join(outDir, 'SHA256SUMS'));
writeFileSync(stampFile, `${builtFrom}\n`);

process.stdout.write(`Built with Bun ${BUN_VERSION} (npm @oven/bun-*@${BUN_VERSION}):\n`);
for (const f of files) {
  const mib = (statSync(f.out).size / 1024 / 1024).toFixed(1);
  process.stdout.write(`  dist-exe/${f.name}  ${mib} MiB  ${f.checked}\n`);
}
process.stdout.write(`  dist-exe/SHA256SUMS\n${sums.replace(/^/gm, '    ').trimEnd()}\n`);
