#!/usr/bin/env node
// Whole-process wall time of venv-doctor against the floor measured in the same run:
// `node -e 0` plus `PYTHON -c 0` (the least any doctor that asks Python itself can cost).
// Runs are interleaved so that load on the machine hits every command alike; medians are reported.
//
//   npm run bench                      # 15 runs each, --python /usr/bin/python3
//   npm run bench -- --runs 30 --python /usr/bin/python3 --max-ratio 1.5 --max-rss-mib 80
//   npm run bench -- --baseline /tmp/old/dist/venv-doctor.cjs   # also time another build, same runs
//   npm run bench -- --exe dist-exe/venv-doctor-0.1.0-linux-x64 --max-exe-ratio 0.8 --max-exe-rss-mib 60
//   npm run bench -- --via-npm         # also as a clone's user starts it: node_modules/.bin, npm exec, npx
//
// The single file (npm run build:exe) is timed in the same runs when it is there (or named by --exe), and
// compared with `node -e 0` alone: it starts no Node. Its peak RSS is read by Python's getrusage of its
// children, after the timed runs.
//
// Exits 1 when a target is missed (--max-ratio, --max-rss-mib, --max-exe-ratio, --max-exe-rss-mib), so CI
// can hold the line.
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
    // Another build (its launcher, or a cli.mjs), timed in the same interleaved runs (what a change costs, free of load drift).
    baseline: { type: 'string' },
    // The single file; by default dist-exe/'s for this machine when it has been built.
    exe: { type: 'string' },
    'max-exe-ratio': { type: 'string' },
    'max-exe-rss-mib': { type: 'string' },
    // The ways a clone's user starts it (README, "Running it"), from the clone's root: what npm's start costs.
    'via-npm': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
// What users run: the launcher (package.json "bin"), which checks the Node version, then loads dist/cli.cjs.
const cli = new URL('../dist/venv-doctor.cjs', import.meta.url).pathname;
const rssHook = new URL('./rss-hook.cjs', import.meta.url).pathname;
const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
const builtExe = new URL(`../dist-exe/venv-doctor-${version}-linux-${process.arch}`, import.meta.url).pathname;
const exe = values.exe ?? (existsSync(builtExe) ? builtExe : undefined);
if (exe && !existsSync(exe)) {
  console.error(`${exe} does not exist: build it with npm run build:exe, or leave --exe out.`);
  process.exit(2);
}
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
  ...(exe ? { exe: [exe, ['--json', '--python', values.python]] } : {}),
  ...(values['via-npm']
    ? {
        bin: [
          new URL('../node_modules/.bin/venv-doctor', import.meta.url).pathname,
          ['--json', '--python', values.python],
        ],
        npmExec: ['npm', ['exec', '--', 'venv-doctor', '--json', '--python', values.python]],
        npx: ['npx', ['venv-doctor', '--json', '--python', values.python]],
      }
    : {}),
};
const times = { node: [], python: [], doctor: [], baseline: [], exe: [], bin: [], npmExec: [], npx: [] };
const cwd = new URL('..', import.meta.url).pathname;
const rss = [];
const env = { ...process.env, VENV_DOCTOR_RSS_FILE: rssFile };
delete env.CI; // the same path a user's run takes

function timeOnce(name) {
  const [file, args] = commands[name];
  const started = process.hrtime.bigint();
  const result = spawnSync(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error || (name !== 'doctor' && result.status !== 0)) {
    console.error(`${name} failed: ${result.error?.message ?? result.stderr}`);
    process.exit(2);
  }
  if (name !== 'node' && name !== 'python' && result.status !== 0) {
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

/** Peak RSS in MiB of a whole process that is not Node (the single file): the max over 5 runs. */
function peakRssOf(file, args) {
  const program =
    'import resource, subprocess, sys\n' +
    'subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30)\n' +
    'print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)';
  const peaks = [];
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(values.python, ['-I', '-c', program, file, ...args], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (r.status !== 0) {
      console.error(`peak RSS of ${file} could not be read: ${r.stderr}`);
      process.exit(2);
    }
    peaks.push(Number(r.stdout.trim()) / 1024);
  }
  return Math.max(...peaks);
}

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
    ...(values['via-npm']
      ? {
          bin: +median(times.bin).toFixed(1),
          npmExec: +median(times.npmExec).toFixed(1),
          npx: +median(times.npx).toFixed(1),
        }
      : {}),
  },
  peakRssMiB: +Math.max(...rss).toFixed(1),
};
result.floorMs = +(result.medianMs.node + result.medianMs.python).toFixed(1);
result.ratio = +(result.medianMs.doctor / result.floorMs).toFixed(2);
if (exe) {
  result.exe = {
    file: exe,
    medianMs: +median(times.exe).toFixed(1),
    ratioToNode: +(median(times.exe) / result.medianMs.node).toFixed(2),
    peakRssMiB: +peakRssOf(...commands.exe).toFixed(1),
  };
}

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
  if (values['via-npm']) {
    console.log(`node_modules/.bin    median ${result.medianMs.bin} ms`);
    console.log(`npm exec venv-doctor median ${result.medianMs.npmExec} ms`);
    console.log(`npx venv-doctor      median ${result.medianMs.npx} ms`);
  }
  if (result.exe) {
    console.log(
      `single file --json   median ${result.exe.medianMs} ms  = ${result.exe.ratioToNode} x node -e 0; peak RSS ${result.exe.peakRssMiB} MiB (${exe})`,
    );
  }
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
if (values['max-exe-ratio'] && result.exe && result.exe.ratioToNode > Number(values['max-exe-ratio'])) {
  console.error(`FAIL: the single file takes ${result.exe.ratioToNode} x node -e 0, over ${values['max-exe-ratio']}`);
  failed = true;
}
if (values['max-exe-rss-mib'] && result.exe && result.exe.peakRssMiB > Number(values['max-exe-rss-mib'])) {
  console.error(
    `FAIL: the single file's peak RSS ${result.exe.peakRssMiB} MiB exceeds ${values['max-exe-rss-mib']} MiB`,
  );
  failed = true;
}
process.exit(failed ? 1 : 0);
