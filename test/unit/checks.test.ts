// Table tests of the pure checks, against facts built from a healthy Debian 12 default.
import { describe, expect, it } from 'vitest';
import { check as ensurepip } from '../../checks/ensurepip.js';
import { check as externallyManaged } from '../../checks/externally-managed.js';
import { check as os } from '../../checks/os.js';
import { check as pip } from '../../checks/pip.js';
import { check as python } from '../../checks/python.js';
import { check as venv } from '../../checks/venv.js';
import { runChecks } from '../../src/judge/run-checks.js';
import type { Check, Facts } from '../../src/types.js';
import { facts, healthyProbe, missingVenvFacts, packages } from '../helpers/facts.js';

function only(check: Check, f: Facts) {
  const [result] = runChecks([check], f);
  if (!result) throw new Error('no result');
  return result;
}

describe('os', () => {
  it('names the distribution, WSL and containers', () => {
    const r = only(os, facts({ host: { wsl: true, container: 'docker' } }));
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Debian GNU/Linux 12 (bookworm) on WSL, in a docker container.');
  });
  it('warns when the distribution is unknown, and says no package fix can be planned', () => {
    const r = only(os, facts({ os: { id: null, prettyName: null, problem: 'neither file exists' } }));
    expect(r.status).toBe('warn');
    expect(r.message).toMatch(/no package fix can be planned/);
  });
  it('says plainly that a Linux system of no family venv-doctor knows gets no package-manager fix', () => {
    const r = only(os, facts({ os: { id: 'gentoo', idLike: [], versionId: '2.17', prettyName: 'Gentoo Linux' } }));
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Gentoo Linux. venv-doctor reports on this system but has no package fixes for it (see docs/systems/).',
    );
    const fedora = only(
      os,
      facts({ os: { id: 'fedora', idLike: [], versionId: '42', prettyName: 'Fedora Linux 42' } }),
    );
    expect(fedora.message).toBe('Fedora Linux 42.');
  });
});

describe('python', () => {
  it('passes with the interpreter that python3 really runs', () => {
    const r = only(python, facts());
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      "python3 runs Python 3.11.2 (the distribution's python3.11-minimal) at /usr/bin/python3.11.",
    );
  });
  it('names a pyenv shim and the interpreter behind it', () => {
    const f = facts({
      python: {
        resolved: '/root/.pyenv/shims/python3',
        shim: 'pyenv',
        owner: null,
        probe: healthyProbe({
          version: '3.11.7',
          versionInfo: [3, 11, 7],
          executable: '/root/.pyenv/versions/3.11.7/bin/python3',
          realExecutable: '/root/.pyenv/versions/3.11.7/bin/python3.11',
          prefix: '/root/.pyenv/versions/3.11.7',
          basePrefix: '/root/.pyenv/versions/3.11.7',
          marker: { present: false, text: null },
        }),
      },
    });
    expect(only(python, f).message).toBe(
      'python3 runs Python 3.11.7 (pyenv) at /root/.pyenv/versions/3.11.7/bin/python3.11 via the pyenv shim /root/.pyenv/shims/python3.',
    );
  });
  it('says when a pyenv shim fell back to the system interpreter', () => {
    const r = only(python, facts({ python: { shim: 'pyenv', resolved: '/root/.pyenv/shims/python3' } }));
    expect(r.details.join('\n')).toMatch(/pyenv falls back to the system Python/);
  });
  it.each([
    ['not-found', 'python3 was not found on PATH', /^No python3 interpreter/],
    ['timeout', '/x did not answer within 10 s', /hangs/],
    ['garbage', '/x did not answer like a Python interpreter', /not a working Python/],
    ['too-old', '/x is Python 2.7.18; venv needs Python 3', /too old/],
    ['windows-store-stub', 'the Store alias', /is not Python/],
  ] as const)('fails clearly when the interpreter is %s', (kind, detail, message) => {
    const r = only(python, facts({ python: { probe: null, owner: null, problem: { kind, detail } } }));
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(message);
    expect(r.findings[0]?.remedy).toBeDefined();
  });
  it('offers python3 and python3-venv through apt when Debian has no python3', () => {
    const r = only(
      python,
      facts({ python: { probe: null, owner: null, problem: { kind: 'not-found', detail: 'x' } } }),
    );
    expect(r.findings[0]?.remedy).toEqual({ kind: 'package-install', packages: ['python3', 'python3-venv'] });
  });
  it("gives no apt remedy on Fedora: dnf's, as advice, when rpm and dnf are not there to plan with", () => {
    const r = only(
      python,
      facts({
        os: { id: 'fedora', idLike: [], versionId: '41' },
        packages: null,
        python: { probe: null, owner: null, problem: { kind: 'not-found', detail: 'x' } },
      }),
    );
    expect(r.findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: 'venv-doctor cannot plan a package fix here: it looks for rpm and dnf in the system directories, and did not find them both. On fedora, Python comes with: dnf install -y python3',
    });
  });
  it('does not list the interpreter itself among the others', () => {
    const f = facts({
      python: {
        others: [
          { name: 'python3.11', path: '/usr/bin/python3.11' },
          { name: 'python3.12', path: '/usr/local/bin/python3.12' },
        ],
      },
    });
    const text = only(python, f).details.join('\n');
    expect(text).toContain('python3.12 at /usr/local/bin/python3.12');
    expect(text).not.toContain('python3.11 at /usr/bin/python3.11');
  });
});

describe('externally-managed', () => {
  it('is not a failure: names the marked interpreter and quotes the distribution', () => {
    const r = only(externallyManaged, facts());
    expect(r.status).toBe('pass');
    expect(r.message).toMatch(/^\/usr\/bin\/python3\.11 is externally managed \(PEP 668\)/);
    expect(r.message).toMatch(/does not apply inside a venv/);
    expect(r.details).toContain('  Use a venv.');
  });
  it('inside a venv, says the marker does not apply', () => {
    const r = only(externallyManaged, facts({ python: { probe: healthyProbe({ prefix: '/home/u/.venv' }) } }));
    expect(r.message).toMatch(/does not apply inside this venv/);
  });
  it('without a marker, says so', () => {
    const r = only(
      externallyManaged,
      facts({ python: { probe: healthyProbe({ marker: { present: false, text: null } }) } }),
    );
    expect(r.message).toBe('/usr/bin/python3.11 is not marked externally managed (no PEP 668 marker).');
  });
  it('is skipped, with the reason, when there is no interpreter', () => {
    const r = only(externallyManaged, facts({ python: { probe: null, problem: { kind: 'not-found', detail: 'x' } } }));
    expect(r).toMatchObject({ status: 'skip', message: 'Skipped: no working interpreter to inspect (see python).' });
  });
});

describe('venv', () => {
  it('fails without the venv module, with the versioned package as the remedy', () => {
    const r = only(venv, missingVenvFacts({ python: { probe: { venvModule: false } } }));
    expect(r.status).toBe('fail');
    expect(r.findings[0]?.remedy).toEqual({ kind: 'package-install', packages: ['python3.11-venv'] });
  });
});

describe('ensurepip', () => {
  it('passes with ensurepip and both wheels in WHEEL_PKG_DIR', () => {
    expect(only(ensurepip, facts()).message).toBe(
      'ensurepip is present and will install pip-23.0.1 from /usr/share/python-wheels/.',
    );
  });
  it('fails without ensurepip and names pythonX.Y-venv from the interpreter, not the OS', () => {
    const f = missingVenvFacts({ python: { probe: { version: '3.12.3', versionInfo: [3, 12, 3] } } });
    const r = only(ensurepip, f);
    expect(r.status).toBe('fail');
    expect(r.findings[0]?.remedy).toEqual({ kind: 'package-install', packages: ['python3.12-venv'] });
    expect(r.details.join(' ')).toMatch(/python3-pip does not fix this/);
  });
  it('on Python <= 3.11, needs the setuptools wheel too (ensurepip ignores an incomplete WHEEL_PKG_DIR)', () => {
    const f = facts({ python: { probe: { wheelDirFiles: ['pip-23.0.1-py3-none-any.whl'] } } });
    const r = only(ensurepip, f);
    expect(r.status).toBe('fail');
    expect(r.findings[0]?.remedy).toEqual({
      kind: 'package-install',
      packages: ['python3-pip-whl', 'python3-setuptools-whl'],
      reinstall: false,
    });
  });
  it('on Python 3.12+, the pip wheel alone is enough', () => {
    const f = facts({
      python: { probe: { version: '3.12.3', versionInfo: [3, 12, 3], wheelDirFiles: ['pip-24.0-py3-none-any.whl'] } },
    });
    expect(only(ensurepip, f).status).toBe('pass');
  });
  it('falls back to the bundled wheels, as upstream builds ship them', () => {
    const f = facts({
      python: {
        probe: {
          wheelDir: null,
          wheelDirFiles: [],
          bundledFiles: ['pip-23.2.1-py3-none-any.whl', 'setuptools-65.5.0-py3-none-any.whl'],
        },
      },
    });
    expect(only(ensurepip, f).message).toBe(
      'ensurepip is present and will install pip-23.2.1 from ensurepip/_bundled of Python 3.11.',
    );
  });
  it('reinstalls the wheel package when dpkg has it but the wheel file is gone', () => {
    const f = facts({
      python: { probe: { wheelDirFiles: ['setuptools-66.1.1-py3-none-any.whl'] } },
      packages: packages({ installed: { 'python3-pip-whl': { installed: true, version: '23.0.1+dfsg-1' } } }),
    });
    expect(only(ensurepip, f).findings[0]?.remedy).toMatchObject({ kind: 'package-install', reinstall: true });
  });
  it('on Debian without dpkg-query, says it cannot check, and prints no command as a fix', () => {
    const f = missingVenvFacts({ packages: null, python: { owner: null } });
    const remedy = only(ensurepip, f).findings[0]?.remedy;
    expect(remedy).toEqual({
      kind: 'advice',
      text: 'dpkg-query is not available here, so venv-doctor cannot check or plan an install (the Debian package that carries it is python3.11-venv).',
    });
  });
  it.each([
    [
      'pyenv',
      { basePrefix: '/root/.pyenv/versions/3.11.7', prefix: '/root/.pyenv/versions/3.11.7' },
      /pyenv install --force 3.11.2/,
    ],
    [
      'uv',
      {
        basePrefix: '/home/u/.local/share/uv/python/cpython-3.12.4-linux-x86_64-gnu',
        prefix: '/home/u/.local/share/uv/python/cpython-3.12.4-linux-x86_64-gnu',
      },
      /uv venv/,
    ],
    ['conda', { condaMeta: true }, /conda/],
    [
      'homebrew',
      { basePrefix: '/opt/homebrew/opt/python@3.12/Frameworks', prefix: '/opt/homebrew/opt/python@3.12/Frameworks' },
      /brew reinstall python@3.11/,
    ],
  ] as const)('never gives an apt line for a %s interpreter', (_kind, probe, advice) => {
    const f = facts({ python: { owner: null, probe: { ensurepipMain: false, ...probe } } });
    const remedy = only(ensurepip, f).findings[0]?.remedy;
    expect(remedy?.kind).toBe('advice');
    expect(remedy?.kind === 'advice' ? remedy.text : '').toMatch(advice);
  });
});

describe('pip', () => {
  it('a missing system pip is fine when venvs get pip from ensurepip', () => {
    const r = only(pip, facts());
    expect(r.status).toBe('pass');
    expect(r.message).toMatch(/not needed: every new venv gets its own pip from ensurepip/);
  });
  it('python3-pip installed does not make venv work: says so', () => {
    const r = only(pip, missingVenvFacts({ python: { probe: { pip: '/usr/lib/python3/dist-packages/pip' } } }));
    expect(r.status).toBe('pass');
    expect(r.message).toMatch(/It does not help new venvs/);
    expect(r.findings[0]?.remedy).toBeUndefined();
  });
  it('warns when neither the interpreter nor new venvs will have pip: python3-pip only as an optional fix', () => {
    const r = only(pip, missingVenvFacts());
    expect(r.status).toBe('warn');
    expect(r.findings[0]?.remedy).toEqual({ kind: 'package-install', packages: ['python3-pip'], optional: true });
  });
  it('offers python3-pip only for the distribution python3 itself: not for another path, pyenv, or a venv', () => {
    const other = only(pip, missingVenvFacts({ python: { resolved: '/usr/bin/python3.11' } }));
    expect(other.findings[0]?.remedy).toBeUndefined();
    const noDpkg = only(pip, missingVenvFacts({ packages: null }));
    expect(noDpkg.findings[0]?.remedy).toBeUndefined();
    const venv = only(pip, missingVenvFacts({ python: { probe: { prefix: '/srv/app/.venv' } } }));
    expect(venv.findings[0]?.remedy).toBeUndefined();
  });
});
