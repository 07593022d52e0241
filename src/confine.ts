// The environment of every program venv-doctor starts: nothing in it may lead to the project. Search
// paths lose their empty, relative and in-project entries (an empty PATH or LD_LIBRARY_PATH entry is the
// current directory; a pyenv shim falls back to `command -v python3`; apt-get runs dpkg by PATH), entries
// are judged by their real path too (a link into the project is the project), and a shell's startup file
// (BASH_ENV, ENV) that is relative or in the project is dropped.
import { isInside } from './paths.js';
import type { System } from './system.js';

/** Colon-separated search paths a loader or a shell walks. */
const SEARCH_PATHS = ['PATH', 'LD_LIBRARY_PATH', 'LD_PRELOAD', 'LD_AUDIT'];
/** Files a shell reads at start (a shim is a shell script). */
const STARTUP_FILES = ['BASH_ENV', 'ENV'];

export type Env = Record<string, string | undefined>;

/** The environment for children: search paths and startup files that the project cannot reach. */
export async function confinedEnv(system: System, untrusted: readonly string[]): Promise<Env> {
  const env: Env = { ...system.env };
  if (system.platform === 'win32') {
    // Windows names it Path, and its environment is case-insensitive: a copy is not. One PATH, confined.
    const key = Object.keys(env).find((name) => name.toUpperCase() === 'PATH' && env[name] !== undefined);
    const value = key ? env[key] : undefined;
    for (const name of Object.keys(env)) if (name.toUpperCase() === 'PATH') delete env[name];
    if (value !== undefined) env.PATH = value;
  }
  const separator = system.platform === 'win32' ? ';' : ':';
  const absolute = (entry: string) => (system.platform === 'win32' ? /^[A-Za-z]:[\\/]/ : /^\//).test(entry);
  const outside = async (entry: string) => {
    if (untrusted.some((root) => isInside(entry, root))) return false;
    if (untrusted.length === 0) return true;
    const real = await system.realpath(entry);
    return real === null || !untrusted.some((root) => isInside(real, root));
  };
  await Promise.all([
    ...SEARCH_PATHS.filter((name) => env[name] !== undefined).map(async (name) => {
      // LD_PRELOAD names without a slash are looked up in the library path (kept); all else must be absolute.
      const entries = (env[name] ?? '').split(name === 'LD_PRELOAD' ? /[: ]/ : separator);
      const keep = await Promise.all(
        entries.map(async (entry) =>
          name === 'LD_PRELOAD' && entry !== '' && !entry.includes('/')
            ? true
            : entry !== '' && absolute(entry) && (await outside(entry)),
        ),
      );
      env[name] = [...new Set(entries.filter((_, i) => keep[i]))].join(separator);
    }),
    ...STARTUP_FILES.filter((name) => env[name] !== undefined).map(async (name) => {
      const value = env[name] ?? '';
      if (!absolute(value) || !(await outside(value))) delete env[name];
    }),
  ]);
  return env;
}

/** The System whose children all get that environment (and whose own PATH lookups use it). */
export async function confine(system: System, untrusted: readonly string[]): Promise<System> {
  const env = await confinedEnv(system, untrusted);
  const pinned = Object.fromEntries([...SEARCH_PATHS, ...STARTUP_FILES].map((name) => [name, env[name]]));
  return {
    ...system,
    env,
    run: (file, args, options) => system.run(file, args, { ...options, env: { ...(options.env ?? env), ...pinned } }),
  };
}
