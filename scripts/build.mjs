// Bundles the CLI (dist/cli.mjs plus lazily loaded chunks): startup cost is a design input, and a single
// pre-linked file loads much faster than hundreds of node_modules files.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import semverMinVersion from 'semver/ranges/min-version.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

rmSync('dist', { recursive: true, force: true });
// The command and the programmatic API are built apart: shared chunks would make the command load more
// files at start (measured here: 1.47 x -> 1.42 x of the benchmark floor).
for (const [entry, outdir] of [
  ['src/cli.ts', 'dist'],
  ['src/index.ts', 'dist/api'],
]) {
  await build({
    entryPoints: [entry],
    outdir,
    entryNames: '[name]',
    // .mjs, so that the files are ES modules wherever they are copied, without a package.json beside them
    // (Node 18 does not detect module syntax).
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    // listr2, systeminformation and smol-toml are import()ed where needed: chunks loaded only then.
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node18.13',
    minify: true,
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    define: { __VERSION__: JSON.stringify(pkg.version) },
    legalComments: 'none',
    logLevel: 'warning',
  });
}

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

// The shebang only on the command.
const cli = new URL('../dist/cli.mjs', import.meta.url);
writeFileSync(cli, `#!/usr/bin/env node\n${readFileSync(cli, 'utf8')}`);

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
