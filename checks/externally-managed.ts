import { markerErrorText } from '../src/facts/marker.js';
import { asVenvInterpreter, inVenv, isExternallyManaged } from '../src/judge/derived.js';
import { interpreterSkipReason } from '../src/judge/skip-reasons.js';
import type { Check } from '../src/types.js';

/**
 * PEP 668: a distribution marks its Python "externally managed" so that pip refuses to install into it.
 * Not a failure: it is the reason a venv is needed, and it does not apply inside one.
 */
export const check: Check = {
  id: 'externally-managed',
  title: 'PEP 668 marker',
  description: 'Says whether the interpreter is marked externally managed (PEP 668), and what that means.',
  skipIf: interpreterSkipReason,
  run(input) {
    // The interpreter the venv is made with: python3, or the python3.X that meets the requirement.
    const facts = asVenvInterpreter(input);
    const probe = facts.python.probe;
    if (!probe) return [];
    const exe = probe.realExecutable;
    if (!probe.marker.present) {
      return [{ severity: 'pass', message: `${exe} is not marked externally managed (no PEP 668 marker).` }];
    }
    const quoted = markerErrorText(probe.marker.text ?? '');
    const details = [
      `marker: ${probe.marker.path}`,
      ...(quoted ? ['the distribution says:', ...quoted.split('\n').map((l) => `  ${l}`)] : []),
    ];
    if (inVenv(probe)) {
      return [
        {
          severity: 'pass',
          message: `The base interpreter is marked externally managed (${probe.marker.path}), but the marker does not apply inside this venv.`,
          details,
        },
      ];
    }
    if (!isExternallyManaged(probe)) return [];
    return [
      {
        severity: 'pass',
        message: `${exe} is externally managed (PEP 668): pip refuses to install into it, which is why projects need a venv. The marker does not apply inside a venv.`,
        details,
      },
    ];
  },
};
