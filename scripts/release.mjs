#!/usr/bin/env node
// Makes the files of a release in release/v<version>/, from a clean checkout:
//
//   venv-doctor-<version>-linux-x64, -linux-arm64, -darwin-arm64, -darwin-x64, -windows-x64.exe
//                                the single files (scripts/build-exe.mjs)
//   venv-doctor-<version>.tgz    the npm package, as npm publish sends it
//   SHA256SUMS                   sha256sum's format, all six
//   NOTES.md                     this version's section of CHANGELOG.md
//
//   npm run release                  # refuses a dirty tree: a release is of a commit
//   npm run release -- --trial       # a trial run: a dirty tree, and no notes yet, are let through
//
// The GitHub workflow .github/workflows/release.yml runs it on a tag v<version> and publishes what it made.
// Nothing here uploads or publishes: it builds, checks and lists.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = join(root, 'release', `v${pkg.version}`);
const trial = process.argv.includes('--trial');

function fail(message) {
  process.stderr.write(`release: ${message}\n`);
  process.exit(1);
}

function run(file, args, options = {}) {
  const r = spawnSync(file, args, { cwd: root, encoding: 'utf8', timeout: 20 * 60_000, ...options });
  if (r.status !== 0) {
    const why = r.error ? r.error.message : r.signal ? `killed by ${r.signal}` : `exit ${r.status}`;
    fail(`${file} ${args.join(' ')} failed (${why}):\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  }
  return r.stdout ?? '';
}

/** npm's own command: the one running this script under `npm run`, else npm on PATH. */
function npm(args) {
  // npm_execpath is npm's own only under npm (yarn and pnpm set theirs).
  const cli = process.env.npm_execpath;
  const isNpm = cli && /[\\/]npm(-cli)?\.js$/.test(cli);
  return isNpm ? run(process.execPath, [cli, ...args]) : run('npm', args);
}

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

// 1. A release is of a commit: nothing uncommitted may go into it.
const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' });
if (status.status !== 0 && !trial) {
  fail(
    `cannot tell whether the tree is clean (git: ${status.error?.message ?? status.stderr.trim()}): a release is of a commit.`,
  );
}
if (status.status === 0 && status.stdout.trim() !== '' && !trial) {
  fail(`the tree has uncommitted changes:\n${status.stdout}(commit them, or --trial for a trial run)`);
}
const commit = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout?.trim() || 'unknown';

// 2. This version's notes: a release needs them (CHANGELOG.md "## [<version>]").
const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
const section = new RegExp(
  `^## \\[${pkg.version.replace(/\./g, '\\.')}\\][^\\n]*\\n([\\s\\S]*?)(?=^## \\[|(?![\\s\\S]))`,
  'm',
);
const found = section.exec(changelog);
// Keep a Changelog's link references ("[0.1.0]: https://...") belong to the file, not to the notes.
const notes = found?.[1]
  ?.split('\n')
  .filter((line) => !/^\[[^\]]+\]:\s/.test(line))
  .join('\n')
  .trim();
if (!notes && !trial) {
  fail(
    found
      ? `CHANGELOG.md's section "## [${pkg.version}]" is empty: write the notes first.`
      : `CHANGELOG.md has no section "## [${pkg.version}]": write the notes first.`,
  );
}

// 3. The single files (their own checks: the ELF, Mach-O or PE header, the macOS files' code signature; the
// files of this machine run: --version, .env and bunfig.toml ignored) and the package.
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
run(process.execPath, [join(root, 'scripts', 'build-exe.mjs')], { stdio: ['ignore', 'inherit', 'inherit'] });
const SINGLE_FILES = ['linux-x64', 'linux-arm64', 'darwin-arm64', 'darwin-x64', 'windows-x64.exe'].map(
  (target) => `venv-doctor-${pkg.version}-${target}`,
);
const exes = readdirSync(join(root, 'dist-exe')).filter((f) => f.startsWith(`venv-doctor-${pkg.version}-`));
if (exes.sort().join() !== [...SINGLE_FILES].sort().join()) {
  fail(`expected the single files ${SINGLE_FILES.join(', ')} in dist-exe/, found: ${exes.join(', ') || 'none'}`);
}
for (const f of exes) copyFileSync(join(root, 'dist-exe', f), join(out, f));
const packOutput = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', out]);
let tarball;
try {
  tarball = JSON.parse(packOutput)[0]?.filename;
} catch {
  fail(`npm pack --json printed no JSON:\n${packOutput.slice(0, 2000)}`);
}
if (!tarball || !existsSync(join(out, tarball))) fail('npm pack wrote no tarball');

// 4. SHA256SUMS over everything users download, checked again as `sha256sum -c` would.
const assets = [...SINGLE_FILES, tarball];
const sums = assets.map((f) => `${sha256(join(out, f))}  ${f}\n`).join('');
writeFileSync(join(out, 'SHA256SUMS'), sums);
for (const line of readFileSync(join(out, 'SHA256SUMS'), 'utf8').trim().split('\n')) {
  const [hash, name] = line.split('  ');
  if (sha256(join(out, name)) !== hash) fail(`${name} does not match SHA256SUMS`);
}
const exeSums = readFileSync(join(root, 'dist-exe', 'SHA256SUMS'), 'utf8');
for (const f of exes) {
  if (!exeSums.includes(`${sha256(join(out, f))}  ${f}`)) fail(`${f} differs from what build-exe.mjs checked`);
}
writeFileSync(
  join(out, 'NOTES.md'),
  `${notes ?? '(no notes: trial run)'}\n\nBuilt from ${commit}. Check the files with \`sha256sum -c --ignore-missing SHA256SUMS\` (macOS: \`shasum -a 256 -c --ignore-missing SHA256SUMS\`; Windows: \`Get-FileHash\`); installing: docs/install.md.\n`,
);

process.stdout.write(`release v${pkg.version} (${commit.slice(0, 12)}) in ${out}:\n`);
for (const f of [...assets, 'SHA256SUMS', 'NOTES.md']) {
  process.stdout.write(`  ${f}  ${(statSync(join(out, f)).size / 1024 / 1024).toFixed(1)} MiB\n`);
}
