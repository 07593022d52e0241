import {
  minorVersion,
  projectTool,
  recreateVenv,
  remakeAdvice,
  venvFileLocation,
  venvVersion,
} from '../src/judge/derived.js';
import { projectSkipReason } from '../src/judge/skip-reasons.js';
import { commandLine } from '../src/quote.js';
import type { Check, Finding, ProjectFacts, Remedy } from '../src/types.js';

/** The other venvs beside the one judged, named: tools that look for those would use another Python. */
function besides(project: ProjectFacts): string {
  const others = project.otherVenvs ?? [];
  if (others.length === 0) return '';
  const names = others.map((n) => `${n.replace(/\/+$/, '')}/`).join(', ');
  return ` ${names} beside it ${others.length === 1 ? 'is another venv' : 'are other venvs'}, not the one judged here: remove what is not used.`;
}

/**
 * The project's own venv: there, complete, and still made of a working interpreter of the version it
 * was made with. Half-created venvs (a failed `python3 -m venv`), venvs whose interpreter an OS upgrade
 * removed, and files named .venv are the common breakages.
 */
export const check: Check = {
  id: 'project-venv',
  title: "The project's venv",
  description:
    "Finds the project's venv (.venv, venv, or the configured path) and checks that it is complete and its interpreter works.",
  skipIf: projectSkipReason,
  // Its pyvenv.cfg says which interpreter and version it was made with; a venv that is no directory is itself the place.
  where(facts) {
    const venv = facts.project?.venv;
    if (!venv) return null;
    return venvFileLocation(venv, venv.kind === 'dir' ? 'pyvenv.cfg' : undefined);
  },
  run(facts) {
    const project = facts.project;
    if (!project) return [];
    const venv = project.venv;
    const recreate = recreateVenv(facts, true);
    const remedy = (): Remedy => recreate ?? { kind: 'advice', text: remakeAdvice(facts) };
    if (!venv) {
      const create = recreateVenv(facts, false);
      const how =
        create?.kind === 'venv-create'
          ? `: ${commandLine([create.interpreter, ...(create.interpreterArgs ?? []), '-I', '-m', 'venv', create.path], facts.host.platform)}`
          : create?.kind === 'advice' && facts.project?.tool
            ? `. ${create.text}`
            : '';
      // Not a problem (a fresh clone, a CI checkout): the planner adds the creation only to a plan that
      // repairs something else, so that following the fixes ends with a venv.
      return [
        {
          severity: 'pass',
          message: `No venv yet (looked for ${project.venvSearched.join(', ')}); create one${how}.`,
          ...(create?.kind === 'venv-create' ? { remedy: create } : {}),
        },
      ];
    }
    const name = venv.name;
    if (venv.kind === 'outside') {
      return [
        {
          severity: 'warn',
          message: `${name} leads to ${venv.realPath ?? '?'}, outside the project: venv-doctor reads and runs nothing outside the project it examines, so it cannot vouch for this venv.`,
          remedy: remedy(),
        },
      ];
    }
    if (venv.kind === 'file') {
      return [{ severity: 'fail', message: `${name} is a file, not a venv.`, remedy: remedy() }];
    }
    if (venv.kind === 'dangling-link') {
      return [
        {
          severity: 'fail',
          message: `${name} is a symbolic link to something that does not exist${venv.link ? ` (${venv.link})` : ''}.`,
          remedy: remedy(),
        },
      ];
    }
    if (venv.kind !== 'dir') {
      return [
        { severity: 'fail', message: `${name} is not a directory (a FIFO, a socket or a device).`, remedy: remedy() },
      ];
    }
    const broken = (message: string, details: string[] = []): Finding[] => [
      { severity: 'fail', message, details, remedy: remedy() },
    ];
    if (venv.binOutside) {
      return broken(
        `${name}/${venv.layout === 'windows' ? 'Scripts' : 'bin'} leads outside the venv (to ${venv.binOutside}): venv-doctor reads nothing there, and \`python -m venv\` never makes such a link.`,
      );
    }
    if (venv.cfgProblem) return broken(`${name} is not a usable venv: ${venv.cfgProblem}.`);
    const cfg = venv.cfg;
    const details = [
      `path: ${venv.path}${venv.realPath && venv.realPath !== venv.path ? ` (${venv.realPath})` : ''}`,
      `pyvenv.cfg: home = ${cfg?.home ?? '?'}, version = ${cfg?.version ?? '?'}${cfg?.executable ? `, executable = ${cfg.executable}` : ''}`,
      `layout: ${venv.layout ?? 'unknown'}`,
    ];
    if (venv.layout === null)
      return broken(`${name} has neither bin/ nor Scripts\\: it is not a usable venv.`, details);
    if (!venv.interpreter)
      return broken(`${name} has no python in ${venv.layout === 'windows' ? 'Scripts\\' : 'bin/'}.`, details);
    // bin/python3 alone: after activation `python` is whatever comes next on PATH (venv and virtualenv always
    // make bin/python).
    if (venv.layout === 'posix' && venv.interpreter.path.endsWith('/python3')) {
      return broken(
        `${name} has no bin/python (only bin/python3): once it is activated, \`python\` runs whatever comes next on PATH.`,
        details,
      );
    }
    if (!venv.interpreter.resolved) {
      const gone = venv.interpreter.missing ?? venv.interpreter.link ?? venv.interpreter.path;
      return broken(
        `${name}'s interpreter is gone: ${venv.interpreter.path} leads to ${gone}, which does not exist (an OS upgrade or a removed Python).`,
        details,
      );
    }
    if (venv.notRun) details.push(`not run: ${venv.notRun}; judged from pyvenv.cfg and its files`);
    else if (venv.legacyVersion) details.push(`Python ${venv.legacyVersion}: Python 2 reached its end of life in 2020`);
    else if (!venv.probe)
      return broken(`${name}'s interpreter does not work: ${venv.probeProblem ?? 'it could not be run'}.`, details);
    const made = cfg?.version ?? null;
    const now = venvVersion(venv) ?? 'unknown';
    if (
      venv.probe &&
      made &&
      /^\d+\.\d+/.test(made) &&
      made.split('.').slice(0, 2).join('.') !== minorVersion(venv.probe)
    ) {
      return broken(
        `${name} was made with Python ${made}, but its interpreter is now Python ${now}: the packages in it were installed for ${made.split('.').slice(0, 2).join('.')}.`,
        details,
      );
    }
    if (!venv.hasActivate) {
      return broken(
        `${name} is half-created: it has no activate script${venv.hasPip ? '' : ' and no pip'} (a \`python -m venv\` that failed, usually for want of ensurepip).`,
        details,
      );
    }
    // uv makes its venvs without pip (`uv pip install` and `uv sync` install into them): that is complete.
    if (!venv.hasPip && projectTool(facts)?.name === 'uv') {
      return [
        {
          severity: 'pass',
          message: `${name} is a venv of Python ${now}, without pip as uv makes them (uv sync and uv pip install fill it).${besides(project)}`,
          details,
        },
      ];
    }
    if (!venv.hasPip) {
      return [
        {
          severity: 'warn',
          message: `${name} has no pip (made with --without-pip, or pip was removed).`,
          details,
          remedy: remedy(),
        },
      ];
    }
    const complete: Finding = {
      severity: 'pass',
      message: `${name} is a complete venv of Python ${now}.${besides(project)}`,
      details,
    };
    if (venv.layout !== 'windows') return [complete];
    // The support ticket of Windows: PowerShell refuses Activate.ps1 under its default execution policy.
    return [
      complete,
      {
        severity: 'pass',
        message: `Activate it in PowerShell with ${name}\\Scripts\\Activate.ps1 (in cmd: ${name}\\Scripts\\activate.bat). If PowerShell says running scripts is disabled, allow your own: Set-ExecutionPolicy -Scope CurrentUser RemoteSigned; or skip activation and run ${name}\\Scripts\\python.exe directly.`,
      },
    ];
  },
};
