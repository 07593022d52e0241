// The planner: merges every finding's remedy into the fewest commands. Pure.
// A fix is only printed as a command when apt can actually carry it out; otherwise it becomes advice.
import { posix } from 'node:path';
import { isInstalled } from '../facts/debian.js';
import { isUbuntuFamily } from '../judge/derived.js';
import { shellQuote } from '../quote.js';
import type { CheckResult, Facts, Fix, Plan, Remedy } from '../types.js';

export { shellQuote };

/** Package lists younger than this are not refreshed again for a missing candidate. */
const LISTS_FRESH_SECONDS = 3600;

/** Only names like these ever reach an argv (values read from the machine are validated here too). */
const PACKAGE_NAME = /^[a-z0-9][a-z0-9.+-]{1,63}$/;

export function planFixes(facts: Facts, results: readonly CheckResult[]): Plan {
  const advice: string[] = [];
  const notes: string[] = [];
  const wanted: string[] = [];
  let reinstall = false;
  const aptNotes: string[] = [];
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
    if (!remedy || (finding.severity === 'pass' && !(remedy.kind === 'apt-install' && remedy.optional))) continue;
    if (remedy.kind === 'advice') {
      if (!advice.includes(remedy.text)) advice.push(remedy.text);
      continue;
    }
    if (remedy.kind === 'venv-create') {
      venvs.push(remedy);
      continue;
    }
    if (remedy.optional) {
      optionalPackages.push(...remedy.packages.filter((n) => PACKAGE_NAME.test(n) && !optionalPackages.includes(n)));
      continue;
    }
    for (const name of remedy.packages) {
      if (!PACKAGE_NAME.test(name)) {
        advice.push(`venv-doctor refused to put the odd package name "${name.slice(0, 60)}" into a command.`);
      } else if (!wanted.includes(name)) {
        wanted.push(name);
      }
    }
    reinstall ||= remedy.reinstall === true;
    if (remedy.note && !aptNotes.includes(remedy.note)) aptNotes.push(remedy.note);
  }
  const fixes = wanted.length > 0 ? planApt(facts, wanted, reinstall, advice, notes) : [];
  // Blocked when apt has to act first but could not be planned to (ensurepip would still be missing).
  const aptBlocked = wanted.length > 0 && !fixes.some((f) => f.argv.includes('install'));
  if (!aptBlocked) notes.push(...aptNotes);
  // One venv per project: every check that wants it (re)created wants the same one; --clear wins. A project
  // without a venv gets one at the end of a plan that repairs the machine: the fixes end where work starts.
  const asked = venvs[0] ?? (fixes.length > 0 ? venvsToMake[0] : undefined);
  const venv = asked && { ...asked, clear: venvs.some((v) => v.clear) };
  if (venv && !aptBlocked) {
    fixes.push(venvCommand(facts, venv));
    if (venv.clear && venv.note) notes.push(venv.note);
  }
  const rootFixes = fixes.filter((fix) => fix.needsRoot);
  if (rootFixes.length > 0 && !facts.host.isRoot && !facts.host.sudo) {
    const these = rootFixes.length === 1 ? 'the apt command' : 'the apt commands';
    notes.push(`You are not root and sudo is not installed: run ${these} as root (for example in \`su -\`).`);
  }
  return { fixes, optional: optionalFixes(facts, optionalPackages), advice, notes };
}

/**
 * Fixes that are not needed for venvs, as one apt line: only where apt can run it as it is (tools there,
 * package lists not empty, Ubuntu's universe known to be on), else nothing, since nothing depends on it.
 */
function optionalFixes(facts: Facts, wanted: string[]): Fix[] {
  const packages = facts.packages;
  const toInstall = wanted.filter(
    (name) => !isInstalled(packages?.dpkg?.[name]) && packages?.candidates[name] !== null,
  );
  if (toInstall.length === 0 || !packages?.tools.aptGet || packages.aptLists === 'empty') return [];
  // Ubuntu ships python3-pip in universe: offered only when universe is known to be on.
  if (isUbuntuFamily(facts.os) && packages.universe !== true) return [];
  const fix = command(facts, ['apt-get', 'install', '-y', ...toInstall], `install ${toInstall.join(' ')}`, toInstall);
  return [{ ...fix, optional: true }];
}

/** Which packages wanted by remedies need apt's candidate (asked by the gatherer only when needed). */
export function packagesToLookUp(results: readonly CheckResult[], extra: readonly string[] = []): string[] {
  const names = results
    .flatMap((r) => r.findings)
    .flatMap((f) => (f.severity !== 'pass' && f.remedy?.kind === 'apt-install' ? f.remedy.packages : []));
  return [...new Set([...names, ...extra])].filter((name) => PACKAGE_NAME.test(name));
}

function planApt(facts: Facts, wanted: string[], reinstall: boolean, advice: string[], notes: string[]): Fix[] {
  const packages = facts.packages;
  if (!packages?.tools.aptGet) {
    advice.push(`apt-get is not available here, so venv-doctor cannot plan the install of ${wanted.join(' ')}.`);
    return [];
  }
  const toInstall = reinstall ? wanted : wanted.filter((name) => !isInstalled(packages.dpkg?.[name]));
  if (toInstall.length === 0) return [];
  const fixes: Fix[] = [];
  const install = () =>
    command(
      facts,
      ['apt-get', 'install', '-y', ...(reinstall ? ['--reinstall'] : []), ...toInstall],
      `install ${toInstall.join(' ')}`,
      toInstall,
    );
  const update = (why: string) => command(facts, ['apt-get', 'update'], why, []);

  if (packages.aptLists === 'empty') {
    // Fresh container images ship without package lists: nothing can be installed before an update.
    fixes.push(update("download apt's package lists (they are empty, as in fresh container images)"), install());
    return fixes;
  }
  const noCandidate = toInstall.filter((name) => name in packages.candidates && packages.candidates[name] === null);
  if (noCandidate.length === 0) {
    const unverified = toInstall.filter((name) => !(name in packages.candidates));
    if (unverified.length > 0) {
      notes.push(
        `apt-cache could not be asked, so venv-doctor could not confirm that apt can install ${unverified.join(', ')}.`,
      );
    }
    return [install()];
  }

  // Ubuntu ships these packages in universe; a system without universe cannot see them.
  if (isUbuntuFamily(facts.os) && packages.universe === false) {
    if (!packages.tools.addAptRepository) {
      advice.push(
        `${noCandidate.join(', ')} ${noCandidate.length > 1 ? 'are' : 'is'} in Ubuntu's universe component, which is not enabled: add "universe" to the Components of your apt sources (/etc/apt/sources.list.d/ubuntu.sources), then run venv-doctor again.`,
      );
      return [];
    }
    fixes.push(
      command(facts, ['add-apt-repository', '-y', 'universe'], "enable Ubuntu's universe component", []),
      update('download the package lists of universe'),
      install(),
    );
    notes.push(`${noCandidate.join(', ')} had no install candidate because universe is not enabled.`);
    return fixes;
  }
  // Lists refreshed within the hour (the update of the round before): refreshing again changes nothing.
  const age = packages.listsAgeSeconds;
  if (age !== undefined && age !== null && age < LISTS_FRESH_SECONDS) {
    advice.push(
      `apt has no install candidate for ${noCandidate.join(', ')}, and its package lists are fresh (downloaded ${Math.round(age / 60)} min ago): your apt sources do not provide ${noCandidate.length > 1 ? 'them' : 'it'} (a removed PPA, or a release that no longer has this Python).`,
    );
    return [];
  }
  // No candidate in the current lists: never print the install as if it would work. Refresh the lists and
  // let the next run verify.
  fixes.push(update('refresh the package lists'));
  advice.push(
    `apt has no install candidate for ${noCandidate.join(', ')} in its current package lists. After the update, run venv-doctor again: if there is still none, your apt sources do not provide ${noCandidate.length > 1 ? 'them' : 'it'} (a removed PPA, or a release that no longer has this Python).`,
  );
  return fixes;
}

/**
 * The venv (re)creation: run as the user, never with sudo (a root-owned venv is a new problem); -I, so that
 * a venv.py or ensurepip/ where the user stands (the project) cannot stand in for the real module.
 */
function venvCommand(facts: Facts, remedy: Extract<Remedy, { kind: 'venv-create' }>): Fix {
  const argv = [remedy.interpreter, '-I', '-m', 'venv', ...(remedy.clear ? ['--clear'] : []), remedy.path];
  // Where it writes, in full: the path in the command is relative to where the user stands.
  const target = posix.resolve(facts.project?.cwd ?? '/', remedy.path);
  const why = remedy.clear ? `empties and recreates the venv ${target}` : `creates the venv ${target}`;
  return { manager: 'venv', why, packages: [], needsRoot: false, argv, command: shellQuote(argv) };
}

function command(facts: Facts, argv: string[], why: string, packages: string[]): Fix {
  const useSudo = !facts.host.isRoot && facts.host.sudo !== null;
  const full = useSudo ? ['sudo', ...argv] : argv;
  return { manager: 'apt', why, packages, needsRoot: true, argv: full, command: shellQuote(full) };
}
