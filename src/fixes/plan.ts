// The planner: merges every finding's remedy into the fewest commands. Pure.
// A fix is only printed as a command when the system's package manager (src/systems/) can actually carry it
// out; otherwise it becomes advice.
import { posix, win32 } from 'node:path';
import { elevation, packageSystem } from '../judge/derived.js';
import { commandLine, shellQuote } from '../quote.js';
import { type PackageSystem, systemFor } from '../systems/index.js';
import type { CheckResult, Facts, Fix, Plan, Remedy } from '../types.js';

export { shellQuote };

/** Package lists younger than this are not refreshed again for a missing candidate. */
const LISTS_FRESH_SECONDS = 3600;

/**
 * Only names like these ever reach an argv (values read from the machine are validated here too); never one
 * a package manager would take for a local file (dnf, zypper, apk and pacman install a path to a package).
 */
const PACKAGE_NAME = /^(?![a-z0-9.+-]*\.(?:rpm|deb|apk|pkg\.tar(?:\.[a-z0-9]+)?)$)[a-z0-9][a-z0-9.+-]{1,63}$/;

/** The names this package system takes (Homebrew's python@3.12, winget's Python.Python.3.12), else a distribution's. */
function nameRule(facts: Facts): RegExp {
  return packageSystem(facts)?.packageName ?? PACKAGE_NAME;
}

export function planFixes(facts: Facts, results: readonly CheckResult[]): Plan {
  const validName = nameRule(facts);
  const advice: string[] = [];
  const notes: string[] = [];
  const wanted: string[] = [];
  /** The wanted packages that are to be installed again over themselves (their files were removed). */
  const reinstall = new Set<string>();
  const packageNotes: string[] = [];
  const venvs: Extract<Remedy, { kind: 'venv-create' }>[] = [];
  // Ignored and skipped checks plan nothing.
  const active = results.filter((r) => r.status !== 'ignored' && r.status !== 'skip');
  const optionalPackages: string[] = [];
  const venvsToMake: Extract<Remedy, { kind: 'venv-create' }>[] = [];
  for (const finding of active.flatMap((r) => r.findings)) {
    const remedy = finding.remedy;
    // A passing finding plans nothing by itself: an optional fix, or a venv to make along with other fixes.
    if (finding.severity === 'pass' && remedy?.kind === 'venv-create') {
      venvsToMake.push(remedy);
      continue;
    }
    if (!remedy || (finding.severity === 'pass' && !(remedy.kind === 'package-install' && remedy.optional))) continue;
    if (remedy.kind === 'advice') {
      if (!advice.includes(remedy.text)) advice.push(remedy.text);
      continue;
    }
    if (remedy.kind === 'venv-create') {
      venvs.push(remedy);
      continue;
    }
    if (remedy.optional) {
      optionalPackages.push(...remedy.packages.filter((n) => validName.test(n) && !optionalPackages.includes(n)));
      continue;
    }
    for (const name of remedy.packages) {
      if (!validName.test(name) || name.startsWith('-')) {
        advice.push(`venv-doctor refused to put the odd package name "${name.slice(0, 60)}" into a command.`);
      } else {
        if (!wanted.includes(name)) wanted.push(name);
        if (remedy.reinstall === true) reinstall.add(name);
      }
    }
    if (remedy.note && !packageNotes.includes(remedy.note)) packageNotes.push(remedy.note);
  }
  const system = packageSystem(facts);
  const fixes = wanted.length > 0 ? planPackages(facts, system, wanted, reinstall, advice, notes) : [];
  // Blocked when the package manager has to act first but could not be planned to (ensurepip would still be
  // missing): no install (or reinstall) among its commands.
  const packagesBlocked = wanted.length > 0 && !fixes.some((f) => f.packages.length > 0);
  if (!packagesBlocked) notes.push(...packageNotes);
  // One venv per project: every check that wants it (re)created wants the same one; --clear wins. A project
  // without a venv gets one at the end of a plan that repairs the machine: the fixes end where work starts.
  const asked = venvs[0] ?? (fixes.length > 0 ? venvsToMake[0] : undefined);
  const venv = asked && { ...asked, clear: venvs.some((v) => v.clear) };
  const system_ = packageSystem(facts);
  if (system_?.notRunByFix && fixes.some((f) => f.manager === system_.id)) notes.push(system_.notRunByFix);
  if (venv && !packagesBlocked) {
    fixes.push(venvCommand(facts, venv));
    if (venv.clear && venv.note) notes.push(venv.note);
  }
  const rootFixes = fixes.filter((fix) => fix.needsRoot);
  if (rootFixes.length > 0 && !facts.host.isRoot && !facts.host.sudo && !facts.host.doas) {
    const name = system?.id ?? 'package';
    const these = rootFixes.length === 1 ? `the ${name} command` : `the ${name} commands`;
    notes.push(`You are not root and sudo is not installed: run ${these} as root (for example in \`su -\`).`);
  }
  return { fixes, optional: system ? optionalFixes(facts, system, optionalPackages) : [], advice, notes };
}

/**
 * Fixes that are not needed for venvs, as one install line: only where it runs as it is (tools there, index
 * not empty, the package known to be reachable: Ubuntu's universe on), else nothing, since nothing depends on it.
 */
function optionalFixes(facts: Facts, system: PackageSystem, wanted: string[]): Fix[] {
  const packages = facts.packages;
  const toInstall = wanted.filter(
    (name) => !packages?.installed?.[name]?.installed && packages?.candidates[name] !== null,
  );
  if (toInstall.length === 0 || !packages?.tools.install || packages.lists === 'empty') return [];
  if (system.offersOptional && !system.offersOptional(facts)) return [];
  const argv = system.installArgv(toInstall, { reinstall: false, indexEmpty: false });
  const fix = command(facts, system, argv, `install ${toInstall.join(' ')}`, toInstall);
  return [{ ...fix, optional: true }];
}

/** Which packages wanted by remedies need their install candidate (asked by the gatherer only when needed). */
export function packagesToLookUp(results: readonly CheckResult[], extra: readonly string[] = []): string[] {
  const names = results
    .flatMap((r) => r.findings)
    .flatMap((f) => (f.severity !== 'pass' && f.remedy?.kind === 'package-install' ? f.remedy.packages : []));
  return [...new Set([...names, ...extra])].filter((name) => PACKAGE_NAME.test(name));
}

function planPackages(
  facts: Facts,
  found: PackageSystem | null,
  wanted: string[],
  reinstall: ReadonlySet<string>,
  advice: string[],
  notes: string[],
): Fix[] {
  const packages = facts.packages;
  const system = found && packages?.tools.install ? found : null;
  if (!system || !packages) {
    const program = (found ?? systemFor(facts.os))?.programs[0] ?? 'A package manager venv-doctor knows';
    advice.push(`${program} is not available here, so venv-doctor cannot plan the install of ${wanted.join(' ')}.`);
    return [];
  }
  const again = wanted.filter((name) => reinstall.has(name));
  const toInstall = wanted.filter((name) => !reinstall.has(name) && !packages.installed?.[name]?.installed);
  if (again.length + toInstall.length === 0) return [];
  const indexEmpty = packages.lists === 'empty';
  // One command where the manager's reinstall also installs what is missing (apt --reinstall); else the
  // reinstall of what is installed and the install of the rest apart (dnf reinstall installs nothing).
  const known = packages.installed;
  const reinstalled = system.reinstallInstalls || !known ? again : again.filter((name) => known[name]?.installed);
  const commands: [string[], boolean][] =
    again.length === 0
      ? [[toInstall, false]]
      : system.reinstallInstalls
        ? [[wanted.filter((name) => reinstall.has(name) || toInstall.includes(name)), true]]
        : [
            [reinstalled, true],
            [[...again.filter((name) => !reinstalled.includes(name)), ...toInstall], false],
          ];
  const installs = () =>
    commands
      .filter(([names]) => names.length > 0)
      .map(([names, again]) =>
        command(
          facts,
          system,
          system.installArgv(names, { reinstall: again, indexEmpty }),
          `install ${names.join(' ')}`,
          names,
        ),
      );
  const refresh = system.refreshArgv;
  const update = (why: string) => (refresh ? [command(facts, system, refresh, why, [])] : []);

  if (indexEmpty) {
    // Fresh container images ship without package lists: nothing can be installed before an update (apt's
    // own step; apk and pacman download the index in the install command itself).
    if (system.indexEmptyNote) notes.push(system.indexEmptyNote);
    return [...update(system.refreshWhy ?? 'download the package index'), ...installs()];
  }
  // dnf, zypper ...: no offline candidate to ask; the remedies asked the release's packaging tables.
  if (!system.candidates) return installs();
  const asked = [...again, ...toInstall];
  const noCandidate = asked.filter((name) => name in packages.candidates && packages.candidates[name] === null);
  if (noCandidate.length === 0) {
    const unverified = asked.filter((name) => !(name in packages.candidates));
    if (unverified.length > 0) {
      notes.push(
        `${system.candidates.tool} could not be asked, so venv-doctor could not confirm that ${system.id} can install ${unverified.join(', ')}.`,
      );
    }
    return installs();
  }

  const why = system.missingCandidates?.(facts, noCandidate);
  if (why && 'advice' in why) {
    advice.push(why.advice);
    return [];
  }
  if (why) {
    notes.push(why.note);
    return [...why.steps.map((step) => command(facts, system, step.argv, step.why, [])), ...installs()];
  }
  // Lists refreshed within the hour (the update of the round before): refreshing again changes nothing.
  const age = packages.listsAgeSeconds;
  const them = noCandidate.length > 1 ? 'them' : 'it';
  if (age !== undefined && age !== null && age < LISTS_FRESH_SECONDS) {
    advice.push(
      `${system.id} has no install candidate for ${noCandidate.join(', ')}, and its package lists are fresh (downloaded ${Math.round(age / 60)} min ago): your ${system.id} sources do not provide ${them} (a removed PPA, or a release that no longer has this Python).`,
    );
    return [];
  }
  // No candidate in the current lists: never print the install as if it would work. Refresh the lists and
  // let the next run verify.
  advice.push(
    `${system.id} has no install candidate for ${noCandidate.join(', ')} in its current package lists. After the update, run venv-doctor again: if there is still none, your ${system.id} sources do not provide ${them} (a removed PPA, or a release that no longer has this Python).`,
  );
  return update('refresh the package lists');
}

/**
 * The venv (re)creation: run as the user, never with sudo (a root-owned venv is a new problem); -I, so that
 * a venv.py or ensurepip/ where the user stands (the project) cannot stand in for the real module.
 */
function venvCommand(facts: Facts, remedy: Extract<Remedy, { kind: 'venv-create' }>): Fix {
  const argv = [
    remedy.interpreter,
    ...(remedy.interpreterArgs ?? []),
    '-I',
    '-m',
    'venv',
    ...(remedy.clear ? ['--clear'] : []),
    remedy.path,
  ];
  // Where it writes, in full: the path in the command is relative to where the user stands.
  const windows = facts.host.platform === 'win32';
  const target = (windows ? win32 : posix).resolve(facts.project?.cwd ?? (windows ? 'C:\\' : '/'), remedy.path);
  const why = remedy.clear ? `empties and recreates the venv ${target}` : `creates the venv ${target}`;
  return {
    manager: 'venv',
    why,
    packages: [],
    needsRoot: false,
    argv,
    command: commandLine(argv, facts.host.platform),
  };
}

/** A package manager's command, with sudo (or doas, where there is no sudo) when not root. */
function command(facts: Facts, system: PackageSystem, argv: string[], why: string, packages: string[]): Fix {
  // Homebrew refuses root, winget's installer asks itself: their commands are the user's own.
  const elevate = system.asUser ? null : elevation(facts);
  const full = elevate ? [elevate, ...argv] : argv;
  return {
    manager: system.id,
    why,
    packages,
    needsRoot: !system.asUser,
    argv: full,
    command: commandLine(full, facts.host.platform),
  };
}
