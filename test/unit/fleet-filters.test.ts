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
      'Debian [click](http://x) *b* <img src=x> a|b `c`\n| x |\u001b[2J',
    ) as string;
    expect(shown).toBe(
      // A control character is shown as \u000a, its backslash escaped so that it renders as written.
      'Debian \\[click\\](http://x) \\*b\\* \\<img src=x\\> a\\|b \\`c\\`\\\\u000a\\| x \\|\\\\u001b\\[2J',
    );
    expect(call('venv_doctor_md_text', null)).toBe('');
  });
  it('a command is a code span, safe in a table', () => {
    expect(call('venv_doctor_md_code', 'apt-get install -y python3.11-venv')).toBe(
      '`apt-get install -y python3.11-venv`',
    );
    expect(call('venv_doctor_md_code', 'a`b|c\n')).toBe('`` a`b\\|c\\u000a ``');
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
  });
  it('an inventory name as a file name stays in the report directory', () => {
    expect(call('venv_doctor_file_name', '../../etc/passwd')).toBe('_.._etc_passwd');
    expect(call('venv_doctor_file_name', 'web-01.example.org')).toBe('web-01.example.org');
  });
});
