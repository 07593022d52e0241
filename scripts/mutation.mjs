// `npm run test:mutation [-- stryker options]`: StrykerJS, fetched when it is run, never by `npm install`.
//
// It is the workshop, not the product: its Babel 8 wants Node 22.12+ (EBADENGINE warnings on Node 20, the
// Node this project is developed on) and it is 160 packages nobody needs to run or test the doctor. So it is
// not a devDependency: this script installs the pinned versions into node_modules with `npm install
// --no-save` (package.json and the lock stay as they are; the next `npm install` or `npm ci` prunes them),
// with npm's node@22 when this Node is older, and runs StrykerJS on that Node. docs/mutation.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Pinned: the committed incremental results (test/mutation/incremental.json) are this version's. */
const STRYKER_VERSION = '10.1.1';
const PACKAGES = ['@stryker-mutator/core', '@stryker-mutator/vitest-runner'];

function installedVersion(name) {
  const file = join(ROOT, 'node_modules', name, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : null;
}

/** This Node when it is 22 or newer, else npm's node@22 (downloaded once into npx's cache). */
function node22() {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  const printed = execFileSync('npx', ['-y', '-p', 'node@22', 'node', '-p', 'process.execPath'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return printed.trim().split('\n').at(-1);
}

const node = node22();
// npm and StrykerJS's child processes (`#!/usr/bin/env node`) run on that Node too.
const env = { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` };

const missing = PACKAGES.filter((name) => installedVersion(name) !== STRYKER_VERSION);
if (missing.length > 0) {
  console.log(`installing StrykerJS ${STRYKER_VERSION} for this run (npm install --no-save, on Node ${node})`);
  const npm = process.env.npm_execpath;
  const [program, args] = npm?.endsWith('.js') ? [node, [npm]] : ['npm', []];
  const specs = PACKAGES.map((name) => `${name}@${STRYKER_VERSION}`);
  const installed = spawnSync(program, [...args, 'install', '--no-save', '--no-audit', '--no-fund', ...specs], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  });
  if (installed.status !== 0) process.exit(installed.status ?? 1);
}

const stryker = join(ROOT, 'node_modules/@stryker-mutator/core/bin/stryker.js');
const run = spawnSync(node, [stryker, 'run', ...process.argv.slice(2)], { cwd: ROOT, env, stdio: 'inherit' });
process.exit(run.status ?? 1);
