// Every Linux family's verdict and exact fix, on COMPOSED FACTS: real os-release files with each system's
// packaging layout (test/scenarios/systems.ts). Each expected command is written from that system's
// packaging source, cited per case as in ../shared/domain/other-systems.md (§11 keys), never from the
// doctor's output. The replay of some through the CLI (--facts) is in test/cli/systems-replay.test.ts.
import { describe, expect, it } from 'vitest';
import { diagnose } from './scenario-list.js';
import { dockerPythonFacts, type Situation, type SystemName, systemFacts } from './systems.js';

interface Expected {
  exitCode: number;
  fixes: string[];
  optional?: string[];
  /** A piece of the advice, when there is advice instead of a command. */
  advice?: RegExp;
  notes?: RegExp;
}

const CASES: [string, SystemName, Situation, Expected][] = [
  // --- Fedora 41 (dnf): python3 is 3.13 [F5]
  [
    'nothing missing; pip for python3 itself offered apart [F2]',
    'fedora-41',
    {},
    { exitCode: 0, fixes: [], optional: ['dnf install -y python3-pip'] },
  ],
  ['pip already there: nothing offered', 'fedora-41', { systemPip: true }, { exitCode: 0, fixes: [], optional: [] }],
  [
    'venv and ensurepip removed: python3-libs reinstalled [F1]',
    'fedora-41',
    { noEnsurepip: true },
    { exitCode: 1, fixes: ['dnf reinstall -y python3-libs'] },
  ],
  [
    'the pip wheel removed: python-pip-wheel reinstalled (3.12+: pip alone) [F1][F3]',
    'fedora-41',
    { noWheels: true },
    { exitCode: 1, fixes: ['dnf reinstall -y python-pip-wheel'] },
  ],
  [
    'requires 3.14: the python3.14 package [F1][F4]',
    'fedora-41',
    { requires: '>=3.14' },
    { exitCode: 1, fixes: ['dnf install -y python3.14'], notes: /python3\.14 is not installed yet/ },
  ],
  [
    'a regular user with sudo',
    'fedora-41',
    { noEnsurepip: true, user: 'sudo-user' },
    { exitCode: 1, fixes: ['sudo dnf reinstall -y python3-libs'] },
  ],
  [
    'a regular user without sudo: the command, to run as root',
    'fedora-41',
    { noEnsurepip: true, user: 'no-sudo' },
    {
      exitCode: 1,
      fixes: ['dnf reinstall -y python3-libs'],
      notes: /not root and sudo is not installed: run the dnf command as root/,
    },
  ],
  // --- RHEL 8.10: python3 is 3.6; python38/python39 module streams, python3.11 (8.8), python3.12 (8.10) [R6]
  [
    "nothing missing: 3.6's patched ensurepip finds its wheels in /usr/share/python3-wheels [R4]",
    'rhel-8.10',
    {},
    { exitCode: 0, fixes: [], optional: ['dnf install -y python3-pip'] },
  ],
  [
    'requires 3.11+: the newest stream, python3.12 [R6]',
    'rhel-8.10',
    { requires: '>=3.11' },
    { exitCode: 1, fixes: ['dnf install -y python3.12'] },
  ],
  [
    'requires 3.9: python39, the undotted module stream [R6]',
    'rhel-8.10',
    { requires: '==3.9.*' },
    { exitCode: 1, fixes: ['dnf install -y python39'] },
  ],
  [
    'the wheels removed: python3-pip-wheel and python3-setuptools-wheel [R1][R4]',
    'rhel-8.10',
    { noWheels: true },
    { exitCode: 1, fixes: ['dnf reinstall -y python3-pip-wheel python3-setuptools-wheel'] },
  ],
  // --- RHEL 9.6: 3.9; python3.11 (9.2), python3.12 (9.4) [R6]
  [
    'requires 3.12: python3.12 [R6]',
    'rhel-9.6',
    { requires: '>=3.12' },
    { exitCode: 1, fixes: ['dnf install -y python3.12'] },
  ],
  [
    'requires 3.13: RHEL 9 has none: pyenv or uv, not a package',
    'rhel-9.6',
    { requires: '>=3.13' },
    { exitCode: 1, fixes: [], advice: /install one with pyenv \(pyenv install 3\.14\) or uv/ },
  ],
  [
    'venv and ensurepip removed: python3-libs [R1]',
    'rhel-9.6',
    { noEnsurepip: true },
    { exitCode: 1, fixes: ['dnf reinstall -y python3-libs'] },
  ],
  // --- Amazon Linux 2023: 3.9 for life, 3.11-3.14 beside it [R7]
  [
    'requires 3.11: python3.14, the newest beside 3.9 [R7]',
    'amzn-2023',
    { requires: '>=3.11' },
    { exitCode: 1, fixes: ['dnf install -y python3.14'] },
  ],
  ['nothing missing', 'amzn-2023', { systemPip: true }, { exitCode: 0, fixes: [], optional: [] }],
  // --- Alpine 3.18 (3.11, no marker) and 3.21 (3.12, marker) [A1][A2][A4]
  [
    'nothing missing; py3-pip is in community on 3.18: not offered [A4]',
    'alpine-3.18',
    {},
    { exitCode: 0, fixes: [], optional: [] },
  ],
  [
    'venv and ensurepip removed: apk fix reinstalls python3 [A1]',
    'alpine-3.18',
    { noEnsurepip: true },
    { exitCode: 1, fixes: ['apk fix --reinstall python3'] },
  ],
  [
    'requires 3.12 on 3.18: one python3 per branch, none other [A4]',
    'alpine-3.18',
    { requires: '>=3.12' },
    { exitCode: 1, fixes: [], advice: /pyenv|uv/ },
  ],
  [
    'doas, where there is no sudo',
    'alpine-3.21',
    { noWheels: true, user: 'doas-user' },
    { exitCode: 1, fixes: ['doas apk fix --reinstall python3'] },
  ],
  [
    'a container without the index: apk downloads it in the same command',
    'alpine-3.21',
    { noWheels: true, lists: 'empty' },
    { exitCode: 1, fixes: ['apk fix --update-cache --reinstall python3'] },
  ],
  ['marker present, nothing missing [A3]', 'alpine-3.21', {}, { exitCode: 0, fixes: [] }],
  // --- Arch (pacman) [H1][H2]
  [
    'nothing missing; python-pip offered apart [H2]',
    'arch',
    {},
    { exitCode: 0, fixes: [], optional: ['pacman -S --needed --noconfirm python-pip'] },
  ],
  [
    'venv and ensurepip removed: python reinstalled [H1]',
    'arch',
    { noEnsurepip: true },
    { exitCode: 1, fixes: ['pacman -S --noconfirm python'] },
  ],
  [
    'no sync databases: -Syu, never a partial upgrade',
    'arch',
    { noEnsurepip: true, lists: 'empty', user: 'sudo-user' },
    { exitCode: 1, fixes: ['sudo pacman -Syu --noconfirm python'] },
  ],
  [
    'requires another minor: Arch packages one Python',
    'arch',
    { requires: '>=3.14' },
    { exitCode: 1, fixes: [], advice: /pyenv|uv/ },
  ],
  // --- openSUSE Tumbleweed (3.13, marker) and Leap 15.6 / SLES 15 (3.6) [S1][S2][S3]
  [
    'nothing missing; python313-pip offered apart [S1]',
    'tumbleweed',
    {},
    { exitCode: 0, fixes: [], optional: ['zypper --non-interactive install python313-pip'] },
  ],
  [
    'venv and ensurepip removed: python313-base reinstalled [S1]',
    'tumbleweed',
    { noEnsurepip: true },
    { exitCode: 1, fixes: ['zypper --non-interactive install --force python313-base'] },
  ],
  [
    'requires 3.12: the python312 flavor [S1]',
    'tumbleweed',
    { requires: '==3.12.*' },
    { exitCode: 1, fixes: ['zypper --non-interactive install python312'] },
  ],
  [
    'Leap 15.6 requires 3.11: python311 [S3]',
    'leap-15.6',
    { requires: '>=3.11' },
    { exitCode: 1, fixes: ['zypper --non-interactive install python311'] },
  ],
  [
    'Leap 15.6, the wheels removed: python3-base [S1]',
    'leap-15.6',
    { noWheels: true },
    { exitCode: 1, fixes: ['zypper --non-interactive install --force python3-base'] },
  ],
  [
    'Leap 15.6: python3-pip offered apart [S1]',
    'leap-15.6',
    {},
    { exitCode: 0, fixes: [], optional: ['zypper --non-interactive install python3-pip'] },
  ],
  [
    'SLES 15.7 requires 3.11: a module to enable first, not a package line [S3]',
    'sles-15.7',
    { requires: '>=3.11' },
    { exitCode: 1, fixes: [], advice: /pyenv|uv/ },
  ],
];

describe('composed facts: every Linux family gets its own exact fix', () => {
  it.each(CASES)('%s (%s)', (_title, system, situation, expected) => {
    const report = diagnose(systemFacts(system, situation));
    expect(report.exitCode).toBe(expected.exitCode);
    expect(report.fixes.map((fix) => fix.command)).toEqual(expected.fixes);
    if (expected.optional) expect(report.optionalFixes.map((fix) => fix.command)).toEqual(expected.optional);
    if (expected.advice) expect(report.advice.join('\n')).toMatch(expected.advice);
    if (expected.notes) expect(report.notes.join('\n')).toMatch(expected.notes);
    // Every package command is its system's own, and never apt's.
    for (const fix of [...report.fixes, ...report.optionalFixes]) {
      expect(fix.argv.some((word) => /^apt(-get)?$/.test(word))).toBe(false);
    }
  });
});

describe('composed facts: the Docker python: images [D1][D2]', () => {
  it.each(['slim', 'full'] as const)(
    'python:3.12-%s: ready, no apt line, and told that apt does not fix /usr/local',
    (variant) => {
      const report = diagnose(dockerPythonFacts(variant));
      expect(report.exitCode).toBe(0);
      expect(report.fixes).toEqual([]);
      expect(report.optionalFixes).toEqual([]);
      const python = report.checks.find((check) => check.id === 'python');
      const said = python?.findings.map((f) => f.message).join('\n') ?? '';
      expect(said).toMatch(
        /python3 is a Python built into \/usr\/local, as in the Docker python: images, not the distribution's/,
      );
      expect(said).toMatch(/apt's packages install for the distribution's Python and never change this one/);
      if (variant === 'full') expect(said).toMatch(/\(the distribution's is \/usr\/bin\/python3\.11\)/);
      else expect(said).not.toMatch(/the distribution's is/);
    },
  );
});

describe('composed facts: WSL with Windows interpreters on PATH', () => {
  it('they are named, never run, and not what python3 -m venv uses', () => {
    const store = '/mnt/c/Users/al/AppData/Local/Microsoft/WindowsApps/python3.exe';
    const f = systemFacts('fedora-41');
    const report = diagnose({ ...f, host: { ...f.host, wsl: true, windowsPythons: [store] } });
    const python = report.checks.find((check) => check.id === 'python');
    expect(python?.findings.map((x) => x.message)).toContain(
      `Windows interpreters are on PATH too (${store}): named, never run; \`python3 -m venv\` here does not use them, and a venv made with one is a Windows venv (Scripts\\python.exe).`,
    );
    expect(report.exitCode).toBe(0);
  });
});
