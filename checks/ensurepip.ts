import {
  asVenvInterpreter,
  ensurepipWheels,
  minorVersion,
  needsSetuptools,
  notNeededByTheTool,
} from '../src/judge/derived.js';
import { repairInterpreter } from '../src/judge/remedies.js';
import { interpreterSkipReason } from '../src/judge/skip-reasons.js';
import type { Check, Facts, Finding } from '../src/types.js';

/**
 * ensurepip, which `python -m venv` runs to put pip into the new venv, and the wheels it installs.
 * Debian and Ubuntu split it into pythonX.Y-venv; the wheels come from python3-pip-whl (Fedora's and RHEL's
 * from python-pip-wheel / python3-pip-wheel; the others bundle them: src/systems/).
 * Detected by files, the way Debian's own venv decides: `import ensurepip` and
 * `python -m ensurepip --version` both answer wrongly when files are missing.
 */
export const check: Check = {
  id: 'ensurepip',
  title: 'ensurepip and pip wheel',
  description: 'Checks that ensurepip and the pip wheel it installs into new venvs are present.',
  skipIf: interpreterSkipReason,
  run(input) {
    return notNeededByTheTool(input, judge(input), 'ensurepip');
  },
};

function judge(input: Facts): Finding[] {
  {
    // The interpreter the venv is made with: python3, or the python3.X that meets the requirement.
    const facts = asVenvInterpreter(input);
    const probe = facts.python.probe;
    if (!probe) return [];
    const command = facts.python.command;
    if (!probe.ensurepipMain) {
      return [
        {
          severity: 'fail',
          message: `ensurepip is missing (${probe.stdlib}/ensurepip/__main__.py): \`${command} -m venv\` fails with "ensurepip is not available" and leaves a half-made venv.`,
          details: ['python3-pip does not fix this: it installs pip for the system Python, not ensurepip.'],
          remedy: repairInterpreter(facts, 'venv'),
        },
      ];
    }
    const wheels = ensurepipWheels(probe);
    if (!wheels.usable) {
      const setuptools = needsSetuptools(probe);
      const finding: Finding = {
        severity: 'fail',
        message: `ensurepip has no ${setuptools ? 'pip and setuptools wheels' : 'pip wheel'} to install (looked in ${probe.wheelDir ?? 'no WHEEL_PKG_DIR'} and ${probe.stdlib}/ensurepip/_bundled): \`${command} -m venv\` fails with "returned non-zero exit status 1".`,
        details: [
          `in ${probe.wheelDir ?? 'WHEEL_PKG_DIR'}: ${probe.wheelDirFiles.join(', ') || 'none'}`,
          `bundled: ${probe.bundledFiles.join(', ') || 'none'}`,
        ],
        remedy: repairInterpreter(facts, 'wheels'),
      };
      return [finding];
    }
    const files = wheels.from === 'wheel-dir' ? probe.wheelDirFiles : probe.bundledFiles;
    const pip = files.find((n) => n.startsWith('pip-'))?.replace(/-py.*$/, '') ?? 'pip';
    const where = wheels.from === 'wheel-dir' ? probe.wheelDir : `ensurepip/_bundled of Python ${minorVersion(probe)}`;
    return [{ severity: 'pass', message: `ensurepip is present and will install ${pip} from ${where}.` }];
  }
}
