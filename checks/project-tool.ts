import { projectTool, toolInstallCommand, toolRemedy } from '../src/judge/derived.js';
import { projectSkipReason } from '../src/judge/skip-reasons.js';
import type { Check, Finding } from '../src/types.js';

/**
 * The tool that makes the project's venv (uv, Poetry, Pipenv, PDM, Hatch, conda), told from its files: where
 * that tool keeps the venv (which the venv checks then judge), what it needs of this machine, and whether it
 * is installed. Nothing of the tool is run.
 */
export const check: Check = {
  id: 'project-tool',
  title: "The project's own tool",
  description:
    "Tells which tool makes the project's venv (uv, Poetry, Pipenv, PDM, Hatch, conda) from its files, where it keeps it, and whether it is installed.",
  skipIf: (facts) => {
    const skip = projectSkipReason(facts);
    if (skip) return skip;
    return facts.project?.tool
      ? null
      : 'the project names no tool of its own (uv.lock, poetry.lock, Pipfile ...): plain venv';
  },
  where: (facts) => {
    const first = facts.project?.tool?.evidence[0] ?? '';
    return /^\[tool\./.test(first) ? { file: 'pyproject.toml' } : first ? { file: first } : null;
  },
  run(facts) {
    const found = facts.project?.tool;
    const tool = projectTool(facts);
    if (!found || !tool) return [];
    const place =
      found.venvPlace === 'project'
        ? `keeps its venv in the project (${facts.project?.venvSearched[0] ?? '.venv'}${found.placeReason ? `: ${found.placeReason}` : ''})`
        : found.venvPlace === 'cache'
          ? found.venv
            ? `keeps its venv outside the project, at ${found.venv.path}`
            : `keeps its venv outside the project and has none for it yet (looked for ${found.venvLookedFor ?? 'it'})`
          : `keeps its environments in its own directory (not judged here: ${tool.command(null, false)} makes them)`;
    const details = [
      `told by: ${found.evidence.join(', ')}`,
      `makes venvs with ${tool.makesVenvsWith}${tool.needsEnsurepip ? '' : ': needs no ensurepip (pythonX.Y-venv)'}`,
      `installed: ${found.command ?? 'no'}`,
    ];
    const findings: Finding[] = [
      {
        severity: 'pass',
        message: `This is a ${tool.name} project (${found.evidence.join(', ')}): ${tool.name} ${place}.`,
        details,
      },
    ];
    if (!found.command) {
      const packaged = toolInstallCommand(facts, tool);
      findings.push({
        severity: 'warn',
        message: `${tool.name} is not installed (not on PATH): this project's venv is made with it.`,
        remedy: toolRemedy(facts, null, false) ?? {
          kind: 'advice',
          text: `Install ${tool.name}: ${packaged ? `${packaged}, or ` : ''}${tool.install.elsewhere}`,
        },
      });
    }
    return findings;
  },
};
