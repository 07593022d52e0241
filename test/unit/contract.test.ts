// The architecture, enforced: one file per check (file name = id = docs page), pure checks.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/judge/registry.js';
import { HELP, OPTIONS } from '../../src/settings.js';
import { KNOWN_UNEXPLAINED_SKIPS } from '../helpers/known-skips.js';
import { PROJECT } from '../helpers/paths.js';

const files = readdirSync(join(PROJECT, 'checks')).filter((f) => f.endsWith('.ts'));

describe('checks', () => {
  it('every file in checks/ is registered, and every registered check has its file', () => {
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(CHECKS.map((c) => c.id).sort());
  });
  it.each(CHECKS.map((c) => [c.id]))('%s has its docs page with the five parts', (id) => {
    const page = join(PROJECT, 'docs/checks', `${id}.md`);
    expect(existsSync(page), `docs/checks/${id}.md`).toBe(true);
    const text = readFileSync(page, 'utf8');
    for (const part of ['**What it checks.**', '**Why.**', '**How it is detected.**', '**Fix.**', '**Example']) {
      expect(text).toContain(part);
    }
  });
  it.each(files)('%s imports no I/O: only types, derived facts, remedies and parsers', (file) => {
    const source = readFileSync(join(PROJECT, 'checks', file), 'utf8');
    const imports = [...source.matchAll(/^import [^;]* from '([^']+)';$/gms)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const spec of imports) {
      expect(spec).toMatch(
        /^\.\.\/src\/(types|judge\/(derived|remedies|requirements|skip-reasons)|quote|paths|facts\/(marker|os-release|debian|venv-files))\.js$/,
      );
    }
  });
  it('ids are unique and safe for --only/--skip and file names', () => {
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
  });
});

describe('flags', () => {
  const readme = readFileSync(join(PROJECT, 'README.md'), 'utf8');
  it('docs/cli.md is the --help text', () => {
    expect(readFileSync(join(PROJECT, 'docs/cli.md'), 'utf8')).toContain(`\`\`\`\n${HELP}\`\`\``);
  });
  it.each(Object.keys(OPTIONS))('--%s is in --help and in the README', (name) => {
    expect(HELP).toContain(`--${name}`);
    expect(readme).toContain(`--${name}`);
  });
});

// No test passes by not running: a test that needs something this machine may lack (git, pyenv, the venv
// package...) is skipped with the reason in its title, "(needs ...)" (test/helpers/cli.ts NEEDS), and
// never returns early as if it had passed.
describe('tests of the unit suite', () => {
  const testFiles = (dir: string): string[] =>
    readdirSync(join(PROJECT, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
    );
  const files = ['test/unit', 'test/scenarios', 'test/cli', 'test/security'].flatMap(testFiles);
  // skipIf/runIf(condition)(title: a string or a template literal.
  const conditional = /\.(skipIf|runIf)\(((?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)\(\s*([`'"])((?:(?!\3)[\s\S])*)\3/g;

  it('finds the test files', () => {
    expect(files).toContain('test/cli/project.test.ts');
    expect(files).toContain('test/unit/contract.test.ts');
  });
  it.each(files)('%s: every conditional test says what it needs in its title', (file) => {
    const source = readFileSync(join(PROJECT, file), 'utf8');
    const calls = [...source.matchAll(conditional)];
    // Every skipIf/runIf is one the pattern understood (a title it cannot read would escape the rule).
    expect(calls.length).toBe(source.match(/\.(skipIf|runIf)\(/g)?.length ?? 0);
    const unexplained = calls
      .map((m) => m[4] ?? '')
      .filter((title) => !/\(needs |\$\{NEEDS/.test(title))
      .map((title) => `${file}: ${title}`)
      .filter((entry) => !KNOWN_UNEXPLAINED_SKIPS.includes(entry));
    expect(unexplained).toEqual([]);
  });
  it.each(files)('%s: no test returns early when something is missing', (file) => {
    const source = readFileSync(join(PROJECT, file), 'utf8');
    expect(source).not.toMatch(/if \(!?existsSync\([^)]*\)\) return\b/);
  });
});
