// Bundles the CLI (dist/cli.mjs plus lazily loaded chunks): startup cost is a design input, and a single
// pre-linked file loads much faster than hundreds of node_modules files.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  entryNames: '[name]',
  // .mjs, so that the files are ES modules wherever they are copied, without a package.json beside them
  // (Node 18 does not detect module syntax).
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  // execa, listr2 and systeminformation are import()ed where needed: split into chunks that load only then.
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node18.19',
  minify: true,
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  define: { __VERSION__: JSON.stringify(pkg.version) },
  legalComments: 'none',
  logLevel: 'warning',
});
