// Bundles the CLI (dist/venv-doctor.cjs, the launcher; dist/cli.cjs, the command; dist/vendor/, the libraries
// it loads on demand; dist/api/, the programmatic API) and build/single-file/ (the command as ES modules, for
// scripts/build-exe.mjs): startup cost is a design input, and a single pre-linked file loads much faster than
// hundreds of node_modules files.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { build } from 'esbuild';
import semverMinVersion from 'semver/ranges/min-version.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

rmSync('dist', { recursive: true, force: true });
rmSync('build', { recursive: true, force: true });

/** The libraries the command loads only when it needs them (import() in src/): never at start. */
const LAZY = ['listr2', 'execa', 'systeminformation', 'smol-toml', 'ajv', 'yaml'];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18.13',
  minify: true,
  define: { __VERSION__: JSON.stringify(pkg.version) },
  legalComments: 'none',
  logLevel: 'warning',
};
// ES modules wherever they are copied, without a package.json beside them (Node 18 does not detect module
// syntax); the banner gives bundled CommonJS libraries their require().
const esm = {
  ...common,
  format: 'esm',
  splitting: true,
  entryNames: '[name]',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
};

// The command Node runs: CommonJS. Node 20 starts an ES module ~10 ms later than a CommonJS file (its ES module
// loader), and the healthy run measured 210 -> 196 ms (docs/performance.md). The libraries loaded on demand
// stay ES modules of their own in dist/vendor/, import()ed from it; the renderers loaded on demand are small
// and are in the file (esbuild evaluates them only when imported).
await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.cjs',
  format: 'cjs',
  // import() stays import() (of an ES module in dist/vendor/), not a require().
  supported: { 'dynamic-import': true },
  plugins: [
    {
      name: 'lazy-libraries',
      setup(b) {
        const names = new RegExp(`^(${LAZY.join('|')})$`);
        b.onResolve({ filter: names }, (args) => ({ path: `./vendor/${args.path}.mjs`, external: true }));
      },
    },
  ],
});
await build({ ...esm, entryPoints: Object.fromEntries(LAZY.map((name) => [name, name])), outdir: 'dist/vendor' });

// The programmatic API: ES modules.
await build({ ...esm, entryPoints: ['src/index.ts'], outdir: 'dist/api' });

// The command as one ES module with its chunks, for the single file (scripts/build-exe.mjs): Bun's bytecode
// needs ESM for a top-level await, and loads a chunk only when it is imported. Not in the npm package.
await build({ ...esm, entryPoints: ['src/cli.ts'], outdir: 'build/single-file' });

// The launcher users run (package.json "bin"): CommonJS in syntax Node 10 parses, semver bundled in, so that
// an old Node gets a clear message (src/launcher/launcher.ts).
await build({
  entryPoints: ['src/launcher/launcher.ts'],
  outfile: 'dist/venv-doctor.cjs',
  // import() of the ES module command stays import() (Node 10 parses it), not a require() of an ES module.
  supported: { 'dynamic-import': true },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node10',
  minify: true,
  banner: { js: '#!/usr/bin/env node' },
  // The command, beside it in dist/, loaded once the Node version is known to be new enough.
  external: ['./cli.cjs'],
  define: {
    __VERSION__: JSON.stringify(pkg.version),
    __ENGINES__: JSON.stringify(pkg.engines.node),
    __LOWEST__: JSON.stringify(lowestNode(pkg.engines.node)),
  },
  legalComments: 'none',
  logLevel: 'warning',
});

/** engines' lowest Node as numbers, when engines is a plain ">=" range (the launcher's fast path). */
function lowestNode(range) {
  if (!/^>=\s*\d+(\.\d+){0,2}$/.test(range.trim())) return null;
  const lowest = semverMinVersion(range);
  return lowest ? [lowest.major, lowest.minor, lowest.patch] : null;
}

// Type declarations of the API, from the sources (tsc, declarations only).
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

// The command is executable, as npm makes a package's bin when it installs it; and in a clone (where npm
// links no bin of the package itself), node_modules/.bin/venv-doctor points at it, so that
// `npx -p node@12 venv-doctor` finds this build as it finds the registry's (and a too-old Node gets the
// launcher's message, not "venv-doctor: not found").
chmodSync('dist/venv-doctor.cjs', 0o755);
const binDir = new URL('../node_modules/.bin/', import.meta.url);
if (existsSync(new URL('..', binDir))) {
  const link = new URL('venv-doctor', binDir);
  mkdirSync(binDir, { recursive: true });
  rmSync(link, { force: true });
  symlinkSync('../../dist/venv-doctor.cjs', link);
}
