// Output is data, never commands: hostile text from the machine or the project (an OS name, a project
// directory, a venv name, a settings key) put through the real checks, planner and report, then every sink
// checked the way its reader reads it: a terminal, the GitHub Actions runner (line by line), a Markdown
// parser, an XML parser. Then the same on the built CLI with a project directory named to attack.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marked } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judge } from '../../src/diagnose.js';
import { CHECKS } from '../../src/judge/registry.js';
import { mapStrings } from '../../src/neutralize.js';
import { identityOf } from '../../src/redact.js';
import { renderGithub } from '../../src/render/github.js';
import { renderJunit } from '../../src/render/junit.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderPlain } from '../../src/render/plain.js';
import type { Facts, Report } from '../../src/types.js';
import { CLI, CLI_ARGS, CLI_FILE } from '../helpers/cli.js';
import { recordedFacts } from '../helpers/facts.js';
import { junitSchemaErrors } from '../helpers/junit.js';

/** Each a known attack on one of the sinks. */
const ATTACKS = [
  '\u001b]52;c;cHduZWQ=\u0007', // OSC 52: writes the clipboard
  '\u001b[2J', // clears the screen
  '\u001b[31m', // a colour of its own
  '\u009b31m', // C1 CSI
  '\u202eevil', // bidi override
  '\u200b\u2066\ufeff\u061c', // invisible formatting
  'lone\rCR',
  'new\nline',
  '\n::error::line-start',
  '::error::pwned',
  '##[error]pwned',
  '::set-output name=x::y',
  '%0A::warning::encoded',
  '[x](http://evil)',
  '![i](http://evil/i.png)',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  'http://bare.evil www.evil.com mail@evil.com',
  '```',
  '````',
  'a|b',
  '&lt;b&gt;',
  '\u0000nul',
].join(' ');

// biome-ignore lint/suspicious/noControlCharactersInRegex: the renderer's own colour codes
const SGR = /\u001b\[(\d+)m/g;
const OWN_SGR = new Set(['0', '1', '2', '31', '32', '33', '35']);
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/;

/** The hostile strings placed where the machine and the project put text: a real half-created venv report. */
function hostileReport(): Report {
  const base = recordedFacts('bookworm/half-created');
  const facts = mapStrings(base, (s) => s.replaceAll('/root/proj', `/root/proj ${ATTACKS}`)) as Facts;
  facts.os.prettyName = `Debian ${ATTACKS}`;
  // (A venv name with control characters gets no fix command at all: the planner refuses it.)
  if (facts.project?.venv) facts.project.venv.name = '.venv ::error::v ##[error]v [x](http://evil) <b>a|b</b> ```';
  return judge(
    facts,
    {},
    { config: null, warnings: [`pyproject.toml [tool.venv-doctor]: unknown key "${ATTACKS}"`] },
    { factsFrom: 'file', durationMs: () => 0 },
  );
}

/** No raw control, C1 or invisible character; ESC only in the renderer's own colour codes. */
function expectTerminalSafe(text: string) {
  const codes = [...text.matchAll(SGR)].map((m) => m[1]);
  for (const code of codes) expect(OWN_SGR, `SGR ${code}`).toContain(code);
  const withoutOwn = text.replace(SGR, '');
  expect(withoutOwn).not.toContain('\u001b');
  expect(withoutOwn).not.toContain('\r');
  expect(withoutOwn.replaceAll('\n', '')).not.toMatch(CONTROL);
  expect(text).not.toMatch(INVISIBLE);
  expect(text).not.toMatch(/[\ud800-\udfff]/u);
}

/** The data is still there, shown: escaped visibly, not dropped. */
function expectShownVisibly(text: string) {
  for (const shown of ['\\x1b]52;c;', '\\x1b[2J', '\\x1b[31m', '\\x9b31m', '\\u202eevil', 'lone\\rCR', 'new\\nline']) {
    expect(text).toContain(shown);
  }
}

/** The runner's reading of stdout: lines split on LF and on a lone CR; a line is a command if it starts with :: (after leading whitespace) or holds ##[ anywhere. */
function runnerLines(out: string): string[] {
  return out.split(/\r?\n|\r/);
}
const isCommand = (line: string) => line.trimStart().startsWith('::') || line.includes('##[');
const ANNOTATION = /^::(error|warning) title=venv-doctor%3A ([a-z][a-z0-9-]*)::(.*)$/;

/**
 * Every command line is one of our annotations (properly escaped data) or the stop-commands pair with one
 * token; everything between is inert; nothing after. Returns the annotations' decoded data.
 */
function expectGithubSafe(out: string, token?: string): string[] {
  const lines = runnerLines(out);
  const annotations: string[] = [];
  let state: 'annotations' | 'stopped' | 'after' = 'annotations';
  let stopToken = '';
  for (const line of lines) {
    if (state === 'stopped') {
      if (line === `::${stopToken}::`) state = 'after';
      else expect(isCommand(line), `a command inside the human report: ${JSON.stringify(line)}`).toBe(false);
      continue;
    }
    if (!isCommand(line)) {
      expect(line, 'only commands, then the stop-commands block').toBe('');
      continue;
    }
    expect(state, `a command after the human report: ${JSON.stringify(line)}`).toBe('annotations');
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) {
      stopToken = stop[1] ?? '';
      if (token) expect(stopToken).toBe(token);
      state = 'stopped';
      continue;
    }
    const match = ANNOTATION.exec(line);
    expect(match, `not one of our annotations: ${JSON.stringify(line)}`).not.toBeNull();
    expect(CHECKS.map((c) => c.id)).toContain(match?.[2]);
    const data = match?.[3] ?? '';
    expect(data).not.toContain('##[');
    // @actions/core's escaping: every % is %25, %0D or %0A; nothing else is a raw line break (split above).
    expect(data.replace(/%(25|0D|0A)/g, '')).not.toContain('%');
    annotations.push(data.replaceAll('%0A', '\n').replaceAll('%0D', '\r').replaceAll('%25', '%'));
  }
  expect(state, 'the stop-commands block is closed with its token').toBe('after');
  expect(stopToken).toMatch(token ? /./ : /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  return annotations;
}

/** Every token type in a marked token tree. */
function tokenTypes(markdown: string): { type: string; raw: string }[] {
  const found: { type: string; raw: string }[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) for (const item of value) walk(item);
    else if (value && typeof value === 'object') {
      const { type, raw } = value as { type?: unknown; raw?: unknown };
      if (typeof type === 'string') found.push({ type, raw: String(raw ?? '') });
      for (const item of Object.values(value)) walk(item);
    }
  };
  walk(marked.lexer(markdown));
  return found;
}

function expectMarkdownSafe(markdown: string) {
  const tokens = tokenTypes(markdown);
  expect(tokens.filter((t) => t.type === 'link' || t.type === 'image')).toEqual([]);
  // The only HTML is our own footer's <sub>.
  expect(tokens.filter((t) => t.type === 'html' || t.type === 'tag').map((t) => t.raw.trim())).toEqual([
    '<sub>',
    '</sub>',
  ]);
  const html = marked.parse(markdown, { async: false });
  const tags = new Set([...html.matchAll(/<\/?([a-zA-Z0-9]+)/g)].map((m) => m[1]));
  for (const tag of tags) {
    expect([
      'h2',
      'p',
      'ul',
      'li',
      'code',
      'pre',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'strong',
      'sub',
    ]).toContain(tag);
  }
  expect(markdown).not.toMatch(INVISIBLE);
  expect(markdown.replaceAll('\n', '')).not.toMatch(CONTROL);
  return { tokens, html };
}

const decodeXml = (text: string) =>
  text
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');

describe('every sink, on a report full of hostile text', () => {
  const report = hostileReport();

  it('the report really carries the hostile text (raw in JSON, where consumers get real values)', () => {
    expect(report.os.prettyName).toContain('\u001b]52');
    expect(report.fixes.some((f) => f.argv.some((a) => a.includes('\n::error::line-start')))).toBe(true);
    expect(report.checks.find((c) => c.id === 'project-venv')?.message).toContain('::error::v ##[error]v');
    expect(report.notes.join('')).toContain('\u202eevil');
    expect(report.warnings[0]).toContain('\r');
  });

  it.each([
    ['plain', false, false],
    ['plain, coloured', true, false],
    ['verbose, coloured', true, true],
  ])('terminal (%s): no escape sequence but its own colours, no C1, no bidi, no raw CR', (_, color, verbose) => {
    const out = renderPlain(report, { color, verbose });
    expectTerminalSafe(out);
    expectShownVisibly(out);
    // One line per line of the report: a newline in the data did not start a new one.
    expect(out.split('\n').filter((l) => l.includes('::error::line-start')).length).toBeGreaterThan(0);
    for (const line of out.split('\n')) expect(line.startsWith('::')).toBe(false);
  });

  it('GitHub: only our annotations and the stop-commands pair are commands; the human report is inert', () => {
    const out = renderGithub(report, { token: 'test-token-1234' });
    const annotations = expectGithubSafe(out, 'test-token-1234');
    expect(annotations.length).toBeGreaterThanOrEqual(2);
    const projectVenv = annotations.find((a) => a.startsWith('.venv '));
    expect(projectVenv).toContain('::error::v #\\#[error]v');
    expect(projectVenv).toContain('\\x1b]52;c;'); // in the fix
    expect(projectVenv).toContain('#\\#[error]pwned');
    // Our own line break (before "Fix:") is the only one in an annotation's data.
    expect(projectVenv?.split('\n')).toHaveLength(2);
    expect(projectVenv).toMatch(/\nFix: apt-get install -y python3\.11-venv && /);
    expectTerminalSafe(out);
  });

  it('GitHub: the token is random (crypto.randomUUID), unknown to the project', () => {
    const a = renderGithub(report);
    const b = renderGithub(report);
    expectGithubSafe(a);
    const token = (text: string) => /^::stop-commands::(.+)$/m.exec(text)?.[1];
    expect(token(a)).not.toBe(token(b));
  });

  it('GitHub: a line of the human report that would start with :: or hold ##[ is made inert', () => {
    const out = renderGithub(
      { ...report, notes: ['::error::from-a-note', '   ::warning::indented', 'x ##[error]y'] },
      { token: 'T0K3N-abcdef' },
    );
    expectGithubSafe(out, 'T0K3N-abcdef');
    expect(out).toContain('\n:\\:error::from-a-note\n');
    expect(out).toContain('\n   :\\:warning::indented\n');
  });

  it.each([
    ['redacted (--format markdown)', identityOf({ HOME: '/root' }, null, 'vm')],
    ['not redacted (the GitHub step summary)', null],
  ])('Markdown, %s: no link, image or HTML from machine text; the fix in one fence', (_, identity) => {
    const markdown = renderMarkdown(report, identity);
    const { tokens, html } = expectMarkdownSafe(markdown);
    // The table keeps three cells a row: a | in the data did not split one.
    const table = marked.lexer(markdown).find((t) => t.type === 'table') as { rows: unknown[][] } | undefined;
    expect(table?.rows.length).toBe(CHECKS.length);
    for (const row of table?.rows ?? []) expect(row).toHaveLength(3);
    // The fix block: one fence, holding every command, not closed early by the ``` in the path.
    const fences = marked.lexer(markdown).filter((t) => t.type === 'code') as { lang: string; text: string }[];
    // (and the optional fixes, apart, in a fence of their own)
    expect(fences).toHaveLength(report.optionalFixes.length > 0 ? 2 : 1);
    expect(fences[0]?.lang).toBe('sh');
    expect(fences[0]?.text.split('\n')).toHaveLength(report.fixes.length);
    expect(fences[0]?.text).toContain('````');
    // The data is there, as text.
    expect(html).toContain('[x](http://evil)');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(tokens.some((t) => t.type === 'codespan' && t.raw.includes('\\x1b]52'))).toBe(true);
  });

  it('JUnit: a newline, CR and TAB in an attribute round-trip; XML 1.0 gets nothing it cannot carry', async () => {
    const facts = recordedFacts('bookworm/half-created');
    if (facts.project?.venv) facts.project.venv.name = '.venv\nline two\tTAB\rCR <&"\'>';
    const plain = judge(facts, {}, { config: null, warnings: [] }, { factsFrom: 'file', durationMs: () => 0 });
    const message = plain.checks.find((c) => c.id === 'project-venv')?.message ?? '';
    expect(message).toContain('\n');
    const xml = renderJunit(plain);
    const attribute = /<testcase classname="venv-doctor" name="project-venv"[^>]*>\s*<failure message="([^"]*)"/.exec(
      xml,
    )?.[1];
    expect(attribute).toContain('&#10;');
    expect(decodeXml(attribute ?? '')).toBe(message);

    const hostile = renderJunit(report);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
    expect(hostile).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    expect(hostile).not.toMatch(INVISIBLE);
    expect(hostile).toContain('\\x1b]52;c;'); // replaced visibly, not dropped
    for (const contents of [xml, hostile]) expect(await junitSchemaErrors(contents)).toEqual([]);
  });
});

// --- the built CLI, on a project directory named to attack --------------------------------------------

const PY = '/usr/bin/python3';
let work = '';

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('the build is missing: npm run build');
  work = mkdtempSync(join(tmpdir(), 'venv-doctor-hostile-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync(CLI_FILE, [...CLI_ARGS, '--python', PY, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, CI: 'true', VIRTUAL_ENV: undefined, GITHUB_STEP_SUMMARY: undefined, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A project whose directory name holds a newline, ::error::, ##[error], CR, ESC and a bidi override, with a
 * venv moved into it: a failure whose message and fix name the directory. (Python refuses to make a venv in
 * a path with ':', so it is made beside it and moved in.)
 */
function hostileProject(): string {
  const dir = join(work, 'proj\n::error::x\r##[error]y \u001b[2J\u001b]0;title\u0007 \u202eevil');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'requirements.txt'), '');
  const made = spawnSync(PY, ['-m', 'venv', '--without-pip', join(work, 'made-here')], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(made.stderr);
  renameSync(join(work, 'made-here'), join(dir, '.venv'));
  return dir;
}

describe.runIf(existsSync(PY))(
  `the CLI, on a project directory named to attack (needs Debian's python3 at ${PY})`,
  { timeout: 60_000 },
  () => {
    let dir = '';
    beforeAll(() => {
      dir = hostileProject();
    });
    it('--format github: only our annotations are commands, the human report is inert, the summary is safe', () => {
      const summary = join(work, 'summary.md');
      const r = run(['--format', 'github', dir], { GITHUB_STEP_SUMMARY: summary });
      expect(r.code).toBe(1);
      const annotations = expectGithubSafe(r.stdout);
      const relocated = annotations.find((a) => a.startsWith('.venv was moved'));
      expect(relocated).toContain('proj\\n::error::x\\r#\\#[error]y \\x1b[2J');
      expectTerminalSafe(r.stdout);
      expect(r.stdout).toContain('venv-relocated');
      expectMarkdownSafe(readFileSync(summary, 'utf8'));
    });
    it('plain, with and without colour: nothing raw reaches the terminal', () => {
      for (const args of [[dir], ['--color', '--verbose', dir]]) {
        const r = run(args);
        expect(r.code).toBe(1);
        expectTerminalSafe(r.stdout);
        expect(r.stdout).toContain('proj\\n::error::x\\r##[error]y \\x1b[2J\\x1b]0;title\\x07 \\u202eevil');
      }
    });
    it('--format markdown and junit: safe too', async () => {
      expectMarkdownSafe(run(['--format', 'markdown', dir]).stdout);
      const xml = run(['--format', 'junit', dir]).stdout;
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
      expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
      expect(await junitSchemaErrors(xml)).toEqual([]);
    });
  },
);
