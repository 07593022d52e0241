// The Ansible role (integrations/ansible/) with Debian's own ansible, over an inventory of real Debian
// 11/12/13 roots (community.general.chroot, /proc mounted), three scenarios each: the preflight puts the
// single file on every host and its fleet summary equals each root's own diagnosis; the fix playbook in
// check mode changes nothing; the fix makes every host ready (ground truth: a venv with pip, made without
// the doctor); a second run changes nothing.
import { execFile } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { onPath } from '../helpers/cli.js';
import { PROJECT } from '../helpers/paths.js';
import { EXE, type Root, requirements, SUITES, type Suite, scenarioRoot } from './roots.js';

const ANSIBLE = join(PROJECT, 'integrations/ansible');
const PLAYBOOK = onPath('ansible-playbook') ?? '/usr/bin/ansible-playbook';
const SCENARIOS = ['bare', 'half-created', 'healthy'] as const;
type Scenario = (typeof SCENARIOS)[number];
const APP = '/srv/app';

interface Host {
  name: string;
  suite: Suite;
  scenario: Scenario;
  root: Root;
}
const hosts: Host[] = [];
let work = '';
let inventory = '';

/** The release directory the role reads: the single files under test and their SHA256SUMS. */
const FILES = join(EXE, '..');

function playbook(file: string, args: string[] = []): Promise<{ code: number | null; out: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      PLAYBOOK,
      ['-i', inventory, join(ANSIBLE, file), '-e', `venv_doctor_files=${FILES}`, ...args],
      {
        cwd: ANSIBLE,
        encoding: 'utf8',
        timeout: 1_800_000,
        maxBuffer: 64 * 1024 * 1024,
        // Pipelining: a module is fed to the host's Python on stdin, not copied to a file first (docs/fleet.md).
        env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_PIPELINING: 'True', ANSIBLE_HOST_KEY_CHECKING: 'False' },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, out: `${stdout}${stderr}`, ms: Date.now() - started });
      },
    );
  });
}

/** PLAY RECAP's counts per host. */
function recap(out: string): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  const at = out.lastIndexOf('PLAY RECAP');
  for (const line of out.slice(at).split('\n').slice(1)) {
    const match = /^(\S+)\s+:\s+(.*)$/.exec(line);
    if (!match?.[1] || !match[2]) continue;
    counts[match[1]] = Object.fromEntries(
      [...match[2].matchAll(/(\w+)=(\d+)/g)].map((m) => [m[1] as string, Number(m[2])]),
    );
  }
  return counts;
}

/** A report without what differs between two runs of the same diagnosis (timings). */
function stable(report: Report): unknown {
  return JSON.parse(JSON.stringify(report, (key, value) => (key === 'durationMs' ? undefined : value))) as unknown;
}

async function own(host: Host): Promise<Report> {
  const run = await host.root.doctor(['--json'], { cwd: APP });
  return JSON.parse(run.stdout) as Report;
}

/** A venv with pip, made and run without the doctor. */
async function groundTruth(host: Host): Promise<boolean> {
  const made = await host.root.run([
    'sh',
    '-c',
    'rm -rf /tmp/gt && python3 -m venv /tmp/gt && /tmp/gt/bin/pip --version',
  ]);
  return made.code === 0;
}

beforeAll(async () => {
  const missing = await requirements();
  if (!onPath('ansible-playbook')) missing.push('ansible (apt-get install ansible)');
  if (missing.length > 0) throw new Error(`the Ansible end-to-end test needs: ${missing.join(', ')}`);
  work = mkdtempSync(join(tmpdir(), 'venv-doctor-ansible-'));
  for (const suite of Object.keys(SUITES) as Suite[]) {
    for (const scenario of SCENARIOS) {
      const root = await scenarioRoot(suite, `ansible-${scenario}`, 'exe');
      await root.must(['mkdir', '-p', APP]);
      await root.must([
        'sh',
        '-c',
        `printf '[project]\\nname = "demo"\\nrequires-python = ">=3.9"\\n' > ${APP}/pyproject.toml`,
      ]);
      if (scenario === 'half-created') {
        // What a failed `python3 -m venv` leaves (no ensurepip): a venv without pip or activate.
        expect((await root.run(['python3', '-m', 'venv', `${APP}/.venv`])).code).toBe(1);
      }
      if (scenario === 'healthy') {
        await root.must(['apt-get', 'install', '-y', '--no-install-recommends', `python${SUITES[suite].python}-venv`]);
      }
      hosts.push({ name: `${suite}-${scenario}`, suite, scenario, root });
    }
  }
  inventory = join(work, 'inventory.yml');
  writeFileSync(
    inventory,
    [
      'all:',
      '  vars:',
      '    ansible_connection: community.general.chroot',
      '    ansible_python_interpreter: /usr/bin/python3',
      `    venv_doctor_project: ${APP}`,
      '  hosts:',
      ...hosts.flatMap((h) => [`    ${h.name}:`, `      ansible_host: ${h.root.dir}`]),
      '',
    ].join('\n'),
  );
}, 1_800_000);

afterAll(async () => {
  for (const host of hosts) await host.root.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the Ansible role over real Debian roots', { timeout: 1_800_000 }, () => {
  it('preflight: every host diagnosed, none failed for "not ready"; the summary equals each root\'s own diagnosis', async () => {
    const out = join(work, 'preflight');
    const r = await playbook('preflight.yml', ['-e', `venv_doctor_report_dir=${out}`]);
    expect(r.code, r.out.slice(-4000)).toBe(0);
    const counts = recap(r.out);
    for (const host of hosts) expect(counts[host.name], host.name).toMatchObject({ failed: 0, unreachable: 0 });
    console.log(`[e2e] ansible preflight over ${hosts.length} roots: ${(r.ms / 1000).toFixed(1)} s`);

    const lines = readFileSync(join(out, 'reports.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(hosts.length);
    const summary = JSON.parse(readFileSync(join(out, 'fleet-summary.json'), 'utf8')) as {
      hosts: { host: string; verdict: string; fixes: string[] }[];
      fixes: { command: string; count: number; hosts: string[] }[];
    };
    for (const host of hosts) {
      const printed = JSON.parse(readFileSync(join(out, 'reports', `${host.name}.json`), 'utf8')) as Report;
      const line = lines.map((l) => JSON.parse(l) as Report & { host: string }).find((l) => l.host === host.name);
      const mine = await own(host);
      expect(stable(printed), host.name).toEqual(stable(mine));
      expect(stable({ ...line, host: undefined } as unknown as Report), host.name).toEqual(stable(mine));
      const row = summary.hosts.find((h) => h.host === host.name);
      expect(row, host.name).toMatchObject({
        verdict: mine.ok ? 'ready' : 'not ready',
        fixes: mine.fixes.map((f) => f.command),
      });
      expect(mine.ok, host.name).toBe(host.scenario === 'healthy');
    }
    // Per distinct fix: the hosts that need it, counted.
    for (const fix of summary.fixes) {
      expect(fix.count).toBe(fix.hosts.length);
      for (const name of fix.hosts) expect(summary.hosts.find((h) => h.host === name)?.fixes).toContain(fix.command);
    }
    // The two broken scenarios of each release need its venv package: two hosts per command.
    for (const suite of Object.keys(SUITES) as Suite[]) {
      const command = `apt-get install -y python${SUITES[suite].python}-venv`;
      expect(summary.fixes.find((f) => f.command === command)?.hosts.sort()).toEqual(
        [`${suite}-bare`, `${suite}-half-created`].sort(),
      );
    }
    const markdown = readFileSync(join(out, 'fleet-summary.md'), 'utf8');
    for (const host of hosts) expect(markdown).toContain(`| ${host.name} |`);
  });

  it("venv_doctor_url: the host downloads the file itself, checked against the controller's SHA256SUMS", async () => {
    // A release mirror on the controller's loopback (a chroot shares its network); the second serves other bytes.
    let tampered = false;
    const server = createServer((request, response) => {
      const name = (request.url ?? '').split('/').pop() ?? '';
      const file = join(FILES, name);
      if (!/^venv-doctor-[\w.-]+$/.test(name) || !existsSync(file)) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200);
      if (tampered) response.end('not the release');
      else createReadStream(file).pipe(response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const host = hosts.find((h) => h.name === 'bookworm-healthy');
      if (!host) throw new Error('no bookworm-healthy host');
      const dir = '/root/.cache/venv-doctor-by-url';
      const args = [
        '-l',
        host.name,
        '-e',
        `venv_doctor_url=http://127.0.0.1:${port}/v1`,
        '-e',
        `venv_doctor_remote_dir=${dir}`,
      ];
      const r = await playbook('preflight.yml', args);
      expect(r.code, r.out.slice(-3000)).toBe(0);
      expect(recap(r.out)[host.name]).toMatchObject({ failed: 0, changed: 2 });
      expect(existsSync(join(host.root.dir, dir.slice(1), EXE.split('/').pop() as string))).toBe(true);
      tampered = true;
      await host.root.must(['rm', '-rf', dir]);
      const bad = await playbook('preflight.yml', args);
      expect(bad.code).not.toBe(0);
      expect(recap(bad.out)[host.name]).toMatchObject({ failed: 1 });
      expect(bad.out).toMatch(/checksum|does not match/i);
      expect(existsSync(join(host.root.dir, dir.slice(1), EXE.split('/').pop() as string))).toBe(false);
    } finally {
      server.close();
    }
  });

  it('fix in check mode: the commands listed, nothing changed on any host', async () => {
    const r = await playbook('fix.yml', ['--check']);
    expect(r.code, r.out.slice(-4000)).toBe(0);
    const counts = recap(r.out);
    for (const host of hosts) expect(counts[host.name], host.name).toMatchObject({ changed: 0, failed: 0 });
    for (const host of hosts) {
      expect((await own(host)).ok, host.name).toBe(host.scenario === 'healthy');
      if (host.scenario !== 'healthy') {
        // This host's own message, with its own commands.
        const said = new RegExp(
          `\\[${host.name}\\] => \\{[^}]*"msg": "would run: apt-get install -y python${SUITES[host.suite].python.replace('.', '\\.')}-venv`,
        );
        expect(r.out, host.name).toMatch(said);
        if (host.scenario === 'half-created')
          expect(r.out).toMatch(new RegExp(`\\[${host.name}\\] => \\{[^}]*then \\S+ -I -m venv --clear \\.venv"`));
      }
    }
  });

  it('fix: every host ready (a venv with pip in each, made without the doctor); a second run changes nothing', async () => {
    const planned = new Map<string, number>();
    for (const host of hosts) planned.set(host.name, (await own(host)).fixes.length);
    const r = await playbook('fix.yml');
    expect(r.code, r.out.slice(-4000)).toBe(0);
    const counts = recap(r.out);
    for (const host of hosts) {
      expect(counts[host.name], host.name).toMatchObject({
        failed: 0,
        // One task per planned fix, run in order.
        changed: planned.get(host.name),
      });
      expect((await own(host)).ok, host.name).toBe(true);
      expect(await groundTruth(host), host.name).toBe(true);
      if (host.scenario === 'half-created') {
        expect(planned.get(host.name)).toBe(2);
        // Both ran, in order: the venv package, then the venv made again.
        expect(r.out).toMatch(
          new RegExp(
            `\\[${host.name}\\] => \\{[^}]*"msg": "ran: apt-get install -y \\S+, then \\S+ -I -m venv --clear \\.venv \\(then ready\\)"`,
          ),
        );
        expect((await host.root.run([`${APP}/.venv/bin/pip`, '--version'])).code, host.name).toBe(0);
      }
    }
    const again = await playbook('fix.yml');
    expect(again.code, again.out.slice(-4000)).toBe(0);
    const second = recap(again.out);
    for (const host of hosts) expect(second[host.name], host.name).toMatchObject({ changed: 0, failed: 0 });
  });
});
