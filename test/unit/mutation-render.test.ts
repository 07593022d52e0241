// The renderers on small hand-made reports, each output stated whole: the plain checklist (labels, columns,
// colours, grouping of skips, the verdict, the fix block), GitHub workflow commands (annotations, escaping,
// stop-commands), JUnit XML (counts, times, one element per status) and the Markdown report (every line,
// redacted or not, and the footer that says what was redacted).
import { describe, expect, it } from 'vitest';
import { identityOf } from '../../src/redact.js';
import { renderGithub } from '../../src/render/github.js';
import { renderJson } from '../../src/render/json.js';
import { renderJunit } from '../../src/render/junit.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { LABEL, paint, renderPlain } from '../../src/render/plain.js';
import type { CheckResult, Fix, Report, Status } from '../../src/types.js';

function check(id: string, status: Status, message: string, more: Partial<CheckResult> = {}): CheckResult {
  return { id, title: id, status, message, details: [], durationMs: 0, findings: [], ...more };
}
const fix = (command: string): Fix => ({
  manager: 'apt',
  why: 'w',
  packages: [],
  needsRoot: true,
  argv: command.split(' '),
  command,
});

/** Debian 12 as root, the distribution's python3, two checks passing. */
function report(patch: Partial<Report> = {}): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'venv-doctor', version: '1.2.3' },
    ok: true,
    exitCode: 0,
    os: {
      id: 'debian',
      idLike: [],
      versionId: '12',
      codename: 'bookworm',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
      platform: 'linux',
      arch: 'x64',
      wsl: false,
      container: null,
    },
    python: {
      command: 'python3',
      resolved: '/usr/bin/python3',
      shim: null,
      executable: '/usr/bin/python3.11',
      version: '3.11.2',
      source: 'distro',
      owner: 'python3.11-minimal',
      externallyManaged: true,
      inVenv: false,
      others: [],
    },
    project: null,
    checks: [check('os', 'pass', 'Debian 12.'), check('python', 'pass', 'python3 runs 3.11.2.')],
    fixes: [],
    optionalFixes: [],
    advice: [],
    notes: [],
    warnings: [],
    strict: false,
    factsFrom: 'machine',
    durationMs: 42,
    ...patch,
  };
}
const lines = (...l: string[]) => `${l.join('\n')}\n`;
const READY = 'Ready: `python3 -m venv` will work with Python 3.11.2 (/usr/bin/python3.11).';
/** The verdict when the failing row `id` is a system check: it names the row that says why. */
const wont = (id: string, fix = '') =>
  `Not ready: \`python3 -m venv\` will not work with Python 3.11.2 (/usr/bin/python3.11). See ${id} above${fix}.`;
const THEN =
  'Then run venv-doctor again. A venv that failed half-way is repaired by running its `-m venv` command again.';
const plain = (r: Report) => renderPlain(r, { color: false, verbose: false });
const verbose = (r: Report) => renderPlain(r, { color: false, verbose: true });

describe('plain', () => {
  it('a healthy machine: the header, one line a check in aligned columns, the verdict', () => {
    expect(plain(report())).toBe(
      lines('venv-doctor 1.2.3', '', 'ok      os      Debian 12.', 'ok      python  python3 runs 3.11.2.', '', READY),
    );
  });
  it('each status has its label', () => {
    expect(LABEL).toEqual({ pass: 'ok', warn: 'warn', fail: 'FAIL', skip: 'skip', crash: 'CRASH', ignored: 'ignored' });
    const r = report({
      exitCode: 3,
      ok: false,
      checks: [
        check('a', 'warn', 'w.'),
        check('b', 'fail', 'f.'),
        check('c', 'crash', 'c.'),
        check('d', 'ignored', 'i.'),
      ],
    });
    expect(plain(r)).toBe(
      lines(
        'venv-doctor 1.2.3',
        '',
        'warn    a  w.',
        'FAIL    b  f.',
        'CRASH   c  c.',
        'ignored d  i.',
        '',
        'venv-doctor could not finish the diagnosis (see CRASH above).',
      ),
    );
  });
  it('replayed facts and settings warnings are said under the header', () => {
    expect(plain(report({ factsFrom: 'file', warnings: ['unknown key "x"', 'second'] }))).toBe(
      lines(
        'venv-doctor 1.2.3',
        '(diagnosing replayed facts, not this machine)',
        'warning: unknown key "x"',
        'warning: second',
        '',
        'ok      os      Debian 12.',
        'ok      python  python3 runs 3.11.2.',
        '',
        READY,
      ),
    );
  });
  it('without --verbose, skipped checks share a line per reason, after the others, "Skipped: " dropped', () => {
    const r = report({
      checks: [
        check('os', 'pass', 'Debian 12.'),
        check('a', 'skip', 'Skipped: no project.'),
        check('b', 'skip', 'no venv.'),
        check('c', 'skip', 'Skipped: no project.'),
      ],
    });
    expect(plain(r)).toBe(
      lines(
        'venv-doctor 1.2.3',
        '',
        'ok      os  Debian 12.',
        'skip    a, c: no project.',
        'skip    b: no venv.',
        '',
        READY,
      ),
    );
  });
  it('--verbose: every check on its line with its timing and details, then the total time', () => {
    const r = report({
      checks: [
        check('os', 'pass', 'Debian 12.', { durationMs: 3, details: ['from /etc/os-release', 'second'] }),
        check('a', 'skip', 'Skipped: no project.', { durationMs: 0 }),
      ],
    });
    expect(verbose(r)).toBe(
      lines(
        'venv-doctor 1.2.3',
        '',
        'ok      os  Debian 12. (3 ms)',
        '            from /etc/os-release',
        '            second',
        'skip    a   Skipped: no project. (0 ms)',
        '',
        READY,
        '',
        'Finished in 42 ms.',
      ),
    );
  });
  it('strict mode does not hide a crash', () => {
    const r = report({ ok: false, exitCode: 3, strict: true, checks: [check('os', 'crash', 'c.')] });
    expect(plain(r).split('\n').at(-2)).toBe('venv-doctor could not finish the diagnosis (see CRASH above).');
  });
  it('strict mode and nothing to warn about: ready', () => {
    expect(
      plain(report({ strict: true }))
        .split('\n')
        .at(-2),
    ).toBe(READY);
  });
  it('without --verbose, no details and no timings', () => {
    const r = report({
      checks: [check('os', 'pass', 'Debian 12.', { durationMs: 3, details: ['from /etc/os-release'] })],
    });
    expect(plain(r)).toBe(lines('venv-doctor 1.2.3', '', 'ok      os  Debian 12.', '', READY));
  });
  it('only a leading "Skipped: " is dropped from a shared skip line', () => {
    const r = report({ checks: [check('os', 'pass', 'Debian 12.'), check('a', 'skip', 'Not Skipped: here.')] });
    expect(plain(r)).toBe(
      lines('venv-doctor 1.2.3', '', 'ok      os  Debian 12.', 'skip    a: Not Skipped: here.', '', READY),
    );
  });
  it('ready with a warning says so', () => {
    const r = report({ checks: [check('os', 'pass', 'Debian.'), check('pip', 'warn', 'No pip.')] });
    expect(plain(r).split('\n').at(-2)).toBe(
      'Ready: `python3 -m venv` will work with Python 3.11.2 (/usr/bin/python3.11), with warnings above.',
    );
  });
  it('strict mode with warnings only: names them', () => {
    const r = report({ ok: false, exitCode: 1, strict: true, checks: [check('pip', 'warn', 'No pip.')] });
    expect(plain(r).split('\n').at(-2)).toBe('Not ready: strict mode, and there are warnings above (pip).');
  });
  it('checks left out (--only, --skip) or ignored by the configuration are said, never claimed', () => {
    const r = report({
      checks: [
        check('os', 'pass', 'Debian.'),
        check('ensurepip', 'skip', 'Not run (--skip).'),
        check('pip', 'ignored', 'Ignored (known): no pip.'),
      ],
    });
    expect(plain(r).split('\n').at(-2)).toBe(`${READY} Not checked: ensurepip. Ignored by the configuration: pip.`);
  });
  it('strict mode with a failure is the failure verdict', () => {
    const r = report({
      ok: false,
      exitCode: 1,
      strict: true,
      checks: [check('pip', 'warn', 'No pip.'), check('venv', 'fail', 'No venv.')],
    });
    expect(plain(r).split('\n').at(-2)).toBe(wont('venv'));
  });
  it.each(['os', 'python', 'externally-managed', 'venv', 'ensurepip', 'pip', 'venv-create'])(
    'a failing %s check means python3 -m venv itself will not work',
    (id) => {
      const r = report({ ok: false, exitCode: 1, checks: [check('gitignore', 'warn', 'w.'), check(id, 'fail', 'x.')] });
      expect(plain(r).split('\n').at(-2)).toBe(wont(id));
    },
  );
  it('a failing project check: the venv works, the project needs attention, and the row that says why', () => {
    const r = report({
      ok: false,
      exitCode: 1,
      checks: [check('venv', 'warn', 'w.'), check('python-version', 'fail', 'x.')],
    });
    expect(plain(r).split('\n').at(-2)).toBe(
      'Not ready: `python3 -m venv` will work with Python 3.11.2 (/usr/bin/python3.11), but the project needs attention. See python-version above.',
    );
  });
  const project = (venv: string | null) => ({
    dir: '/home/al/app',
    venv,
    requirement: null,
    venvPython: { command: 'python3', version: '3.11.2', executable: '/usr/bin/python3.11' },
  });
  it("the verdict covers the project's venv: usable, missing, or not usable (and why, and where the fix is)", () => {
    const usable = report({
      project: project('/home/al/app/.venv'),
      checks: [check('os', 'pass', 'Debian.'), check('project-venv', 'pass', '.venv works.')],
    });
    expect(plain(usable).split('\n').at(-2)).toBe(
      'Ready: `python3 -m venv` will work with Python 3.11.2 (/usr/bin/python3.11), and .venv is usable.',
    );
    const none = report({ project: project(null), checks: [check('project-venv', 'pass', 'No venv yet.')] });
    expect(plain(none).split('\n').at(-2)).toBe(
      'Ready: `python3 -m venv` will work with Python 3.11.2 (/usr/bin/python3.11); the project has no venv yet.',
    );
    const cached = report({
      project: project('/home/al/.cache/pypoetry/virtualenvs/app-x-py3.11'),
      checks: [check('project-venv', 'pass', 'Works.'), check('venv-relocated', 'warn', 'w.')],
    });
    expect(plain(cached).split('\n').at(-2)).toBe(
      'Ready: `python3 -m venv` will work with Python 3.11.2 (/usr/bin/python3.11), and /home/al/.cache/pypoetry/virtualenvs/app-x-py3.11 is usable, with warnings above.',
    );
    const moved = report({
      ok: false,
      exitCode: 1,
      project: project('/home/al/app/.venv'),
      checks: [check('project-venv', 'pass', 'Works.'), check('venv-relocated', 'fail', 'Moved.')],
      fixes: [fix('python3 -I -m venv --clear .venv')],
    });
    expect(plain(moved).split('\n')).toContain(
      'Not ready: `python3 -m venv` will work with Python 3.11.2 (/usr/bin/python3.11), but .venv is not usable. See venv-relocated above; the fix is below.',
    );
    const advised = report({ ...moved, fixes: [], advice: ['Remake it.'] });
    expect(plain(advised).split('\n')).toContain(
      'Not ready: `python3 -m venv` will work with Python 3.11.2 (/usr/bin/python3.11), but .venv is not usable. See venv-relocated above; what to do is below.',
    );
    const skipped = report({ project: project(null), checks: [check('project-venv', 'skip', 'Not a project.')] });
    expect(plain(skipped).split('\n').at(-2)).toBe(READY);
    const crashed = report({
      ok: false,
      exitCode: 1,
      project: project('/home/al/app/.venv'),
      checks: [check('venv-relocated', 'crash', 'x.'), check('python-version', 'fail', 'y.')],
    });
    expect(plain(crashed).split('\n')).toContain(
      'Not ready: `python3 -m venv` will work with Python 3.11.2 (/usr/bin/python3.11), but the project needs attention. See python-version above.',
    );
    const usableButOther = report({
      ok: false,
      exitCode: 1,
      project: { ...project('/home/al/app/.venv'), dir: '/home/al/app/' },
      checks: [check('project-venv', 'pass', 'Works.'), check('gitignore', 'fail', 'Not ignored.')],
    });
    expect(plain(usableButOther).split('\n').at(-2)).toBe(
      'Not ready: `python3 -m venv` will work with Python 3.11.2 (/usr/bin/python3.11), but the project needs attention. See gitignore above.',
    );
    const windows = report({
      project: { ...project('C:\\Users\\al\\app\\.venv'), dir: 'C:\\Users\\al\\app' },
      checks: [check('project-venv', 'pass', 'Works.')],
    });
    expect(plain(windows).split('\n').at(-2)).toBe(
      'Ready: `python3 -m venv` will work with Python 3.11.2 (/usr/bin/python3.11), and .venv is usable.',
    );
  });
  it('a long fix command is continued with a backslash for a POSIX shell, left whole on Windows', () => {
    const command = `/root/.pyenv/versions/3.13.0/bin/python3.13 -I -m venv ${'/x'.repeat(20)}/.venv`;
    const failing = report({ ok: false, exitCode: 1, checks: [check('venv', 'fail', 'x.')], fixes: [fix(command)] });
    const posix = renderPlain(failing, { color: false, verbose: false, width: 60 }).split('\n');
    expect(posix).toContain('    /root/.pyenv/versions/3.13.0/bin/python3.13 -I -m venv \\');
    expect(posix).toContain(`        ${'/x'.repeat(20)}/.venv`);
    const onWindows = { ...failing, os: { ...failing.os, platform: 'win32' } };
    expect(renderPlain(onWindows, { color: false, verbose: false, width: 60 }).split('\n')).toContain(`    ${command}`);
    // In colour, the command is bold and the backslash is not.
    const colored = renderPlain(failing, { color: true, verbose: false, width: 60 }).split('\n');
    expect(colored).toContain('    \u001b[1m/root/.pyenv/versions/3.13.0/bin/python3.13 -I -m venv\u001b[0m \\');
  });
  it('no interpreter at all', () => {
    const r = report({
      ok: false,
      exitCode: 1,
      python: { ...report().python, executable: null, version: null, command: 'python3.12' },
      checks: [check('python', 'fail', 'No python3.12.')],
    });
    expect(plain(r).split('\n').at(-2)).toBe(
      'Not ready: there is no working python3.12 interpreter. See python above.',
    );
  });
  it('one fix: its command, the notes, and how to go on; then the advice', () => {
    const r = report({
      ok: false,
      exitCode: 1,
      checks: [check('ensurepip', 'fail', 'Missing.')],
      fixes: [fix('apt-get install -y python3.11-venv')],
      notes: ['A note.'],
      advice: ['Advice one.', 'Advice two.'],
    });
    expect(plain(r)).toBe(
      lines(
        'venv-doctor 1.2.3',
        '',
        'FAIL    ensurepip  Missing.',
        '',
        wont('ensurepip', '; the fix is below'),
        '',
        'To fix it, run:',
        '',
        '    apt-get install -y python3.11-venv',
        '',
        'A note.',
        THEN,
        '',
        '- Advice one.',
        '- Advice two.',
      ),
    );
  });
  it('two fixes: "these commands in order"', () => {
    const r = report({
      ok: false,
      exitCode: 1,
      checks: [check('ensurepip', 'fail', 'Missing.')],
      fixes: [fix('apt-get update'), fix('apt-get install -y python3.11-venv')],
    });
    expect(plain(r)).toBe(
      lines(
        'venv-doctor 1.2.3',
        '',
        'FAIL    ensurepip  Missing.',
        '',
        wont('ensurepip', '; the fix is below'),
        '',
        'To fix it, run these commands in order:',
        '',
        '    apt-get update',
        '    apt-get install -y python3.11-venv',
        '',
        THEN,
      ),
    );
  });
  it('no fix: the notes right after the verdict', () => {
    expect(plain(report({ notes: ['Note.'] }))).toBe(
      lines(
        'venv-doctor 1.2.3',
        '',
        'ok      os      Debian 12.',
        'ok      python  python3 runs 3.11.2.',
        '',
        READY,
        'Note.',
      ),
    );
  });
  it('colours: bold header and commands, a colour per status, dim timings, yellow warnings', () => {
    expect(paint('x', '31', true)).toBe('\u001b[31mx\u001b[0m');
    expect(paint('x', '31', false)).toBe('x');
    const r = report({
      ok: false,
      exitCode: 1,
      warnings: ['w'],
      checks: [
        check('a', 'pass', 'p.'),
        check('b', 'warn', 'w.'),
        check('c', 'fail', 'f.'),
        check('d', 'crash', 'c.'),
        check('e', 'ignored', 'i.'),
        check('f', 'skip', 's.'),
      ],
      fixes: [fix('apt-get update')],
    });
    const c = (code: string, text: string) => `\u001b[${code}m${text}\u001b[0m`;
    expect(renderPlain(r, { color: true, verbose: false })).toBe(
      lines(
        c('1', 'venv-doctor 1.2.3'),
        c('33', 'warning: w'),
        '',
        `${c('32', 'ok     ')} a  p.`,
        `${c('33', 'warn   ')} b  w.`,
        `${c('31', 'FAIL   ')} c  f.`,
        `${c('35', 'CRASH  ')} d  c.`,
        `${c('2', 'ignored')} e  i.`,
        `${c('2', 'skip   ')} f: s.`,
        '',
        c(
          '31',
          'Not ready: `python3 -m venv` will work with Python 3.11.2 (/usr/bin/python3.11), but the project needs attention. See c above; the fix is below.',
        ),
        '',
        'To fix it, run:',
        '',
        `    ${c('1', 'apt-get update')}`,
        '',
        THEN,
      ),
    );
    const ready = renderPlain(report({ checks: [check('os', 'pass', 'p.', { durationMs: 5 })] }), {
      color: true,
      verbose: true,
    });
    expect(ready).toBe(
      lines(
        c('1', 'venv-doctor 1.2.3'),
        '',
        `${c('32', 'ok     ')} os  p.${c('2', ' (5 ms)')}`,
        '',
        c('32', READY),
        '',
        c('2', 'Finished in 42 ms.'),
      ),
    );
    const crashed = renderPlain(report({ ok: false, exitCode: 3, checks: [check('os', 'crash', 'c.')] }), {
      color: true,
      verbose: false,
    });
    expect(crashed.split('\n').at(-2)).toBe(c('35', 'venv-doctor could not finish the diagnosis (see CRASH above).'));
    const strict = renderPlain(report({ ok: false, exitCode: 1, strict: true, checks: [check('os', 'warn', 'w.')] }), {
      color: true,
      verbose: false,
    });
    expect(strict.split('\n').at(-2)).toBe(c('31', 'Not ready: strict mode, and there are warnings above (os).'));
  });
  it('machine text is shown escaped, never raw', () => {
    const r = report({ checks: [check('os', 'pass', 'Deb\u001b[2Jian\nx')] });
    expect(plain(r)).toContain('ok      os  Deb\\x1b[2Jian\\nx\n');
  });
});

describe('json', () => {
  it('the report as indented JSON, one trailing newline', () => {
    const r = report();
    expect(renderJson(r)).toBe(`${JSON.stringify(r, null, 2)}\n`);
    expect(JSON.parse(renderJson(r))).toEqual(r);
  });
});

describe('github', () => {
  const failing = report({
    ok: false,
    exitCode: 1,
    checks: [
      check('os', 'pass', 'Debian 12.'),
      check('ensurepip', 'fail', 'ensurepip is missing: 100% sure,\nreally.'),
      check('pip', 'warn', 'pip is not installed.'),
      check('venv-create', 'crash', 'it threw'),
      check('gitignore', 'skip', 'no git.'),
      check('venv-active', 'ignored', 'ignored here.'),
    ],
    fixes: [fix('apt-get update'), fix('apt-get install -y python3.11-venv')],
  });
  it('an error per failure or crash (with the fix), a warning per warning; then the inert human report', () => {
    expect(renderGithub(failing, { token: 'TOKEN' })).toBe(
      lines(
        '::error title=venv-doctor%3A ensurepip::ensurepip is missing: 100%25 sure,\\nreally.%0AFix: apt-get update && apt-get install -y python3.11-venv',
        '::warning title=venv-doctor%3A pip::pip is not installed.',
        '::error title=venv-doctor%3A venv-create::it threw%0AFix: apt-get update && apt-get install -y python3.11-venv',
        '::stop-commands::TOKEN',
        'venv-doctor 1.2.3',
        '',
        'ok      os           Debian 12.',
        'FAIL    ensurepip    ensurepip is missing: 100% sure,\\nreally.',
        'warn    pip          pip is not installed.',
        'CRASH   venv-create  it threw',
        'ignored venv-active  ignored here.',
        'skip    gitignore: no git.',
        '',
        wont('ensurepip', '; the fix is below'),
        '',
        'To fix it, run these commands in order:',
        '',
        '    apt-get update',
        '    apt-get install -y python3.11-venv',
        '',
        THEN,
        '::TOKEN::',
      ),
    );
  });
  it('errors without fixes carry no Fix line; nothing failing: no annotation at all', () => {
    const noFix = report({ ok: false, exitCode: 1, checks: [check('venv', 'fail', 'gone')] });
    expect(renderGithub(noFix, { token: 'T' }).split('\n')[0]).toBe('::error title=venv-doctor%3A venv::gone');
    expect(renderGithub(report(), { token: 'T' })).toBe(
      lines(
        '::stop-commands::T',
        'venv-doctor 1.2.3',
        '',
        'ok      os      Debian 12.',
        'ok      python  python3 runs 3.11.2.',
        '',
        READY,
        '::T::',
      ),
    );
  });
  it('a warning never carries the fix', () => {
    const r = report({ checks: [check('pip', 'warn', 'w')], fixes: [fix('apt-get update')] });
    expect(renderGithub(r, { token: 'T' }).split('\n')[0]).toBe('::warning title=venv-doctor%3A pip::w');
  });
  it('the human report is never coloured, and the default token is a fresh UUID', () => {
    const out = renderGithub(report());
    expect(out).not.toContain('\u001b');
    expect(out).toMatch(/^::stop-commands::[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n/);
    const token = /^::stop-commands::(.+)$/m.exec(out)?.[1];
    expect(out.endsWith(`\n::${token}::\n`)).toBe(true);
  });
  it('##[ in machine text is broken everywhere; a human line starting with :: is made inert', () => {
    const r = report({
      ok: false,
      exitCode: 1,
      checks: [check('venv', 'fail', '##[error]x')],
      notes: ['::error::n'],
    });
    const out = renderGithub(r, { token: 'T' });
    expect(out.split('\n')[0]).toBe('::error title=venv-doctor%3A venv::#\\#[error]x');
    expect(out).toContain('\n:\\:error::n\n');
  });
});

describe('junit', () => {
  const all = report({
    ok: false,
    exitCode: 1,
    checks: [
      check('os', 'pass', 'Debian 12.', { durationMs: 1500 }),
      check('ensurepip', 'fail', 'ensurepip is missing.', { durationMs: 250, details: ['d1', 'd2'] }),
      check('pip', 'warn', 'No <pip>.', { durationMs: 5, details: ['pd'] }),
      check('gitignore', 'skip', 'No git.'),
      check('venv-active', 'ignored', 'Ignored.'),
      check('venv-create', 'crash', 'It threw.', { details: ['at x'] }),
    ],
    fixes: [fix('apt-get update'), fix('apt-get install -y python3.11-venv')],
    advice: ['Use a venv.', 'Or two.'],
  });
  const xml = (failures: number, cases: string[]) =>
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuite name="venv-doctor" tests="6" failures="${failures}" errors="1" skipped="2" time="1.755">`,
      ...cases,
      '</testsuite>',
      '',
    ].join('\n');
  const FAILURE = [
    '  <testcase classname="venv-doctor" name="ensurepip" time="0.250">',
    '    <failure message="ensurepip is missing." type="fail">ensurepip is missing.',
    'd1',
    'd2',
    '',
    'Fix:',
    '  apt-get update',
    '  apt-get install -y python3.11-venv',
    '',
    '- Use a venv.',
    '- Or two.</failure>',
    '  </testcase>',
  ].join('\n');
  const REST = [
    '  <testcase classname="venv-doctor" name="gitignore" time="0.000">',
    '    <skipped message="No git."/>',
    '  </testcase>',
    '  <testcase classname="venv-doctor" name="venv-active" time="0.000">',
    '    <skipped message="Ignored."/>',
    '  </testcase>',
    '  <testcase classname="venv-doctor" name="venv-create" time="0.000">',
    '    <error message="It threw." type="crash">It threw.',
    'at x</error>',
    '  </testcase>',
  ];
  it('one testcase per check: passing empty, failure with details, fix and advice, warning as output', () => {
    expect(renderJunit(all)).toBe(
      xml(1, [
        '  <testcase classname="venv-doctor" name="os" time="1.500"></testcase>',
        FAILURE,
        '  <testcase classname="venv-doctor" name="pip" time="0.005">',
        '    <system-out>warning: No &lt;pip&gt;.',
        'pd</system-out>',
        '  </testcase>',
        ...REST,
      ]),
    );
  });
  it('strict: a warning is a failure of type warn, with the fix and advice too', () => {
    expect(renderJunit({ ...all, strict: true })).toBe(
      xml(2, [
        '  <testcase classname="venv-doctor" name="os" time="1.500"></testcase>',
        FAILURE,
        '  <testcase classname="venv-doctor" name="pip" time="0.005">',
        '    <failure message="No &lt;pip&gt;." type="warn">No &lt;pip&gt;.',
        'pd',
        '',
        'Fix:',
        '  apt-get update',
        '  apt-get install -y python3.11-venv',
        '',
        '- Use a venv.',
        '- Or two.</failure>',
        '  </testcase>',
        ...REST,
      ]),
    );
  });
  it('a failure without fix or advice carries its message and details only', () => {
    const r = report({ ok: false, exitCode: 1, checks: [check('venv', 'fail', 'a"b', { durationMs: 1 })] });
    expect(renderJunit(r)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuite name="venv-doctor" tests="1" failures="1" errors="0" skipped="0" time="0.001">',
        '  <testcase classname="venv-doctor" name="venv" time="0.001">',
        '    <failure message="a&quot;b" type="fail">a&quot;b</failure>',
        '  </testcase>',
        '</testsuite>',
        '',
      ].join('\n'),
    );
  });
});

describe('markdown', () => {
  const sub = (text: string) => `<sub>${text}\`venv-doctor --dump-facts facts.json\`.</sub>`;
  it('a healthy machine, not redacted', () => {
    expect(renderMarkdown(report(), null)).toBe(
      lines(
        '## venv-doctor 1.2.3: **Ready**',
        '',
        '- OS: Debian GNU/Linux 12 (bookworm) (linux x64)',
        '- Python: `python3` -> 3.11.2 at `/usr/bin/python3.11` (distro, externally managed)',
        '',
        '| | check | result |',
        '|---|---|---|',
        '| ✅ | `os` | Debian 12. |',
        '| ✅ | `python` | python3 runs 3.11.2. |',
        '',
        sub('Full data: '),
      ),
    );
  });
  it('every part: WSL, container, shim, other interpreters, project, each status, fix, notes, advice', () => {
    const r = report({
      ok: false,
      exitCode: 1,
      os: { ...report().os, prettyName: null, id: 'ubuntu', wsl: true, container: 'docker' },
      python: {
        ...report().python,
        shim: 'pyenv',
        source: null,
        version: null,
        externallyManaged: false,
        others: [
          { name: 'python3.12', path: '/usr/bin/python3.12' },
          { name: 'python3.13', path: '/usr/bin/python3.13' },
        ],
      },
      project: { dir: '/srv/app', venv: '.venv', requirement: '>=3.11' },
      checks: [
        check('a', 'pass', 'p'),
        check('b', 'warn', 'w'),
        check('c', 'fail', 'f'),
        check('d', 'skip', 's'),
        check('e', 'crash', 'c'),
        check('f', 'ignored', 'i'),
        check('Odd_id', 'pass', 'x|y'),
      ],
      fixes: [fix('apt-get update'), fix('apt-get install -y python3.11-venv')],
      notes: ['A note.'],
      advice: ['Some advice.'],
    });
    expect(renderMarkdown(r, null)).toBe(
      lines(
        '## venv-doctor 1.2.3: **Not ready**',
        '',
        '- OS: ubuntu (linux x64), WSL, docker container',
        '- Python: `python3` -> ? at `/usr/bin/python3.11` (other, pyenv shim)',
        '- Other interpreters: `python3.12`, `python3.13`',
        '- Project: `/srv/app`, requires &gt;=3.11, venv `.venv`',
        '',
        '| | check | result |',
        '|---|---|---|',
        '| ✅ | `a` | p |',
        '| ⚠️ | `b` | w |',
        '| ❌ | `c` | f |',
        '| ⏭️ | `d` | s |',
        '| 💥 | `e` | c |',
        '| 🙈 | `f` | i |',
        '| ✅ | Odd\\_id | x\\|y |',
        '',
        '**Fix:**',
        '',
        '```sh',
        'apt-get update',
        'apt-get install -y python3.11-venv',
        '```',
        '',
        '- A note.',
        '',
        '- Some advice.',
        '',
        sub('Full data: '),
      ),
    );
  });
  it('no interpreter, a project without venv or requirement, an OS with no name at all, could not finish', () => {
    const r = report({
      ok: false,
      exitCode: 3,
      os: { ...report().os, prettyName: null, id: null },
      python: { ...report().python, executable: null },
      project: { dir: '/srv/app', venv: null, requirement: null },
      checks: [check('os', 'crash', 'boom')],
    });
    expect(renderMarkdown(r, null, { optedOut: true })).toBe(
      lines(
        '## venv-doctor 1.2.3: **Could not finish**',
        '',
        '- OS: unknown (linux x64)',
        '- Python: `python3` -> none',
        '- Project: `/srv/app`, no venv',
        '',
        '| | check | result |',
        '|---|---|---|',
        '| 💥 | `os` | boom |',
        '',
        sub('Not redacted (--no-redact): paths, user and host names are as they are. Full data: '),
      ),
    );
  });
  it('an id that is not a plain check id is escaped as text, not put in a code span', () => {
    for (const id of ['1os', 'os_x', 'Os', 'os!', 'o']) {
      const out = renderMarkdown(report({ checks: [check(id, 'pass', 'm')] }), null);
      const row = out.split('\n').find((l) => l.startsWith('| ✅'));
      expect(row, id).toBe(id === 'o' ? '| ✅ | `o` | m |' : `| ✅ | ${id.replace('_', '\\_')} | m |`);
    }
  });
  it('redacted: the home as ~, "$HOME" in commands, and a footer that says what was', () => {
    const identity = identityOf({ HOME: '/home/al', USER: 'al' }, null, 'box');
    const r = report({
      ok: false,
      exitCode: 1,
      python: {
        ...report().python,
        executable: '/home/al/.pyenv/versions/3.12.1/bin/python3.12',
        version: '3.12.1',
        source: 'pyenv',
      },
      project: { dir: '/home/al/proj', venv: '.venv', requirement: null },
      checks: [check('venv', 'fail', 'al broke /home/al/proj/.venv on box')],
      fixes: [
        {
          manager: 'venv',
          why: 'w',
          packages: [],
          needsRoot: false,
          argv: ['/usr/bin/python3', '-I', '-m', 'venv', '/home/al/proj/.venv'],
          command: '/usr/bin/python3 -I -m venv /home/al/proj/.venv',
        },
      ],
    });
    expect(renderMarkdown(r, identity)).toBe(
      lines(
        '## venv-doctor 1.2.3: **Not ready**',
        '',
        '- OS: Debian GNU/Linux 12 (bookworm) (linux x64)',
        '- Python: `python3` -> 3.12.1 at `~/.pyenv/versions/3.12.1/bin/python3.12` (pyenv, externally managed)',
        '- Project: `~/proj`, venv `.venv`',
        '',
        '| | check | result |',
        '|---|---|---|',
        '| ❌ | `venv` | al broke \\~/proj/.venv on \\[host\\] |',
        '',
        '**Fix:**',
        '',
        '```sh',
        '/usr/bin/python3 -I -m venv "$HOME/proj/.venv"',
        '```',
        '',
        sub(
          'Redacted: the home directory is shown as \\~ ("\\$HOME" in the commands), the host name as \\[host\\]. Not redacted: the user name where it is not part of a path. Full data: ',
        ),
      ),
    );
  });
  it('redacted, the host name left in a word of its own: the footer says so', () => {
    const identity = identityOf({}, null, 'runner');
    const r = report({ checks: [check('os', 'pass', 'on runner')] });
    // "runner" is a word of the vocabulary: redacted only in people's directories, and not claimed either.
    expect(renderMarkdown(r, identity).split('\n').at(-2)).toBe(sub('Full data: '));
    const named = identityOf({ USER: 'zed' }, null, 'boxy');
    const both = renderMarkdown(report({ checks: [check('os', 'pass', 'zed')] }), named);
    expect(both.split('\n').at(-2)).toBe(
      sub('Not redacted: the user name where it is not part of a path. Full data: '),
    );
  });
  it('redacted: the user and the host left as words: "they are"', () => {
    // Host names are redacted wherever they stand as a word; a user name only in paths.
    const identity = { homes: [], users: ['zed'], hosts: ['boxy'] };
    const r = report({ checks: [check('os', 'pass', 'zed')], notes: ['boxy'] });
    const out = renderMarkdown(r, identity);
    expect(out).toContain('\n- \\[host\\]\n');
    expect(out.split('\n').at(-2)).toBe(
      sub(
        'Redacted: the host name as \\[host\\]. Not redacted: the user name where it is not part of a path. Full data: ',
      ),
    );
  });
  it('redacted, nothing of the identity in the report: no footer claim at all', () => {
    const identity = { homes: ['/home/here'], users: ['here'], hosts: ['there'] };
    expect(renderMarkdown(report(), identity).split('\n').at(-2)).toBe(sub('Full data: '));
  });
  it('the fix is shown as planned when no argument starts with the home', () => {
    const identity = identityOf({ HOME: '/home/al' }, null, null);
    const r = report({ ok: false, exitCode: 1, fixes: [fix('apt-get install -y python3.11-venv')] });
    expect(renderMarkdown(r, identity)).toContain('\n```sh\napt-get install -y python3.11-venv\n```\n');
  });
});

describe('the verdict names the interpreter the venv is made with', () => {
  const project = (venvPython: NonNullable<Report['project']>['venvPython']) => ({
    dir: '/srv/app',
    venv: null,
    requirement: '>=3.13',
    venvPython,
  });
  it('the python3.X that meets the requirement, not python3', () => {
    const made = { command: 'python3.13', version: '3.13.1', executable: '/usr/bin/python3.13' };
    expect(plain(report({ project: project(made) }))).toContain(
      'Ready: `python3.13 -m venv` will work with Python 3.13.1 (/usr/bin/python3.13).',
    );
  });
  it('nothing here meets it, but the venv does: ready, and says python3 does not', () => {
    const withVenv = report({
      project: { ...project(null), venv: '/srv/app/.venv' },
      checks: [check('project-venv', 'pass', '.venv works.'), check('python-version', 'pass', '.venv runs 3.13.')],
    });
    expect(plain(withVenv)).toContain(
      "Ready: .venv meets the project's requirement; python3 (Python 3.11.2) does not meet the project's requirement, nor does any other python3.X on PATH.",
    );
  });
  it('nothing here meets it and there is no venv, but no check failed (--only python): no venv is claimed', () => {
    expect(plain(report({ project: project(null) }))).toContain(
      "Ready: as far as the checks that ran can tell (python-version did not run, or is ignored); python3 (Python 3.11.2) does not meet the project's requirement, nor does any other python3.X on PATH.",
    );
  });
  it('nothing here meets it, and a check fails: not ready, because of that', () => {
    const failing = report({
      ok: false,
      exitCode: 1,
      project: project(null),
      checks: [check('python-version', 'fail', 'm')],
    });
    expect(plain(failing)).toContain(
      "Not ready: python3 (Python 3.11.2) does not meet the project's requirement, nor does any other python3.X on PATH. See python-version above.",
    );
    const strict = report({
      ok: false,
      exitCode: 1,
      strict: true,
      project: project(null),
      checks: [check('gitignore', 'warn', 'm')],
    });
    expect(plain(strict)).toContain('Not ready: strict mode, and there are warnings above (gitignore).');
  });
});

describe('markdown: optional fixes', () => {
  const optional = (command: string): Fix => ({ ...fix(command), optional: true });
  it('are shown after the fixes, apart, in a fence of their own', () => {
    const out = renderMarkdown(
      report({
        fixes: [fix('apt-get install -y python3.11-venv')],
        optionalFixes: [optional('apt-get install -y python3-pip')],
      }),
      null,
    );
    expect(out).toContain(
      '**Fix:**\n\n```sh\napt-get install -y python3.11-venv\n```\n\n**Optional** (not needed for venvs):\n\n```sh\napt-get install -y python3-pip\n```\n',
    );
  });
  it('none: no such section', () => {
    expect(renderMarkdown(report(), null)).not.toContain('Optional');
  });
  it('redacted like the fixes: a home directory in one is "$HOME"', () => {
    const identity = identityOf({ HOME: '/home/al', USER: 'al' }, null, 'box');
    const out = renderMarkdown(
      report({ optionalFixes: [optional('/home/al/bin/apt-get install -y python3-pip')] }),
      identity,
    );
    expect(out).toContain('```sh\n"$HOME/bin/apt-get" install -y python3-pip\n```');
    expect(out).not.toContain('/home/al');
  });
});
