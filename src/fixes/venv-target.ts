// Whether the place of the project's venv is one that only the user running venv-doctor controls: the
// directories from / down to it, and the venv itself. A fix that makes or empties a venv (`python -m venv
// --clear`) acts on that place as this user, root in CI: if another user could swap a directory on the way
// for a link, or owns the venv, the fix would act where that user says (empty a directory outside the
// project, write through a planted pyvenv.cfg link, run a planted ensurepip.py). Asked when the facts are
// gathered and again right before the command runs, where the identities (device and inode) must still be
// those the diagnosis saw. Through the System seam; the judgement is pure (unsafeDirectory).
import { posix } from 'node:path';
import { isInside } from '../paths.js';
import type { PathInfo, System } from '../system.js';
import type { Facts } from '../types.js';

export interface VenvTarget {
  /** Why the venv may not be made or emptied here by this user, or null. */
  problem: string | null;
  /** The identity (device:inode) of the venv's parent directory, and of the venv when it exists. */
  parent: string | null;
  venv: string | null;
}

const S_ISVTX = 0o1000;

/**
 * Why a directory lets another user than `uid` change what is in it (rename, replace), or null. Above the
 * project root's own directory, a directory of root's is as safe as one of the user's, and a sticky one
 * (/tmp) lets no one replace what they do not own; inside it, everything must be the user's own.
 */
export function unsafeDirectory(
  info: PathInfo,
  who: { uid: number; gid: number; privateGroup?: boolean },
  inProject: boolean,
): string | null {
  const mode = info.mode ?? 0;
  const owner = info.uid;
  if (owner === undefined) return null; // no owners on this system (Windows)
  if (inProject ? owner !== who.uid : owner !== who.uid && owner !== 0) return `belongs to uid ${owner}`;
  const sticky = (mode & S_ISVTX) !== 0 && !inProject;
  if (mode & 0o002 && !sticky) return 'is writable by every user';
  // Group-writable: by the group's other members, or by whoever a POSIX ACL names (an ACL's mask shows as the
  // group bits, so g+w is all that can be seen of it). Root's directories are never group-writable by
  // default; a user's own private group (Ubuntu's umask 002) is the one exception, when no one else is in it.
  if (mode & 0o020 && !sticky && (who.uid === 0 || info.gid !== who.gid || !who.privateGroup)) {
    return `is writable by group ${info.gid} (or by a user an ACL names)`;
  }
  return null;
}

/**
 * Checks the place of the venv at `venvPath` (absolute, inside the real project directory `projectDir`):
 * every directory from / down to its parent is a real directory (no link) that no other user controls, and
 * the venv, when it exists, is a directory (not a link) of the user's own that no one else can write.
 */
export async function checkVenvTarget(
  system: System,
  projectDir: string,
  venvPath: string,
  gid: number | null,
): Promise<VenvTarget> {
  const uid = system.uid;
  const none = { parent: null, venv: null };
  if (uid === null || gid === null || system.platform === 'win32') return { problem: null, ...none };
  const target = posix.normalize(venvPath);
  if (!isInside(target, projectDir) || target === posix.normalize(projectDir)) {
    return { problem: `${target} is not inside the project`, ...none };
  }
  const who = { uid, gid, privateGroup: uid !== 0 && (await isPrivateGroup(system, uid, gid)) };
  const parent = posix.dirname(target);
  const levels = ['/'];
  for (const part of parent.split('/').filter(Boolean)) levels.push(posix.join(levels[levels.length - 1] ?? '/', part));
  const infos = await Promise.all([...levels, target].map((path) => system.lstat(path)));
  let parentIdentity: string | null = null;
  for (const [i, path] of levels.entries()) {
    const info = infos[i];
    // Not there yet: `python -m venv` makes it, as this user, below the deepest directory that is there.
    if (!info) return { problem: null, parent: parentIdentity, venv: null };
    if (info.kind === 'link') return { problem: `${path} is a symbolic link`, ...none };
    if (info.kind !== 'dir') return { problem: `${path} is not a directory`, ...none };
    const unsafe = unsafeDirectory(info, who, isInside(path, projectDir));
    if (unsafe) return { problem: `${path} ${unsafe}`, ...none };
    parentIdentity = info.identity ?? null;
  }
  const venv = infos[levels.length] ?? null;
  if (venv === null) return { problem: null, parent: parentIdentity, venv: null };
  if (venv.kind === 'link') return { problem: `${target} is a symbolic link`, parent: parentIdentity, venv: null };
  if (venv.kind !== 'dir') return { problem: `${target} is not a directory`, parent: parentIdentity, venv: null };
  const unsafe = unsafeDirectory(venv, who, true);
  return {
    problem: unsafe ? `${target} ${unsafe}` : null,
    parent: parentIdentity,
    venv: venv.identity ?? null,
  };
}

/**
 * Why another user could change `dir` or a directory on the way to it (`dir` and every directory above it:
 * real, not a link, no other owner, not writable by others), or null. For a file venv-doctor writes into the
 * project (--dump-facts).
 */
export async function unsafeChain(system: System, projectDir: string, dir: string): Promise<string | null> {
  const uid = system.uid;
  const gid = system.gid ?? null;
  if (uid === null || gid === null || system.platform === 'win32') return null;
  const who = { uid, gid, privateGroup: uid !== 0 && (await isPrivateGroup(system, uid, gid)) };
  const levels = ['/'];
  for (const part of posix.normalize(dir).split('/').filter(Boolean)) {
    levels.push(posix.join(levels[levels.length - 1] ?? '/', part));
  }
  const infos = await Promise.all(levels.map((path) => system.lstat(path)));
  for (const [i, path] of levels.entries()) {
    const info = infos[i];
    if (!info) return `${path} does not exist`;
    if (info.kind !== 'dir') return `${path} is ${info.kind === 'link' ? 'a symbolic link' : 'not a directory'}`;
    const unsafe = unsafeDirectory(info, who, isInside(path, projectDir));
    if (unsafe) return `${path} ${unsafe}`;
  }
  return null;
}

/**
 * The user's primary group is theirs alone: no one else has it as primary group (/etc/passwd) or is a member
 * (/etc/group). (Read for every non-root run with a project: two small files.)
 */
async function isPrivateGroup(system: System, uid: number, gid: number): Promise<boolean> {
  const [passwd, group] = await Promise.all([
    system.readFile('/etc/passwd', 1024 * 1024),
    system.readFile('/etc/group', 1024 * 1024),
  ]);
  if (!passwd || !group) return false;
  const others = Buffer.from(passwd)
    .toString('utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .some((f) => f.length >= 4 && Number(f[2]) !== uid && Number(f[3]) === gid);
  const members = Buffer.from(group)
    .toString('utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((f) => f.length >= 4 && Number(f[2]) === gid)?.[3];
  return !others && (members === undefined || members.trim() === '');
}

/** Why the place is not what the diagnosis saw (another directory, a venv made or removed since), or null. */
export function changedSince(seen: VenvTarget, now: VenvTarget): string | null {
  if (now.problem) return now.problem;
  if (seen.parent !== now.parent) return 'its directory has been replaced since the diagnosis';
  if (seen.venv !== now.venv) {
    return seen.venv === null
      ? 'it has appeared since the diagnosis'
      : now.venv === null
        ? 'it has gone since the diagnosis'
        : 'it has been replaced since the diagnosis';
  }
  return null;
}

/**
 * A venv fix, right before it runs: its target named by its absolute path (the command runs from /), and the
 * place checked again as the diagnosis checked it (src/fixes/venv-target.ts), with the same identities:
 * a directory swapped for a link, a venv that appeared or was replaced since, or one another user can now
 * change is not acted on.
 */
export async function guardVenvFix(
  system: System,
  facts: Facts,
  argv: readonly string[],
): Promise<{ argv: string[] } | { refused: string }> {
  const project = facts.project;
  const given = argv[argv.length - 1];
  const seen = project?.venvTarget;
  if (!project || !given || !seen) return { refused: 'venv-doctor did not check where this venv would be.' };
  const target = posix.resolve(project.cwd, given);
  const now = await checkVenvTarget(system, project.dir, target, system.gid ?? null);
  const changed = changedSince(seen, now);
  if (changed) return { refused: `${target}: ${changed}. Run venv-doctor again.` };
  return { argv: [...argv.slice(0, -1), target] };
}

/**
 * The environment of `python -m venv`: no PYTHON* setting of the user's, and PYTHONSAFEPATH, so that the
 * `python -m ensurepip` that venv starts inside the new venv (Python 3.11+ runs it from there, without -I)
 * imports nothing from the venv directory. No user site either.
 */
export function venvFixEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const kept = Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('PYTHON')));
  return { ...kept, PYTHONSAFEPATH: '1', PYTHONNOUSERSITE: '1' };
}
