// macOS and Windows verdicts and exact fixes, on COMPOSED FACTS (test/scenarios/desktop.ts): this project's
// machines run neither. Each expected command is written from that system's documentation and sources, cited
// per case as in ../shared/domain/other-systems.md (§11 keys), never from the doctor's output. The same facts
// are replayed through the built CLI (--facts) below, as support replays a user's dump.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_ARGS, CLI_FILE } from '../helpers/cli.js';
import { type DesktopCase, desktopFacts } from './desktop.js';
import { diagnose } from './scenario-list.js';

interface Expected {
  exitCode: number;
  fixes: string[];
  failing?: string[];
  advice?: RegExp;
  notes?: RegExp;
}

const CASES: [string, DesktopCase, Expected][] = [
  [
    "Homebrew after python3 moved from python@3.12 to 3.13 (3.12 removed): the venv's links lead nowhere; remade with python3, never sudo [M1]",
    'brew-after-upgrade',
    {
      exitCode: 1,
      failing: ['project-venv'],
      fixes: ['python3 -I -m venv --clear .venv'],
      notes: /instead of Python 3\.12\.11 \(\/opt\/homebrew\/opt\/python@3\.12\/bin\)/,
    },
  ],
  [
    "the Command Line Tools' stub alone, no Homebrew: never run; Homebrew, python.org or xcode-select --install [M1][M2][M3]",
    'clt-stub-alone',
    {
      exitCode: 1,
      failing: ['python'],
      fixes: [],
      advice: /brew install python@3\.14.*python\.org.*xcode-select --install/,
    },
  ],
  [
    "the stub, with Homebrew: brew install python@3.14 (the formula Homebrew's python3 alias names), as the user [M1]",
    'clt-stub-with-brew',
    { exitCode: 1, failing: ['python'], fixes: ['brew install python@3.14'] },
  ],
  ["python.org's 3.13 (its framework, no marker): ready [M2]", 'python-org-313', { exitCode: 0, fixes: [] }],
  [
    "only the Store's alias: never run; winget's Python.Python.3.14, which --fix does not run [W2][W3]",
    'store-alias-only',
    {
      exitCode: 1,
      failing: ['python'],
      fixes: ['winget install --exact --id Python.Python.3.14'],
      notes: /run it yourself, then run venv-doctor again/,
    },
  ],
  ['py with 3.11 and 3.13: py starts 3.13, ready [W2][W5]', 'py-311-313', { exitCode: 0, fixes: [] }],
  [
    'py with 3.11 and 3.13, the project wants <3.12: py -3.11 makes the venv [W2]',
    'py-311-313-requires-311',
    { exitCode: 1, failing: ['python-version'], fixes: ['py -3.11 -I -m venv .venv'] },
  ],
  [
    "a moved venv: activate.bat names the old place (pip.exe's launcher too); remade where it is with py -3.13 [W1]",
    'windows-moved-venv',
    {
      exitCode: 1,
      failing: ['venv-relocated'],
      fixes: ['py -3.13 -I -m venv --clear .venv'],
      notes: /\.venv\\Scripts\\python\.exe -m pip install -e \./,
    },
  ],
  [
    'a venv without pip: a warning, and the venv remade with pip by py -3.13',
    'windows-venv-without-pip',
    { exitCode: 0, failing: [], fixes: ['py -3.13 -I -m venv --clear .venv'] },
  ],
];

describe('macOS and Windows, in process', () => {
  it.each(CASES)('%s', (_title, name, expected) => {
    const report = diagnose(desktopFacts(name));
    expect(report.exitCode).toBe(expected.exitCode);
    expect(report.fixes.map((fix) => fix.command)).toEqual(expected.fixes);
    // Never sudo: Homebrew refuses root, and Windows has none.
    expect(report.fixes.every((fix) => !fix.argv.includes('sudo') && !fix.needsRoot)).toBe(true);
    if (expected.failing) {
      expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(expected.failing);
    }
    if (expected.advice) expect(report.advice.join('\n')).toMatch(expected.advice);
    if (expected.notes) expect(report.notes.join('\n')).toMatch(expected.notes);
  });

  it('python says which Python is judged in place of a stub', () => {
    const report = diagnose(desktopFacts('py-311-313'));
    const python = report.checks.find((c) => c.id === 'python');
    expect(python?.findings.map((f) => f.message).join('\n')).toMatch(
      /python3 is not judged: .*WindowsApps\\python3\.exe is the Microsoft Store alias stub; py starts Python 3\.13\.5/,
    );
  });

  it('a venv path with a space is quoted for PowerShell, and a quoted program gets the call operator', () => {
    const facts = desktopFacts('windows-moved-venv');
    const project = facts.project as NonNullable<typeof facts.project>;
    project.cwd = 'C:\\Users\\ada';
    project.dir = 'C:\\Users\\ada\\my app';
    const report = diagnose(facts);
    expect(report.fixes.map((fix) => fix.command)).toEqual([
      "py -3.13 -I -m venv --clear 'C:\\Users\\ada\\my app\\.venv'",
    ]);
  });
});

describe('macOS and Windows facts, replayed through the CLI (--facts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'venv-doctor-desktop-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it.each(CASES)('%s', (_title, name, expected) => {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(desktopFacts(name)));
    const run = spawnSync(CLI_FILE, [...CLI_ARGS, '--facts', file, '--json'], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status, run.stderr).toBe(expected.exitCode);
    const report = JSON.parse(run.stdout) as { fixes: { command: string }[] };
    expect(report.fixes.map((fix) => fix.command)).toEqual(expected.fixes);
  });
});
