// asdf's and mise's shims, resolved from their files instead of being run. Both read the configuration of
// the directory they start in and every one above it, and mise's can run commands ([env] _.source, hooks,
// tasks) or download a Python: a shim started in a project runs what the project says. So venv-doctor reads,
// as data, what the shim would read to pick a version (.tool-versions; mise.toml's [tools] python), finds
// that version in the tool's install directory, and judges that interpreter by its real path, from /.
// Sources: asdf's docs, "Configuration" (.tool-versions, ASDF_DATA_DIR, ASDF_<TOOL>_VERSION, $HOME's
// .tool-versions as the global one); mise's docs, "Configuration" (the file names below, hierarchical, nearest
// wins; MISE_DATA_DIR, MISE_CONFIG_DIR; MISE_<TOOL>_VERSION) and "Dev tools" (fuzzy versions: "3.12" is the
// newest installed 3.12.x).
import { posix } from 'node:path';
import type { System } from '../system.js';
import { looksLikeText } from './os-release.js';
import { readInside } from './project.js';
import { parseBounded } from './pyproject.js';
import { miseTools, pyenvVersionNames, toolVersionsLine } from './python-statements.js';

export type ManagedShim = 'asdf' | 'mise';

/** The shims of asdf and mise (and rtx, mise's old name) by their path. */
export function managedShimKind(path: string): ManagedShim | null {
  const normal = path.replaceAll('\\', '/');
  if (/\/\.asdf\/shims\/[^/]+$/.test(normal)) return 'asdf';
  if (/\/(mise|rtx)\/shims\/[^/]+$/.test(normal)) return 'mise';
  return null;
}

/**
 * An asdf or mise shim by what it is, not only where: a shim in the data directory that ASDF_DATA_DIR or
 * MISE_DATA_DIR names (an XDG layout), a link to the mise (or rtx) binary (mise's shims are), or a script
 * that runs `asdf exec` (asdf's are). Reads a link and a file's first 512 bytes.
 */
export async function detectManagedShim(system: System, path: string): Promise<ManagedShim | null> {
  const byPath = managedShimKind(path);
  if (byPath) return byPath;
  const dir = posix.dirname(path);
  for (const [variable, kind] of [
    ['ASDF_DATA_DIR', 'asdf'],
    ['MISE_DATA_DIR', 'mise'],
    ['RTX_DATA_DIR', 'mise'],
  ] as const) {
    const data = system.env[variable];
    if (data && posix.normalize(`${data}/shims`) === dir) return kind;
  }
  const real = await system.realpath(path);
  if (real && /^(mise|rtx)(\.exe)?$/.test(posix.basename(real))) return 'mise';
  const head = await system.readFile(path, 512);
  const text = head && looksLikeText(head) ? Buffer.from(head).toString('utf8') : '';
  if (text.startsWith('#!') && /\basdf\b[^\n]*\bexec\b|asdf_(data_dir|dir)|ASDF_DIR/i.test(text)) return 'asdf';
  return null;
}

/** A version as these tools write them: "3.12.4", "3.12", "pypy3.10-7.3.12", "system", "latest". */
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;
const FILE_MAX = 64 * 1024;

/** mise's configuration files in one directory, nearest first (mise's "Configuration" page). */
const MISE_FILES = [
  'mise.local.toml',
  'mise.toml',
  'mise/config.toml',
  '.mise/config.toml',
  '.config/mise.toml',
  '.config/mise/config.toml',
  '.mise.local.toml',
  '.mise.toml',
  '.tool-versions',
];

export interface ShimSelection {
  /** The version as written ("3.12"), and where (a file, or an environment variable). */
  version: string;
  from: string;
}

export type ResolvedShim =
  | { path: string; selection: ShimSelection; installed: string }
  | { system: true; selection: ShimSelection }
  | { problem: string; selection: ShimSelection | null };

/** Newest first, by the numbers in the name ("3.12.10" before "3.12.9"). */
function newestFirst(a: string, b: string): number {
  const na = a.split(/[.-]/).map(Number);
  const nb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    const d = (nb[i] ?? -1) - (na[i] ?? -1);
    if (d) return Number.isNaN(d) ? 0 : d;
  }
  return 0;
}

/**
 * What an asdf or mise shim named `shim` would run when started in `dir`: the interpreter of the version the
 * nearest configuration selects, if it is installed; or that it falls back to the system's; or why it cannot
 * be told. Reads files only.
 */
export async function resolveManagedShim(
  system: System,
  kind: ManagedShim,
  shim: string,
  dir: string,
): Promise<ResolvedShim> {
  const selection = await selectedVersion(system, kind, dir);
  const tool = kind === 'mise' ? 'mise' : 'asdf';
  if (!selection) return { problem: `no Python version is set for ${tool} here (nor globally)`, selection: null };
  if (!VERSION.test(selection.version) || selection.version.includes('..')) {
    return { problem: `${selection.from} names a Python version venv-doctor does not read`, selection };
  }
  if (selection.version === 'system') return { system: true, selection };
  const home = system.env.HOME ?? '';
  const installs =
    kind === 'asdf'
      ? `${system.env.ASDF_DATA_DIR || `${home}/.asdf`}/installs/python`
      : `${system.env.MISE_DATA_DIR || `${system.env.XDG_DATA_HOME || `${home}/.local/share`}/mise`}/installs/python`;
  const names = (await system.readdir(installs, 10_000)) ?? [];
  const wanted = selection.version.replace(/^python-?/, '');
  const installed =
    names.find((name) => name === wanted) ??
    (kind === 'mise'
      ? names
          .filter((name) => (wanted === 'latest' ? /^\d/.test(name) : name.startsWith(`${wanted}.`)))
          .sort(newestFirst)[0]
      : undefined);
  if (!installed) {
    return {
      problem: `${tool} selects Python ${selection.version} (${selection.from}), which is not installed`,
      selection,
    };
  }
  const path = `${installs}/${installed}/bin/${posix.basename(shim)}`;
  const info = await system.stat(path);
  if (info?.kind !== 'file' || !info.executable) {
    return { problem: `${tool}'s Python ${installed} has no ${posix.basename(shim)}`, selection };
  }
  return { path, selection, installed };
}

/** A directory and every one above it, nearest first: where these tools look for their version files. */
function dirAndParents(dir: string): string[] {
  const levels = [dir];
  for (let at = dir, up = posix.dirname(at); up !== at; at = up, up = posix.dirname(at)) levels.push(up);
  return levels;
}

async function selectedVersion(system: System, kind: ManagedShim, dir: string): Promise<ShimSelection | null> {
  const variable = kind === 'mise' ? 'MISE_PYTHON_VERSION' : 'ASDF_PYTHON_VERSION';
  const fromEnv = system.env[variable];
  if (fromEnv) return { version: fromEnv.trim(), from: `$${variable}` };
  const levels = dirAndParents(dir);
  const names = kind === 'mise' ? MISE_FILES : ['.tool-versions'];
  const places = levels.flatMap((at) => names.map((name) => ({ root: at, path: posix.join(at, name) })));
  const home = system.env.HOME ?? '';
  if (kind === 'asdf' && home) places.push({ root: home, path: `${home}/.tool-versions` });
  if (kind === 'mise') {
    const config = system.env.MISE_CONFIG_DIR || `${system.env.XDG_CONFIG_HOME || `${home}/.config`}/mise`;
    places.push({ root: config, path: `${config}/config.toml` }, { root: '/etc/mise', path: '/etc/mise/config.toml' });
  }
  // All read at once (each a few microseconds, most not there), then the nearest that names a Python wins.
  const reads = await Promise.all(places.map((place) => readInside(system, place.root, place.path, FILE_MAX)));
  for (const [i, read] of reads.entries()) {
    if (!read || !('bytes' in read) || !looksLikeText(read.bytes)) continue;
    const path = places[i]?.path ?? '';
    const text = Buffer.from(read.bytes).toString('utf8');
    let version: string | null = null;
    if (path.endsWith('.tool-versions')) version = toolVersionsLine(text)?.value ?? null;
    else {
      const { parse } = await import('smol-toml');
      const parsed = await parseBounded(text, parse);
      if ('doc' in parsed) version = miseTools(parsed.doc);
    }
    if (version) return { version, from: path };
  }
  return null;
}

/**
 * The interpreter a pyenv shim of another python3.X would run, read instead of run: each shim is a bash
 * pipeline (pyenv exec -> version-name -> which, ~0.4 s of CPU), and the other python3.X are asked together
 * only when python3 misses the project's requirement: eight shims took 5 s on 2 cores, for answers pyenv
 * keeps in files. pyenv's order (its libexec/pyenv-version-name, -version-file, -version-file-read, -which):
 * $PYENV_VERSION (':'-separated), else the nearest .python-version from $PYENV_DIR up (pythonVersionLines),
 * else $PYENV_ROOT/version, else "system"; then "system" after them all. The first of these that has the
 * command runs it: a version by its directory in $PYENV_ROOT/versions (or "python-" and that, or the newest
 * installed one it is a prefix of: "3.12" for 3.12.4), passed over when not installed; "system" by PATH
 * without pyenv's shims. Null when pyenv's answer cannot be told from its files alone (a name venv-doctor does
 * not read in $PYENV_VERSION): then the shim is run as before.
 */
export async function resolvePyenvShim(
  system: System,
  shim: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ path: string } | { missing: string } | null> {
  const root = posix.dirname(posix.dirname(shim));
  const command = posix.basename(shim);
  const selected = env.PYENV_VERSION
    ? env.PYENV_VERSION.split(':').map((v) => v.trim())
    : await pyenvVersionFile(system, root, env.PYENV_DIR || '/');
  if (selected.some((v) => v !== 'system' && (!VERSION.test(v) || v.includes('..')))) return null;
  const installed = ((await system.readdir(`${root}/versions`, 10_000)) ?? []).filter((v) => VERSION.test(v));
  const commandOf = async (version: string): Promise<string | null> => {
    if (version === 'system') return systemCommand(system, command, env.PATH ?? '', `${root}/shims`);
    const dir = installedDir(installed, version);
    if (!dir) return null;
    const path = `${root}/versions/${dir}/bin/${command}`;
    const info = await system.stat(path);
    return info?.kind === 'file' && info.executable ? path : null;
  };
  for (const version of [...selected, 'system']) {
    const path = await commandOf(version);
    if (path) return { path };
  }
  // pyenv answers "command not found" here (and names the versions that are not installed).
  const absent = selected.filter((v) => v !== 'system' && !installedDir(installed, v));
  return {
    missing:
      absent.length > 0
        ? `pyenv's selected Python ${absent.join(', ')} is not installed, and neither the rest nor the system has ${command}`
        : `pyenv's selected Python (${selected.join(':')}) has no ${command}, nor has the system`,
  };
}

/** The directory in $PYENV_ROOT/versions a version name selects, as pyenv-version-name finds it; null: not installed. */
function installedDir(installed: readonly string[], version: string): string | null {
  const normal = version.replace(/^python-/, '');
  const newest = (prefix: string) =>
    installed.filter((name) => /^\d+\.\d+\.\d+$/.test(name) && name.startsWith(`${prefix}.`)).sort(newestFirst)[0];
  return (
    installed.find((name) => name === version) ??
    installed.find((name) => name === normal) ??
    newest(version) ??
    newest(normal) ??
    null
  );
}

/** pyenv's "system": the first `command` on PATH that is not in pyenv's shims (absolute directories only). */
async function systemCommand(system: System, command: string, path: string, shims: string): Promise<string | null> {
  const dirs = path
    .split(':')
    .filter((dir) => dir.startsWith('/') && posix.normalize(dir).replace(/\/$/, '') !== shims);
  const infos = await Promise.all(dirs.map((dir) => system.stat(posix.join(dir, command))));
  const at = infos.findIndex((info) => info?.kind === 'file' && info.executable);
  return at >= 0 ? posix.join(dirs[at] ?? '', command) : null;
}

/** The versions the nearest .python-version (from dir up), else $PYENV_ROOT/version, selects; [] when none. */
async function pyenvVersionFile(system: System, root: string, dir: string): Promise<string[]> {
  const places = [
    ...dirAndParents(posix.resolve('/', dir)).map((at) => posix.join(at, '.python-version')),
    `${root}/version`,
  ];
  const reads = await Promise.all(places.map((path) => system.readFile(path, FILE_MAX)));
  for (const read of reads) {
    if (!read) continue;
    // The nearest file that exists wins, even empty (pyenv then says "system").
    if (!looksLikeText(read)) return ['system'];
    const words = pyenvVersionNames(Buffer.from(read).toString('utf8'));
    return words.length > 0 ? words : ['system'];
  }
  return ['system'];
}
