#!/usr/bin/env node
// Whole-process wall time of venv-doctor against the floor measured in the same run:
// `node -e 0` plus `PYTHON -c 0` (the least any doctor that asks Python itself can cost).
// Runs are interleaved so that load on the machine hits every command alike; medians are reported.
//
//   npm run bench                      # 15 runs each, --python /usr/bin/python3
//   npm run bench -- --runs 30 --python /usr/bin/python3 --max-ratio 1.5 --max-rss-mib 80
//   npm run bench -- --baseline /tmp/old/dist/cli.mjs   # also time another build, same runs
//
// Exits 1 when a target is missed (--max-ratio, --max-rss-mib), so CI can hold the line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    python: { type: 'string', default: '/usr/bin/python3' },
    'max-ratio': { type: 'string' },
    'max-rss-mib': { type: 'string' },
    json: { type: 'boolean', default: false },
    // Another build's cli.mjs, timed in the same interleaved runs (what a change costs, free of load drift).
    baseline: { type: 'string' },
  },
});
const runs = Number(values.runs);
// What users run: the launcher (package.json "bin"), which checks the Node version, then loads dist/cli.mjs.
const cli = new URL('../dist/venv-doctor.cjs', import.meta.url).pathname;
const rssHook = new URL('./rss-hook.cjs', import.meta.url).pathname;
if (!existsSync(cli)) {
  console.error('dist/venv-doctor.cjs is missing: run npm run build first.');
  process.exit(2);
}
if (!existsSync(values.python)) {
  console.error(`${values.python} does not exist: choose an interpreter with --python.`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'venv-doctor-bench-'));
const rssFile = join(work, 'rss');
const commands = {
  node: [process.execPath, ['-e', '0']],
  python: [values.python, ['-c', '0']],
  doctor: [process.execPath, ['--require', rssHook, cli, '--json', '--python', values.python]],
  ...(values.baseline
    ? { baseline: [process.execPath, ['--require', rssHook, values.baseline, '--json', '--python', values.python]] }
    : {}),
};
const times = { node: [], python: [], doctor: [], baseline: [] };
const rss = [];
const env = { ...process.env, VENV_DOCTOR_RSS_FILE: rssFile };
delete env.CI; // the same path a user's run takes

function timeOnce(name) {
  const [file, args] = commands[name];
  const started = process.hrtime.bigint();
  const result = spawnSync(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error || (name !== 'doctor' && result.status !== 0)) {
    console.error(`${name} failed: ${result.error?.message ?? result.stderr}`);
    process.exit(2);
  }
  if ((name === 'doctor' || name === 'baseline') && result.status !== 0) {
    console.error(`the doctor is not measured on a healthy machine here (exit ${result.status}); bench needs exit 0.`);
    process.exit(2);
  }
  return ms;
}

// One warm-up of each (page cache), then interleaved measured runs.
for (const name of Object.keys(commands)) timeOnce(name);
for (let i = 0; i < runs; i++) {
  for (const name of Object.keys(commands)) {
    times[name].push(timeOnce(name));
    if (name === 'doctor') rss.push(Number(readFileSync(rssFile, 'utf8')) / 1024);
  }
}
rmSync(work, { recursive: true, force: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const result = {
  runs,
  python: values.python,
  medianMs: {
    node: +median(times.node).toFixed(1),
    python: +median(times.python).toFixed(1),
    doctor: +median(times.doctor).toFixed(1),
    ...(values.baseline ? { baseline: +median(times.baseline).toFixed(1) } : {}),
  },
  peakRssMiB: +Math.max(...rss).toFixed(1),
};
result.floorMs = +(result.medianMs.node + result.medianMs.python).toFixed(1);
result.ratio = +(result.medianMs.doctor / result.floorMs).toFixed(2);

if (values.json) {
  console.log(JSON.stringify(result, null, 2));
} else {
  console.log(`runs: ${runs} each, interleaved; python: ${values.python}`);
  console.log(`node -e 0            median ${result.medianMs.node} ms`);
  console.log(`${values.python} -c 0  median ${result.medianMs.python} ms`);
  console.log(`floor (sum)          ${result.floorMs} ms`);
  console.log(`venv-doctor --json   median ${result.medianMs.doctor} ms  = ${result.ratio} x floor`);
  if (values.baseline) {
    const delta = result.medianMs.doctor - result.medianMs.baseline;
    console.log(
      `baseline --json      median ${result.medianMs.baseline} ms  = ${(result.medianMs.baseline / result.floorMs).toFixed(2)} x floor (this build ${delta >= 0 ? '+' : ''}${delta.toFixed(1)} ms)`,
    );
  }
  console.log(`peak RSS             ${result.peakRssMiB} MiB`);
}
let failed = false;
if (values['max-ratio'] && result.ratio > Number(values['max-ratio'])) {
  console.error(`FAIL: ${result.ratio} x floor exceeds ${values['max-ratio']}`);
  failed = true;
}
if (values['max-rss-mib'] && result.peakRssMiB > Number(values['max-rss-mib'])) {
  console.error(`FAIL: peak RSS ${result.peakRssMiB} MiB exceeds ${values['max-rss-mib']} MiB`);
  failed = true;
}
process.exit(failed ? 1 : 0);
