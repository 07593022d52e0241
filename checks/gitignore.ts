import { projectSkipReason } from '../src/judge/skip-reasons.js';
import type { Check, Finding, ProjectFacts } from '../src/types.js';

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
    const tool = facts.project?.tool;
    if (tool?.venvPlace === 'cache') return `${tool.name} keeps this project's venv outside it, in the user's cache`;
    if (tool?.venvPlace === 'own') return `${tool.name} keeps this project's environments in its own directory`;
    // A problem is said as a warning (the venv may be committed unnoticed), not as a skip.
    return git.workTree || git.problem ? null : 'the project is not in a git work tree';
  },
  // Where the advised line goes.
  where: (facts) => (facts.project ? { file: '.gitignore' } : null),
  run(facts) {
    const project = facts.project;
    if (!project?.git) return [];
    const name = (project.venv?.name ?? project.venvSearched[0] ?? '.venv').replace(/\/$/, '');
    if (project.git.problem) {
      return [
        {
          severity: 'warn',
          message: `venv-doctor could not ask git whether ${name}/ is ignored: ${project.git.problem}.`,
          remedy: { kind: 'advice', text: `Check it yourself: git check-ignore -v ${name}/pyvenv.cfg` },
        },
      ];
    }
    const others = (project.git.othersNotIgnored ?? []).map((other) => `${other.replace(/\/+$/, '')}/`);
    const besides: Finding[] = others.length
      ? [
          {
            severity: 'warn',
            message: `git does not ignore ${others.join(', ')}, ${others.length === 1 ? 'another venv' : 'other venvs'} beside ${name}: ${others.length === 1 ? 'its' : 'their'} files would show up in \`git status\` and could be committed.`,
            remedy: {
              kind: 'advice',
              text: `Add ${others.length === 1 ? 'this line' : 'these lines'} to ${project.dir}/.gitignore: ${others.join(' ')}`,
            },
          },
        ]
      : [];
    return [...judgeVenv(project, name), ...besides];
  },
};

/** The project's venv (or where it will be): ignored, or the line that ignores it. */
function judgeVenv(project: ProjectFacts, name: string): Finding[] {
  // A link is tracked as a file by git: only a pattern without the trailing slash matches it.
  const link = Boolean(project.venv?.link);
  const target = project.git?.targetNotIgnored;
  if (project.git?.venvIgnored && target) {
    return [
      {
        severity: 'warn',
        message: `git ignores the link ${name}, but not ${target}/, the directory it leads to, where the venv's files are: they would show up in \`git status\` and could be committed.`,
        remedy: { kind: 'advice', text: `Add this line to ${project.dir}/.gitignore: ${target}/` },
      },
    ];
  }
  if (project.git?.venvIgnored) return [{ severity: 'pass', message: `git ignores ${link ? name : `${name}/`}.` }];
  if (link) {
    return [
      {
        severity: 'warn',
        message: `git does not ignore ${name}, a symbolic link: git tracks the link itself, which a \`${name}/\` line (for directories only) does not match, so it shows up in \`git status\` and could be committed.`,
        remedy: { kind: 'advice', text: `Add this line to ${project.dir}/.gitignore: ${name}` },
      },
    ];
  }
  return [
    {
      severity: 'warn',
      message: `git does not ignore ${name}/: its thousands of files would show up in \`git status\` and could be committed.`,
      remedy: { kind: 'advice', text: `Add this line to ${project.dir}/.gitignore: ${name}/` },
    },
  ];
}
