// The package system modules (src/systems/), table by table: which module each real os-release of the
// corpus gets, and the cases the composed-facts scenarios leave out. Expected values are the packaging
// sources' (../shared/domain/other-systems.md), never the modules' own output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOsRelease } from '../../src/facts/os-release.js';
import { planFixes } from '../../src/fixes/plan.js';
import { CHECKS } from '../../src/judge/registry.js';
import { installPython } from '../../src/judge/remedies.js';
import { runChecks } from '../../src/judge/run-checks.js';
import { systemFor } from '../../src/systems/index.js';
import type { CheckResult, OsFacts } from '../../src/types.js';
import { CORPUS } from '../helpers/paths.js';
import { systemFacts } from '../scenarios/systems.js';

const osOf = (file: string): OsFacts => {
  const r = parseOsRelease(readFileSync(join(CORPUS, 'os-release/chef-os_release', file), 'utf8'));
  return {
    source: '/etc/os-release',
    id: r.id,
    idLike: r.idLike,
    versionId: r.versionId,
    codename: r.codename,
    name: r.name,
    prettyName: r.prettyName,
    problem: null,
  };
};

describe('the module each real os-release gets', () => {
  it.each([
    ['debian_12', 'apt'],
    ['ubuntu_2404', 'apt'],
    ['linuxmint_22', 'apt'],
    ['raspbian_11', 'apt'],
    ['fedora_28', 'dnf'],
    ['fedora_43', 'dnf'],
    ['redhat_8', 'dnf'],
    ['redhat_9', 'dnf'],
    ['redhat_10', 'dnf'],
    ['centos_stream_8', 'dnf'],
    ['centos_stream_9', 'dnf'],
    ['rocky_8', 'dnf'],
    ['alma_10', 'dnf'],
    ['oracle_8', 'dnf'],
    ['amazon_2023', 'dnf'],
    // yum, end of life: advice only
    ['redhat_7', null],
    ['centos_7', null],
    ['oracle_7', null],
    ['amazon_2', null],
    // ID_LIKE=fedora without RHEL's packaging
    ['nobara', null],
    ['mageia_9', null],
    ['alpine_3_18', 'apk'],
    ['alpine_3_23', 'apk'],
    ['arch', 'pacman'],
    ['manjaro', 'pacman'],
    ['endeavouros', 'pacman'],
    ['opensusetumbleweed', 'zypper'],
    ['opensuseleap_15', 'zypper'],
    ['sles_15', 'zypper'],
    ['gentoo_218', null],
    ['nixos', null],
  ])('%s: %s', (file, expected) => {
    expect(systemFor(osOf(file))?.id ?? null).toBe(expected);
  });
});

/** Fedora 41 without its venv module and its pip wheel (ensurepip itself there): two checks, two packages. */
const venvAndWheelsGone = () => {
  const f = systemFacts('fedora-41', { noWheels: true });
  const probe = f.python.probe && { ...f.python.probe, venvModule: false };
  return { ...f, python: { ...f.python, probe } };
};

const planOf = (facts: ReturnType<typeof systemFacts>) => {
  const results: CheckResult[] = runChecks(CHECKS, facts, () => 0);
  return planFixes(facts, results);
};

describe('the planner with each module', () => {
  it('dnf: reinstalls what rpm lists, and installs apart what it does not (dnf reinstall installs nothing)', () => {
    // The venv module removed (python3-libs, installed) and the wheel gone with its package (not listed).
    const f = venvAndWheelsGone();
    const installed = { ...f.packages?.installed };
    delete installed['python-pip-wheel'];
    const plan = planOf({ ...f, packages: f.packages && { ...f.packages, installed } });
    expect(plan.fixes.map((fix) => fix.command)).toEqual([
      'dnf reinstall -y python3-libs',
      'dnf install -y python-pip-wheel',
    ]);
  });
  it('dnf: both listed, one reinstall', () => {
    const plan = planOf(venvAndWheelsGone());
    expect(plan.fixes.map((fix) => fix.command)).toEqual(['dnf reinstall -y python3-libs python-pip-wheel']);
  });
  it('pacman without sync databases: -Syu, and the plan says it upgrades the whole system [H1]', () => {
    const plan = planOf(systemFacts('arch', { noEnsurepip: true, lists: 'empty' }));
    expect(plan.fixes.map((fix) => fix.command)).toEqual(['pacman -Syu --noconfirm python']);
    expect(plan.notes.join('\n')).toMatch(/pacman -Syu upgrades the whole system first/);
  });
  it('a package name a manager would read as a local file never reaches an argv', () => {
    const f = systemFacts('fedora-41');
    const failing: CheckResult = {
      id: 'x',
      title: 'x',
      status: 'fail',
      message: 'x',
      details: [],
      durationMs: 0,
      findings: [
        {
          severity: 'fail',
          message: 'x',
          remedy: { kind: 'package-install', packages: ['evil.rpm', 'x.apk', 'python3.12'] },
        },
      ],
    };
    const plan = planFixes(f, [failing]);
    expect(plan.fixes.map((fix) => fix.command)).toEqual(['dnf install -y python3.12']);
    expect(plan.advice.join('\n')).toMatch(/refused to put the odd package name "evil\.rpm"/);
  });
});

describe('a python3.X the release does not package', () => {
  it('RHEL 9.6 and python3.13: which ones it packages, then pyenv or uv; never an old yum hint', () => {
    const f = systemFacts('rhel-9.6');
    const remedy = installPython({ ...f, python: { ...f.python, command: 'python3.13', probe: null } });
    expect(remedy).toEqual({
      kind: 'advice',
      text: 'Red Hat Enterprise Linux 9.6 (Plow) has no package of Python 3.13 (it packages python3.9, python3.11, python3.12): install it with pyenv (pyenv install 3.13) or uv (uv python install 3.13), or name one it has with --python.',
    });
  });
  it('RHEL 9.6 and python3.12: the package [R6]', () => {
    const f = systemFacts('rhel-9.6');
    expect(installPython({ ...f, python: { ...f.python, command: 'python3.12', probe: null } })).toEqual({
      kind: 'package-install',
      packages: ['python3.12'],
    });
  });
});
