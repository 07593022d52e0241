// Bundles the CLI (dist/cli.mjs plus lazily loaded chunks): startup cost is a design input, and a single
// pre-linked file loads much faster than hundreds of node_modules files.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

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
    target: 'node18.19',
    minify: true,
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    define: { __VERSION__: JSON.stringify(pkg.version) },
    legalComments: 'none',
    logLevel: 'warning',
  });
}

// The shebang only on the command.
const cli = new URL('../dist/cli.mjs', import.meta.url);
writeFileSync(cli, `#!/usr/bin/env node\n${readFileSync(cli, 'utf8')}`);

// Type declarations of the API, from the sources (tsc, declarations only).
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
