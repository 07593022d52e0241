// The unit suite (`npm test`) on a user's fresh Debian 12: a bookworm root (roots.ts) with only python3
// and Debian's nodejs, plus Debian's npm to run `npm test` as the README says (npm pulls in node-* and
// two python3 libraries, never python3.11-venv, git, virtualenv or a compiler). The repository is copied in
// as it is here (with its node_modules; without .git, dist/ or anything beside it: no ../shared), and the
// suite runs as an unprivileged user, as a person would run it. It must pass with no failures; whatever
// the machine lacks (git, virtualenv, pyenv, the venv package) is skipped with the reason in its title.
//
// Debian's npm and what it needs are downloaded once into the e2e cache (bookworm-npm-debs/ beside the
// roots), so a second run needs only `apt-get update`.
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_UNEXPLAINED_SKIPS } from '../helpers/known-skips.js';
import { CACHE, type Root, requirements, scenarioRoot } from './roots.js';

const PROJECT = resolve(dirname(new URL(import.meta.url).pathname), '../..');
/** Where the copy lives in the root: the tester's home, with nothing else of the project beside it. */
const COPY = '/home/tester/venv-doctor';
const RESULTS = '/tmp/unit-results.json';
/** A hang guard, not a target: both suites, in a root, on a 2-core machine shared with the other e2e files. */
const RUN_LIMIT_MS = 1_200_000;
const NPM_DEBS = join(CACHE, 'bookworm-npm-debs');
const ARCHIVES = 'var/cache/apt/archives';
/** Not part of a clone (.git is, but nothing in the suite reads it), or made by the suite itself. */
const LEFT_OUT = new Set(['.git', 'dist', 'dist-exe', 'release', '.stryker-tmp', 'reports', 'coverage', '.cache']);

interface VitestJson {
  success: boolean;
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
  }[];
}

const missing = await requirements();

it('has what the end-to-end suite needs', () => {
  expect(missing, `the e2e suite cannot run here; missing: ${missing.join('; ')}`).toEqual([]);
});

describe.runIf(missing.length === 0)("npm test on a fresh Debian 12 (python3 and Debian's nodejs only)", () => {
  let root: Root | undefined;

  beforeAll(async () => {
    const started = performance.now();
    root = await scenarioRoot('bookworm', 'fresh-unit-suite');
    const r = root;
    // Debian's npm, from the cache when it is there.
    const archives = join(r.dir, ARCHIVES);
    const before = new Set(readdirSync(archives));
    if (existsSync(NPM_DEBS)) {
      for (const deb of readdirSync(NPM_DEBS)) copyFileSync(join(NPM_DEBS, deb), join(archives, deb));
    }
    await r.must(['apt-get', 'update']);
    await r.must(['apt-get', 'install', '-y', '--no-install-recommends', 'npm']);
    mkdirSync(NPM_DEBS, { recursive: true });
    for (const deb of readdirSync(archives)) {
      if (deb.endsWith('.deb') && !before.has(deb)) copyFileSync(join(archives, deb), join(NPM_DEBS, deb));
    }
    // What makes this machine "fresh": none of what CI installs for the suite.
    const absent = await r.run([
      'sh',
      '-c',
      'for c in git virtualenv pyenv gcc; do command -v $c; done; python3 -c "import ensurepip"; dpkg -s python3.11-venv',
    ]);
    expect(absent.stdout.trim(), 'the root should have no git, virtualenv, pyenv or compiler').toBe('');
    expect(absent.stderr).toContain("No module named 'ensurepip'");
    expect(absent.stderr).toMatch(/package 'python3\.11-venv' is not installed/);

    // The repository as a user's clone has it, owned by the user who runs the tests.
    cpSync(PROJECT, join(r.dir, COPY), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (path) => {
        const rel = relative(PROJECT, path);
        return !LEFT_OUT.has(rel) && rel !== 'node_modules/.venv-doctor-build.lock' && !rel.endsWith('.tgz');
      },
    });
    await r.must(['chown', '-R', 'tester:tester', COPY]);
    // A Debian system names itself localhost in /etc/hosts (netbase / the installer); debootstrap's minbase
    // root has none, and vitest's server resolves localhost.
    await r.must([
      'sh',
      '-c',
      'grep -qs localhost /etc/hosts || printf "127.0.0.1\\tlocalhost\\n::1\\tlocalhost\\n" >> /etc/hosts',
    ]);
    console.log(
      `[e2e] fresh Debian 12: npm installed, repository copied in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  });

  afterAll(async () => {
    await root?.remove();
  });

  it('npm test passes there: no failures, and what is skipped says what it needs', async () => {
    const r = root;
    if (!r) throw new Error('the root was not made');
    const started = performance.now();
    const run = await r.run(
      // npm test and, in the same run, the tests of the built command (npm run test:cli's project).
      [
        'sh',
        '-c',
        `cd ${COPY} && exec npm test -- --project cli --reporter=default --reporter=json --outputFile.json=${RESULTS}`,
      ],
      {
        user: 'tester',
        env: { NO_UPDATE_NOTIFIER: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false' },
        // 140 s alone; beside the other e2e workers on two cores it has taken 614 s (then killed at 600 s).
        timeoutMs: RUN_LIMIT_MS,
      },
    );
    console.log(`[e2e] fresh Debian 12: npm test took ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const output = `${run.stdout}\n${run.stderr}`;
    // The global setup built dist/ from the copy (it was left out), with Debian's Node.
    expect(output).toContain('[venv-doctor] built dist/ from the tree');
    expect(existsSync(join(r.dir, COPY, 'dist/cli.cjs'))).toBe(true);

    const resultsFile = join(r.dir, RESULTS);
    expect(existsSync(resultsFile), `vitest wrote no results:\n${output.slice(-4000)}`).toBe(true);
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as VitestJson;
    const tests = results.testResults.flatMap((f) => f.assertionResults);
    const failed = tests.filter((t) => t.status === 'failed');
    expect(
      failed.map((t) => `${t.fullName}\n${t.failureMessages.join('\n').slice(0, 1500)}`),
      output.slice(-4000),
    ).toEqual([]);
    // A file that failed to load has no tests to fail: it counts too.
    expect(
      results.testResults.filter((f) => f.status === 'failed').map((f) => `${f.name}: ${f.message ?? ''}`),
    ).toEqual([]);
    expect(results.success).toBe(true);
    expect(results.numFailedTests).toBe(0);
    expect(run.code).toBe(0);

    // Most of the suite runs there: it is not a pass by skipping.
    expect(results.numPassedTests).toBeGreaterThan(results.numTotalTests * 0.8);
    // The fresh machine's own branch ran: /usr/bin/python3 without its venv package.
    const passed = tests.filter((t) => t.status === 'passed').map((t) => t.fullName);
    expect(passed.some((name) => name.includes('without its venv package (a fresh Debian)'))).toBe(true);
    // Every skip says why (or is one reported to be given a reason).
    const skipped = tests.filter((t) => t.status !== 'passed' && t.status !== 'failed').map((t) => t.fullName);
    const known = KNOWN_UNEXPLAINED_SKIPS.map((entry) => entry.slice(entry.indexOf(': ') + 2));
    expect(skipped.filter((name) => !name.includes('(needs ') && !known.some((k) => name.includes(k)))).toEqual([]);
    console.log(
      `[e2e] fresh Debian 12: ${passed.length} passed, ${skipped.length} skipped:\n  ${skipped.join('\n  ')}`,
    );
    // A hang guard, not a target: RUN_LIMIT_MS for the run, a minute for the rest.
  }, 1_260_000);
});
