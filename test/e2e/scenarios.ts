// The doctor's promise, proven on real systems: in minimal Debian 11, 12 and 13 roots where venv fails
// for the real reasons, run the doctor as a user would, run exactly the commands it printed, and show that
// a venv with pip can then be created.
//
// VENV_DOCTOR_RECORD=1 also copies each scenario's --dump-facts into test/fixtures/facts/ (the recorded
// facts the fast scenario tests replay): scripts/record-fixtures.sh.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Fix, Report } from '../../src/types.js';
import { distroNodeRuns, type Root, type Runtime, requirements, SUITES, type Suite, scenarioRoot } from './roots.js';

const FIXTURES = resolve(dirname(new URL(import.meta.url).pathname), '../fixtures/facts');
const RECORD = process.env.VENV_DOCTOR_RECORD === '1';
/** package.json engines.node: what the launcher says an older Node needs. */
const ENGINES: string = JSON.parse(readFileSync(resolve(FIXTURES, '../../../package.json'), 'utf8')).engines.node;

async function report(
  root: Root,
  options: Parameters<Root['doctor']>[1] = {},
  record?: string,
  extra: string[] = [],
): Promise<Report> {
  // The dump is the recorded fixture: unredacted, and written afresh on each run of a scenario.
  const args = ['--json', '--dump-facts', '/tmp/facts.json', '--force', '--no-redact', ...extra];
  const run = await root.doctor(args, options);
  // stderr holds only the one line saying where the facts went (the report is on stdout).
  expect(run.stderr).toMatch(/^venv-doctor: wrote the facts to \/tmp\/facts\.json \([^\n]*\n$/);
  const parsed = JSON.parse(run.stdout) as Report;
  expect(run.code).toBe(parsed.exitCode);
  if (RECORD && record && root.runtime === 'npm') {
    const target = join(FIXTURES, `${record}.json`);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(root.dir, 'tmp/facts.json'), target);
  }
  return parsed;
}

/**
 * venv-doctor --fix --yes: it runs exactly the commands it planned (shown, in order, on stderr), then
 * diagnoses again; the scenario must end green.
 */
async function fixWithDoctor(
  root: Root,
  planned: Fix[],
  extra: string[] = [],
  user: 'root' | 'tester' = 'root',
): Promise<Report> {
  const run = await root.doctor(['--json', '--fix', '--yes', ...extra], { user });
  let at = 0;
  for (const fix of planned) {
    const shown = run.stderr.indexOf(`$ ${fix.command}\n`, at);
    expect(shown, `${fix.command} was not run; stderr:\n${run.stderr}`).toBeGreaterThanOrEqual(0);
    at = shown;
  }
  const after = JSON.parse(run.stdout) as Report;
  expect(after.exitCode, run.stderr).toBe(0);
  expect(run.code).toBe(0);
  return after;
}

function statusOf(r: Report, id: string): string | undefined {
  return r.checks.find((c) => c.id === id)?.status;
}

async function applyFixes(root: Root, fixes: Fix[], user: 'root' | 'tester' = 'root'): Promise<void> {
  expect(fixes.length).toBeGreaterThan(0);
  for (const fix of fixes) await root.must(fix.argv, { user });
}

/** The text a person reads carries every fix command exactly once, verbatim. */
async function expectPlainFixes(
  root: Root,
  fixes: Fix[],
  user: 'root' | 'tester' = 'root',
  extra: string[] = [],
): Promise<string> {
  const plain = await root.doctor(extra, { user });
  for (const fix of fixes) expect(plain.stdout.split(fix.command).length - 1, plain.stdout).toBe(1);
  return plain.stdout;
}

async function expectVenvWorks(root: Root, user: 'root' | 'tester' = 'root'): Promise<void> {
  const home = user === 'root' ? '/root' : '/home/tester';
  await root.must(['python3', '-m', 'venv', `${home}/v`], { user });
  expect(await root.must([`${home}/v/bin/pip`, '--version'], { user })).toMatch(/^pip \d+/);
}

/**
 * The scenarios of one suite, with the doctor installed as `runtime` says (roots.ts): the npm package run
 * by Node, or the single file in a root without Node. Each suite and runtime is its own test file, so
 * that they run in parallel.
 */
export async function defineScenarios(suite: Suite, runtime: Runtime): Promise<void> {
  const missing = await requirements();
  it('has what the end-to-end suite needs', () => {
    expect(missing, `the e2e suite cannot run here; missing: ${missing.join('; ')}`).toEqual([]);
  });
  const py = SUITES[suite].python;
  const venvPackage = `python${py}-venv`;

  const how = runtime === 'exe' ? 'the single file, no Node' : 'the npm package';
  describe.runIf(missing.length === 0)(`Debian ${suite} (Python ${py}), ${how}`, () => {
    let root: Root | undefined;
    let started = 0;
    const open = async (name: string) => {
      started = performance.now();
      root = await scenarioRoot(suite, name, runtime);
      return root;
    };
    beforeAll(async () => {
      const t = performance.now();
      await (await scenarioRoot(suite, 'warm-up', runtime)).remove(); // builds the cached root once, timed apart from the scenarios
      console.log(`[e2e] ${suite}: root ready in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    });
    afterEach(async (context) => {
      await root?.remove();
      root = undefined;
      console.log(`[e2e] ${suite} / ${context.task.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    });

    it('python3 only: names the versioned venv package, and running the fix makes venv work', async () => {
      const r = await open('python3-only');
      const before = await report(r, {}, `${suite}/python3-only`);
      expect(before.ok).toBe(false);
      expect(before.exitCode).toBe(1);
      expect(statusOf(before, 'ensurepip')).toBe('fail');
      expect(statusOf(before, 'python')).toBe('pass');
      expect(before.python.version).toMatch(new RegExp(`^${py.replace('.', '\\.')}\\.`));
      expect(before.fixes.map((f) => f.argv)).toEqual([['apt-get', 'install', '-y', venvPackage]]);
      await expectPlainFixes(r, before.fixes);
      if (runtime === 'npm') {
        const version = await r.installDistroNode();
        expect(version).toMatch(new RegExp(`^v${SUITES[suite].node}\\.`));
        if (distroNodeRuns(suite)) {
          // The supported-runtime claim, tested: the distribution's own Node gives the same diagnosis.
          const distro = await report(r, { node: 'distro' });
          expect(distro.fixes).toEqual(before.fixes);
          expect(distro.checks.map((c) => [c.id, c.status])).toEqual(before.checks.map((c) => [c.id, c.status]));
        } else {
          // Debian 11's own Node (12): the launcher's clear word, not a SyntaxError.
          const old = await r.doctor(['--json'], { node: 'distro' });
          expect(old.code, old.stderr).toBe(3);
          expect(old.stdout).toBe('');
          expect(old.stderr).toContain(`needs Node.js ${ENGINES}; this is Node.js ${version.slice(1)} (/usr/bin/node)`);
          expect(old.stderr).toContain('npx -p node@20 -p venv-doctor@');
          expect(old.stderr).not.toMatch(/SyntaxError|\n\s+at /);
        }
      }
      await applyFixes(r, before.fixes);
      const after = await report(r, {}, `${suite}/healthy`);
      expect(after.exitCode).toBe(0);
      expect(after.fixes).toEqual([]);
      await expectVenvWorks(r);
    });

    it('empty apt lists: the fix starts with apt-get update, and running it works', async () => {
      const r = await open('empty-lists');
      await r.must(['sh', '-c', 'rm -rf /var/lib/apt/lists/*']);
      const before = await report(r, {}, `${suite}/empty-lists`);
      expect(before.exitCode).toBe(1);
      expect(before.fixes.map((f) => f.argv)).toEqual([
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', venvPackage],
      ]);
      await expectPlainFixes(r, before.fixes);
      await fixWithDoctor(r, before.fixes);
      await expectVenvWorks(r);
    });

    it('no python3 at all: says so, and the fix installs an interpreter that can make a venv', async () => {
      const r = await open('no-python');
      await r.must(['apt-get', 'purge', '-y', 'python3', 'python3-minimal', `python${py}`, `python${py}-minimal`]);
      await r.must(['apt-get', 'autoremove', '-y', '--purge']);
      const before = await report(r, {}, `${suite}/no-python`);
      expect(before.exitCode).toBe(1);
      expect(statusOf(before, 'python')).toBe('fail');
      expect(before.checks.find((c) => c.id === 'python')?.message).toContain('python3 was not found on PATH');
      expect(statusOf(before, 'ensurepip')).toBe('skip');
      expect(before.fixes.map((f) => f.argv)).toEqual([['apt-get', 'install', '-y', 'python3', 'python3-venv']]);
      await fixWithDoctor(r, before.fixes);
      await expectVenvWorks(r);
    });

    it('python3-pip without the venv package: still not ready, and the fix is the venv package', async () => {
      const r = await open('pip-only');
      await r.must(['apt-get', 'install', '-y', '--no-install-recommends', 'python3-pip']);
      const before = await report(r, {}, `${suite}/pip-only`);
      expect(before.exitCode).toBe(1);
      expect(statusOf(before, 'ensurepip')).toBe('fail');
      expect(statusOf(before, 'pip')).toBe('pass');
      expect(before.fixes.map((f) => f.argv)).toEqual([['apt-get', 'install', '-y', venvPackage]]);
      await fixWithDoctor(r, before.fixes);
      await expectVenvWorks(r);
    });

    it('healthy: the venv package installed, exit 0 and no fixes', async () => {
      const r = await open('healthy');
      await r.must(['apt-get', 'install', '-y', '--no-install-recommends', venvPackage]);
      const healthy = await report(r);
      expect(healthy.ok).toBe(true);
      expect(healthy.exitCode).toBe(0);
      expect(healthy.fixes).toEqual([]);
      for (const id of ['os', 'python', 'externally-managed', 'venv', 'ensurepip', 'pip']) {
        expect(statusOf(healthy, id), id).toBe('pass');
      }
      // The doctor runs in / here: not a project, so the project checks say so.
      expect(healthy.checks.filter((c) => c.status !== 'pass').every((c) => c.status === 'skip')).toBe(true);
      expect((await r.doctor([])).stdout).not.toContain('To fix it');
    });

    it('a half-created venv left by a failed python3 -m venv: reported, and recreated after the fix', async () => {
      const r = await open('half-created');
      await r.must(['mkdir', '-p', '/root/proj']);
      await r.must([
        'sh',
        '-c',
        'printf "[project]\\nname = \\"demo\\"\\nrequires-python = \\">=3.9\\"\\n" > /root/proj/pyproject.toml',
      ]);
      const failed = await r.run(['python3', '-m', 'venv', '/root/proj/.venv']);
      expect(failed.code).toBe(1);
      expect(failed.stdout).toMatch(/ensurepip is not\s+available/);
      const before = await report(r, {}, `${suite}/half-created`, ['/root/proj']);
      expect(before.exitCode).toBe(1);
      expect(statusOf(before, 'project-venv')).toBe('fail');
      expect(before.checks.find((c) => c.id === 'project-venv')?.message).toMatch(
        /half-created: it has no activate script and no pip/,
      );
      expect(before.fixes.map((f) => f.argv)).toEqual([
        ['apt-get', 'install', '-y', venvPackage],
        ['python3', '-I', '-m', 'venv', '--clear', '/root/proj/.venv'],
      ]);
      await expectPlainFixes(r, before.fixes, 'root', ['/root/proj']);
      const after = await fixWithDoctor(r, before.fixes, ['/root/proj']);
      expect(statusOf(after, 'project-venv')).toBe('pass');
      expect(await r.must(['/root/proj/.venv/bin/pip', '--version'])).toMatch(/^pip \d+/);
    });

    it('a user without sudo is told to run the command as root; with sudo, the fix starts with sudo', async () => {
      const r = await open('non-root');
      const plainUser = await report(r, { user: 'tester' }, `${suite}/non-root-no-sudo`);
      expect(plainUser.exitCode).toBe(1);
      expect(plainUser.fixes.map((f) => f.argv)).toEqual([['apt-get', 'install', '-y', venvPackage]]);
      expect(plainUser.fixes.every((f) => f.needsRoot)).toBe(true);
      expect(plainUser.notes.join(' ')).toMatch(/not root and sudo is not installed/);
      expect(await expectPlainFixes(r, plainUser.fixes, 'tester')).toMatch(/run the apt command as root/);

      await r.must(['apt-get', 'install', '-y', '--no-install-recommends', 'sudo']);
      await r.must(['sh', '-c', 'echo "tester ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/tester']);
      const withSudo = await report(r, { user: 'tester' }, `${suite}/non-root-sudo`);
      expect(withSudo.fixes.map((f) => f.argv)).toEqual([['sudo', 'apt-get', 'install', '-y', venvPackage]]);
      expect(withSudo.notes).toEqual([]);
      await expectPlainFixes(r, withSudo.fixes, 'tester');
      await fixWithDoctor(r, withSudo.fixes, [], 'tester'); // the user's own --fix --yes, through sudo
      await expectVenvWorks(r, 'tester');
    });
  });
}
