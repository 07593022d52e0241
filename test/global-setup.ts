// Before the tests: build dist/ from the tree, so that the CLI tests (which run the built dist/venv-doctor.cjs)
// test the code in the tree, never a build left from before an edit.
//
// The build (node scripts/build.mjs, a few seconds) runs when the sources differ from what dist/ was built
// from: a hash of every input of the build is kept in dist/.source-hash. With VENV_DOCTOR_CLI set, the
// tests run that other build and nothing is built here.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT } from './helpers/paths.js';

/** Everything the build reads from the tree. */
const INPUTS = ['src', 'checks', 'package.json', 'package-lock.json', 'scripts/build.mjs', 'tsconfig.build.json'];
const STAMP = join(PROJECT, 'dist/.source-hash');
const LOCK = join(PROJECT, 'node_modules/.venv-doctor-build.lock');

function files(path: string): string[] {
  const full = join(PROJECT, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(files)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(PROJECT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const upToDate = (hash: string) =>
  ['dist/venv-doctor.cjs', 'dist/cli.cjs', 'dist/api/index.mjs', 'build/single-file/cli.mjs'].every((f) =>
    existsSync(join(PROJECT, f)),
  ) &&
  existsSync(STAMP) &&
  readFileSync(STAMP, 'utf8').trim() === hash;

/** One build at a time when several test runs start together in the same tree. */
function withLock<T>(action: () => T): T {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock left by a run that was killed: older than any build takes.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 120_000) rmSync(LOCK, { recursive: true });
      if (Date.now() > deadline) throw new Error(`${relative(PROJECT, LOCK)} is held by another build: remove it`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    return action();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export default function setup(): void {
  const other = process.env.VENV_DOCTOR_CLI;
  if (other) {
    if (!existsSync(other)) throw new Error(`VENV_DOCTOR_CLI names ${other}, which does not exist`);
    console.log(`[venv-doctor] testing the build VENV_DOCTOR_CLI=${other}; dist/ is not rebuilt`);
    return;
  }
  withLock(() => {
    const hash = sourceHash();
    if (upToDate(hash)) return;
    const started = Date.now();
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: PROJECT, encoding: 'utf8' });
    if (build.status !== 0) {
      throw new Error(
        `the build failed (node scripts/build.mjs, exit ${build.status}):\n${build.stdout}${build.stderr}`,
      );
    }
    writeFileSync(STAMP, `${hash}\n`);
    console.log(`[venv-doctor] built dist/ from the tree in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
}
