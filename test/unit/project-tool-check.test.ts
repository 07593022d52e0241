// The project-tool check in process, case by case (it was tested only through the CLI, the zoo and the
// corpus, which mutants do not reach): what it says of each tool, where the tool keeps the venv, and how to
// get a tool that is not installed. The commands are each tool's own (src/tools/, with their docs cited there).
import { describe, expect, it } from 'vitest';
import { check } from '../../checks/project-tool.js';
import { runChecks } from '../../src/judge/run-checks.js';
import type { Facts, ProjectToolFacts } from '../../src/types.js';
import { facts, healthyVenv, project } from '../helpers/facts.js';

const withTool = (tool: ProjectToolFacts | null, patch: Parameters<typeof facts>[0] = {}): Facts => {
  const base = facts(patch);
  return { ...base, project: { ...project(), ...(base.project ?? {}), tool } };
};
const run = (f: Facts) => {
  const [result] = runChecks([check], f, () => 0);
  if (!result) throw new Error('no result');
  return result;
};
const tool = (patch: Partial<ProjectToolFacts>): ProjectToolFacts => ({
  name: 'uv',
  evidence: ['uv.lock'],
  command: '/usr/local/bin/uv',
  venvPlace: 'project',
  ...patch,
});

describe('project-tool', () => {
  it('skips a project that names no tool, with the reason; and a directory that is no project', () => {
    expect(run(withTool(null))).toMatchObject({
      status: 'skip',
      message: 'Skipped: the project names no tool of its own (uv.lock, poetry.lock, Pipfile ...): plain venv.',
    });
    const none = facts({ project: null });
    expect(run(none).status).toBe('skip');
  });
  it('uv, installed, its venv in the project', () => {
    const r = run(withTool(tool({})));
    expect(r.status).toBe('pass');
    expect(r.message).toBe('This is a uv project (uv.lock): uv keeps its venv in the project (.venv).');
    expect(r.details).toEqual([
      'told by: uv.lock',
      "makes venvs with uv's own venv code (no ensurepip, no pip in the venv unless asked): needs no ensurepip (pythonX.Y-venv)",
      'installed: /usr/local/bin/uv',
    ]);
    expect(r.findings).toHaveLength(1);
  });
  it('a reason for the place is said with it (poetry.toml in-project)', () => {
    const r = run(
      withTool(
        tool({ name: 'poetry', evidence: ['poetry.lock'], placeReason: 'virtualenvs.in-project in poetry.toml' }),
      ),
    );
    expect(r.message).toBe(
      'This is a poetry project (poetry.lock): poetry keeps its venv in the project (.venv: virtualenvs.in-project in poetry.toml).',
    );
  });
  it("Poetry's venv in its cache: found, or looked for", () => {
    const cached = '/root/.cache/pypoetry/virtualenvs/app-AbCdEf12-py3.11';
    const found = run(
      withTool(
        tool({
          name: 'poetry',
          evidence: ['poetry.lock', '[tool.poetry]'],
          venvPlace: 'cache',
          venv: healthyVenv({ name: cached, path: cached }),
        }),
      ),
    );
    expect(found.message).toBe(
      `This is a poetry project (poetry.lock, [tool.poetry]): poetry keeps its venv outside the project, at ${cached}.`,
    );
    const notYet = run(
      withTool(
        tool({
          name: 'pipenv',
          evidence: ['Pipfile'],
          venvPlace: 'cache',
          venv: null,
          venvLookedFor: '~/.local/share/virtualenvs/app-*',
        }),
      ),
    );
    expect(notYet.message).toBe(
      'This is a pipenv project (Pipfile): pipenv keeps its venv outside the project and has none for it yet (looked for ~/.local/share/virtualenvs/app-*).',
    );
    const unnamed = run(withTool(tool({ name: 'pipenv', evidence: ['Pipfile'], venvPlace: 'cache', venv: null })));
    expect(unnamed.message).toMatch(/has none for it yet \(looked for it\)\.$/);
  });
  it('hatch and conda keep their environments in their own places, named by their own command', () => {
    expect(run(withTool(tool({ name: 'hatch', evidence: ['[tool.hatch]'], venvPlace: 'own' }))).message).toBe(
      'This is a hatch project ([tool.hatch]): hatch keeps its environments in its own directory (not judged here: hatch env create makes them).',
    );
    expect(run(withTool(tool({ name: 'conda', evidence: ['environment.yml'], venvPlace: 'own' }))).message).toBe(
      'This is a conda project (environment.yml): conda keeps its environments in its own directory (not judged here: conda env create -f environment.yml makes them).',
    );
  });
  it('where: pyproject.toml for a [tool.*] table, else the file that says so', () => {
    expect(check.where?.(withTool(tool({ evidence: ['[tool.uv]'] })))).toEqual({ file: 'pyproject.toml' });
    expect(check.where?.(withTool(tool({ evidence: ['uv.lock', '[tool.uv]'] })))).toEqual({ file: 'uv.lock' });
    expect(check.where?.(withTool(tool({ evidence: [] })))).toBeNull();
  });
  it("a tool that is not installed: a warning, and the tool's command with how to get it", () => {
    const r = run(withTool(tool({ name: 'poetry', evidence: ['poetry.lock'], command: null })));
    expect(r.status).toBe('warn');
    expect(r.details).toContain('installed: no');
    expect(r.findings[1]).toEqual({
      severity: 'warn',
      message: "poetry is not installed (not on PATH): this project's venv is made with it.",
      remedy: {
        kind: 'advice',
        // Debian packages Poetry as python3-poetry; as root, no sudo.
        text: 'This is a poetry project (poetry.lock): poetry is not installed: install it (apt-get install -y python3-poetry, or pipx install poetry), then make its environment with poetry itself: poetry env use python3 && poetry install',
      },
    });
  });
  it('not installed, as a user with sudo, on Arch: its own package, through sudo', () => {
    const f = withTool(tool({ name: 'uv', evidence: ['uv.lock'], command: null }), {
      host: { isRoot: false, sudo: '/usr/bin/sudo' },
      os: { id: 'arch', idLike: [], versionId: null },
      packages: { manager: 'pacman' },
    });
    const remedy = run(f).findings[1]?.remedy;
    expect(remedy).toEqual({
      kind: 'advice',
      text: 'This is a uv project (uv.lock): uv is not installed: install it (sudo pacman -S --needed --noconfirm uv, or pipx install uv (or the installer on docs.astral.sh/uv)), then make its environment with uv itself: uv sync',
    });
  });
  it('not installed where the system packages no such tool: only the other way', () => {
    const f = withTool(tool({ name: 'pdm', evidence: ['pdm.lock'], command: null }));
    expect(run(f).findings[1]?.remedy).toEqual({
      kind: 'advice',
      text: 'This is a pdm project (pdm.lock): pdm is not installed: install it (pipx install pdm), then make its environment with pdm itself: pdm use -f python3 && pdm install',
    });
  });
  it('run from beside the project: the command starts with cd into it', () => {
    const f = withTool(tool({ name: 'uv', evidence: ['uv.lock'], command: null }));
    const beside = { ...f, project: f.project && { ...f.project, cwd: '/srv' } };
    const remedy = run(beside).findings[1]?.remedy;
    expect(remedy?.kind === 'advice' ? remedy.text : '').toMatch(
      /then make its environment with uv itself: cd \/srv\/app && uv sync$/,
    );
  });
});
