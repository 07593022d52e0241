import { inVenv, pythonSource } from '../src/judge/derived.js';
import { installDesktopPython, installPython } from '../src/judge/remedies.js';
import type { Check, Facts, Finding } from '../src/types.js';

/** The interpreter `python3 -m venv` would use: found, runnable, Python 3, and what it really is. */
export const check: Check = {
  id: 'python',
  title: 'Python interpreter',
  description: 'Finds the interpreter that `python3 -m venv` would run (through shims) and its version.',
  run(facts) {
    const { python } = facts;
    const itself = new Set([python.resolved, python.probe?.executable, python.probe?.realExecutable]);
    const others = python.others.filter((o) => !itself.has(o.path)).map((o) => `${o.name} at ${o.path}`);
    const otherDetails = others.length ? [`other interpreters on PATH: ${others.join(', ')}`] : [];
    if (!python.probe) {
      const problem = python.problem ?? { kind: 'failed', detail: `${python.command} could not be probed` };
      const finding: Finding = {
        severity: 'fail',
        message: problemMessage(python.command, problem.kind, problem.detail),
        details: otherDetails,
      };
      if (problem.kind === 'not-found') finding.remedy = installPython(facts);
      else if (problem.kind === 'windows-store-stub' || problem.kind === 'xcode-stub') {
        // Never run, and nothing real beside it (else that one would be judged): a Python to install.
        finding.remedy = installDesktopPython(facts, 'python3');
      } else if (problem.kind === 'unresolved-shim') {
        const tool = python.shim === 'asdf' ? 'asdf' : 'mise';
        const version = python.shimSelection?.version;
        finding.remedy = {
          kind: 'advice',
          text: `${version ? `Install the Python ${tool} selects (${tool === 'asdf' ? `asdf install python ${version}` : `mise install python@${version}`}), or p` : 'P'}oint venv-doctor at the interpreter to judge: --python /path/to/python3.`,
        };
      } else if (problem.kind === 'too-old') {
        finding.remedy = { kind: 'advice', text: 'Point venv-doctor at a Python 3 interpreter: --python python3' };
      } else {
        finding.remedy = {
          kind: 'advice',
          text: `Run "${python.resolved ?? python.command} --version" to see what is wrong with it, or choose another interpreter with --python.`,
        };
      }
      return [finding];
    }
    const probe = python.probe;
    const source = pythonSource(facts);
    const details = [
      `command: ${python.command}${python.resolved ? ` -> ${python.resolved}` : ''}${python.shim ? ` (${python.shim} shim)` : ''}`,
      `sys.executable: ${probe.executable}${probe.realExecutable !== probe.executable ? ` -> ${probe.realExecutable}` : ''}`,
      `prefix: ${probe.prefix}${inVenv(probe) ? ` (a venv; base ${probe.basePrefix})` : ''}`,
      `stdlib: ${probe.stdlib}`,
      ...(python.shimSelection
        ? [
            `${python.shim} selects Python ${python.shimSelection.version} (${python.shimSelection.from}); its shim is not run`,
          ]
        : []),
      `source: ${source}${python.owner ? ` (dpkg package ${[python.owner.package, python.owner.version].filter(Boolean).join(' ')})` : ''}`,
      ...otherDetails,
    ];
    const via = python.shim ? ` via the ${python.shim} shim ${python.resolved}` : '';
    const from = source === 'distro' && python.owner ? `the distribution's ${python.owner.package}` : source;
    const findings: Finding[] = [
      {
        severity: 'pass',
        message: `${python.command} runs Python ${probe.version} (${from}) at ${probe.realExecutable}${via}.`,
        details,
      },
    ];
    if (python.shim === 'pyenv' && source !== 'pyenv') {
      findings.push({
        severity: 'pass',
        message:
          'pyenv selected an interpreter it did not build (pyenv falls back to the system Python when the selected version is missing).',
      });
    }
    const instead = python.insteadOf;
    if (instead) {
      const how =
        facts.host.platform === 'win32'
          ? facts.python.windows?.launcher
            ? `py starts Python ${probe.version}, the one \`py -m venv\` uses`
            : `${python.command} (Python ${probe.version}) is judged instead: there is no py launcher, so make venvs with it by its path`
          : python.command.includes('/')
            ? `${python.command} (Python ${probe.version}) is judged instead; it is not on PATH: use it by its path, or put its directory on PATH (Homebrew: eval "$(${brewOf(python.command)} shellenv)")`
            : `${python.command} (Python ${probe.version}) is judged instead: make venvs with ${python.command} -m venv`;
      findings.push({ severity: 'pass', message: `${instead.command} is not judged: ${instead.detail}; ${how}.` });
    }
    const local = localPython(facts);
    if (local) findings.push({ severity: 'pass', message: local });
    const windows = facts.host.windowsPythons ?? [];
    if (windows.length > 0) {
      findings.push({
        severity: 'pass',
        message: `Windows interpreters are on PATH too (${windows.join(', ')}): named, never run; \`${python.command} -m venv\` here does not use them, and a venv made with one is a Windows venv (Scripts\\python.exe).`,
      });
    }
    if (inVenv(probe)) {
      findings.push({
        severity: 'pass',
        message: `${python.command} is inside the virtual environment ${probe.prefix}; venvs made with it use its base interpreter in ${probe.basePrefix}.`,
      });
    }
    return findings;
  },
};

/**
 * A Python built into /usr/local on a system with a package manager (the Docker python: images put theirs
 * there, before the distribution's on PATH): that package manager's python3-* packages are not for it.
 */
function localPython(facts: Facts): string | null {
  const probe = facts.python.probe;
  if (!probe || !facts.packages || inVenv(probe) || probe.basePrefix !== '/usr/local') return null;
  const distro = facts.python.others.find((other) => /^\/usr\/bin\/python3\.\d+$/.test(other.path));
  const beside = distro ? ` (the distribution's is ${distro.path})` : '';
  return `${facts.python.command} is a Python built into /usr/local, as in the Docker python: images, not the distribution's${beside}: ${facts.packages.manager}'s packages install for the distribution's Python and never change this one; its packages come from pip, in a venv.`;
}

function problemMessage(command: string, kind: string, detail: string): string {
  switch (kind) {
    case 'not-found':
      return `No ${command} interpreter: ${detail}.`;
    case 'timeout':
      return `${command} hangs: ${detail}.`;
    case 'too-old':
      return `${command} is too old: ${detail}.`;
    case 'windows-store-stub':
    case 'xcode-stub':
      return `${command} is not Python: ${detail}.`;
    case 'unresolved-shim':
      return `${command} was not judged: ${detail}.`;
    default:
      return `${command} is not a working Python interpreter: ${detail}.`;
  }
}

/** Homebrew's brew beside one of its Pythons (/opt/homebrew/bin/python3.13 -> /opt/homebrew/bin/brew). */
function brewOf(path: string): string {
  return path.startsWith('/usr/local/') ? '/usr/local/bin/brew' : '/opt/homebrew/bin/brew';
}
