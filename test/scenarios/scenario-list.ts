// The scenarios the fast tests replay: every recorded facts dump (test/fixtures/facts/), then the Ubuntu and
// uv ones derived from them (ubuntu.ts says how), each by the name of its golden files.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { planFixes } from '../../src/fixes/plan.js';
import { CHECKS } from '../../src/judge/registry.js';
import { runChecks } from '../../src/judge/run-checks.js';
import { buildReport } from '../../src/report.js';
import type { Facts, Report } from '../../src/types.js';
import { recordedFacts } from '../helpers/facts.js';
import { FIXTURES } from '../helpers/paths.js';
import { UBUNTU_RELEASES, type UbuntuRelease, ubuntuFacts, uvFacts } from './ubuntu.js';

/** The report of a scenario's facts, as the command builds it (timings zero). */
export function diagnose(facts: Facts): Report {
  const results = runChecks(CHECKS, facts, () => 0);
  return buildReport(facts, results, planFixes(facts, results), { version: 'X', factsFrom: 'file', durationMs: 0 });
}

const recorded = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? recorded(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
const factsDir = join(FIXTURES, 'facts');
export const recordings = recorded(factsDir).map((f) => relative(factsDir, f).replace(/\.json$/, ''));

const releases = Object.keys(UBUNTU_RELEASES) as UbuntuRelease[];
/** Every scenario, by the name of its golden files: recorded ones first, then the derived ones. */
export const SCENARIOS: [string, () => Facts][] = [
  ...recordings.map((name): [string, () => Facts] => [name.replace('/', '--'), () => recordedFacts(name)]),
  ...releases.flatMap((release): [string, () => Facts][] => [
    [`ubuntu-${release}--python3-only`, () => ubuntuFacts(release, { venvPackage: false })],
    [`ubuntu-${release}--healthy`, () => ubuntuFacts(release, { venvPackage: true })],
    [
      `ubuntu-${release}--empty-lists-pip`,
      () => ubuntuFacts(release, { venvPackage: false, systemPip: true, lists: 'empty' }),
    ],
  ]),
  [
    'ubuntu-24.04--no-universe-sudo',
    () => ubuntuFacts('24.04', { venvPackage: false, candidate: false, universe: false, user: 'sudo-user' }),
  ],
  ['ubuntu-24.04--no-candidate', () => ubuntuFacts('24.04', { venvPackage: false, candidate: false, universe: true })],
  ['uv--healthy', uvFacts],
];
