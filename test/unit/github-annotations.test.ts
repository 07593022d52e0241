// --format github's annotations: where they point (file= and line= relative to the workspace, so GitHub shows
// them on the pull request's diff), their level (a warning that fails the job under --strict is an error),
// paths shown relative to the workspace, and escaping: every annotation line is the line @actions/core itself
// writes for the same values.
import * as core from '@actions/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { relativeToWorkspace, renderGithub, workspaceRoot } from '../../src/render/github.js';
import { recordedFacts } from '../helpers/facts.js';
import { reportOf, staleActivation } from '../helpers/report.js';

/** A recorded Debian 12 root with a project in /root/proj whose .venv was half created (no pip in it). */
const halfCreated = () => recordedFacts('bookworm/half-created');

interface Annotation {
  level: string;
  properties: Record<string, string>;
  message: string;
}

/** An annotation line read back as the runner reads it (the unescaping of @actions/core's escaping). */
function parse(line: string): Annotation {
  const match = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line);
  if (!match?.[1] || match[2] === undefined || match[3] === undefined) throw new Error(`not an annotation: ${line}`);
  const decode = (text: string) =>
    text
      .replaceAll('%0D', '\r')
      .replaceAll('%0A', '\n')
      .replaceAll('%3A', ':')
      .replaceAll('%2C', ',')
      .replaceAll('%25', '%');
  const properties = Object.fromEntries(
    match[2].split(',').map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), decode(pair.slice(at + 1))];
    }),
  );
  return { level: match[1], properties, message: decode(match[3]) };
}

/** What @actions/core writes for the same annotation. */
function coreLine({ level, properties, message }: Annotation): string {
  let written = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written += String(chunk);
    return true;
  });
  const where = {
    title: properties.title,
    ...(properties.file ? { file: properties.file } : {}),
    ...(properties.line ? { startLine: Number(properties.line) } : {}),
  };
  try {
    if (level === 'error') core.error(message, where);
    else core.warning(message, where);
  } finally {
    spy.mockRestore();
  }
  return written.replace(/\r?\n$/, '');
}

function annotations(text: string): string[] {
  return text.split('\n').filter((line) => /^::(error|warning|notice) /.test(line));
}

afterEach(() => vi.restoreAllMocks());

describe('annotations name the file they concern, relative to $GITHUB_WORKSPACE', () => {
  it("a broken venv: no file (its pyvenv.cfg is git-ignored, a pull request cannot show it), the message says which; each line is @actions/core's own", () => {
    const lines = annotations(renderGithub(reportOf(halfCreated()), { workspace: '/root/proj' }));
    const parsed = lines.map(parse);
    const venv = parsed.find((a) => a.properties.title === 'venv-doctor: project-venv');
    expect(venv).toMatchObject({ level: 'error', properties: { title: 'venv-doctor: project-venv' } });
    expect(venv?.properties.file).toBeUndefined();
    expect(venv?.message).toMatch(/^\.venv /);
    for (const [i, line] of lines.entries()) expect(line).toBe(coreLine(parsed[i] as Annotation));
  });
  it('a workspace above the project: the path from it; a trailing slash changes nothing', () => {
    const facts = halfCreated();
    if (!facts.project) throw new Error('half-created has a project');
    facts.project.git = { workTree: true, venvIgnored: false, problem: null };
    for (const workspace of ['/root', '/root/', '/root//']) {
      const parsed = annotations(renderGithub(reportOf(facts), { workspace })).map(parse);
      expect(parsed.find((a) => a.properties.title === 'venv-doctor: gitignore')?.properties.file).toBe(
        'proj/.gitignore',
      );
    }
  });
  it('no file outside the workspace, without one, or with / (no repository is the whole disk)', () => {
    for (const workspace of ['/srv/app', '/root/pro', undefined, '/', 'root/proj', '']) {
      const lines = annotations(renderGithub(reportOf(halfCreated()), { workspace }));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(parse(line).properties.file, `${workspace}: ${line}`).toBeUndefined();
    }
  });
  it("an unmet requires-python points at its line of pyproject.toml; .python-version at its version's line", () => {
    const facts = halfCreated();
    if (!facts.project?.pyproject) throw new Error('half-created has a pyproject.toml');
    facts.project.pyproject = { requiresPython: '>=3.99', problem: null, line: 4 };
    const parsed = annotations(renderGithub(reportOf(facts), { workspace: '/root/proj' })).map(parse);
    expect(parsed.find((a) => a.properties.title === 'venv-doctor: python-version')).toMatchObject({
      level: 'error',
      properties: { file: 'pyproject.toml', line: '4' },
    });
    facts.project.pyproject = null;
    facts.project.pythonVersionFile = '3.99';
    facts.project.pythonVersionLine = 3; // after a comment and a blank line
    const pinned = annotations(renderGithub(reportOf(facts), { workspace: '/root' })).map(parse);
    expect(pinned.find((a) => a.properties.title === 'venv-doctor: python-version')?.properties).toMatchObject({
      file: 'proj/.python-version',
      line: '3',
    });
    // A dump from before the line was recorded: the file, no line.
    delete facts.project.pythonVersionLine;
    const older = annotations(renderGithub(reportOf(facts), { workspace: '/root' })).map(parse);
    const properties = older.find((a) => a.properties.title === 'venv-doctor: python-version')?.properties;
    expect(properties?.file).toBe('proj/.python-version');
    expect(properties?.line).toBeUndefined();
  });
  it('a pyproject.toml that is not TOML points at the line of the error', () => {
    const facts = halfCreated();
    if (!facts.project) throw new Error('half-created has a project');
    facts.project.pyproject = {
      requiresPython: null,
      problem: 'pyproject.toml is not valid TOML: invalid value',
      line: 3,
    };
    const parsed = annotations(renderGithub(reportOf(facts), { workspace: '/root/proj' })).map(parse);
    expect(parsed.find((a) => a.properties.title === 'venv-doctor: python-version')).toMatchObject({
      level: 'error',
      properties: { file: 'pyproject.toml', line: '3' },
    });
  });
  it('a venv not ignored by git points at .gitignore, where the line goes', () => {
    const facts = halfCreated();
    if (!facts.project) throw new Error('half-created has a project');
    facts.project.git = { workTree: true, venvIgnored: false, problem: null };
    const parsed = annotations(renderGithub(reportOf(facts), { workspace: '/root/proj' })).map(parse);
    expect(parsed.find((a) => a.properties.title === 'venv-doctor: gitignore')).toMatchObject({
      level: 'warning',
      properties: { file: '.gitignore' },
    });
  });
  it('a moved venv: no file, the message names where it was made', () => {
    const facts = halfCreated();
    const venv = facts.project?.venv;
    if (!venv) throw new Error('half-created has a venv');
    venv.shebangs = [{ script: 'pip', interpreter: '/home/old/proj/.venv/bin/python' }];
    const parsed = annotations(renderGithub(reportOf(facts), { workspace: '/root/proj' })).map(parse);
    // Not on .venv/bin/pip: a git-ignored file that a pull request cannot show. The message names the venv.
    const moved = parsed.find((a) => a.properties.title === 'venv-doctor: venv-relocated');
    expect(moved?.level).toBe('error');
    expect(moved?.properties.file).toBeUndefined();
    expect(moved?.message).toContain('/home/old/proj/.venv');
  });
  it('a venv named outside the project, or a hostile name: no file, or the name escaped as @actions/core escapes it', () => {
    const facts = halfCreated();
    const venv = facts.project?.venv;
    if (!venv) throw new Error('half-created has a venv');
    venv.name = '../elsewhere';
    const outside = annotations(renderGithub(reportOf(facts), { workspace: '/root' })).map(parse);
    expect(outside.find((a) => a.properties.title === 'venv-doctor: project-venv')?.properties.file).toBeUndefined();
    venv.name = 'a,b:c%d\n::error::x\u001b[2J';
    const lines = annotations(renderGithub(reportOf(facts), { workspace: '/root/proj' }));
    // One annotation per failing or warning check, never one smuggled in by the name.
    expect(lines.filter((l) => l.startsWith('::error::'))).toEqual([]);
    const parsed = lines.map(parse);
    const file = parsed.find((a) => a.properties.title === 'venv-doctor: project-venv')?.properties.file ?? '';
    expect(file.startsWith('a,b:c%d')).toBe(true);
    for (const c of ['\n', '\r', '\u001b']) expect(file).not.toContain(c);
    for (const [i, line] of lines.entries()) expect(line).toBe(coreLine(parsed[i] as Annotation));
  });
});

describe('levels', () => {
  it('a warning is ::warning; with --strict, where it fails the job, ::error', () => {
    const loose = annotations(renderGithub(reportOf(staleActivation()))).map(parse);
    expect(loose.filter((a) => a.properties.title === 'venv-doctor: venv-active').map((a) => a.level)).toEqual([
      'warning',
    ]);
    const strict = annotations(renderGithub(reportOf(staleActivation(), true))).map(parse);
    expect(strict.filter((a) => a.properties.title === 'venv-doctor: venv-active').map((a) => a.level)).toEqual([
      'error',
    ]);
    expect(strict.some((a) => a.level === 'warning')).toBe(false);
  });
});

describe('paths under the workspace are shown relative to it', () => {
  it('in messages and the report, never in the fix commands, which run as printed', () => {
    const report = reportOf(halfCreated());
    const text = renderGithub(report, { workspace: '/root/proj' });
    const human = text.slice(text.indexOf('::stop-commands::'));
    const commands = report.fixes.map((f) => f.command);
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect(text).toContain(command);
    // What is to be run (fixes, advice, notes) stays as it runs from where venv-doctor ran.
    const toRun = [...commands, ...report.advice, ...report.notes];
    const withoutCommands = toRun.reduce((t, c) => t.replaceAll(c, ''), human);
    expect(withoutCommands).not.toContain('/root/proj');
    expect(withoutCommands).toContain('.venv');
  });
  it('the workspace itself is ".", a path beginning with it is relative, another path that only starts alike is kept', () => {
    const report = reportOf(halfCreated());
    const [first] = report.checks;
    if (!first) throw new Error('a report has checks');
    first.message =
      'in /root/proj, then /root/proj/.venv/bin/python, (/root/proj) and /root/project2/x, /x/root/proj/y, ~/root/proj/z, /root/proj/, /root/proj.';
    report.advice = ['run /root/proj/.venv/bin/python -m pip install -e /root/proj'];
    const shown = relativeToWorkspace(report, '/root/proj');
    expect(shown.checks[0]?.message).toBe(
      'in ., then .venv/bin/python, (.) and /root/project2/x, /x/root/proj/y, ~/root/proj/z, /root/proj/, ..',
    );
    // What is to be run stays as it runs from where venv-doctor ran: fixes, advice, notes.
    expect(shown.fixes).toEqual(report.fixes);
    expect(shown.advice).toEqual(report.advice);
    expect(shown.notes).toEqual(report.notes);
  });
  it('a workspace is an absolute directory other than /', () => {
    expect(workspaceRoot('/home/runner/work/app/app/')).toBe('/home/runner/work/app/app');
    expect(workspaceRoot('/home/runner/./work//app')).toBe('/home/runner/work/app');
    for (const no of ['/', '//', '', 'relative/dir', undefined]) expect(workspaceRoot(no)).toBeNull();
  });
});
