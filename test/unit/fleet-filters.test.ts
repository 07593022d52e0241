// The Ansible role's filters (integrations/ansible/roles/venv_doctor/filter_plugins/venv_doctor.py), run by
// Debian's python3: every value a host reports is text in the fleet summary's Markdown, never markup, and
// the summary groups the hosts per fix as the reports say.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAVE_SYSTEM_PY, NEEDS, SYSTEM_PY } from '../helpers/cli.js';
import { PROJECT } from '../helpers/paths.js';

const PLUGIN = join(PROJECT, 'integrations/ansible/roles/venv_doctor/filter_plugins');

function call(name: string, ...args: unknown[]): unknown {
  const program = [
    'import json, sys',
    `sys.path.insert(0, ${JSON.stringify(PLUGIN)})`,
    'import venv_doctor',
    'name, args = json.loads(sys.stdin.read())',
    'print(json.dumps(venv_doctor.FilterModule().filters()[name](*args)))',
  ].join('\n');
  const r = spawnSync(SYSTEM_PY, ['-I', '-c', program], { input: JSON.stringify([name, args]), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe.skipIf(!HAVE_SYSTEM_PY)(`the fleet summary's filters ${NEEDS.systemPython}`, () => {
  it('a host string is Markdown text: no link, emphasis, HTML, table cell or line break of its own', () => {
    const shown = call(
      'venv_doctor_md_text',
      'Debian [click](http://x) *b* <img src=x> a|b `c` www.e.org u@h\n|\u001b[2J',
    );
    expect(shown).toBe(
      // As venv-doctor's own Markdown: GFM's bare links broken, HTML as entities, controls shown escaped.
      'Debian \\[click\\](http\\://x) \\*b\\* &lt;img src=x&gt; a\\|b \\`c\\` www\\.e.org u\\@h\\u000a\\|\\u001b\\[2J',
    );
    expect(call('venv_doctor_md_text', null)).toBe('');
  });
  it('a command is a code span whose fence no backtick inside can close, safe in a table cell', () => {
    expect(call('venv_doctor_md_code', 'apt-get install -y python3.11-venv')).toBe(
      '`apt-get install -y python3.11-venv`',
    );
    expect(call('venv_doctor_md_code', 'x``[click](http://evil.example)``y|\n')).toBe(
      '``` x``[click](http://evil.example)``y\\|\\u000a ```',
    );
  });
  it('only the fixes venv-doctor plans pass, sudo taken off, become for apt and only when not root', () => {
    const apt = (argv: string[]) => ({ manager: 'apt', argv, command: argv.join(' ') });
    const venv = (argv: string[]) => ({ manager: 'venv', argv, command: argv.join(' ') });
    const planned = [
      apt(['sudo', 'apt-get', 'update']),
      apt(['sudo', 'apt-get', 'install', '-y', 'python3.11-venv', 'python3-pip']),
      apt(['apt-get', 'install', '-y', '--reinstall', 'python3.11-venv']),
      apt(['add-apt-repository', '-y', 'universe']),
      venv(['/usr/bin/python3', '-I', '-m', 'venv', '--clear', '.venv']),
      venv(['python3.12', '-I', '-m', 'venv', '/srv/app/.venv']),
    ];
    const checked = call('venv_doctor_checked_fixes', planned, '1000', '/srv/app') as {
      argv: string[];
      become: boolean;
    }[];
    expect(checked.map((f) => [f.argv[0], f.become])).toEqual([
      ['apt-get', true],
      ['apt-get', true],
      ['apt-get', true],
      ['add-apt-repository', true],
      ['/usr/bin/python3', false],
      ['python3.12', false],
    ]);
    const asRoot = call('venv_doctor_checked_fixes', planned, 'root', '/srv/app') as { become: boolean }[];
    expect(asRoot.map((f) => f.become)).toEqual([false, false, false, false, false, false]);
    for (const hostile of [
      apt(['sudo', 'apt-get', '-oAPT::Update::Pre-Invoke::=/tmp/evil', 'update']),
      apt(['apt-get', 'purge', '-y', 'openssh-server']),
      apt(['apt-get', 'install', '-y', './evil.deb']),
      apt(['apt-get', 'install', '-y', '-oDpkg::Pre-Invoke::=x', 'python3-venv']),
      apt(['add-apt-repository', '-y', 'ppa:evil/ppa']),
      apt(['/tmp/apt-get', 'update']),
      venv(['/usr/bin/python3', '-I', '-m', 'venv', '--clear', '/etc']),
      venv(['/usr/bin/python3', '-I', '-m', 'venv', '--clear', '../x']),
      venv(['/usr/bin/python3', '-I', '-m', 'venv', '--system-site-packages', '.venv']),
      venv(['sh', '-c', 'id', '-m', 'venv']),
      { manager: 'other', argv: ['true'] },
      'apt-get update',
    ]) {
      expect(() => call('venv_doctor_checked_fixes', [hostile], '1000', '/srv/app'), JSON.stringify(hostile)).toThrow(
        /not a fix venv-doctor plans|is not a fix/,
      );
    }
  });
  it("a venv fix names only a Python, and with the host's report only one that report judged", () => {
    const venv = (argv: string[]) => ({ manager: 'venv', argv, command: argv.join(' ') });
    const python = {
      command: 'python3',
      resolved: '/root/.pyenv/shims/python3',
      executable: '/root/.pyenv/versions/3.12.1/bin/python3.12',
      others: [{ name: 'python3.13', path: '/usr/bin/python3.13' }],
    };
    for (const argv0 of [
      'python3',
      '/root/.pyenv/versions/3.12.1/bin/python3.12',
      'python3.13',
      '/usr/bin/python3.13',
    ]) {
      const fix = venv([argv0, '-I', '-m', 'venv', '.venv']);
      expect(call('venv_doctor_checked_fixes', [fix], 'root', '/srv/app', python)).toHaveLength(1);
    }
    for (const argv0 of ['/usr/bin/perl', '/tmp/evil/python3', 'python3.11', '/usr/bin/python3']) {
      const fix = venv([argv0, '-I', '-m', 'venv', '.venv']);
      expect(() => call('venv_doctor_checked_fixes', [fix], 'root', '/srv/app', python), argv0).toThrow(
        /not a fix venv-doctor plans/,
      );
    }
    // Without a report's python (an older playbook): any Python by name or path, never another program.
    expect(() =>
      call('venv_doctor_checked_fixes', [venv(['/usr/bin/perl', '-I', '-m', 'venv', '.venv'])], 'root', '/srv/app'),
    ).toThrow(/not a fix/);
  });
  it('per host and per fix, from the reports; a host without a report could not be diagnosed', () => {
    const report = (ok: boolean, fixes: string[]) => ({
      ok,
      exitCode: ok ? 0 : 1,
      os: { prettyName: 'Debian GNU/Linux 12 (bookworm)', id: 'debian' },
      python: { command: 'python3', version: '3.11.2' },
      fixes: fixes.map((command) => ({ command })),
      advice: [],
    });
    const fix = 'apt-get install -y python3.11-venv';
    const fleet = call(
      'venv_doctor_fleet',
      {
        a: { venv_doctor_report: report(false, [fix]) },
        b: { venv_doctor_report: report(true, []) },
        c: { venv_doctor_before: report(false, [fix]), venv_doctor_after: report(true, []) },
        d: {},
      },
      ['a', 'b', 'c', 'd'],
    ) as { hosts: Record<string, unknown>[]; fixes: unknown[]; counts: Record<string, number> };
    expect(fleet.hosts.map((h) => [h.host, h.verdict, h.fixes, h.before])).toEqual([
      ['a', 'not ready', [fix], undefined],
      ['b', 'ready', [], undefined],
      ['c', 'ready', [fix], 'not ready'],
      ['d', 'could not diagnose', [], undefined],
    ]);
    expect(fleet.fixes).toEqual([{ command: fix, count: 2, hosts: ['a', 'c'] }]);
    expect(fleet.counts).toEqual({ 'not ready': 1, ready: 2, 'could not diagnose': 1 });
    // A report of another shape (from a host that is not honest) is no reason for the summary to fail.
    const odd = call(
      'venv_doctor_fleet',
      {
        a: { venv_doctor_report: { python: 'x', os: 'x', fixes: 'abc', advice: 5 } },
        b: { venv_doctor_report: { fixes: [1, {}] } },
      },
      ['a', 'b'],
    ) as { hosts: Record<string, unknown>[] };
    expect(odd.hosts.map((h) => [h.host, h.verdict, h.fixes])).toEqual([
      ['a', 'not ready', []],
      ['b', 'not ready', []],
    ]);
  });
  it('an inventory name as a file name stays in the report directory', () => {
    expect(call('venv_doctor_file_name', '../../etc/passwd')).toBe('_.._etc_passwd');
    expect(call('venv_doctor_file_name', 'web-01.example.org')).toBe('web-01.example.org');
  });
});
