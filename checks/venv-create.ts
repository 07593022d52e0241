import { venvWillWork } from '../src/judge/derived.js';
import type { Check } from '../src/types.js';

/**
 * The ground truth the other checks predict: a real venv with pip, made in a temporary directory with
 * the selected interpreter, then removed. Opt-in (--deep): it takes seconds.
 */
export const check: Check = {
  id: 'venv-create',
  title: 'Create a venv (--deep)',
  description: 'With --deep: creates a throwaway venv with pip in a temporary directory, runs its pip, and removes it.',
  skipIf: (facts) => {
    if (!facts.project?.deep) return 'runs only with --deep';
    return null;
  },
  run(facts) {
    const deep = facts.project?.deep;
    const probe = facts.python.probe;
    if (!deep) return [];
    const predicted = probe ? venvWillWork(probe) : false;
    const seconds = (deep.durationMs / 1000).toFixed(1);
    if (deep.ok) {
      const findings = [
        {
          severity: 'pass' as const,
          message: `Created a venv with pip in ${seconds} s (${deep.output.split(' from ')[0]}).`,
        },
      ];
      if (!predicted) {
        findings.push({
          severity: 'pass',
          message:
            'THE OTHER CHECKS PREDICTED A FAILURE, BUT A REAL VENV WORKED: please report this, with --dump-facts, so venv-doctor can learn this system.',
        });
      }
      return findings;
    }
    const step = deep.failedStep === 'pip' ? "the new venv's pip did not run" : '`python -m venv` failed';
    return [
      {
        severity: 'fail',
        message: `Creating a real venv failed after ${seconds} s: ${step}.${predicted ? ' THE OTHER CHECKS PREDICTED SUCCESS: this is a case venv-doctor does not know yet; please report it with --dump-facts.' : ''}`,
        details: deep.output.split('\n'),
      },
    ];
  },
};
