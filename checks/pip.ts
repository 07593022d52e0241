import { asVenvInterpreter, inVenv, isExternallyManaged, packagesCanFix, venvWillWork } from '../src/judge/derived.js';
import { interpreterSkipReason } from '../src/judge/skip-reasons.js';
import type { Check, Remedy } from '../src/types.js';

/**
 * pip for the interpreter itself. Not needed for venvs (each venv gets its own pip from ensurepip), so a
 * missing system pip is never a failure, and python3-pip is never the venv fix.
 */
export const check: Check = {
  id: 'pip',
  title: 'pip',
  description: 'Reports whether pip is installed for the interpreter itself, and whether new venvs will get pip.',
  skipIf: interpreterSkipReason,
  run(input) {
    // The interpreter the venv is made with: python3, or the python3.X that meets the requirement.
    const facts = asVenvInterpreter(input);
    const probe = facts.python.probe;
    if (!probe) return [];
    const exe = probe.realExecutable;
    const venvsGetPip = venvWillWork(probe);
    if (probe.pip) {
      const refused = isExternallyManaged(probe) ? ' (PEP 668: it refuses to install outside a venv)' : '';
      return [
        {
          severity: 'pass',
          message: `pip is installed for ${exe} at ${probe.pip}${refused}.${venvsGetPip ? '' : ' It does not help new venvs: they need ensurepip (see ensurepip).'}`,
        },
      ];
    }
    // The system's pip package (python3-pip, py3-pip, python-pip ...) gives the system Python a pip: offered
    // apart, since venvs never need it. Only for the distribution's default python3: it is that one's pip.
    const system =
      facts === input && facts.python.resolved === '/usr/bin/python3' && !inVenv(probe) ? packagesCanFix(facts) : null;
    const pipPackage = system?.systemPip(facts, probe);
    const systemPip: Remedy | undefined = pipPackage
      ? { kind: 'package-install', packages: [pipPackage], optional: true }
      : undefined;
    if (venvsGetPip) {
      return [
        {
          severity: 'pass',
          message: `pip is not installed for ${exe} itself; not needed: every new venv gets its own pip from ensurepip.`,
          ...(systemPip ? { remedy: systemPip } : {}),
        },
      ];
    }
    return [
      {
        severity: 'warn',
        message: `pip is not installed for ${exe}, and new venvs will not get pip until ensurepip is fixed (see ensurepip).`,
        ...(systemPip ? { remedy: systemPip } : {}),
      },
    ];
  },
};
