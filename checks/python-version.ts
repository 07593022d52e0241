import type { Requirement } from '../src/judge/derived.js';
import {
  INSTALLABLE_MINOR,
  NEWEST_MINOR,
  needsOtherVersions,
  packagesCanAddPython,
  packagesCanFix,
  projectRequirement,
  quoteArgFor,
  recreateVenv,
  satisfiesRequirement,
  satisfyingMinors,
  satisfyingOther,
  venvPathForUser,
  venvVersion,
  versionToInstall,
} from '../src/judge/derived.js';
import { describe, disagreements } from '../src/judge/requirements.js';
import { projectSkipReason } from '../src/judge/skip-reasons.js';
import type { Check, Facts, Finding, OtherInterpreter, Remedy } from '../src/types.js';

/**
 * The project's Python requirement (requires-python, .python-version, --require) against the
 * interpreter and the project's venv: PEP 440 specifiers, not semver ("~=3.11", "!=3.12.0", ">=3.10,<3.13").
 */
export const check: Check = {
  id: 'python-version',
  title: 'Required Python version',
  description:
    "Compares the project's required Python (requires-python, .python-version or --require) with the interpreter.",
  skipIf: (facts) => {
    if (!facts.project?.required) {
      const skip = projectSkipReason(facts);
      if (skip) return skip;
    }
    if (!facts.python.probe) return 'no working interpreter to compare (see python)';
    if (facts.project?.pyproject?.problem || unreadVersionFile(facts)) return null;
    return projectRequirement(facts) ? null : 'the project states no Python version (requires-python, .python-version)';
  },
  where(facts) {
    const requirement = projectRequirement(facts);
    if (requirement) return requirement.where ?? null;
    const pyproject = facts.project?.pyproject;
    if (pyproject?.problem) return { file: 'pyproject.toml', ...(pyproject.line ? { line: pyproject.line } : {}) };
    return unreadVersionFile(facts) ? { file: '.python-version' } : null;
  },
  packageLookups(facts) {
    const requirement = projectRequirement(facts);
    const system = packagesCanFix(facts);
    // Asked only where the system has candidates to ask (apt); elsewhere its packaging tables answer.
    if (!requirement || !needsOtherVersions(facts) || !system?.candidates) return [];
    return satisfyingMinors(requirement).flatMap((minor) => system.python(facts.os, minor) ?? []);
  },
  run(facts) {
    return [...judgeRequirement(facts), ...conflicts(facts)];
  },
};

/** Two places that state the project's Python so that no release meets both: said, with both files and lines. */
function conflicts(facts: Facts): Finding[] {
  if (facts.project?.required) return [];
  return disagreements(facts).map(([a, b]) => ({
    severity: 'warn',
    message: `${describe(a)} and ${describe(b)} disagree: no Python release meets both. Make them agree, so that every tool picks the same Python.`,
  }));
}

function judgeRequirement(facts: Facts): Finding[] {
  {
    const probe = facts.python.probe;
    if (!probe) return [];
    const requirement = projectRequirement(facts);
    const unread = unreadVersionFile(facts);
    if (!requirement && unread) {
      return [{ severity: 'warn', message: `.python-version ${unread.why}, so the version it asks for is unknown.` }];
    }
    if (!requirement) {
      return [
        { severity: 'fail', message: `${facts.project?.pyproject?.problem ?? 'The requirement cannot be read'}.` },
      ];
    }
    if (requirement.problem) return [{ severity: 'fail', message: `${requirement.problem}.` }];
    const command = facts.python.command;
    const wants = `${requirement.spec} (${requirement.source})`;
    const selectedMeets = satisfiesRequirement(probe.version, requirement);
    const other = selectedMeets ? null : satisfyingOther(facts, requirement);
    const meets = selectedMeets
      ? `${command} (Python ${probe.version}) meets it.`
      : other
        ? `${other.name} (Python ${other.version}${other.path === other.name ? '' : `, ${other.path}`}) meets it.`
        : '';
    const venv = facts.project?.venv;
    const venvRuns = venv ? venvVersion(venv) : null;
    // The project's venv is the project's Python: when there is a working one, it is what is judged.
    if (venv && venvRuns) {
      if (satisfiesRequirement(venvRuns, requirement)) {
        return [
          {
            severity: 'pass',
            message: `${venv.name} runs Python ${venvRuns}; the project requires ${wants}.`,
            ...(selectedMeets ? {} : { details: [recreateWith(facts, probe.version, other)] }),
          },
        ];
      }
      const message = `${venv.name} runs Python ${venvRuns}; this project requires ${wants}.${meets ? ` ${meets}` : ''}`;
      if (!meets) return [noInterpreter(facts, message, satisfyingMinors(requirement))];
      return [{ severity: 'fail', message, remedy: recreateVenv(facts, true) ?? recreateAdvice(facts, other) }];
    }
    // No venv yet (or one whose interpreter does not work: project-venv says why): the one it will be made with.
    const found = `Python ${probe.version} found`;
    if (selectedMeets) return [{ severity: 'pass', message: `${found}; the project requires ${wants}.` }];
    const message = `${found}; this project requires ${wants}.`;
    if (other) {
      return [
        {
          severity: 'fail',
          message,
          details: [`${meets.slice(0, -1)}: make the venv with it.`],
          remedy: recreateVenv(facts, Boolean(venv)) ?? recreateAdvice(facts, other),
        },
      ];
    }
    return [noInterpreter(facts, message, satisfyingMinors(requirement))];
  }
}

/** The venv meets the requirement but python3 does not: how to make it again, when it must be. */
function recreateWith(facts: Facts, version: string, other: OtherInterpreter | null): string {
  const quoteArg = quoteArgFor(facts);
  const command = facts.python.command;
  const path = quoteArg(venvPathForUser(facts));
  if (other) {
    return `${command} is Python ${version}, which does not meet it: to make the venv again, use ${quoteArg(other.name)} -I -m venv --clear ${path}.`;
  }
  return `${command} is Python ${version}, which does not meet it, and no other interpreter here does: keep this venv, or install a Python that meets it before you make the venv again.`;
}

function recreateAdvice(facts: Facts, other: OtherInterpreter | null): Remedy {
  const quoteArg = quoteArgFor(facts);
  if (!other)
    return {
      kind: 'advice',
      text: `Recreate ${facts.project?.venv?.name ?? 'the venv'} with ${facts.python.command}.`,
    };
  return {
    kind: 'advice',
    text: `Use ${other.name}: ${quoteArg(other.name)} -I -m venv ${quoteArg(venvPathForUser(facts))}`,
  };
}

/** .python-version exists but was not read (a FIFO, a link out of the project ...). */
function unreadVersionFile(facts: Facts) {
  return facts.project?.notRead?.find((entry) => entry.file === '.python-version') ?? null;
}

/** No interpreter here meets it: a pyenv version not selected, a distribution package, or the honest alternative. */
function noInterpreter(facts: Facts, message: string, minors: string[]): Finding {
  const quoteArg = quoteArgFor(facts);
  const requirement = projectRequirement(facts);
  const pyenv = (facts.python.pyenvVersions ?? []).filter((v) => requirement && satisfiesRequirement(v, requirement));
  const chosen = pyenv.at(-1);
  const project = facts.project;
  const clear = project?.venv ? ' --clear' : '';
  if (chosen) {
    // pyenv local writes .python-version where it runs: in the project, wherever the user stands.
    const select =
      project && project.dir !== project.cwd
        ? `cd ${quoteArg(project.dir)} && pyenv local ${chosen}`
        : `pyenv local ${chosen}`;
    return {
      severity: 'fail',
      message,
      remedy: {
        kind: 'advice',
        text: `pyenv has Python ${chosen} installed: select it for this project with \`${select}\`, then make the venv with python3 -I -m venv${clear} ${quoteArg(venvPathForUser(facts))}.`,
      },
    };
  }
  const candidates = facts.packages?.candidates ?? {};
  const packaged = requirement ? packagedMinor(facts, minors, requirement) : undefined;
  if (packaged) {
    return {
      severity: 'fail',
      message,
      remedy: {
        kind: 'package-install',
        packages: packaged.packages,
        note:
          facts.host.platform === 'win32'
            ? `Python ${packaged.minor} is not installed yet: once it is, run venv-doctor again, and it plans the venv with py -${packaged.minor}.`
            : `python${packaged.minor} is not installed yet: once it is, run venv-doctor again, and it plans the venv with python${packaged.minor}.`,
      },
    };
  }
  // The newest minor that version managers of today install (a 3.15 can be too new for the user's pyenv).
  const installable = minors.find((m) => Number(m.split('.')[1]) <= INSTALLABLE_MINOR) ?? minors[0];
  const newest = installable && requirement ? versionToInstall(requirement, installable) : undefined;
  if (!newest) {
    // No released Python meets it (==3.7.*, <3.8, >=3.15): "pyenv install 3" would install one that does not.
    return {
      severity: 'fail',
      message,
      remedy: {
        kind: 'advice',
        text: `No released Python from 3.8 to 3.${NEWEST_MINOR} meets ${requirement?.spec ?? 'the requirement'}: check the requirement (${requirement?.source ?? 'requires-python'}), or install a Python that meets it by hand.`,
      },
    };
  }
  const asked = minors.some((m) => `python${m}` in candidates);
  const where = asked
    ? `${facts.os.prettyName ?? 'This system'}'s ${facts.packages?.manager ?? 'package'} sources have no such Python`
    : 'No installed interpreter meets it';
  return {
    severity: 'fail',
    message,
    remedy: {
      kind: 'advice',
      text: `${where}: install one with pyenv (pyenv install ${newest}) or uv (uv python install ${newest}), then make the venv with it.`,
    },
  };
}

/**
 * The newest minor that meets the requirement and that the system's package manager installs, with its
 * packages: by the candidates asked (apt: each package has one, and the candidate's own release meets it:
 * ==3.12.4 is not met by Debian's 3.12.8), else by the release's packaging (any release of that minor must
 * meet it, since which one the repositories hold is not known here).
 */
function packagedMinor(
  facts: Facts,
  minors: string[],
  requirement: Requirement,
): { minor: string; packages: string[] } | undefined {
  const system = packagesCanAddPython(facts);
  if (!system) return undefined;
  const candidates = facts.packages?.candidates ?? {};
  const installable = system.candidates ? null : (system.installableMinors(facts.os) ?? []);
  for (const minor of minors) {
    const packages = system.python(facts.os, minor);
    if (!packages || packages.length === 0) continue;
    if (installable) {
      const anyRelease = [`${minor}.0`, `${minor}.99`].every((v) => satisfiesRequirement(v, requirement));
      if (installable.includes(minor) && anyRelease) return { minor, packages };
      continue;
    }
    // "3.12.8-1" -> 3.12.8
    const release = /^(?:\d+:)?(\d+\.\d+\.\d+)/.exec(candidates[packages[0] ?? ''] ?? '')?.[1];
    if (release && packages.every((name) => candidates[name]) && satisfiesRequirement(release, requirement)) {
      return { minor, packages };
    }
  }
  return undefined;
}
