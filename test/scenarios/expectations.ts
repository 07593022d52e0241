// What each scenario must say, written by hand from the scenario's facts (test/fixtures/facts/ and the
// derived Ubuntu and uv facts of ubuntu.ts), never from the report under test. The golden files show the
// whole report; this table states the outcomes a reviewer checks first, so that a golden re-recorded by
// mistake cannot turn a wrong diagnosis into the expected one.
//
// For each scenario: the exit code and the verdict line, every check that does not pass (with its status;
// every other check passes), the messages that decide the verdict, the exact fixes (argv, in order), and
// the exact advice and notes.
import type { Status } from '../../src/types.js';

export interface Expected {
  exitCode: 0 | 1;
  /** The verdict line of the plain text. */
  verdict: string;
  /** Every check that does not pass, with its status; the checks not named here pass. */
  notPassing: Record<string, Status>;
  /** Exact messages of the checks that decide the verdict. */
  messages: Record<string, string>;
  /** The fix commands' argv, in order. */
  fixes: string[][];
  advice: string[];
  notes: string[];
}

/** The doctor ran in / (not a project) with no venv active and without --deep. */
const NOT_A_PROJECT: Record<string, Status> = {
  'python-version': 'skip',
  'project-tool': 'skip',
  'project-venv': 'skip',
  'venv-relocated': 'skip',
  gitignore: 'skip',
  'venv-active': 'skip',
  'venv-create': 'skip',
};
/** No interpreter to look at: every check of it is skipped too. */
const NO_INTERPRETER: Record<string, Status> = {
  'externally-managed': 'skip',
  venv: 'skip',
  ensurepip: 'skip',
  pip: 'skip',
  ...NOT_A_PROJECT,
};

const MARKED = (exe: string) =>
  `${exe} is externally managed (PEP 668): pip refuses to install into it, which is why projects need a venv. The marker does not apply inside a venv.`;
const NOT_MARKED = (exe: string) => `${exe} is not marked externally managed (no PEP 668 marker).`;
const ENSUREPIP_MISSING = (xy: string) =>
  `ensurepip is missing (/usr/lib/python${xy}/ensurepip/__main__.py): \`python3 -m venv\` fails with "ensurepip is not available" and leaves a half-made venv.`;
const NO_PIP_UNTIL_ENSUREPIP = (exe: string) =>
  `pip is not installed for ${exe}, and new venvs will not get pip until ensurepip is fixed (see ensurepip).`;
const PIP_NOT_NEEDED = (exe: string) =>
  `pip is not installed for ${exe} itself; not needed: every new venv gets its own pip from ensurepip.`;
const NOT_READY = (version: string, exe: string) =>
  `Not ready: \`python3 -m venv\` will not work with Python ${version} (${exe}). See ensurepip above; the fix is below.`;
const READY = (command: string, version: string, exe: string) =>
  `Ready: \`${command} -m venv\` will work with Python ${version} (${exe}).`;
const NO_SUDO_NOTE = 'You are not root and sudo is not installed: run the apt command as root (for example in `su -`).';

/**
 * A Debian root as the e2e suite recorded it (debootstrap minbase + python3, root, apt lists present),
 * from its facts: the interpreter's version, its PEP 668 marker, and the pip wheel of its venv package.
 */
interface Debian {
  os: string;
  version: string;
  xy: string;
  marker: boolean;
  /** The pip wheel in the wheel directory once pythonX.Y-venv (python3-pip-whl) is installed. */
  pipWheel: string;
  /** Debian 11's ensurepip names the wheel directory without the trailing slash. */
  wheelDir: string;
}

const DEBIAN: Record<'bullseye' | 'bookworm' | 'trixie', Debian> = {
  bullseye: {
    os: 'Debian GNU/Linux 11 (bullseye).',
    version: '3.9.2',
    xy: '3.9',
    marker: false,
    pipWheel: 'pip-20.3.4',
    wheelDir: '/usr/share/python-wheels',
  },
  bookworm: {
    os: 'Debian GNU/Linux 12 (bookworm).',
    version: '3.11.2',
    xy: '3.11',
    marker: true,
    pipWheel: 'pip-23.0.1',
    wheelDir: '/usr/share/python-wheels/',
  },
  trixie: {
    os: 'Debian GNU/Linux 13 (trixie).',
    version: '3.13.5',
    xy: '3.13',
    marker: true,
    pipWheel: 'pip-25.1.1',
    wheelDir: '/usr/share/python-wheels/',
  },
};

function debianScenarios(suite: keyof typeof DEBIAN): Record<string, Expected> {
  const d = DEBIAN[suite];
  const exe = `/usr/bin/python${d.xy}`;
  const venvPackage = `python${d.xy}-venv`;
  const install = ['apt-get', 'install', '-y', venvPackage];
  const interpreter = {
    os: d.os,
    python: `python3 runs Python ${d.version} (the distribution's python${d.xy}-minimal) at ${exe}.`,
    'externally-managed': d.marker ? MARKED(exe) : NOT_MARKED(exe),
    venv: `The venv module is present (/usr/lib/python${d.xy}/venv).`,
  };
  /** python3 without pythonX.Y-venv: ensurepip fails, pip (not installed) warns. */
  const missingVenv = {
    exitCode: 1 as const,
    verdict: NOT_READY(d.version, exe),
    notPassing: { ensurepip: 'fail', pip: 'warn', ...NOT_A_PROJECT } as Record<string, Status>,
    messages: { ...interpreter, ensurepip: ENSUREPIP_MISSING(d.xy), pip: NO_PIP_UNTIL_ENSUREPIP(exe) },
    advice: [],
    notes: [],
  };
  return {
    // python3 only, as root, apt lists present with a candidate for the venv package.
    [`${suite}--python3-only`]: { ...missingVenv, fixes: [install] },
    // The same with /var/lib/apt/lists emptied: the candidate is unknown until apt-get update.
    [`${suite}--empty-lists`]: { ...missingVenv, fixes: [['apt-get', 'update'], install] },
    // The tester user, no sudo in minbase: the same command, to run as root, and a note that says so.
    [`${suite}--non-root-no-sudo`]: { ...missingVenv, fixes: [install], notes: [NO_SUDO_NOTE] },
    // The tester user with sudo (NOPASSWD): the command starts with sudo.
    [`${suite}--non-root-sudo`]: { ...missingVenv, fixes: [['sudo', ...install]] },
    // python3-pip installed: pip itself passes, but the fix is still the venv package, never pip.
    [`${suite}--pip-only`]: {
      ...missingVenv,
      notPassing: { ensurepip: 'fail', ...NOT_A_PROJECT },
      messages: { ...interpreter, ensurepip: ENSUREPIP_MISSING(d.xy) },
      fixes: [install],
    },
    // The venv package installed: ensurepip finds the pip wheel in the wheel directory.
    [`${suite}--healthy`]: {
      exitCode: 0,
      verdict: READY('python3', d.version, exe),
      notPassing: NOT_A_PROJECT,
      messages: {
        ...interpreter,
        ensurepip: `ensurepip is present and will install ${d.pipWheel} from ${d.wheelDir}.`,
        pip: PIP_NOT_NEEDED(exe),
      },
      fixes: [],
      advice: [],
      notes: [],
    },
    // python3, python3-minimal and pythonX.Y purged: no interpreter; the fix installs one that can make venvs.
    [`${suite}--no-python`]: {
      exitCode: 1,
      verdict: 'Not ready: there is no working python3 interpreter. See python above; the fix is below.',
      notPassing: { python: 'fail', ...NO_INTERPRETER },
      messages: { os: d.os, python: 'No python3 interpreter: python3 was not found on PATH.' },
      fixes: [['apt-get', 'install', '-y', 'python3', 'python3-venv']],
      advice: [],
      notes: [],
    },
    // /root/proj (requires-python >=3.9) whose .venv was left by a failed `python3 -m venv`; git is not
    // installed in the root. The venv package first, then the venv recreated with the same python3.
    [`${suite}--half-created`]: {
      ...missingVenv,
      notPassing: {
        ensurepip: 'fail',
        pip: 'warn',
        'project-tool': 'skip',
        'project-venv': 'fail',
        gitignore: 'skip',
        'venv-active': 'skip',
        'venv-create': 'skip',
      },
      messages: {
        ...missingVenv.messages,
        'python-version': `.venv runs Python ${d.version}; the project requires >=3.9 (requires-python in pyproject.toml).`,
        'project-venv':
          '.venv is half-created: it has no activate script and no pip (a `python -m venv` that failed, usually for want of ensurepip).',
        'venv-relocated': '.venv has no scripts naming a directory to check.',
        gitignore: 'Skipped: git is not installed.',
      },
      fixes: [install, ['python3', '-I', '-m', 'venv', '--clear', '/root/proj/.venv']],
      notes: [
        '--clear empties /root/proj/.venv: reinstall the project with /root/proj/.venv/bin/python -m pip install -e .',
      ],
    },
  };
}

/** This development machine (Debian 12 in docker, root), its interpreters as dumped there. */
const THIS_MACHINE: Record<string, Expected> = {
  // python3 on PATH is pyenv's shim to 3.11.7: ensurepip bundled, pip installed, no marker.
  'this-machine--pyenv-shim': {
    exitCode: 0,
    verdict: READY('python3', '3.11.7', '/root/.pyenv/versions/3.11.7/bin/python3.11'),
    notPassing: NOT_A_PROJECT,
    messages: {
      os: 'Debian GNU/Linux 12 (bookworm) in a docker container.',
      python:
        'python3 runs Python 3.11.7 (pyenv) at /root/.pyenv/versions/3.11.7/bin/python3.11 via the pyenv shim /root/.pyenv/shims/python3.',
      'externally-managed': NOT_MARKED('/root/.pyenv/versions/3.11.7/bin/python3.11'),
      ensurepip: 'ensurepip is present and will install pip-23.2.1 from ensurepip/_bundled of Python 3.11.',
    },
    fixes: [],
    advice: [],
    notes: [],
  },
  // --python /usr/bin/python3: Debian's 3.11.2 with python3.11-venv and python3-pip installed.
  'this-machine--debian12-system-python': {
    exitCode: 0,
    verdict: READY('/usr/bin/python3', '3.11.2', '/usr/bin/python3.11'),
    notPassing: NOT_A_PROJECT,
    messages: {
      python: "/usr/bin/python3 runs Python 3.11.2 (the distribution's python3.11-minimal) at /usr/bin/python3.11.",
      'externally-managed': MARKED('/usr/bin/python3.11'),
      ensurepip: 'ensurepip is present and will install pip-23.0.1 from /usr/share/python-wheels/.',
      pip: 'pip is installed for /usr/bin/python3.11 at /usr/lib/python3/dist-packages/pip (PEP 668: it refuses to install outside a venv).',
    },
    fixes: [],
    advice: [],
    notes: [],
  },
  // --python pyenv's 2.7.18: too old for venv; no package to install, advice to point at a Python 3.
  'this-machine--python2': {
    exitCode: 1,
    verdict:
      'Not ready: there is no working /root/.pyenv/versions/2.7.18/bin/python interpreter. See python above; what to do is below.',
    notPassing: { python: 'fail', ...NO_INTERPRETER },
    messages: {
      python:
        '/root/.pyenv/versions/2.7.18/bin/python is too old: /root/.pyenv/versions/2.7.18/bin/python is Python 2.7.18; venv needs Python 3.',
    },
    fixes: [],
    advice: ['Point venv-doctor at a Python 3 interpreter: --python python3'],
    notes: [],
  },
};

/** The derived Ubuntu releases (ubuntu.ts): os-release from the corpus, each release's own Python. */
const UBUNTU = {
  '20.04': { os: 'Ubuntu 20.04.6 LTS.', version: '3.8.10', xy: '3.8', marker: false },
  '22.04': { os: 'Ubuntu 22.04.5 LTS.', version: '3.10.12', xy: '3.10', marker: false },
  '24.04': { os: 'Ubuntu 24.04.3 LTS.', version: '3.12.3', xy: '3.12', marker: true },
  '25.04': { os: 'Ubuntu 25.04.', version: '3.13.3', xy: '3.13', marker: true },
} as const;

function ubuntuScenarios(release: keyof typeof UBUNTU): Record<string, Expected> {
  const u = UBUNTU[release];
  const exe = `/usr/bin/python${u.xy}`;
  const install = ['apt-get', 'install', '-y', `python${u.xy}-venv`];
  const interpreter = {
    os: u.os,
    python: `python3 runs Python ${u.version} (the distribution's python${u.xy}-minimal) at ${exe}.`,
    'externally-managed': u.marker ? MARKED(exe) : NOT_MARKED(exe),
  };
  return {
    [`ubuntu-${release}--python3-only`]: {
      exitCode: 1,
      verdict: NOT_READY(u.version, exe),
      notPassing: { ensurepip: 'fail', pip: 'warn', ...NOT_A_PROJECT },
      messages: { ...interpreter, ensurepip: ENSUREPIP_MISSING(u.xy), pip: NO_PIP_UNTIL_ENSUREPIP(exe) },
      fixes: [install],
      advice: [],
      notes: [],
    },
    [`ubuntu-${release}--healthy`]: {
      exitCode: 0,
      verdict: READY('python3', u.version, exe),
      notPassing: NOT_A_PROJECT,
      messages: { ...interpreter, pip: PIP_NOT_NEEDED(exe) },
      fixes: [],
      advice: [],
      notes: [],
    },
    // A container: empty lists, python3-pip installed. pip passes; update first, then the venv package.
    [`ubuntu-${release}--empty-lists-pip`]: {
      exitCode: 1,
      verdict: NOT_READY(u.version, exe),
      notPassing: { ensurepip: 'fail', ...NOT_A_PROJECT },
      messages: { ...interpreter, ensurepip: ENSUREPIP_MISSING(u.xy) },
      fixes: [['apt-get', 'update'], install],
      advice: [],
      notes: [],
    },
  };
}

const U2404 = UBUNTU['24.04'];
const U2404_EXE = '/usr/bin/python3.12';

export const EXPECTED: Record<string, Expected> = {
  ...debianScenarios('bullseye'),
  ...debianScenarios('bookworm'),
  ...debianScenarios('trixie'),
  ...THIS_MACHINE,
  ...ubuntuScenarios('20.04'),
  ...ubuntuScenarios('22.04'),
  ...ubuntuScenarios('24.04'),
  ...ubuntuScenarios('25.04'),
  // A sudo user on 24.04, universe off, so python3.12-venv has no candidate: enable universe, update, install.
  'ubuntu-24.04--no-universe-sudo': {
    exitCode: 1,
    verdict: NOT_READY(U2404.version, U2404_EXE),
    notPassing: { ensurepip: 'fail', pip: 'warn', ...NOT_A_PROJECT },
    messages: { os: U2404.os, ensurepip: ENSUREPIP_MISSING('3.12') },
    fixes: [
      ['sudo', 'add-apt-repository', '-y', 'universe'],
      ['sudo', 'apt-get', 'update'],
      ['sudo', 'apt-get', 'install', '-y', 'python3.12-venv'],
    ],
    advice: [],
    notes: ['python3.12-venv had no install candidate because universe is not enabled.'],
  },
  // Root on 24.04, universe on, and still no candidate: only the update, and an honest word, no install line.
  'ubuntu-24.04--no-candidate': {
    exitCode: 1,
    verdict: NOT_READY(U2404.version, U2404_EXE),
    notPassing: { ensurepip: 'fail', pip: 'warn', ...NOT_A_PROJECT },
    messages: { os: U2404.os, ensurepip: ENSUREPIP_MISSING('3.12') },
    fixes: [['apt-get', 'update']],
    advice: [
      'apt has no install candidate for python3.12-venv in its current package lists. After the update, run venv-doctor again: if there is still none, your apt sources do not provide it (a removed PPA, or a release that no longer has this Python).',
    ],
    notes: [],
  },
  // uv's CPython 3.12.7 (python-build-standalone): marked "managed by uv", ensurepip bundled; never apt.
  'uv--healthy': {
    exitCode: 0,
    verdict: READY(
      'python3',
      '3.12.7',
      '/home/dev/.local/share/uv/python/cpython-3.12.7-linux-x86_64-gnu/bin/python3.12',
    ),
    notPassing: NOT_A_PROJECT,
    messages: {
      python:
        'python3 runs Python 3.12.7 (uv) at /home/dev/.local/share/uv/python/cpython-3.12.7-linux-x86_64-gnu/bin/python3.12.',
      'externally-managed': MARKED('/home/dev/.local/share/uv/python/cpython-3.12.7-linux-x86_64-gnu/bin/python3.12'),
      ensurepip: 'ensurepip is present and will install pip-24.2 from ensurepip/_bundled of Python 3.12.',
    },
    fixes: [],
    advice: [],
    notes: [],
  },
};
