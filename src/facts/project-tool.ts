// The tool that makes the project's venv, told from its files, and where that tool keeps the venv. No tool is
// ever run to learn it (poetry, pipenv, uv, pdm, hatch, conda: their configs and plugins can run the
// project's code). Where the venv is in the user's cache (Poetry, Pipenv), it is found the way the tool
// names it, checked against what the tool writes there, and judged like a .venv.
//   Poetry 1.x: {name}-{hash}-py{X.Y} in virtualenvs.path (~/.cache/pypoetry/virtualenvs), name canonicalized
//   (PEP 503), hash the first 8 characters of urlsafe base64 of sha256(project directory); envs.toml there
//   records the minor in use; an existing .venv in the project, poetry.toml's or the global config's
//   virtualenvs.in-project = true, or POETRY_VIRTUALENVS_IN_PROJECT put it in the project.
//   Pipenv: {directory name, sanitized}-{urlsafe base64 of the first 6 bytes of sha256(Pipfile path)} in
//   WORKON_HOME (~/.local/share/virtualenvs), whose .project file holds the project directory;
//   PIPENV_VENV_IN_PROJECT or an existing .venv put it in the project.
// Checked against Debian's poetry 1.3.2 and pipenv 2022.12.19 (test/zoo/tools.test.ts).
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { System } from '../system.js';
import type { ProjectFacts, ProjectToolFacts, ProjectToolName, VenvFacts } from '../types.js';
import { which } from './gather.js';
import { looksLikeText } from './os-release.js';
import { readInside } from './project.js';
import { parseBounded } from './pyproject.js';

type Inspect = (name: string, path: string) => Promise<VenvFacts | null>;

/** The tool, from the files present (markers) and pyproject.toml's [tool.X] tables; null for none. */
export function projectToolFrom(
  present: ReadonlySet<string>,
  pyprojectTools: readonly string[],
): { name: ProjectToolName; evidence: string[] } | null {
  const has = (file: string) => present.has(file);
  const table = (name: string) => pyprojectTools.includes(name);
  const candidates: [ProjectToolName, string[]][] = [
    ['uv', [has('uv.lock') && 'uv.lock', table('uv') && '[tool.uv]'].filter(isString)],
    ['poetry', [has('poetry.lock') && 'poetry.lock', table('poetry') && '[tool.poetry]'].filter(isString)],
    [
      'pdm',
      [has('pdm.lock') && 'pdm.lock', has('.pdm-python') && '.pdm-python', table('pdm') && '[tool.pdm]'].filter(
        isString,
      ),
    ],
    ['pipenv', [has('Pipfile') && 'Pipfile', has('Pipfile.lock') && 'Pipfile.lock'].filter(isString)],
    ['hatch', [table('hatch.envs') && '[tool.hatch.envs]', has('hatch.toml') && 'hatch.toml'].filter(isString)],
    [
      'conda',
      [has('environment.yml') && 'environment.yml', has('environment.yaml') && 'environment.yaml'].filter(isString),
    ],
  ];
  const found = candidates.find(([, evidence]) => evidence.length > 0);
  return found ? { name: found[0], evidence: found[1] } : null;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/** The files whose presence says which tool (looked up with one lstat each). */
export const TOOL_FILES = [
  'uv.lock',
  'poetry.lock',
  'poetry.toml',
  'pdm.lock',
  '.pdm-python',
  'Pipfile',
  'Pipfile.lock',
  'hatch.toml',
  'environment.yml',
  'environment.yaml',
];

/** PEP 503's normalized name, as Poetry names its venvs. */
export function canonicalName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Poetry's venv name without its -pyX.Y suffix. */
export function poetryVenvStem(name: string, projectDir: string): string {
  const sanitized = canonicalName(name)
    .replace(/[ $`!*@"\\\r\n\t]/g, '_')
    .slice(0, 42);
  const hash = createHash('sha256').update(projectDir).digest('base64url').slice(0, 8);
  return `${sanitized}-${hash}`;
}

/** Pipenv's venv name: the directory's name, sanitized, and a hash of the Pipfile's path. */
export function pipenvVenvName(projectDir: string): string {
  const sanitized = posix
    .basename(projectDir)
    .replace(/[ &$`!*@"()[\]\\\r\n\t]/g, '_')
    .slice(0, 42);
  const hash = createHash('sha256')
    .update(`${projectDir.replace(/\/+$/, '')}/Pipfile`)
    .digest()
    .subarray(0, 6);
  return `${sanitized}-${hash.toString('base64url').slice(0, 8)}`;
}

const TRUE = /^(1|true|yes|on)$/i;

/** The project's tool and where its venv is. `venvInProject`: .venv (or venv) exists in the project. */
export async function gatherProjectTool(
  system: System,
  dir: string,
  present: ReadonlySet<string>,
  pyproject: ProjectFacts['pyproject'],
  venvInProject: boolean,
  inspect: Inspect,
): Promise<ProjectToolFacts | null> {
  const found = projectToolFrom(present, pyproject?.tools ?? []);
  if (!found) return null;
  const executable = found.name === 'conda' ? await condaCommand(system) : await which(system, found.name);
  const tool: ProjectToolFacts = { ...found, command: executable, venvPlace: 'project' };
  if (found.name === 'hatch' || found.name === 'conda') return { ...tool, venvPlace: 'own' };
  if (found.name === 'poetry')
    return poetryVenv(system, dir, tool, pyproject?.name ?? null, present, venvInProject, inspect);
  if (found.name === 'pipenv') return pipenvVenv(system, dir, tool, venvInProject, inspect);
  return tool;
}

async function condaCommand(system: System): Promise<string | null> {
  const exe = system.env.CONDA_EXE;
  if (exe?.startsWith('/')) {
    const info = await system.stat(exe);
    if (info?.kind === 'file' && info.executable) return exe;
  }
  return (await which(system, 'conda')) ?? (await which(system, 'mamba'));
}

async function tomlAt(system: System, root: string, path: string): Promise<Record<string, unknown> | null> {
  const read = await readInside(system, root, path, 256 * 1024);
  if (!read || !('bytes' in read) || !looksLikeText(read.bytes)) return null;
  const { parse } = await import('smol-toml');
  const parsed = await parseBounded(Buffer.from(read.bytes).toString('utf8'), parse);
  return 'doc' in parsed ? parsed.doc : null;
}

function virtualenvsSetting(doc: Record<string, unknown> | null, key: string): unknown {
  const table = doc?.virtualenvs;
  return table && typeof table === 'object' ? (table as Record<string, unknown>)[key] : undefined;
}

async function poetryVenv(
  system: System,
  dir: string,
  tool: ProjectToolFacts,
  name: string | null,
  present: ReadonlySet<string>,
  venvInProject: boolean,
  inspect: Inspect,
): Promise<ProjectToolFacts> {
  const home = system.env.HOME ?? '';
  const configDir = system.env.POETRY_CONFIG_DIR || `${system.env.XDG_CONFIG_HOME || `${home}/.config`}/pypoetry`;
  const [local, global] = await Promise.all([
    present.has('poetry.toml') ? tomlAt(system, dir, `${dir.replace(/\/+$/, '')}/poetry.toml`) : null,
    home ? tomlAt(system, configDir, `${configDir}/config.toml`) : null,
  ]);
  // The nearest setting wins: the environment, the project's poetry.toml, the user's config.
  const envInProject = system.env.POETRY_VIRTUALENVS_IN_PROJECT;
  const setting =
    envInProject !== undefined && envInProject !== ''
      ? { value: TRUE.test(envInProject), from: 'POETRY_VIRTUALENVS_IN_PROJECT' }
      : typeof virtualenvsSetting(local, 'in-project') === 'boolean'
        ? { value: virtualenvsSetting(local, 'in-project') as boolean, from: "poetry.toml's virtualenvs.in-project" }
        : typeof virtualenvsSetting(global, 'in-project') === 'boolean'
          ? { value: virtualenvsSetting(global, 'in-project') as boolean, from: `${configDir}/config.toml` }
          : null;
  if (setting?.value === true) return { ...tool, venvPlace: 'project', placeReason: `${setting.from} = true` };
  if (setting === null && venvInProject) {
    return { ...tool, venvPlace: 'project', placeReason: 'Poetry uses the .venv that is in the project' };
  }
  if (!name) return { ...tool, venvPlace: 'cache', venv: null, venvLookedFor: null };
  const cacheDir = system.env.POETRY_CACHE_DIR || `${system.env.XDG_CACHE_HOME || `${home}/.cache`}/pypoetry`;
  const configured = virtualenvsSetting(local, 'path') ?? virtualenvsSetting(global, 'path');
  const base =
    system.env.POETRY_VIRTUALENVS_PATH ||
    (typeof configured === 'string' && configured.startsWith('/') ? configured : `${cacheDir}/virtualenvs`);
  const stem = poetryVenvStem(name, dir);
  const envs = await tomlAt(system, base, `${base}/envs.toml`);
  const entry = envs?.[stem];
  const minor = entry && typeof entry === 'object' ? (entry as Record<string, unknown>).minor : undefined;
  const names = (await system.readdir(base, 10_000)) ?? [];
  const mine = names.filter((n) => n.startsWith(`${stem}-py`)).sort();
  const chosen = typeof minor === 'string' && mine.includes(`${stem}-py${minor}`) ? `${stem}-py${minor}` : mine.at(-1);
  const lookedFor = `${base}/${stem}-py*`;
  if (!chosen) return { ...tool, venvPlace: 'cache', venv: null, venvLookedFor: lookedFor };
  return { ...tool, venvPlace: 'cache', venv: await inspect(chosen, `${base}/${chosen}`), venvLookedFor: lookedFor };
}

async function pipenvVenv(
  system: System,
  dir: string,
  tool: ProjectToolFacts,
  venvInProject: boolean,
  inspect: Inspect,
): Promise<ProjectToolFacts> {
  const inProject = system.env.PIPENV_VENV_IN_PROJECT;
  if (inProject !== undefined && TRUE.test(inProject)) {
    return { ...tool, venvPlace: 'project', placeReason: 'PIPENV_VENV_IN_PROJECT is set' };
  }
  if (venvInProject && !(inProject !== undefined && /^(0|false|no|off)$/i.test(inProject))) {
    return { ...tool, venvPlace: 'project', placeReason: 'Pipenv uses the .venv that is in the project' };
  }
  const home = system.env.HOME ?? '';
  const base = system.env.WORKON_HOME || `${home}/.local/share/virtualenvs`;
  const name = system.env.PIPENV_CUSTOM_VENV_NAME || pipenvVenvName(dir);
  const path = `${base}/${name}`;
  // Pipenv writes the project's directory into the venv's .project: it must name this one.
  const dotProject = await readInside(system, path, `${path}/.project`, 4096);
  const names = dotProject && 'bytes' in dotProject ? Buffer.from(dotProject.bytes).toString('utf8').trim() : null;
  if (names !== null && names !== dir.replace(/\/+$/, '')) {
    return { ...tool, venvPlace: 'cache', venv: null, venvLookedFor: path };
  }
  return { ...tool, venvPlace: 'cache', venv: await inspect(name, path), venvLookedFor: path };
}
