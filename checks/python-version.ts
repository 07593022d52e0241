import {
  aptCanFix,
  needsOtherVersions,
  projectRequirement,
  recreateVenv,
  satisfiesRequirement,
  satisfyingMinors,
  satisfyingOther,
  venvPathForUser,
  venvVersion,
} from '../src/derived.js';
import { quoteArg } from '../src/quote.js';
import { projectSkipReason } from '../src/skip-reasons.js';
import type { Check, Facts, Finding } from '../src/types.js';

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
  aptLookups(facts) {
    const requirement = projectRequirement(facts);
    if (!requirement || !needsOtherVersions(facts) || !aptCanFix(facts)) return [];
    return satisfyingMinors(requirement).flatMap((minor) => [`python${minor}`, `python${minor}-venv`]);
  },
  run(facts) {
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
    const found = `Python ${probe.version} found`;
    const wants = `${requirement.spec} (${requirement.source})`;
    if (satisfiesRequirement(probe.version, requirement)) {
      const venv = facts.project?.venv;
      const inVenv = venv ? venvVersion(venv) : null;
      // The venv is what the project really runs: it must meet the requirement too.
      if (venv && inVenv && !satisfiesRequirement(inVenv, requirement)) {
        return [
          {
            severity: 'fail',
            message: `${venv.name} runs Python ${inVenv}; this project requires ${wants}. ${found} meets it.`,
            remedy: recreateVenv(facts, true) ?? {
              kind: 'advice',
              text: `Recreate ${venv.name} with ${facts.python.command}.`,
            },
          },
        ];
      }
      return [{ severity: 'pass', message: `${found}; the project requires ${wants}.` }];
    }
    const message = `${found}; this project requires ${wants}.`;
    const other = satisfyingOther(facts, requirement);
    if (other) {
      return [
        {
          severity: 'fail',
          message,
          details: [`${other.name} (Python ${other.version}, ${other.path}) meets it: make the venv with it.`],
          remedy: recreateVenv(facts, true) ?? {
            kind: 'advice',
            text: `Use ${other.name}: ${other.name} -I -m venv ${quoteArg(venvPathForUser(facts))}`,
          },
        },
      ];
    }
    return [noInterpreter(facts, message, satisfyingMinors(requirement))];
  },
};

/** .python-version exists but was not read (a FIFO, a link out of the project ...). */
function unreadVersionFile(facts: Facts) {
  return facts.project?.notRead?.find((entry) => entry.file === '.python-version') ?? null;
}

/** No interpreter here meets it: a pyenv version not selected, a distribution package, or the honest alternative. */
function noInterpreter(facts: Facts, message: string, minors: string[]): Finding {
  const requirement = projectRequirement(facts);
  const pyenv = (facts.python.pyenvVersions ?? []).filter((v) => requirement && satisfiesRequirement(v, requirement));
  const chosen = pyenv.at(-1);
  if (chosen) {
    return {
      severity: 'fail',
      message,
      remedy: {
        kind: 'advice',
        text: `pyenv has Python ${chosen} installed: select it for this project with \`pyenv local ${chosen}\`, then recreate the venv with python3 -I -m venv --clear ${quoteArg(venvPathForUser(facts))}.`,
      },
    };
  }
  const candidates = facts.packages?.candidates ?? {};
  const packaged = minors.find((m) => candidates[`python${m}`] && candidates[`python${m}-venv`]);
  if (packaged) {
    return {
      severity: 'fail',
      message,
      remedy: { kind: 'apt-install', packages: [`python${packaged}`, `python${packaged}-venv`] },
    };
  }
  const newest = minors[0];
  if (!newest) {
    // No released Python meets it (==3.7.*, <3.8, >=3.15): "pyenv install 3" would install one that does not.
    return {
      severity: 'fail',
      message,
      remedy: {
        kind: 'advice',
        text: `No released Python from 3.8 to 3.14 meets ${requirement?.spec ?? 'the requirement'}: check the requirement (${requirement?.source ?? 'requires-python'}), or install a Python that meets it by hand.`,
      },
    };
  }
  const asked = minors.some((m) => `python${m}` in candidates);
  const where = asked
    ? `${facts.os.prettyName ?? 'This system'}'s apt sources have no such Python`
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
