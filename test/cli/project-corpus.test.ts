// 51 real public projects' metadata (test/fixtures/projects/: pyproject.toml, setup.cfg, setup.py, Pipfile,
// .python-version, .tool-versions, environment.yml, runtime.txt as their repositories have them, lock files
// as empty files of their names, each with its licence; README.md there says where each came from). For each,
// expected.json says, from the project's own files and the tools' documented rules (not from venv-doctor's
// output), which tool makes its venv and where it states its Python. The doctor is run on a copy of each, on
// this machine, in process (main() with the real System: what is asked here is what the project's files say,
// not how the executable starts; 52 starts of it were half a minute of the unit suite).
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { realSystem } from '../../src/system.js';
import type { Report } from '../../src/types.js';
import { fakeIo } from '../helpers/io.js';
import { FIXTURES } from '../helpers/paths.js';
import { SYSTEM_PY } from '../security/hostile.js';

/** `venv-doctor ARGS` through main(), on the real machine, its JSON report. */
async function diagnose(args: string[]): Promise<Report> {
  const { out, streams } = fakeIo({ ...process.env, CI: 'true' });
  await main(args, streams, () => ({ ...realSystem(), env: { ...process.env, VIRTUAL_ENV: undefined } }));
  return JSON.parse(out.stdout) as Report;
}

interface Expected {
  project: string;
  tool: string | null;
  toolEvidence: string[];
  requirement: { file: string; key: string; value: string } | null;
}

const CORPUS = join(FIXTURES, 'projects');
const expected = JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) as Expected[];
const work = mkdtempSync(join(tmpdir(), 'venv-doctor-corpus-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** How the report names where the requirement was read (src/judge/requirements.ts sourceOf, in words). */
function sourceWords(r: NonNullable<Expected['requirement']>): string {
  switch (r.key) {
    case 'requires-python':
      return 'requires-python in pyproject.toml';
    case 'tool.poetry.dependencies.python':
      return `python = "${r.value}" in pyproject.toml's [tool.poetry.dependencies]`;
    case 'requires.python_version':
    case 'requires.python_full_version':
      return `${r.key.split('.')[1]} = "${r.value}" in Pipfile`;
    case 'options.python_requires':
      return 'python_requires in setup.cfg';
    case 'python_requires':
      return 'python_requires in setup.py';
    case 'version':
      return '.python-version';
    default:
      return `${r.value} in ${r.file}`;
  }
}

describe('real projects: the tool and the requirement each states, as its own files say', { timeout: 60_000 }, () => {
  it('the corpus is whole: every project has its expectation and its licence', () => {
    const dirs = readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(dirs.map((d) => d.name).sort()).toEqual(expected.map((e) => e.project).sort());
    expect(expected.length).toBeGreaterThanOrEqual(30);
    for (const dir of dirs) expect(readdirSync(join(CORPUS, dir.name)), dir.name).toContain('LICENSE');
  });
  it.each(expected.map((e) => [e.project, e] as const))('%s', async (name, want) => {
    const dir = join(work, name);
    cpSync(join(CORPUS, name), dir, { recursive: true });
    const report = await diagnose(['--json', '--python', SYSTEM_PY, dir]);
    const project = report.project;
    expect(project?.tool?.name ?? null, 'tool').toBe(want.tool);
    if (want.tool) expect(project?.tool?.evidence, 'evidence').toEqual(want.toolEvidence);
    if (!want.requirement) {
      expect(project?.requirementSource ?? null).toBeNull();
      return;
    }
    expect(project?.requirementSource?.file, 'file').toBe(want.requirement.file);
    expect(project?.requirementSource?.source, 'source').toBe(sourceWords(want.requirement));
    if (['requires-python', 'options.python_requires', 'python_requires'].includes(want.requirement.key)) {
      expect(project?.requirement?.replace(/\s+/g, ''), 'spec').toBe(want.requirement.value.replace(/\s+/g, ''));
    }
  });
});
