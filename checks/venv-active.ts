import type { Check } from '../src/types.js';

/** $VIRTUAL_ENV left over from an activation: a venv that is gone, or another project's. */
export const check: Check = {
  id: 'venv-active',
  title: 'Active venv',
  description: "Checks that an activated venv ($VIRTUAL_ENV) exists and is the project's.",
  skipIf: (facts) => (facts.project?.virtualEnv ? null : 'no venv is active ($VIRTUAL_ENV is not set)'),
  run(facts) {
    const active = facts.project?.virtualEnv;
    if (!active) return [];
    const venv = facts.project?.venv;
    // Activated by a path through a symbolic link is the same venv.
    const here = [venv?.path, venv?.realPath].filter(Boolean);
    if (venv && (here.includes(active.path) || (active.realPath && here.includes(active.realPath)))) {
      return [{ severity: 'pass', message: `The project's venv ${venv.name} is active.` }];
    }
    if (!active.exists) {
      return [
        {
          severity: 'warn',
          message: `VIRTUAL_ENV names ${active.path}, which does not exist: the activation is stale (that venv was removed or moved).`,
          remedy: { kind: 'advice', text: 'Run `deactivate`, or open a new shell.' },
        },
      ];
    }
    return [
      {
        severity: 'warn',
        message: `Another venv is active (${active.path})${venv ? `, not the project's ${venv.name}` : ''}.`,
        remedy: {
          kind: 'advice',
          text: `Run \`deactivate\`${venv ? `, then \`${activation(venv.name, venv.layout)}\`` : ''}.`,
        },
      },
    ];
  },
};

/** How a venv is activated: PowerShell's Activate.ps1 on Windows (the shell Windows opens), else activate. */
function activation(name: string, layout: 'posix' | 'windows' | null): string {
  return layout === 'windows' ? `${name}\\Scripts\\Activate.ps1` : `. ${name}/bin/activate`;
}
