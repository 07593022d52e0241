// The planner's contract, proven as a fix point in real Debian roots: run the doctor as a user would (in
// the project, or in its parent naming the project), run exactly the commands it printed (fixes[].argv,
// in order, as that user, from that directory), run the doctor again; within two rounds of fixes it says
// ready (exit 0), no round prints a fix the round before ran, and no printed command fails. Then, judged
// without the doctor: the project's .venv/bin/python meets the project's requirement, and its pip runs.
//
// In Debian unstable (sid), with several Pythons: which ones is read from the root's python3 and
// apt-cache (sid moves), and printed. In bullseye, bookworm and trixie: the one-Python scenarios, as the
// unprivileged tester (with sudo) and as root.
//
// The doctor in sid is the npm package run by Node; in the releases, the single file in a root that has
// no Node at all (the scenario files run both in every release).
//
// Fixes marked "optional" are never run here.
import { basename, dirname } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Fix, Report } from '../../src/types.js';
import {
  type Root,
  type RootSuite,
  type Runtime,
  requirements,
  type SidBuild,
  type SidPythons,
  SUITES,
  type Suite,
  scenarioRoot,
  sidBuild,
  sidPythons,
} from './roots.js';

type User = 'root' | 'tester';
/** A fix as printed; "optional" ones are advice to take or leave, and never run here. */
type PrintedFix = Fix & { optional?: boolean };

/** Rounds of fixes after which the doctor must say ready. */
const MAX_ROUNDS = 2;

interface Requirement {
  /** requires-python as written in pyproject.toml; null: the project says nothing. */
  spec: string | null;
  /** The requirement, judged here on the venv's own Python (not by the doctor's PEP 440 code). */
  meets: (major: number, minor: number) => boolean;
}

interface Scenario {
  user: User;
  /** The project directory, absolute in the root. */
  project: string;
  /** The doctor runs in the project's parent, as `venv-doctor NAME`, and the fixes run there too. */
  fromParent?: boolean;
  requirement: Requirement;
  /** The doctor must say ready at once, and plan nothing. */
  ready?: boolean;
}

const minor = (version: string) => Number(version.split('.')[1]);
const atLeast = (version: string): Requirement => ({
  spec: `>=${version}`,
  meets: (major, m) => major === 3 && m >= minor(version),
});
const series = (version: string): Requirement => ({
  spec: `==${version}.*`,
  meets: (major, m) => major === 3 && m === minor(version),
});
const anyPython: Requirement = { spec: null, meets: () => true };

const home = (user: User) => (user === 'root' ? '/root' : '/home/tester');
const tail = (text: string, lines = 40) => text.trimEnd().split('\n').slice(-lines).join('\n');
const sameArgv = (a: Fix, b: Fix) => JSON.stringify(a.argv) === JSON.stringify(b.argv);

/** The project: a pyproject.toml with [project] name, version and (when given) requires-python. */
async function makeProject(r: Root, user: User, dir: string, requirement: Requirement): Promise<void> {
  const lines = ['[project]', 'name = "demo"', 'version = "0.1.0"'];
  if (requirement.spec) lines.push(`requires-python = "${requirement.spec}"`);
  await r.must(
    ['sh', '-c', 'mkdir -p "$1" && printf "%s\\n" "$2" > "$1/pyproject.toml"', 'sh', dir, lines.join('\n')],
    {
      user,
    },
  );
}

/** sudo, and the tester allowed to use it without a password: the doctor then prints `sudo ...`. */
async function giveSudo(r: Root): Promise<void> {
  await r.must(['apt-get', 'install', '-y', '--no-install-recommends', 'sudo']);
  await r.must(['sh', '-c', 'echo "tester ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/tester']);
}

/** One run of the doctor, as the scenario's user, from where the scenario runs it. */
async function diagnose(r: Root, s: Scenario): Promise<Report> {
  const cwd = s.fromParent ? dirname(s.project) : s.project;
  const args = ['--json', ...(s.fromParent ? [basename(s.project)] : [])];
  const run = await r.doctor(args, { user: s.user, cwd });
  let report: Report;
  try {
    report = JSON.parse(run.stdout) as Report;
  } catch {
    throw new Error(
      `venv-doctor ${args.join(' ')} (exit ${run.code}) printed no report:\n${run.stdout}\n${run.stderr}`,
    );
  }
  expect(run.code, `the exit code is the report's:\n${run.stderr}`).toBe(report.exitCode);
  return report;
}

function summary(report: Report): string {
  const checks = report.checks
    .filter((c) => c.status !== 'pass' && c.status !== 'skip')
    .map((c) => `    ${c.status} ${c.id}: ${c.message}`);
  const fixes = (report.fixes as PrintedFix[]).map((f) => `    $ ${f.command}${f.optional ? '   (optional)' : ''}`);
  return [
    `  exit ${report.exitCode}, python ${report.python.command} ${report.python.version ?? '?'}`,
    ...checks,
    ...(fixes.length > 0 ? ['  fixes:', ...fixes] : []),
    ...report.advice.map((a) => `  advice: ${a}`),
  ].join('\n');
}

/**
 * The fix point: doctor, its fixes, doctor again ... until it says ready, within MAX_ROUNDS rounds of
 * fixes. Returns the transcript (also in every failure's message).
 */
async function fixPoint(r: Root, s: Scenario): Promise<string> {
  const cwd = s.fromParent ? dirname(s.project) : s.project;
  const transcript: string[] = [];
  const story = () => `\n--- as ${s.user}, in ${cwd} ---\n${transcript.join('\n')}`;
  let ran: PrintedFix[] = [];
  for (let round = 0; ; round++) {
    const report = await diagnose(r, s);
    transcript.push(`round ${round}: venv-doctor${s.fromParent ? ` ${basename(s.project)}` : ''}`, summary(report));
    if (round === 0) {
      expect(report.exitCode, `round 0 should say ${s.ready ? 'ready' : 'not ready'}${story()}`).toBe(s.ready ? 0 : 1);
    }
    const planned = (report.fixes as PrintedFix[]).filter((f) => !f.optional);
    if (report.exitCode === 0) {
      if (s.ready) expect(planned, `ready, yet it plans fixes${story()}`).toEqual([]);
      return transcript.join('\n');
    }
    expect(report.exitCode, `exit ${report.exitCode}: the doctor could not finish${story()}`).toBe(1);
    if (round === MAX_ROUNDS) throw new Error(`still not ready after ${MAX_ROUNDS} rounds of fixes${story()}`);
    expect(planned.length, `not ready, and no fix to run${story()}`).toBeGreaterThan(0);
    const again = planned.filter((f) => ran.some((done) => sameArgv(f, done)));
    expect(
      again.map((f) => f.command),
      `round ${round} prints again a fix that round ${round - 1} ran${story()}`,
    ).toEqual([]);
    for (const fix of planned) {
      const run = await r.run(fix.argv, { user: s.user, cwd });
      transcript.push(`  ran ${fix.command}: exit ${run.code}`);
      if (run.code !== 0) {
        throw new Error(
          `round ${round}: \`${fix.command}\` exited ${run.code}:\n${tail(run.stdout)}\n${tail(run.stderr)}${story()}`,
        );
      }
    }
    ran = planned;
  }
}

/** Ground truth, without the doctor: the venv's Python meets the requirement and its pip runs. */
async function expectProjectVenv(r: Root, s: Scenario, transcript: string): Promise<void> {
  const python = `${s.project}/.venv/bin/python`;
  const story = `\n--- the doctor's rounds ---\n${transcript}`;
  const version = await r.run([python, '-c', 'import sys; print(sys.version)'], { user: s.user, cwd: s.project });
  expect(version.code, `${python} does not run:\n${version.stdout}${version.stderr}${story}`).toBe(0);
  const [, major, m] = /^(\d+)\.(\d+)\./.exec(version.stdout) ?? [];
  expect(
    s.requirement.meets(Number(major), Number(m)),
    `${python} is ${version.stdout.trim()}; the project requires ${s.requirement.spec}${story}`,
  ).toBe(true);
  const pip = await r.run([python, '-m', 'pip', '--version'], { user: s.user, cwd: s.project });
  expect(pip.code, `${python} -m pip --version:\n${pip.stdout}${pip.stderr}${story}`).toBe(0);
  expect(pip.stdout).toMatch(/^pip \d+/);
}

async function proveFixPoint(r: Root, s: Scenario, label: string): Promise<void> {
  const transcript = await fixPoint(r, s);
  console.log(`[e2e] fix point, ${label}:\n${transcript}`);
  await expectProjectVenv(r, s, transcript);
}

/** Opens a scenario's root, and removes it after each test (timed, as in scenarios.ts). */
function scenarioRoots(suite: RootSuite, runtime: Runtime) {
  let root: Root | undefined;
  let started = 0;
  afterEach(async (context) => {
    await root?.remove();
    root = undefined;
    console.log(`[e2e] ${suite} / ${context.task.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
  return async (name: string): Promise<Root> => {
    started = performance.now();
    root = await scenarioRoot(suite, `fix-point-${name}`, runtime);
    return root;
  };
}

const missing = await requirements();

it('has what the end-to-end suite needs', () => {
  expect(missing, `the e2e suite cannot run here; missing: ${missing.join('; ')}`).toEqual([]);
});

// --- Debian unstable, several Pythons ------------------------------------------------------------

/** Which Pythons sid has: read from a root (built now, once, when not cached), before tests are named. */
async function chooseSidPythons(): Promise<{ pythons: SidPythons; build: SidBuild; seconds: number }> {
  const t = performance.now();
  const r = await scenarioRoot('sid', 'fix-point-choose');
  try {
    const pythons = await sidPythons(r);
    const build = sidBuild(r);
    return { pythons, build, seconds: (performance.now() - t) / 1000 };
  } finally {
    await r.remove();
  }
}

/** Named before the tests run; a root that cannot be built fails its own test, not the whole file. */
let sidError: unknown;
const sid =
  missing.length === 0
    ? await chooseSidPythons().catch((error: unknown) => {
        sidError = error;
        return undefined;
      })
    : undefined;
if (sidError !== undefined) {
  it('the Debian unstable (sid) root can be built', () => {
    throw sidError;
  });
}
if (sid) {
  const { pythons, build } = sid;
  console.log(
    `[e2e] sid: root ready in ${sid.seconds.toFixed(1)} s; python3 is ${pythons.default}; python3.X with a venv package: ${pythons.available.join(', ')}; newer N = ${pythons.newer ?? 'none'}, older O = ${pythons.older ?? 'none'}`,
  );
  if (JSON.stringify(build.pythons) !== JSON.stringify(pythons)) {
    console.log(`[e2e] sid: the root's build chose otherwise (${JSON.stringify(build.pythons)})`);
  }
}

describe.runIf(sid)('Debian unstable (sid), several Pythons', () => {
  const pythons = sid?.pythons ?? { default: '3', available: [] };
  const D = pythons.default;
  const N = pythons.newer;
  const O = pythons.older;
  const needsNewer = N ? '' : ` (needs a python3.X newer than ${D} in sid: the archive has none)`;
  const needsOlder = O ? '' : ` (needs a python3.X older than ${D} in sid: the archive has none)`;
  const open = scenarioRoots('sid', 'npm');
  const project = '/home/tester/proj';

  /** The root's build could not download this version (sid is sometimes uninstallable): say so. */
  const downloaded = (version: string) => {
    const failed = sid?.build.failed[version];
    if (failed) throw new Error(`python${version} could not be downloaded when the sid root was built:\n${failed}`);
  };
  const install = (r: Root, ...packages: string[]) =>
    r.must(['apt-get', 'install', '-y', '--no-install-recommends', ...packages]);

  /** (a): requires >=3.N, python3.N installed without python3.N-venv, no venv. */
  const newerWithoutVenv = async (name: string, fromParent: boolean) => {
    if (!N) return;
    downloaded(N);
    const r = await open(name);
    await giveSudo(r);
    await install(r, `python${N}`);
    const s: Scenario = { user: 'tester', project, fromParent, requirement: atLeast(N) };
    await makeProject(r, s.user, project, s.requirement);
    await proveFixPoint(r, s, `sid (a) ${name}`);
  };

  it.skipIf(!N)(
    `(a) requires-python >=${N ?? '3.N'}, python${N ?? '3.N'} installed without its venv package, no venv${needsNewer}`,
    () => newerWithoutVenv('a-newer-no-venv', false),
  );

  it.skipIf(!N)(
    `(a) the same, the doctor run in the project's parent as \`venv-doctor proj\`, the fixes run there${needsNewer}`,
    () => newerWithoutVenv('a-newer-no-venv-parent', true),
  );

  it.skipIf(!O)(`(b) pinned ==${O ?? '3.O'}.*, python${O ?? '3.O'} not installed${needsOlder}`, async () => {
    if (!O) return;
    downloaded(O);
    const r = await open('b-older-missing');
    await giveSudo(r);
    const s: Scenario = { user: 'tester', project, requirement: series(O) };
    await makeProject(r, s.user, project, s.requirement);
    await proveFixPoint(r, s, 'sid (b)');
  });

  it.skipIf(!N)(
    `(c) a half-made venv: python${N ?? '3.N'} -m venv .venv failed for want of python${N ?? '3.N'}-venv${needsNewer}`,
    async () => {
      if (!N) return;
      downloaded(N);
      const r = await open('c-half-made');
      await giveSudo(r);
      await install(r, `python${N}`);
      const s: Scenario = { user: 'tester', project, requirement: atLeast(N) };
      await makeProject(r, s.user, project, s.requirement);
      const failed = await r.run([`python${N}`, '-m', 'venv', '.venv'], { user: s.user, cwd: project });
      expect(failed.code, `python${N} -m venv should fail here:\n${failed.stdout}${failed.stderr}`).not.toBe(0);
      await r.must(['test', '-x', `${project}/.venv/bin/python`]); // it leaves a venv behind
      const pip = await r.run([`${project}/.venv/bin/python`, '-m', 'pip', '--version'], { user: s.user });
      expect(pip.code, 'the half-made venv should have no pip').not.toBe(0);
      await proveFixPoint(r, s, 'sid (c)');
    },
  );

  it.skipIf(!O)(
    `(d) a venv of python${O ?? '3.O'} whose Python was purged, no requirement (python3 is ${D})${needsOlder}`,
    async () => {
      if (!O) return;
      downloaded(O);
      const r = await open('d-purged');
      await giveSudo(r);
      await install(r, `python${O}`, `python${O}-venv`);
      const s: Scenario = { user: 'tester', project, requirement: anyPython };
      await makeProject(r, s.user, project, s.requirement);
      await r.must([`python${O}`, '-m', 'venv', '.venv'], { user: s.user, cwd: project });
      await r.must([`${project}/.venv/bin/python`, '-m', 'pip', '--version'], { user: s.user });
      await r.must(['apt-get', 'purge', '-y', `python${O}`, `python${O}-minimal`]);
      const gone = await r.run(['sh', '-c', `command -v python${O} || test -e /usr/bin/python${O}`]);
      expect(gone.code, `/usr/bin/python${O} should be gone:\n${gone.stdout}`).not.toBe(0);
      await proveFixPoint(r, s, 'sid (d)');
    },
  );

  it.skipIf(!O)(
    `(e) a correct venv of python${O ?? '3.O'}, pinned ==${O ?? '3.O'}.*, python3 is ${D}: ready at once, nothing planned${needsOlder}`,
    async () => {
      if (!O) return;
      downloaded(O);
      const r = await open('e-older-venv-ok');
      await giveSudo(r);
      await install(r, `python${O}`, `python${O}-venv`);
      const s: Scenario = { user: 'tester', project, requirement: series(O), ready: true };
      await makeProject(r, s.user, project, s.requirement);
      await r.must([`python${O}`, '-m', 'venv', '.venv'], { user: s.user, cwd: project });
      await proveFixPoint(r, s, 'sid (e)');
    },
  );
});

// --- the one-Python releases -----------------------------------------------------------------------

function oneRelease(suite: Suite): void {
  const runtime: Runtime = 'exe';
  describe.runIf(missing.length === 0)(`Debian ${suite} (Python ${SUITES[suite].python}), the single file`, () => {
    const py = SUITES[suite].python;
    const requirement = atLeast('3.9');
    const open = scenarioRoots(suite, runtime);
    beforeAll(async () => {
      const t = performance.now();
      await (await scenarioRoot(suite, 'fix-point-warm-up', runtime)).remove();
      console.log(`[e2e] ${suite}: root ready in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    });

    const fresh = async (user: User, fromParent: boolean) => {
      const r = await open(`fresh-${user}${fromParent ? '-parent' : ''}`);
      if (user === 'tester') await giveSudo(r);
      const s: Scenario = { user, project: `${home(user)}/proj`, fromParent, requirement };
      await makeProject(r, user, s.project, requirement);
      await proveFixPoint(r, s, `${suite} python3 only, as ${user}${fromParent ? ', from the parent' : ''}`);
    };

    it('python3 only (no venv package), a pyproject.toml, no venv: as tester, through sudo', () =>
      fresh('tester', false));
    it('python3 only (no venv package), a pyproject.toml, no venv: as root', () => fresh('root', false));
    it('the same as tester, the doctor run in the parent as `venv-doctor proj`, the fixes run there', () =>
      fresh('tester', true));

    const copied = async (user: User) => {
      const r = await open(`copied-${user}`);
      if (user === 'tester') await giveSudo(r);
      await r.must(['apt-get', 'install', '-y', '--no-install-recommends', `python${py}-venv`]);
      const s: Scenario = { user, project: `${home(user)}/proj`, requirement };
      await makeProject(r, user, s.project, requirement);
      const old = `${home(user)}/old`;
      await r.must(['python3', '-m', 'venv', `${old}/.venv`], { user });
      await r.must(['cp', '-a', `${old}/.venv`, `${s.project}/.venv`], { user });
      await proveFixPoint(r, s, `${suite} venv copied into the project, as ${user}`);
    };

    it('a working venv copied into the project (cp -a): as tester, through sudo', () => copied('tester'));
    it('a working venv copied into the project (cp -a): as root', () => copied('root'));
  });
}

oneRelease('bullseye');
oneRelease('bookworm');
oneRelease('trixie');
