// macOS and Windows verdicts and exact fixes, on COMPOSED FACTS (test/scenarios/desktop.ts): this project's
// machines run neither. Each expected command is written from that system's documentation and sources, cited
// per case as in ../shared/domain/other-systems.md (§11 keys), never from the doctor's output. The same facts
// are replayed through the built CLI (--facts) in test/cli/desktop-replay.test.ts, as support replays a dump.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { PROJECT } from '../helpers/paths.js';
import { DESKTOP_CASES, desktopFacts } from './desktop.js';
import { diagnose } from './scenario-list.js';

const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(PROJECT, 'docs/schema/report.v1.json'), 'utf8')),
);

describe('macOS and Windows, in process', () => {
  it.each(DESKTOP_CASES)('%s', (_title, name, expected) => {
    const report = diagnose(desktopFacts(name));
    expect(validate(JSON.parse(JSON.stringify(report))), JSON.stringify(validate.errors)).toBe(true);
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

  it('a complete Windows venv: ready, and how to activate it when PowerShell refuses Activate.ps1 [W1]', () => {
    const facts = desktopFacts('windows-moved-venv');
    const venv = facts.project?.venv as NonNullable<NonNullable<typeof facts.project>['venv']>;
    venv.activateVirtualEnv = venv.path.toUpperCase(); // Windows paths: case does not matter
    const report = diagnose(facts);
    expect(report.exitCode).toBe(0);
    expect(report.fixes).toEqual([]);
    const messages = report.checks.find((c) => c.id === 'project-venv')?.findings.map((f) => f.message) ?? [];
    expect(messages.join('\n')).toMatch(
      /Activate\.ps1 .*Set-ExecutionPolicy -Scope CurrentUser RemoteSigned; or skip activation and run \.venv\\Scripts\\python\.exe directly/,
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
