#!/usr/bin/env node
// The worst inputs at each reader's cap, timed: every parser must be linear in its input, and none may hold
// the event loop (so Ctrl-C and SIGTERM) for longer than --max-block-ms. Then the real command, on a project
// whose pyproject.toml is the worst of them, stopped by SIGTERM: how long it takes to go.
//
//   npm run bench:parsers                         # figures, and exit 1 when a bound is missed
//   npm run bench:parsers -- --max-block-ms 100 --max-total-ms 1500 --max-sigterm-ms 300
//
// The parsers are bundled from src/ with esbuild into a temporary file (they are not exported by the package).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values } = parseArgs({
  options: {
    'max-block-ms': { type: 'string', default: '100' },
    'max-total-ms': { type: 'string', default: '1500' },
    'max-sigterm-ms': { type: 'string', default: '400' },
    runs: { type: 'string', default: '5' },
    python: { type: 'string', default: '/usr/bin/python3' },
  },
});
const MiB = 1024 * 1024;
const work = mkdtempSync(join(tmpdir(), 'venv-doctor-bench-parsers-'));
const entry = join(work, 'entry.ts');
writeFileSync(
  entry,
  [
    `export { parseBounded, requiresPythonLine } from ${JSON.stringify(new URL('../src/facts/pyproject.ts', import.meta.url).pathname)};`,
    `export { parseFactsFile } from ${JSON.stringify(new URL('../src/facts/facts-file.ts', import.meta.url).pathname)};`,
    `export { parsePyvenvCfg, shebangInterpreter } from ${JSON.stringify(new URL('../src/facts/venv-files.ts', import.meta.url).pathname)};`,
    `export { parseOsRelease } from ${JSON.stringify(new URL('../src/facts/os-release.ts', import.meta.url).pathname)};`,
    `export { parseAptPolicy, parseDpkgQuery } from ${JSON.stringify(new URL('../src/systems/apt.ts', import.meta.url).pathname)};`,
    `export { parse as parseToml } from 'smol-toml';`,
  ].join('\n'),
);
await build({
  entryPoints: [entry],
  outfile: join(work, 'parsers.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  logLevel: 'warning',
  nodePaths: [new URL('../node_modules', import.meta.url).pathname],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const p = await import(join(work, 'parsers.mjs'));

/** Fills up to `bytes` with `unit(i)`, then adds `tail`. */
const fill = (bytes, unit, head = '', tail = '') => {
  const parts = [head];
  for (let i = 0, size = head.length; size < bytes - tail.length - 100; i++) {
    const piece = unit(i);
    parts.push(piece);
    size += piece.length;
  }
  parts.push(tail);
  return parts.join('');
};
const REQ = 'requires-python = ">=3.9"\n';
const pyprojects = {
  'look-alike lines in 28k tables': fill(MiB, (i) => `[tool.a${i}]\n${REQ}`, '', `[project]\n${REQ}`),
  'look-alike lines in one multi-line string': fill(MiB, () => REQ, '[project]\ndescription = """\n', `"""\n${REQ}`),
  'look-alike lines in [project] (duplicates: invalid)': fill(MiB, () => REQ, '[project]\n'),
  'keys in [project]': fill(MiB, (i) => `k${i} = ${i}\n`, `[project]\n${REQ}`),
  'keys in [tool.poetry]': fill(MiB, (i) => `k${i} = ${i}\n`, `[project]\n${REQ}[tool.poetry]\n`),
  'one long line': fill(MiB, () => 'a'.repeat(1024), `[project]\n${REQ}name = "`, '"\n'),
  'deep nesting': `[project]\n${REQ}x = ${'['.repeat(MiB / 2 - 100)}${']'.repeat(MiB / 2 - 100)}\n`,
  'unterminated strings': fill(MiB, () => 'a = "\n', '[project]\n'),
  'quotes and escapes': fill(MiB, () => 'k = "\\"\\\\\\"\'\'\'"""\n'),
};

async function timed(run) {
  let longest = 0;
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 5));
  last = performance.now();
  const result = await run();
  const total = performance.now() - started - 5;
  const now = performance.now();
  longest = Math.max(longest, now - last);
  clearInterval(tick);
  return { total, longest, result };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
const runs = Number(values.runs);
async function measure(name, bytes, run) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await timed(run));
  rows.push({
    name,
    bytes,
    total: median(samples.map((s) => s.total)),
    longest: median(samples.map((s) => s.longest)),
    outcome: samples[0].result,
  });
}

for (const [name, text] of Object.entries(pyprojects)) {
  await measure(`pyproject.toml: ${name}`, text.length, async () => {
    // A parser of its own each run: parseBounded keeps the last result for the same text and parser.
    const parse = (t) => p.parseToml(t);
    const parsed = await p.parseBounded(text, parse);
    if ('doc' in parsed) return `parsed, line ${await p.requiresPythonLine(parsed.text, parse)}`;
    return 'error' in parsed ? 'not TOML' : 'too large';
  });
}
// A facts file at its cap (4 MiB; a real dump is 10 to 50 KB): one huge string, and a huge array, each past what the schema allows.
const factsCap = 4 * MiB;
const big = JSON.stringify({ factsVersion: 1, gatheredBy: 'x'.repeat(factsCap - 100), host: {}, os: {}, python: {} });
await measure('facts file: one long string', big.length, async () =>
  'error' in (await p.parseFactsFile(big)) ? 'refused' : 'read',
);
const wide = `{"factsVersion":1,"gatheredBy":"x","host":{},"os":{},"python":{"others":[${'{"name":"python3.1","path":"/x"},'.repeat(factsCap / 34 - 10)}{}]}}`;
await measure('facts file: a wide array', wide.length, async () =>
  'error' in (await p.parseFactsFile(wide)) ? 'refused' : 'read',
);
// Text readers at their caps (each file is read bounded by the gatherer: pyvenv.cfg 64 KiB, os-release 64 KiB).
const cfg = fill(64 * 1024, (i) => `k${i} = ${'='.repeat(20)}\n`, 'home = /usr/bin\n');
await measure('pyvenv.cfg (64 KiB)', cfg.length, async () => Object.keys(p.parsePyvenvCfg(cfg)).length);
const osr = fill(64 * 1024, () => `X="${'\\"'.repeat(30)}\n`, 'ID=debian\n');
await measure('os-release (64 KiB)', osr.length, async () => p.parseOsRelease(osr)?.id);
// Commands' output is read up to 256 KiB for these two (src/facts/gather.ts; a real answer is a few KB).
const QUERY = 256 * 1024;
const policy = fill(QUERY, (i) => `python3.${i}:\n  Installed: (none)\n  Candidate: 1.${i}\n`);
await measure(
  'apt-cache policy output (256 KiB)',
  policy.length,
  async () => Object.keys(p.parseAptPolicy(policy)).length,
);
const colons = `${'a:'.repeat(QUERY / 2 - 10)}\n`;
await measure(
  'apt-cache policy: one line of colons (256 KiB)',
  colons.length,
  async () => Object.keys(p.parseAptPolicy(colons)).length,
);
const dpkg = fill(QUERY, (i) => `python3.${i}\tii \t3.${i}-1\n`);
await measure('dpkg-query output (256 KiB)', dpkg.length, async () => Object.keys(p.parseDpkgQuery(dpkg)).length);

// The real command, on a project whose pyproject.toml is the slowest above: SIGTERM while it reads.
const worst = rows.filter((r) => r.name.startsWith('pyproject')).sort((a, b) => b.total - a.total)[0];
const project = join(work, 'project');
mkdirSync(project);
writeFileSync(join(project, 'pyproject.toml'), pyprojects[worst.name.replace('pyproject.toml: ', '')]);
const cli = new URL('../dist/venv-doctor.cjs', import.meta.url).pathname;
const sigterm = [];
for (let i = 0; i < runs; i++) {
  sigterm.push(
    await new Promise((resolve) => {
      const child = spawn(process.execPath, [cli, '--json', '--python', values.python, project], { stdio: 'ignore' });
      let sent = 0;
      setTimeout(() => {
        sent = performance.now();
        child.kill('SIGTERM');
      }, 150);
      child.on('exit', () => resolve(sent ? performance.now() - sent : 0));
    }),
  );
}
rmSync(work, { recursive: true, force: true });

const maxBlock = Number(values['max-block-ms']);
const maxTotal = Number(values['max-total-ms']);
const maxSigterm = Number(values['max-sigterm-ms']);
let missed = 0;
console.log(`medians of ${runs} runs; the longest the event loop was held, and the whole read\n`);
for (const r of rows) {
  const over = r.longest > maxBlock || r.total > maxTotal;
  missed += over ? 1 : 0;
  console.log(
    `${over ? 'MISS' : 'ok  '}  ${r.name.padEnd(62)} ${(r.bytes / 1024).toFixed(0).padStart(6)} KiB  held ${r.longest.toFixed(1).padStart(6)} ms  total ${r.total.toFixed(1).padStart(7)} ms  (${r.outcome})`,
  );
}
const term = median(sigterm);
const termOver = term > maxSigterm;
missed += termOver ? 1 : 0;
console.log(
  `\n${termOver ? 'MISS' : 'ok  '}  SIGTERM to the command reading "${worst.name}": gone after ${term.toFixed(0)} ms (median; bound ${maxSigterm} ms, which includes Node's own exit)`,
);
console.log(`\nbounds: held <= ${maxBlock} ms, total <= ${maxTotal} ms`);
process.exit(missed > 0 ? 1 : 0);
