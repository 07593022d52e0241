// Real Poetry and Pipenv projects (Debian's python3-poetry 1.3.2 and pipenv 2022.12.19, installed by .ci/run):
// the tools make their venvs, in their caches and in the project, and the tests break them the ways the zoo
// breaks .venv. The doctor is judged against GROUND TRUTH from the tools themselves (`poetry env info -p`,
// `pipenv --venv`, both run by the test, never by the doctor) and by running the venvs. Every command runs
// offline: virtualenv brings its own pip and setuptools wheels. Each test has a HOME of its own, so the
// tools' caches are the test's.
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import { onPath, pyenvPython } from '../helpers/cli.js';
import { checkOf, cleanEnv, cleanup, doctor, entry, must, run, SYSTEM_PY, sh, zooRoot } from './zoo.js';

const POETRY = onPath('poetry');
const PIPENV = onPath('pipenv');
const PY312 = pyenvPython('3.12.1');
const root = zooRoot('tools');
afterAll(() => cleanup(root));

let count = 0;
/** A project directory and a HOME of its own. */
function place(name: string): { dir: string; home: string; env: Record<string, string> } {
  const base = join(root, `${++count}`);
  const dir = join(base, name);
  const home = join(base, 'home');
  mkdirSync(dir, { recursive: true });
  mkdirSync(home, { recursive: true });
  // The tools' own caches in that HOME; no keyring (Poetry would ask the desktop's).
  return { dir, home, env: { HOME: home, PYTHON_KEYRING_BACKEND: 'keyring.backends.null.Keyring' } };
}

const poetryProject = (python: string) =>
  `[tool.poetry]\nname = "zoo-app"\nversion = "0.1.0"\ndescription = ""\nauthors = ["zoo <zoo@example.org>"]\n\n[tool.poetry.dependencies]\npython = "${python}"\n\n[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n`;

async function tool(argv: string[], dir: string, env: Record<string, string>) {
  return must(argv, { cwd: dir, env: cleanEnv(env), timeout: 180_000 });
}

/** What Poetry itself says the project's venv is (empty when it has none). */
async function poetryVenv(dir: string, env: Record<string, string>): Promise<string> {
  const r = await run([POETRY as string, 'env', 'info', '-p'], { cwd: dir, env: cleanEnv(env) });
  return r.status === 0 ? r.stdout.trim() : '';
}

const NEEDS_POETRY = POETRY ? null : "(needs Debian's python3-poetry)";
const NEEDS_PIPENV = PIPENV ? null : "(needs Debian's pipenv)";

describe('Poetry', () => {
  entry('its venv in the cache is the one judged, where Poetry says it is', NEEDS_POETRY, async () => {
    const { dir, env } = place('cache-app');
    writeFileSync(join(dir, 'pyproject.toml'), poetryProject('^3.11'));
    await tool([POETRY as string, 'env', 'use', SYSTEM_PY], dir, env);
    const truth = await poetryVenv(dir, env);
    expect(truth, 'zoo: Poetry made a venv in its cache').toContain('/.cache/pypoetry/virtualenvs/zoo-app-');
    const report = await doctor(dir, SYSTEM_PY, [], env);
    expect(report.project?.venv).toBe(truth);
    expect(report.project?.tool).toEqual({
      name: 'poetry',
      evidence: ['[tool.poetry]'],
      installed: true,
      venvPlace: 'cache',
    });
    expect(checkOf(report, 'project-venv')?.status).toBe('pass');
    expect(checkOf(report, 'gitignore')?.status).toBe('skip');
    expect(report.project?.requirement).toBe('>=3.11,<4');
  });

  entry('in-project (poetry.toml): the .venv Poetry made is judged', NEEDS_POETRY, async () => {
    const { dir, env } = place('in-project-app');
    writeFileSync(join(dir, 'pyproject.toml'), poetryProject('^3.11'));
    writeFileSync(join(dir, 'poetry.toml'), '[virtualenvs]\nin-project = true\n');
    await tool([POETRY as string, 'env', 'use', SYSTEM_PY], dir, env);
    expect(await poetryVenv(dir, env), 'zoo: Poetry made .venv').toBe(join(dir, '.venv'));
    const report = await doctor(dir, SYSTEM_PY, [], env);
    expect(report.project?.venv).toBe(join(dir, '.venv'));
    expect(report.project?.tool?.venvPlace).toBe('project');
  });

  entry(
    "moved: the copy has no venv of its own, as Poetry says; nothing planned is Poetry's venv",
    NEEDS_POETRY,
    async () => {
      const { dir, env } = place('moved-app');
      writeFileSync(join(dir, 'pyproject.toml'), poetryProject('^3.11'));
      await tool([POETRY as string, 'env', 'use', SYSTEM_PY], dir, env);
      const copy = `${dir}-copy`;
      await sh(`cp -a "${dir}" "${copy}"`);
      expect(await poetryVenv(copy, env), 'zoo: Poetry has no venv for the copy').toBe('');
      const report = await doctor(copy, SYSTEM_PY, [], env);
      expect(report.project?.venv).toBeNull();
      expect(checkOf(report, 'project-venv')?.message).toMatch(
        /^No venv yet \(looked for .*\/\.cache\/pypoetry\/virtualenvs\/zoo-app-.*-py\*\)/,
      );
      expect(report.fixes).toEqual([]);
    },
  );

  entry("base Python removed: the venv's interpreter is gone, and the fix is Poetry's own", NEEDS_POETRY, async () => {
    const { dir, env } = place('gone-app');
    writeFileSync(join(dir, 'pyproject.toml'), poetryProject('^3.11'));
    await tool([POETRY as string, 'env', 'use', SYSTEM_PY], dir, env);
    const venv = await poetryVenv(dir, env);
    // As an OS upgrade leaves it: bin/python leads to an interpreter that is no longer there.
    for (const name of ['python', 'python3', 'python3.11']) {
      rmSync(join(venv, 'bin', name), { force: true });
      symlinkSync('/usr/bin/python3.9-removed', join(venv, 'bin', name));
    }
    const runs = await run([join(venv, 'bin/python'), '-c', '0']);
    expect(runs.error ?? runs.status, 'zoo: the venv no longer runs').not.toBe(0);
    const report = await doctor(dir, SYSTEM_PY, [], env);
    expect(checkOf(report, 'project-venv')?.status).toBe('fail');
    expect(report.fixes.filter((f) => f.manager === 'venv')).toEqual([]);
    expect(report.advice.join('\n')).toContain('poetry env remove --all && poetry env use');
  });

  entry(
    'the wrong Python for the project: the printed Poetry command, run as printed, makes a venv that meets it',
    NEEDS_POETRY ?? (existsSync(PY312) ? null : '(needs pyenv 3.12.1)'),
    async () => {
      const { dir, env } = place('wrong-python-app');
      writeFileSync(join(dir, 'pyproject.toml'), poetryProject('^3.11'));
      await tool([POETRY as string, 'env', 'use', SYSTEM_PY], dir, env);
      // The project now needs 3.12; its venv is 3.11. pyenv's 3.12.1 is the only Python here that meets it.
      writeFileSync(join(dir, 'pyproject.toml'), poetryProject('^3.12'));
      const before = await doctor(dir, 'python3', [], env);
      expect(checkOf(before, 'python-version')?.status).toBe('fail');
      const advice = before.advice.find((a) => a.includes('poetry env use'));
      const command = advice?.slice(advice.lastIndexOf(': ') + 2) ?? '';
      expect(command).toMatch(/^poetry env remove --all && poetry env use \/\S+python3\.1[2-9] && poetry install$/);
      // Run as printed, but the install (it would fetch the project's dependencies): remove, then use. Offline,
      // Debian's virtualenv 20.17 cannot seed a pyenv 3.12+ with pip (it would download the wheels): no seed.
      const offline = { ...env, VIRTUALENV_NO_PIP: '1', VIRTUALENV_NO_SETUPTOOLS: '1', VIRTUALENV_NO_WHEEL: '1' };
      for (const step of command.split(' && ').slice(0, 2)) {
        await tool(
          step.split(' ').map((w, i) => (i === 0 ? (POETRY as string) : w)),
          dir,
          offline,
        );
      }
      const after = await doctor(dir, 'python3', [], env);
      expect(checkOf(after, 'python-version')?.status).toBe('pass');
      expect(after.project?.venv).toBe(await poetryVenv(dir, env));
      const version = await must([
        join(after.project?.venv ?? '', 'bin/python'),
        '-c',
        'import sys; print(sys.version_info[1])',
      ]);
      expect(Number(version.stdout.trim())).toBeGreaterThanOrEqual(12);
    },
  );
});

describe('Pipenv', () => {
  entry('its venv in ~/.local/share/virtualenvs is the one judged, where Pipenv says it is', NEEDS_PIPENV, async () => {
    const { dir, env } = place('Pipenv_App');
    writeFileSync(join(dir, 'Pipfile'), '[requires]\npython_version = "3.11"\n');
    await tool([PIPENV as string, '--python', SYSTEM_PY], dir, env);
    const truth = (await tool([PIPENV as string, '--venv'], dir, env)).stdout.trim();
    expect(truth, 'zoo: Pipenv made a venv in its directory').toContain('/.local/share/virtualenvs/Pipenv_App-');
    const report = await doctor(dir, SYSTEM_PY, [], env);
    expect(report.project?.venv).toBe(truth);
    expect(report.project?.tool).toMatchObject({ name: 'pipenv', venvPlace: 'cache' });
    expect(report.project?.requirement).toBe('==3.11.*');
    expect(report.project?.requirementSource).toEqual({
      source: 'python_version = "3.11" in Pipfile',
      file: 'Pipfile',
      line: 2,
    });
    expect(checkOf(report, 'project-venv')?.status).toBe('pass');
  });

  entry('PIPENV_VENV_IN_PROJECT: the .venv it made is judged', NEEDS_PIPENV, async () => {
    const { dir, env } = place('pipenv-in-project');
    writeFileSync(join(dir, 'Pipfile'), '[requires]\npython_version = "3.11"\n');
    const inProject = { ...env, PIPENV_VENV_IN_PROJECT: '1' };
    await tool([PIPENV as string, '--python', SYSTEM_PY], dir, inProject);
    expect((await tool([PIPENV as string, '--venv'], dir, inProject)).stdout.trim()).toBe(join(dir, '.venv'));
    const report = await doctor(dir, SYSTEM_PY, [], inProject);
    expect(report.project?.venv).toBe(join(dir, '.venv'));
    expect(report.project?.tool?.venvPlace).toBe('project');
  });
});
