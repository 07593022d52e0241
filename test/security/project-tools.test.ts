// Nothing of the project's tool runs: not poetry, pipenv, uv, pdm, hatch, conda, mise or asdf, whatever the
// project's files say (their configs and plugins can run the project's code). Each is on PATH here as a
// program that leaves a mark; the project holds every tool's file, written to tempt a tool into running
// something; the diagnosis, --fix --dry-run and --dump-facts run, and nothing is marked.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { doctor, json, type Sandbox, SYSTEM_PY, sandbox } from './hostile.js';

let box: Sandbox;
afterEach(() => box?.cleanup());

const TOOLS = ['poetry', 'pipenv', 'uv', 'pdm', 'hatch', 'conda', 'mamba', 'mise', 'asdf', 'virtualenv', 'pipx'];

describe('the project names its tool in every file; no tool is ever run', { timeout: 60_000 }, () => {
  it('hostile pyproject.toml [tool.poetry], poetry.toml, Pipfile, mise.toml, .tool-versions, environment.yml: nothing runs', () => {
    box = sandbox();
    const bin = join(box.outside, 'bin');
    for (const tool of TOOLS) box.write(join(bin, tool), box.planted(tool), true);
    box.write(
      'pyproject.toml',
      '[project]\nname = "x"\nrequires-python = ">=3.9"\n[tool.poetry]\nname = "x"\n[tool.poetry.dependencies]\npython = "^3.9"\n[tool.poetry.scripts]\nx = "evil:main"\n[tool.poetry.plugins."poetry.application.plugin"]\nevil = "evil:Plugin"\n[tool.uv]\nmanaged = true\n[tool.hatch.envs.default]\npost-install-commands = ["touch /tmp/never"]\n[tool.pdm.scripts]\npost_install = "touch /tmp/never"\n',
    );
    box.write(
      'poetry.toml',
      '[virtualenvs]\nin-project = true\npath = "/etc"\n[virtualenvs.options]\nsystem-site-packages = true\n',
    );
    box.write('poetry.lock', '');
    box.write('uv.lock', '');
    box.write('Pipfile', '[requires]\npython_version = "3.11"\n[scripts]\npost = "touch /tmp/never"\n');
    box.write(
      'mise.toml',
      '[tools]\npython = "3.12"\n[env]\n_.source = "./evil.sh"\n[hooks]\nenter = "./evil.sh"\n[tasks.x]\nrun = "./evil.sh"\n',
    );
    box.write('.tool-versions', 'python 3.12.1\nnodejs $(touch /tmp/never)\n');
    box.write('environment.yml', 'name: x\ndependencies:\n  - python=3.11\n  - pip:\n    - -e .\n');
    box.write('evil.sh', box.planted('evil.sh'), true);
    const env = { PATH: `${bin}:/usr/bin:/bin`, HOME: join(box.outside, 'home') };
    const report = json(doctor(['--json', '--python', SYSTEM_PY, box.dir], { env }));
    expect(report.project?.tool?.name).toBe('uv');
    json(doctor(['--json', '--fix', '--dry-run', '--python', SYSTEM_PY, box.dir], { env }));
    doctor(['--json', '--python', SYSTEM_PY, '--dump-facts', join(box.outside, 'facts.json'), box.dir], { env });
    expect(box.marks()).toEqual([]);
    // The tool is found on PATH (to say whether it is installed), never started.
    expect(report.project?.tool?.installed).toBe(true);
  });
});
