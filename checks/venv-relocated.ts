import { venvDirOfInterpreter } from '../src/facts/venv-files.js';
import { recreateVenv, remakeAdvice, venvFileLocation } from '../src/judge/derived.js';
import { venvSkipReason } from '../src/judge/skip-reasons.js';
import { samePath } from '../src/paths.js';
import type { Check, VenvFacts } from '../src/types.js';

/**
 * A venv is locked to the directory it was made in: its scripts' #! lines and its activate script name
 * that directory. Moved (mv) or copied (cp -a, COPY into a Docker image), it runs "bad interpreter", or
 * worse, silently the old venv's Python.
 */
export const check: Check = {
  id: 'venv-relocated',
  title: 'Venv moved or copied',
  description: "Checks that the venv's scripts and activate script name the directory the venv is in now.",
  skipIf: venvSkipReason,
  // The first script that names the old directory (else the venv's pyvenv.cfg).
  where(facts) {
    const venv = facts.project?.venv;
    if (!venv) return null;
    const script = movedScripts(venv)[0]?.[1][0];
    const bin = venv.layout === 'windows' ? 'Scripts' : 'bin';
    return venvFileLocation(venv, script ? `${bin}/${script}` : 'pyvenv.cfg');
  },
  run(facts) {
    const venv = facts.project?.venv;
    if (!venv) return [];
    const elsewhere = movedScripts(venv);
    if (elsewhere.length === 0) {
      const looked = venv.shebangs.length + (venv.activateVirtualEnv ? 1 : 0);
      return [
        {
          severity: 'pass',
          message: looked
            ? `${venv.name} is where it was made (${looked} script${looked === 1 ? '' : 's'} checked).`
            : `${venv.name} has no scripts naming a directory to check.`,
        },
      ];
    }
    const [from, scripts] = elsewhere[0] ?? ['', []];
    const recreate = recreateVenv(facts, true);
    return [
      {
        severity: 'fail',
        message: `${venv.name} was moved or copied: it was made in ${from}, and is now in ${venv.realPath ?? venv.path}. Its scripts (${scripts.slice(0, 4).join(', ')}${scripts.length > 4 ? ' ...' : ''}) still run ${from}'s Python.`,
        details: ['A venv cannot be moved: recreate it where it is.'],
        remedy: recreate ?? { kind: 'advice', text: `Recreate the venv where it is. ${remakeAdvice(facts)}` },
      },
    ];
  },
};

/** The directories other than this venv's that its scripts name, with those scripts, most named first. */
function movedScripts(venv: VenvFacts): [string, string[]][] {
  // Made through a symbolic link to the same directory is not moved: those scripts work.
  const here = [venv.path, venv.realPath, ...(venv.namedAs ?? [])].filter((p): p is string => p !== null);
  const elsewhere = new Map<string, string[]>();
  for (const { script, interpreter } of venv.shebangs) {
    const dir = venvDirOfInterpreter(interpreter);
    if (dir && !here.some((h) => samePath(h, dir))) elsewhere.set(dir, [...(elsewhere.get(dir) ?? []), script]);
  }
  const activated = venv.activateVirtualEnv;
  if (activated && !here.some((h) => samePath(h, activated))) {
    const script = venv.layout === 'windows' ? 'activate.bat' : 'activate';
    elsewhere.set(activated, [...(elsewhere.get(activated) ?? []), script]);
  }
  return [...elsewhere.entries()].sort((a, b) => b[1].length - a[1].length);
}
