// Composed facts of macOS and Windows, the systems this project's machines cannot run: each laid out as its
// installers lay it out, from their documentation and sources (../shared/domain/other-systems.md §5 [M1-M3],
// §6 [W1-W5]; the research behind docs/systems/brew.md and winget.md): Homebrew's keg and opt paths, the
// python.org framework, python.org's Windows directories, the py launcher, a Windows venv's pyvenv.cfg and
// Scripts\. Every field that differs from a healthy Debian 12 is set here, visibly.
import type { Facts, PackageFacts, Probe, VenvFacts } from '../../src/types.js';
import { facts, healthyProbe, project } from '../helpers/facts.js';

const MACOS = {
  source: '/System/Library/CoreServices/SystemVersion.plist',
  id: 'macos',
  idLike: [],
  versionId: '15.5',
  codename: null,
  name: 'macOS',
  prettyName: 'macOS 15.5',
  problem: null,
};
const WINDOWS = {
  source: 'os.version()',
  id: 'windows',
  idLike: [],
  versionId: '11.0.26100',
  codename: null,
  name: 'Windows 11 Pro',
  prettyName: 'Windows 11 Pro 11.0.26100',
  problem: null,
};

/** Homebrew's python@3.X on Apple silicon: the keg in the Cellar, reached through opt/ [M1]. */
export function brewProbe(minor: number, micro: number): Probe {
  const keg = `/opt/homebrew/opt/python@3.${minor}/Frameworks/Python.framework/Versions/3.${minor}`;
  return healthyProbe({
    version: `3.${minor}.${micro}`,
    versionInfo: [3, minor, micro],
    executable: `/opt/homebrew/bin/python3`,
    realExecutable: `/opt/homebrew/Cellar/python@3.${minor}/3.${minor}.${micro}/Frameworks/Python.framework/Versions/3.${minor}/bin/python3.${minor}`,
    prefix: keg,
    basePrefix: keg,
    stdlib: `${keg}/lib/python3.${minor}`,
    platform: 'darwin',
    marker: {
      path: `${keg}/lib/python3.${minor}/EXTERNALLY-MANAGED`,
      present: true,
      text: '[externally-managed]\nError=To install Python packages system-wide, try brew install\n xyz, where xyz is the package you are trying to\n install.\n',
    },
    wheelDir: null,
    wheelDirFiles: [],
    bundledFiles: ['pip-25.2-py3-none-any.whl'],
    pip: `/opt/homebrew/lib/python3.${minor}/site-packages/pip`,
  });
}

/** python.org's macOS installer: /Library/Frameworks/Python.framework, linked from /usr/local/bin [M2]. */
export function pythonOrgMacProbe(minor: number, micro: number): Probe {
  const framework = `/Library/Frameworks/Python.framework/Versions/3.${minor}`;
  return healthyProbe({
    version: `3.${minor}.${micro}`,
    versionInfo: [3, minor, micro],
    executable: '/usr/local/bin/python3',
    realExecutable: `${framework}/bin/python3.${minor}`,
    prefix: framework,
    basePrefix: framework,
    stdlib: `${framework}/lib/python3.${minor}`,
    platform: 'darwin',
    marker: { path: `${framework}/lib/python3.${minor}/EXTERNALLY-MANAGED`, present: false, text: null },
    wheelDir: null,
    wheelDirFiles: [],
    bundledFiles: ['pip-25.0.1-py3-none-any.whl'],
    pip: `${framework}/lib/python3.${minor}/site-packages/pip`,
  });
}

export const LOCAL = 'C:\\Users\\ada\\AppData\\Local';
const windowsDir = (minor: number) => `${LOCAL}\\Programs\\Python\\Python3${minor}`;

/** python.org's Windows installer, per user: %LocalAppData%\Programs\Python\Python3XY [W1]. */
export function windowsProbe(minor: number, micro: number, dir = windowsDir(minor)): Probe {
  return healthyProbe({
    version: `3.${minor}.${micro}`,
    versionInfo: [3, minor, micro],
    executable: `${dir}\\python.exe`,
    realExecutable: `${dir}\\python.exe`,
    prefix: dir,
    basePrefix: dir,
    stdlib: `${dir}\\Lib`,
    platform: 'win32',
    marker: { path: `${dir}\\Lib\\EXTERNALLY-MANAGED`, present: false, text: null },
    wheelDir: null,
    wheelDirFiles: [],
    // python.org's installers keep ensurepip's _bundled wheels; up to 3.11 setuptools is one of them [C1].
    bundledFiles: ['pip-25.0.1-py3-none-any.whl', ...(minor <= 11 ? ['setuptools-79.0.1-py3-none-any.whl'] : [])],
    pip: `${dir}\\Lib\\site-packages\\pip`,
  });
}

/** Homebrew or winget found in its own directory: no index, no candidates to ask. */
function managerFacts(manager: 'brew' | 'winget', installed: PackageFacts['installed']): PackageFacts {
  return {
    manager,
    installed,
    lists: 'unknown',
    candidates: {},
    universe: null,
    tools: { install: true, candidates: false, addAptRepository: false },
  };
}

const macHost = { platform: 'darwin', arch: 'arm64', kernel: '24.5.0', isRoot: false, sudo: '/usr/bin/sudo' };
const windowsHost = { platform: 'win32', arch: 'x64', kernel: '10.0.26100', isRoot: false, sudo: null };

export type DesktopCase =
  | 'brew-after-upgrade'
  | 'clt-stub-alone'
  | 'clt-stub-with-brew'
  | 'python-org-313'
  | 'store-alias-only'
  | 'py-311-313'
  | 'py-311-313-requires-311'
  | 'windows-moved-venv'
  | 'windows-venv-without-pip';

const MAC_PROJECT = { dir: '/Users/ada/src/app', cwd: '/Users/ada/src/app' };
const WIN_PROJECT = { dir: 'C:\\Users\\ada\\src\\app', cwd: 'C:\\Users\\ada\\src\\app' };

/** A Windows venv of python.org's 3.X: Scripts\python.exe (the launcher's copy), never run; its base judged. */
function windowsVenv(minor: number, micro: number, patch: Partial<VenvFacts> = {}): VenvFacts {
  const path = `${WIN_PROJECT.dir}\\.venv`;
  const base = windowsDir(minor);
  return {
    name: '.venv',
    path,
    realPath: path,
    link: null,
    kind: 'dir',
    layout: 'windows',
    cfg: {
      home: base,
      version: `3.${minor}.${micro}`,
      executable: `${base}\\python.exe`,
      command: `${base}\\python.exe -m venv ${path}`,
    },
    cfgProblem: null,
    interpreter: {
      path: `${path}\\Scripts\\python.exe`,
      link: null,
      resolved: `${path}\\Scripts\\python.exe`,
      missing: null,
    },
    probe: windowsProbe(minor, micro),
    probeProblem: null,
    binOutside: null,
    notRun: null,
    hasPip: true,
    hasActivate: true,
    activateVirtualEnv: path,
    shebangs: [],
    ...patch,
  };
}

const launcher = (installs: number[]) => ({
  launcher: { path: 'C:\\Windows\\py.exe', kind: 'legacy' as const },
  installs: installs.map((minor) => ({
    tag: `3.${minor}`,
    path: `${windowsDir(minor)}\\python.exe`,
    from: 'py -0p' as const,
  })),
  selectedByLauncher: true,
});

export function desktopFacts(name: DesktopCase): Facts {
  switch (name) {
    case 'brew-after-upgrade': {
      // python3 moved to python@3.13; python@3.12 was removed (brew autoremove): the venv's links lead nowhere.
      const f = facts({
        host: macHost,
        os: MACOS,
        project: project({ ...MAC_PROJECT, markers: ['requirements.txt'] }),
      });
      f.python = { ...f.python, resolved: '/opt/homebrew/bin/python3', probe: brewProbe(13, 9), owner: null };
      f.packages = managerFacts('brew', { 'python@3.13': { installed: true, version: null } });
      const path = `${MAC_PROJECT.dir}/.venv`;
      (f.project as NonNullable<Facts['project']>).venv = {
        name: '.venv',
        path,
        realPath: path,
        link: null,
        kind: 'dir',
        layout: 'posix',
        cfg: {
          home: '/opt/homebrew/opt/python@3.12/bin',
          version: '3.12.11',
          executable:
            '/opt/homebrew/Cellar/python@3.12/3.12.11/Frameworks/Python.framework/Versions/3.12/bin/python3.12',
          command: `/opt/homebrew/opt/python@3.12/bin/python3.12 -m venv ${path}`,
        },
        cfgProblem: null,
        interpreter: {
          path: `${path}/bin/python`,
          link: 'python3.12',
          resolved: null,
          missing: '/opt/homebrew/opt/python@3.12/bin/python3.12',
        },
        probe: null,
        probeProblem: null,
        binOutside: null,
        notRun: null,
        hasPip: true,
        hasActivate: true,
        activateVirtualEnv: path,
        shebangs: [{ script: 'pip', interpreter: `${path}/bin/python3.12` }],
      };
      return f;
    }
    case 'clt-stub-alone':
    case 'clt-stub-with-brew': {
      const f = facts({ host: { ...macHost, commandLineTools: { python3: null } }, os: MACOS });
      f.python = {
        command: 'python3',
        resolved: '/usr/bin/python3',
        shim: null,
        problem: {
          kind: 'xcode-stub',
          detail:
            "/usr/bin/python3 is Apple's stub: without the Command Line Tools it opens an install dialog instead of running Python (venv-doctor never runs it)",
        },
        probe: null,
        owner: null,
        others: [],
      };
      f.packages = name === 'clt-stub-alone' ? null : managerFacts('brew', {});
      return f;
    }
    case 'python-org-313': {
      const f = facts({ host: macHost, os: MACOS, packages: null });
      f.packages = null;
      f.python = { ...f.python, resolved: '/usr/local/bin/python3', probe: pythonOrgMacProbe(13, 7), owner: null };
      return f;
    }
    case 'store-alias-only': {
      const f = facts({ host: windowsHost, os: WINDOWS });
      f.python = {
        command: 'python3',
        resolved: null,
        shim: null,
        problem: {
          kind: 'windows-store-stub',
          detail: `${LOCAL}\\Microsoft\\WindowsApps\\python3.exe is the Microsoft Store alias stub`,
        },
        probe: null,
        owner: null,
        others: [],
        windows: { launcher: null, installs: [] },
      };
      f.packages = managerFacts('winget', null);
      return f;
    }
    case 'py-311-313':
    case 'py-311-313-requires-311':
    case 'windows-moved-venv':
    case 'windows-venv-without-pip': {
      const requires = name === 'py-311-313-requires-311' ? '>=3.10,<3.12' : null;
      const f = facts({
        host: windowsHost,
        os: WINDOWS,
        project: project({
          ...WIN_PROJECT,
          markers: ['pyproject.toml'],
          pyproject: { requiresPython: requires, problem: null },
        }),
      });
      f.packages = null;
      f.python = {
        command: 'py',
        resolved: `${windowsDir(13)}\\python.exe`,
        shim: null,
        problem: null,
        probe: windowsProbe(13, 5),
        owner: null,
        others: [
          {
            name: `${windowsDir(11)}\\python.exe`,
            path: `${windowsDir(11)}\\python.exe`,
            ...(requires ? { version: '3.11.9', probe: windowsProbe(11, 9) } : {}),
          },
        ],
        windows: launcher([13, 11]),
        insteadOf: {
          command: 'python3',
          detail: `${LOCAL}\\Microsoft\\WindowsApps\\python3.exe is the Microsoft Store alias stub`,
        },
      };
      const p = f.project as NonNullable<Facts['project']>;
      if (name === 'windows-moved-venv') {
        p.venv = windowsVenv(13, 5, { activateVirtualEnv: 'C:\\Users\\ada\\old\\app\\.venv' });
      }
      if (name === 'windows-venv-without-pip') p.venv = windowsVenv(13, 5, { hasPip: false });
      return f;
    }
  }
}

// What each situation's documentation says the doctor must answer (cited per case, §11 keys of
// ../shared/domain/other-systems.md): written from the sources, never from the doctor's output.
export interface Expected {
  exitCode: number;
  fixes: string[];
  failing?: string[];
  advice?: RegExp;
  notes?: RegExp;
}

export const DESKTOP_CASES: [string, DesktopCase, Expected][] = [
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
