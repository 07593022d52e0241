// Assembles the Report: one object that every renderer shows and from which the exit code comes.
import { inVenv, isExternallyManaged, projectRequirement, pythonSource, venvInterpreter } from './judge/derived.js';
import {
  type CheckResult,
  ExitCode,
  type Facts,
  type Plan,
  type Report,
  type RequirementSource,
  SCHEMA_VERSION,
} from './types.js';

export function exitCodeOf(results: readonly CheckResult[], strict = false): ExitCode {
  if (results.some((r) => r.status === 'fail' || (strict && r.status === 'warn'))) return ExitCode.notReady;
  if (results.some((r) => r.status === 'crash')) return ExitCode.doctorFailed;
  return ExitCode.ready;
}

/** The interpreter the project's venv is made with, as the report names it. */
function venvPythonOf(facts: Facts): NonNullable<Report['project']>['venvPython'] {
  const python = venvInterpreter(facts);
  if (!python) return null;
  return {
    command: python.command,
    version: python.probe?.version ?? null,
    executable: python.probe?.realExecutable ?? null,
  };
}

export function buildReport(
  facts: Facts,
  results: CheckResult[],
  plan: Plan,
  meta: {
    version: string;
    factsFrom: Report['factsFrom'];
    durationMs: number;
    strict?: boolean;
    warnings?: string[];
  },
): Report {
  const probe = facts.python.probe;
  const exitCode = exitCodeOf(results, meta.strict);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'venv-doctor', version: meta.version },
    ok: exitCode === ExitCode.ready,
    exitCode,
    os: {
      id: facts.os.id,
      idLike: facts.os.idLike,
      versionId: facts.os.versionId,
      codename: facts.os.codename,
      prettyName: facts.os.prettyName,
      platform: facts.host.platform,
      arch: facts.host.arch,
      wsl: facts.host.wsl,
      container: facts.host.container,
    },
    python: {
      command: facts.python.command,
      resolved: facts.python.resolved,
      shim: facts.python.shim,
      executable: probe?.realExecutable ?? null,
      version: probe?.version ?? null,
      source: pythonSource(facts),
      owner: facts.python.owner?.package ?? null,
      externallyManaged: probe ? isExternallyManaged(probe) : false,
      inVenv: probe ? inVenv(probe) : false,
      others: facts.python.others.map(({ name, path }) => ({ name, path })),
    },
    project: facts.project
      ? {
          dir: facts.project.dir,
          venv: facts.project.venv?.path ?? null,
          requirement: projectRequirement(facts)?.spec ?? null,
          venvPython: venvPythonOf(facts),
          requirementSource: requirementSourceOf(facts),
          tool: facts.project.tool
            ? {
                name: facts.project.tool.name,
                evidence: facts.project.tool.evidence,
                installed: facts.project.tool.command !== null,
                venvPlace: facts.project.tool.venvPlace,
              }
            : null,
        }
      : null,
    checks: results,
    fixes: plan.fixes,
    optionalFixes: plan.optional,
    advice: plan.advice,
    notes: plan.notes,
    warnings: meta.warnings ?? [],
    strict: meta.strict ?? false,
    factsFrom: meta.factsFrom,
    durationMs: Math.round(meta.durationMs),
  };
}

/** Where the project's requirement was read, for the machine formats. */
function requirementSourceOf(facts: Facts): RequirementSource | null {
  const requirement = projectRequirement(facts);
  if (!requirement) return null;
  return { source: requirement.source, file: requirement.where?.file ?? null, line: requirement.where?.line ?? null };
}
