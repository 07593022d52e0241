// Table tests of the system checks (os, python, externally-managed, venv, ensurepip, pip) for the cases
// checks.test.ts leaves out: every message, detail line and remedy is what the facts of the case call for.
import { describe, expect, it } from 'vitest';
import { check as ensurepip } from '../../checks/ensurepip.js';
import { check as externallyManaged } from '../../checks/externally-managed.js';
import { check as os } from '../../checks/os.js';
import { check as pip } from '../../checks/pip.js';
import { check as python } from '../../checks/python.js';
import { check as venv } from '../../checks/venv.js';
import { CHECKS } from '../../src/judge/registry.js';
import { runChecks } from '../../src/judge/run-checks.js';
import type { Check, Facts } from '../../src/types.js';
import { facts, healthyProbe, missingVenvFacts, packages } from '../helpers/facts.js';

function only(check: Check, f: Facts) {
  const [result] = runChecks([check], f, () => 0);
  if (!result) throw new Error('no result');
  return result;
}

const noInterpreter = facts({ python: { probe: null, owner: null, problem: { kind: 'not-found', detail: 'x' } } });

describe('every check', () => {
  it.each(CHECKS.map((c) => [c.id, c] as const))('%s has a title and a one-sentence description', (_id, check) => {
    expect(check.title.length).toBeGreaterThan(0);
    expect(check.description).toMatch(/^[A-Z].{20,}\.$/);
  });
  it.each([ensurepip, externallyManaged, pip, venv].map((c) => [c.id, c] as const))(
    '%s finds nothing to say without an interpreter (it is skipped then)',
    (_id, check) => {
      expect(check.run(noInterpreter)).toEqual([]);
      expect(only(check, noInterpreter).status).toBe('skip');
    },
  );
});

describe('os', () => {
  it('details say what the identity was read from, and who runs the doctor', () => {
    const r = only(os, facts({ host: { isRoot: false, sudo: '/usr/bin/sudo' } }));
    expect(r.details).toEqual([
      'id: debian',
      'version: 12 (bookworm)',
      'read from: /etc/os-release',
      'platform: linux x64, kernel 6.1.0',
      'running as a regular user; sudo at /usr/bin/sudo',
    ]);
  });
  it('a derivative names its parents; root without sudo', () => {
    const f = facts({
      os: {
        id: 'linuxmint',
        idLike: ['ubuntu', 'debian'],
        versionId: '22',
        codename: 'wilma',
        prettyName: 'Linux Mint 22',
      },
    });
    const r = only(os, f);
    expect(r.message).toBe('Linux Mint 22.');
    expect(r.details[0]).toBe('id: linuxmint (like ubuntu, debian)');
    expect(r.details[4]).toBe('running as root; sudo not found');
  });
  it('without a pretty name, name and version; without a name, the id', () => {
    expect(only(os, facts({ os: { prettyName: null } })).message).toBe('Debian GNU/Linux 12.');
    expect(only(os, facts({ os: { prettyName: null, name: null } })).message).toBe('debian 12.');
    expect(only(os, facts({ os: { prettyName: null, versionId: null } })).message).toBe('Debian GNU/Linux.');
  });
  it('an unidentified system: every detail says unknown, and it is a warning', () => {
    const f = facts({
      os: {
        source: null,
        id: null,
        versionId: null,
        codename: null,
        name: null,
        prettyName: null,
        problem: 'neither /etc/os-release nor /usr/lib/os-release exists',
      },
    });
    const r = only(os, f);
    expect(r.status).toBe('warn');
    expect(r.message).toBe(
      'The distribution could not be identified: neither /etc/os-release nor /usr/lib/os-release exists. The other checks still run, but no package fix can be planned.',
    );
    expect(r.details.slice(0, 3)).toEqual(['id: unknown', 'version: unknown', 'read from: nothing']);
  });
  it('WSL alone', () => {
    expect(only(os, facts({ host: { wsl: true } })).message).toBe('Debian GNU/Linux 12 (bookworm) on WSL.');
  });
  it('macOS is not told that only Debian gets package fixes (that sentence is about Linux)', () => {
    const f = facts({
      host: { platform: 'darwin', arch: 'arm64', kernel: '24.1.0' },
      os: { source: 'systeminformation', id: 'macos', versionId: '15.1', codename: null, prettyName: 'macOS 15.1' },
      packages: null,
    });
    expect(only(os, f).message).toBe('macOS 15.1.');
  });
  it('a family without package fixes: the plain statement', () => {
    const f = facts({ os: { id: 'void', idLike: [], versionId: null, prettyName: 'Void Linux' } });
    expect(only(os, f).message).toBe(
      'Void Linux. venv-doctor reports on this system but has no package fixes for it (see docs/systems/).',
    );
    expect(
      only(os, facts({ os: { id: 'alpine', idLike: [], versionId: '3.21.3', prettyName: 'Alpine Linux v3.21' } }))
        .message,
    ).toBe('Alpine Linux v3.21.');
  });
});

describe('python', () => {
  it('without a probe or a known problem, says it could not be probed, and how to look', () => {
    const r = only(python, facts({ python: { probe: null, owner: null, problem: null } }));
    expect(r).toMatchObject({
      status: 'fail',
      message: 'python3 is not a working Python interpreter: python3 could not be probed.',
    });
    expect(r.findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: 'Run "/usr/bin/python3 --version" to see what is wrong with it, or choose another interpreter with --python.',
    });
  });
  it('a broken interpreter that was not even found on PATH: the command as given', () => {
    const f = facts({
      python: { command: './py', resolved: null, probe: null, owner: null, problem: { kind: 'garbage', detail: 'd' } },
    });
    expect(only(python, f).findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: 'Run "./py --version" to see what is wrong with it, or choose another interpreter with --python.',
    });
  });
  it('the Windows Store alias: install Python or turn the alias off', () => {
    const f = facts({
      host: { platform: 'win32' },
      os: { id: 'windows', idLike: [] },
      packages: null,
      python: { probe: null, owner: null, problem: { kind: 'windows-store-stub', detail: 'the alias' } },
    });
    const r = only(python, f);
    expect(r.message).toBe('python3 is not Python: the alias.');
    expect(r.findings[0]?.remedy).toMatchObject({
      kind: 'advice',
      text: expect.stringMatching(/App execution aliases/),
    });
  });
  it('Python 2: point the doctor at Python 3', () => {
    const f = facts({ python: { probe: null, owner: null, problem: { kind: 'too-old', detail: 'Python 2.7.18' } } });
    expect(only(python, f).findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: 'Point venv-doctor at a Python 3 interpreter: --python python3',
    });
  });
  it('a hanging interpreter', () => {
    const f = facts({
      python: { probe: null, owner: null, problem: { kind: 'timeout', detail: 'no answer in 10 s' } },
    });
    expect(only(python, f).message).toBe('python3 hangs: no answer in 10 s.');
  });
  it('lists the other interpreters on PATH even when this one does not work', () => {
    const f = facts({
      python: {
        probe: null,
        owner: null,
        problem: { kind: 'failed', detail: 'exit 1' },
        others: [{ name: 'python3.12', path: '/usr/local/bin/python3.12' }],
      },
    });
    expect(only(python, f).details).toEqual(['other interpreters on PATH: python3.12 at /usr/local/bin/python3.12']);
  });
  it('details: the command, the executable behind the link, the prefix, the stdlib and the dpkg package', () => {
    const r = only(
      python,
      facts({ python: { owner: { package: 'python3.11-minimal', version: '3.11.2-6+deb12u8' } } }),
    );
    expect(r.details).toEqual([
      'command: python3 -> /usr/bin/python3',
      'sys.executable: /usr/bin/python3 -> /usr/bin/python3.11',
      'prefix: /usr',
      'stdlib: /usr/lib/python3.11',
      'source: distro (dpkg package python3.11-minimal 3.11.2-6+deb12u8)',
    ]);
  });
  it('details of an interpreter that is its own executable, found without PATH, outside dpkg', () => {
    const f = facts({
      python: {
        command: '/opt/py/bin/python3.12',
        resolved: null,
        owner: null,
        probe: healthyProbe({
          version: '3.12.1',
          versionInfo: [3, 12, 1],
          executable: '/opt/py/bin/python3.12',
          realExecutable: '/opt/py/bin/python3.12',
          prefix: '/opt/py',
          basePrefix: '/opt/py',
          stdlib: '/opt/py/lib/python3.12',
          marker: { present: false, text: null },
        }),
      },
    });
    const r = only(python, f);
    expect(r.message).toBe('/opt/py/bin/python3.12 runs Python 3.12.1 (other) at /opt/py/bin/python3.12.');
    expect(r.details).toEqual([
      'command: /opt/py/bin/python3.12',
      'sys.executable: /opt/py/bin/python3.12',
      'prefix: /opt/py',
      'stdlib: /opt/py/lib/python3.12',
      'source: other',
    ]);
  });
  it('a pyenv shim that fell back to the system Python: a second, passing finding says so', () => {
    const r = only(python, facts({ python: { shim: 'pyenv', resolved: '/root/.pyenv/shims/python3' } }));
    expect(r.status).toBe('pass');
    expect(r.findings[1]).toEqual({
      severity: 'pass',
      message:
        'pyenv selected an interpreter it did not build (pyenv falls back to the system Python when the selected version is missing).',
    });
    expect(r.details[0]).toBe('command: python3 -> /root/.pyenv/shims/python3 (pyenv shim)');
  });
  it('an asdf shim is not pyenv: no fallback note', () => {
    const r = only(python, facts({ python: { shim: 'asdf', resolved: '/root/.asdf/shims/python3' } }));
    expect(r.findings).toHaveLength(1);
    expect(r.message).toBe(
      "python3 runs Python 3.11.2 (the distribution's python3.11-minimal) at /usr/bin/python3.11 via the asdf shim /root/.asdf/shims/python3.",
    );
  });
  it('a python3 inside a venv: says so, and that new venvs use its base interpreter', () => {
    const f = facts({
      python: {
        resolved: '/home/u/.venv/bin/python3',
        owner: null,
        probe: healthyProbe({ executable: '/home/u/.venv/bin/python3', prefix: '/home/u/.venv' }),
      },
    });
    const r = only(python, f);
    expect(r.details[2]).toBe('prefix: /home/u/.venv (a venv; base /usr)');
    expect(r.findings[1]).toEqual({
      severity: 'pass',
      message:
        'python3 is inside the virtual environment /home/u/.venv; venvs made with it use its base interpreter in /usr.',
    });
  });
  it('a conda interpreter is named conda, whatever package owns the file', () => {
    const f = facts({
      python: {
        owner: { package: 'python3.11-minimal', version: null },
        probe: healthyProbe({ condaMeta: true, marker: { present: false, text: null } }),
      },
    });
    expect(only(python, f).message).toBe('python3 runs Python 3.11.2 (conda) at /usr/bin/python3.11.');
  });
});

describe('externally-managed', () => {
  it('inside a venv: passes, names the marker, quotes the distribution', () => {
    const r = only(externallyManaged, facts({ python: { probe: healthyProbe({ prefix: '/home/u/.venv' }) } }));
    expect(r.status).toBe('pass');
    expect(r.findings).toEqual([
      {
        severity: 'pass',
        message:
          'The base interpreter is marked externally managed (/usr/lib/python3.11/EXTERNALLY-MANAGED), but the marker does not apply inside this venv.',
        details: ['marker: /usr/lib/python3.11/EXTERNALLY-MANAGED', 'the distribution says:', '  Use a venv.'],
      },
    ]);
  });
  it('a marker without an error text: only where it is', () => {
    const r = only(externallyManaged, facts({ python: { probe: { marker: { text: '[externally-managed]\n' } } } }));
    expect(r.details).toEqual(['marker: /usr/lib/python3.11/EXTERNALLY-MANAGED']);
    const unread = only(externallyManaged, facts({ python: { probe: { marker: { text: null } } } }));
    expect(unread.details).toEqual(['marker: /usr/lib/python3.11/EXTERNALLY-MANAGED']);
  });
  it('quotes a long error line by line', () => {
    const text = '[externally-managed]\nError=To install Python packages system-wide, try apt install\n python3-xyz.\n';
    const r = only(externallyManaged, facts({ python: { probe: { marker: { text } } } }));
    expect(r.details).toEqual([
      'marker: /usr/lib/python3.11/EXTERNALLY-MANAGED',
      'the distribution says:',
      '  To install Python packages system-wide, try apt install',
      '  python3-xyz.',
    ]);
  });
});

describe('venv', () => {
  it('passes with the module, and names where it is', () => {
    expect(only(venv, facts())).toMatchObject({
      status: 'pass',
      message: 'The venv module is present (/usr/lib/python3.11/venv).',
    });
  });
  it('says what python3 -m venv will print without it', () => {
    const r = only(venv, missingVenvFacts({ python: { probe: { venvModule: false } } }));
    expect(r.message).toBe(
      'The venv module is missing from /usr/lib/python3.11: `python3 -m venv` fails with "No module named venv".',
    );
  });
  it('names no package when the version makes no valid package name, and never invents one', () => {
    const f = missingVenvFacts({
      packages: null,
      python: { owner: null, probe: { venvModule: false, version: '4.0.0', versionInfo: [4, 0, 0] } },
    });
    expect(only(venv, f).findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: 'dpkg-query is not available here, so venv-doctor cannot check or plan an install (the Debian package that carries it is unknown).',
    });
  });
});

describe('ensurepip', () => {
  const py312 = {
    version: '3.12.3',
    versionInfo: [3, 12, 3] as [number, number, number],
    stdlib: '/usr/lib/python3.12',
  };
  it('on Python 3.12+, only the pip wheel is wanted', () => {
    const f = facts({ python: { probe: { ...py312, wheelDirFiles: [] } } });
    const r = only(ensurepip, f);
    expect(r).toMatchObject({
      status: 'fail',
      message:
        'ensurepip has no pip wheel to install (looked in /usr/share/python-wheels/ and /usr/lib/python3.12/ensurepip/_bundled): `python3 -m venv` fails with "returned non-zero exit status 1".',
      details: ['in /usr/share/python-wheels/: none', 'bundled: none'],
    });
    expect(r.findings[0]?.remedy).toEqual({ kind: 'package-install', packages: ['python3-pip-whl'], reinstall: false });
  });
  it('on Python 3.11, the pip and setuptools wheels; lists what is there', () => {
    const f = facts({
      python: {
        probe: {
          wheelDir: null,
          wheelDirFiles: [],
          bundledFiles: ['setuptools-65.5.0-py3-none-any.whl', 'wheel-0.40.0-py3-none-any.whl'],
        },
      },
    });
    const r = only(ensurepip, f);
    expect(r.message).toBe(
      'ensurepip has no pip and setuptools wheels to install (looked in no WHEEL_PKG_DIR and /usr/lib/python3.11/ensurepip/_bundled): `python3 -m venv` fails with "returned non-zero exit status 1".',
    );
    expect(r.details).toEqual([
      'in WHEEL_PKG_DIR: none',
      'bundled: setuptools-65.5.0-py3-none-any.whl, wheel-0.40.0-py3-none-any.whl',
    ]);
  });
  it('lists the wheels found in WHEEL_PKG_DIR', () => {
    const f = facts({
      python: { probe: { wheelDirFiles: ['setuptools-66.1.1-py3-none-any.whl', 'wheel-0.38.4-py3-none-any.whl'] } },
    });
    expect(only(ensurepip, f).details[0]).toBe(
      'in /usr/share/python-wheels/: setuptools-66.1.1-py3-none-any.whl, wheel-0.38.4-py3-none-any.whl',
    );
  });
  it('Debian 11 (Python 3.9) names python-pip-whl, and reinstalls what dpkg says is installed', () => {
    const f = facts({
      python: {
        owner: { package: 'python3.9-minimal', version: null },
        probe: {
          version: '3.9.2',
          versionInfo: [3, 9, 2],
          stdlib: '/usr/lib/python3.9',
          wheelDirFiles: ['setuptools-52.0.0-py3-none-any.whl'],
        },
      },
      packages: packages({ installed: { 'python3-setuptools-whl': { installed: true, version: '52.0.0-4' } } }),
    });
    expect(only(ensurepip, f).findings[0]?.remedy).toEqual({
      kind: 'package-install',
      packages: ['python-pip-whl', 'python3-setuptools-whl'],
      reinstall: true,
    });
  });
  it('a pyenv build without wheels: rebuild advice, nothing for apt', () => {
    const f = facts({
      python: {
        owner: null,
        probe: {
          prefix: '/root/.pyenv/versions/3.11.2',
          basePrefix: '/root/.pyenv/versions/3.11.2',
          wheelDir: null,
          wheelDirFiles: [],
          bundledFiles: [],
        },
      },
    });
    expect(only(ensurepip, f).findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: 'This interpreter was built by pyenv; rebuild it: pyenv install --force 3.11.2',
    });
  });
  it('ensurepip missing where the version makes no valid package name: nothing invented', () => {
    const f = missingVenvFacts({
      packages: null,
      python: { owner: null, probe: { version: '4.0.0', versionInfo: [4, 0, 0] } },
    });
    expect(only(ensurepip, f).findings[0]?.remedy).toEqual({
      kind: 'advice',
      text: 'dpkg-query is not available here, so venv-doctor cannot check or plan an install (the Debian package that carries it is unknown).',
    });
  });
  it('on Debian without dpkg-query, names every wheel package it cannot check', () => {
    const f = facts({ packages: null, python: { owner: null, probe: { wheelDirFiles: [] } } });
    const remedy = only(ensurepip, f).findings[0]?.remedy;
    expect(remedy?.kind).toBe('advice');
    expect(remedy?.kind === 'advice' ? remedy.text : '').toMatch(
      /\(the Debian package that carries it is python3-pip-whl python3-setuptools-whl\)\.$/,
    );
  });
  it('names the pip version it will install from the wheel directory (Python 3.12)', () => {
    const f = facts({ python: { probe: { ...py312, wheelDirFiles: ['pip-24.0-py3-none-any.whl'] } } });
    expect(only(ensurepip, f).message).toBe(
      'ensurepip is present and will install pip-24.0 from /usr/share/python-wheels/.',
    );
  });
});

describe('pip', () => {
  it('pip of an externally managed interpreter: installed, and refuses to install outside a venv', () => {
    const r = only(pip, facts({ python: { probe: { pip: '/usr/lib/python3/dist-packages/pip' } } }));
    expect(r).toMatchObject({
      status: 'pass',
      message:
        'pip is installed for /usr/bin/python3.11 at /usr/lib/python3/dist-packages/pip (PEP 668: it refuses to install outside a venv).',
    });
  });
  it('pip of an unmarked interpreter', () => {
    const f = facts({
      python: { probe: { pip: '/usr/local/lib/python3.11/site-packages/pip', marker: { present: false, text: null } } },
    });
    expect(only(pip, f).message).toBe(
      'pip is installed for /usr/bin/python3.11 at /usr/local/lib/python3.11/site-packages/pip.',
    );
  });
  it('no pip and no ensurepip: a warning that names the interpreter', () => {
    expect(only(pip, missingVenvFacts()).message).toBe(
      'pip is not installed for /usr/bin/python3.11, and new venvs will not get pip until ensurepip is fixed (see ensurepip).',
    );
  });
  it('no pip, but venvs get theirs', () => {
    expect(only(pip, facts()).message).toBe(
      'pip is not installed for /usr/bin/python3.11 itself; not needed: every new venv gets its own pip from ensurepip.',
    );
  });
});
