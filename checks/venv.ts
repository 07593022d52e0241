import { asVenvInterpreter, notNeededByTheTool } from '../src/judge/derived.js';
import { repairInterpreter } from '../src/judge/remedies.js';
import { interpreterSkipReason } from '../src/judge/skip-reasons.js';
import type { Check } from '../src/types.js';

/** The venv module itself. On Debian and Ubuntu it is never split out (libpythonX.Y-stdlib has it). */
export const check: Check = {
  id: 'venv',
  title: 'venv module',
  description: "Checks that the interpreter's standard library has the venv module.",
  skipIf: interpreterSkipReason,
  run(input) {
    // The interpreter the venv is made with: python3, or the python3.X that meets the requirement.
    const facts = asVenvInterpreter(input);
    const probe = facts.python.probe;
    if (!probe) return [];
    if (probe.venvModule) {
      return [{ severity: 'pass', message: `The venv module is present (${probe.stdlib}/venv).` }];
    }
    return notNeededByTheTool(
      input,
      [
        {
          severity: 'fail',
          message: `The venv module is missing from ${probe.stdlib}: \`${facts.python.command} -m venv\` fails with "No module named venv".`,
          remedy: repairInterpreter(facts, 'venv'),
        },
      ],
      'the venv module',
    );
  },
};
