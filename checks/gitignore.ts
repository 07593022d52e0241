import { projectSkipReason } from '../src/judge/skip-reasons.js';
import type { Check } from '../src/types.js';

/** A venv is machine-specific and large: it belongs in .gitignore, never in the repository. */
export const check: Check = {
  id: 'gitignore',
  title: 'Venv ignored by git',
  description: 'Inside a git work tree, asks git whether the venv directory is ignored.',
  skipIf: (facts) => {
    const skip = projectSkipReason(facts);
    if (skip) return skip;
    const git = facts.project?.git;
    if (!git) return 'git is not installed';
    if (git.problem) return git.problem;
    return git.workTree ? null : 'the project is not in a git work tree';
  },
  run(facts) {
    const project = facts.project;
    const name = (project?.venv?.name ?? project?.venvSearched[0] ?? '.venv').replace(/\/$/, '');
    const link = Boolean(project?.venv?.link);
    // A link is tracked as a file by git: only a pattern without the trailing slash matches it.
    const shown = link ? name : `${name}/`;
    if (project?.git?.venvIgnored) return [{ severity: 'pass', message: `git ignores ${shown}.` }];
    if (link) {
      return [
        {
          severity: 'warn',
          message: `git does not ignore ${name}, a symbolic link: git tracks the link itself, which a \`${name}/\` line (for directories only) does not match, so it shows up in \`git status\` and could be committed.`,
          remedy: { kind: 'advice', text: `Add this line to ${project?.dir ?? '.'}/.gitignore: ${name}` },
        },
      ];
    }
    return [
      {
        severity: 'warn',
        message: `git does not ignore ${name}/: its thousands of files would show up in \`git status\` and could be committed.`,
        remedy: { kind: 'advice', text: `Add this line to ${project?.dir ?? '.'}/.gitignore: ${name}/` },
      },
    ];
  },
};
