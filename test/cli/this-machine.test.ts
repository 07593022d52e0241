// The real CLI (the built dist/venv-doctor.cjs, or VENV_DOCTOR_CLI) against this machine's real interpreters:
// Debian's /usr/bin/python3 (with its venv package on CI, without it on a fresh Debian), and on this
// project's machines python3 on PATH as a pyenv shim (3.11.7, not externally managed) and pyenv's other
// versions. What a test needs beyond /usr/bin/python3 is in its title: "(needs ...)" (test/helpers/cli.ts).
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherFacts } from '../../src/facts/gather.js';
import { PROBE_SOURCE, parseProbeOutput, probeArgs } from '../../src/facts/probe.js';
import { realSystem } from '../../src/system.js';
import type { Facts, Report } from '../../src/types.js';
import {
  CLI_ARGS,
  CLI_FILE,
  HAVE_SYSTEM_PY,
  NEEDS,
  PYENV_ROOT,
  PYENV_SHIM_FIRST,
  pyenvPython,
  READY_SYSTEM_PY,
  SYSTEM_PY,
  systemPython,
} from '../helpers/cli.js';
import { PROJECT } from '../helpers/paths.js';

const ESC = '\u001b';
let work = '';

function doctor(args: string[], env: Record<string, string | undefined> = {}) {
  const result = spawnSync(CLI_FILE, [...CLI_ARGS, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, CI: 'true', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(PROJECT, 'docs/schema/report.v1.json'), 'utf8')),
);

/** The JSON report of a real run: only JSON on stdout, valid against the published schema. */
function json(args: string[], env?: Record<string, string | undefined>): Report {
  const run = doctor(['--json', ...args], env);
  // Nothing on stderr but --dump-facts' one line saying where it wrote.
  expect(run.stderr.replace(/^venv-doctor: wrote the facts to .*\n$/, '')).toBe('');
  const report = JSON.parse(run.stdout) as Report;
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  expect(run.code).toBe(report.exitCode);
  return report;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'venv-doctor-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!HAVE_SYSTEM_PY)(`Debian's own ${SYSTEM_PY} ${NEEDS.systemPython}`, () => {
  const xy = systemPython?.xy ?? '';
  const exe = `/usr/bin/python${xy}`;
  it.skipIf(!READY_SYSTEM_PY || !systemPython?.marker)(
    `with its venv package: the distribution interpreter, externally managed, and ready: exit 0, no fixes ${NEEDS.readySystemPython} ${NEEDS.marker}`,
    () => {
      const r = json(['--python', SYSTEM_PY]);
      expect(r).toMatchObject({ ok: true, exitCode: 0, fixes: [], advice: [] });
      expect(r.python).toMatchObject({
        version: systemPython?.version,
        executable: exe,
        source: 'distro',
        owner: `python${xy}-minimal`,
        externallyManaged: true,
        inVenv: false,
      });
      expect(r.checks.find((c) => c.id === 'externally-managed')?.message).toBe(
        `${exe} is externally managed (PEP 668): pip refuses to install into it, which is why projects need a venv. The marker does not apply inside a venv.`,
      );
      expect(r.checks.find((c) => c.id === 'ensurepip')?.status).toBe('pass');
    },
  );
  it.skipIf(READY_SYSTEM_PY)(
    `without its venv package (a fresh Debian): not ready, ensurepip fails, the fix installs python3.X-venv ${NEEDS.notReadySystemPython}`,
    () => {
      const r = json(['--python', SYSTEM_PY]);
      expect(r).toMatchObject({ ok: false, exitCode: 1 });
      expect(r.python).toMatchObject({ version: systemPython?.version, executable: exe, source: 'distro' });
      expect(r.checks.find((c) => c.id === 'python')?.status).toBe('pass');
      expect(r.checks.find((c) => c.id === 'ensurepip')).toMatchObject({
        status: 'fail',
        message: `ensurepip is missing (/usr/lib/python${xy}/ensurepip/__main__.py): \`${SYSTEM_PY} -m venv\` fails with "ensurepip is not available" and leaves a half-made venv.`,
      });
      // Whether apt-get update or sudo come first depends on this machine; the install is always last.
      expect(r.fixes.at(-1)?.argv.slice(-4)).toEqual(['apt-get', 'install', '-y', `python${xy}-venv`]);
    },
  );
  it.skipIf(!systemPython?.marker)(`quotes the distribution text in verbose mode ${NEEDS.marker}`, () => {
    const run = doctor(['--python', SYSTEM_PY, '--verbose']);
    expect(run.stdout).toContain('To install Python packages system-wide, try apt install');
    expect(run.stdout).toMatch(/^ok {6}os {18}.* \(\d+(\.\d+)? ms\)$/m);
  });
});

describe.skipIf(!PYENV_SHIM_FIRST)(`python3 on PATH: the pyenv shim ${NEEDS.pyenvShim}`, () => {
  it('resolves the shim to the pyenv build: not externally managed, and never an apt line', () => {
    const r = json([]);
    expect(r.python).toMatchObject({
      command: 'python3',
      resolved: `${PYENV_ROOT}/shims/python3`,
      shim: 'pyenv',
      source: 'pyenv',
      externallyManaged: false,
    });
    expect(r.python.executable).toMatch(new RegExp(`^${PYENV_ROOT}/versions/[^/]+/bin/python3\\.\\d+$`));
    expect(r.fixes).toEqual([]);
    expect(JSON.stringify(r)).not.toContain('apt-get');
  });

  // What python3 runs in the project is pyenv's own answer (the shim run there), whatever the file says:
  // pyenv reads the first word of each line only, and a first version that is not installed on a line of its
  // own is passed over, while one that stands alone on its line sends pyenv to the system's python3.
  const both = ['3.12.1', '3.13.0'].every((v) => existsSync(pyenvPython(v)));
  const shim = (name: string) => join(PYENV_ROOT, 'shims', name);
  /** What a shim really runs from dir: pyenv's own answer, [] when it fails there. */
  const shimRuns = (name: string, dir: string, code: string) => {
    const run = spawnSync(shim(name), ['-c', code], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, PYENV_VERSION: '' },
    });
    return run.status === 0 ? [run.stdout.trim()] : [];
  };
  const files = [
    '3.12.1 3.13.0\n',
    '3.13.0\n3.12.1\n',
    '3.99.1 3.12.1\n',
    '3.99.1\n3.12.1\n',
    '# pin\n3.13.0 # newest\n',
    '# nothing but a comment: pyenv says system\n',
    '\ufeff3.12.1\n',
    '3.12.1\u00a03.13.0\n',
    `${'#'.repeat(1024)}3.13.0\n`,
    `3.99.1 ${'x'.repeat(1017)}3.13.0\n`,
    '../../../../tmp/evil\n3.12.1\n',
    '3.13.0/\n',
  ];
  const shown = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}...` : text);
  for (const text of files) {
    it.skipIf(!both)(
      `.python-version ${shown(text)}: the interpreter the shim really runs there ${NEEDS.pyenv('3.12.1')} ${NEEDS.pyenv('3.13.0')}`,
      () => {
        const dir = mkdtempSync(join(work, 'pyenv-file-'));
        writeFileSync(join(dir, '.python-version'), text);
        const truth = shimRuns('python3', dir, 'import os, sys; print(os.path.realpath(sys.executable))');
        expect(truth).toHaveLength(1);
        const r = json([dir], { PYENV_VERSION: '' });
        expect([realpathSync(r.python.executable ?? '')]).toEqual(truth);
      },
    );
  }
  it.skipIf(!both)(
    `a directory named .python-version is passed over, as pyenv does: the parent's file decides ${NEEDS.pyenv('3.13.0')}`,
    () => {
      const parent = mkdtempSync(join(work, 'pyenv-dir-'));
      writeFileSync(join(parent, '.python-version'), '3.13.0\n');
      mkdirSync(join(parent, 'app/.python-version'), { recursive: true });
      const dir = join(parent, 'app');
      const truth = shimRuns('python3', dir, 'import os, sys; print(os.path.realpath(sys.executable))');
      expect(truth).toEqual([realpathSync(pyenvPython('3.13.0'))]);
      const r = json([dir], { PYENV_VERSION: '' });
      expect([realpathSync(r.python.executable ?? '')]).toEqual(truth);
    },
  );
  it.skipIf(!both)(
    `the other python3.X behind pyenv's shims, read from pyenv's files: the versions the shims really run ${NEEDS.pyenv('3.12.1')}`,
    () => {
      // python3 (3.12.1) misses the requirement, so the other python3.X are asked: 3.99.1 is passed over, 3.12.1
      // has only python3.12, and the system's python3.11 answers for python3.11.
      const dir = mkdtempSync(join(work, 'pyenv-others-'));
      writeFileSync(join(dir, '.python-version'), '3.99.1\n3.12.1\n');
      writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "x"\nrequires-python = ">=3.14"\n');
      const dump = join(dir, 'facts.json');
      json([dir, '--dump-facts', dump, '--no-redact'], { PYENV_VERSION: '' });
      const facts = JSON.parse(readFileSync(dump, 'utf8')) as Facts;
      const shims = facts.python.others.filter((o) => o.path === shim(o.name));
      expect(shims.length).toBeGreaterThan(3);
      for (const other of shims) {
        const truth = shimRuns(other.name, dir, 'import sys; print("%d.%d.%d" % sys.version_info[:3])');
        expect([other.version].filter(Boolean), other.name).toEqual(truth);
      }
    },
  );
});

describe("pyenv's interpreters, probed directly", () => {
  for (const version of ['3.6.15', '3.9.18', '3.12.1', '3.13.0']) {
    const path = pyenvPython(version);
    it.skipIf(!existsSync(path))(`probes pyenv's Python ${version} ${NEEDS.pyenv(version)}`, async () => {
      const f = await gatherFacts(realSystem(), { python: path, version: 't' });
      expect(f.python.problem).toBeNull();
      expect(f.python.probe?.version).toBe(version);
      expect(f.python.probe?.ensurepipMain).toBe(true);
    });
  }
  // The probe finds the standard library and the wheel directory without importing sysconfig (it costs
  // ~2.5 ms of every run): the answers must be sysconfig's, with and without site, and in a venv of each.
  const answersLikeSysconfig = (path: string) => {
    const venv = join(mkdtempSync(join(tmpdir(), 'venv-doctor-probe-')), 'venv');
    try {
      expect(spawnSync(path, ['-m', 'venv', '--without-pip', venv]).status).toBe(0);
      for (const python of [path, join(venv, 'bin/python')]) {
        const truth = spawnSync(
          python,
          [
            '-I',
            '-c',
            'import sysconfig; print(sysconfig.get_path("stdlib")); print(sysconfig.get_config_var("WHEEL_PKG_DIR") or "")',
          ],
          { encoding: 'utf8', cwd: '/' },
        ).stdout.split('\n');
        for (const site of [true, false]) {
          const probe = parseProbeOutput(
            spawnSync(python, probeArgs(site), { encoding: 'utf8', cwd: '/', timeout: 10_000 }).stdout,
          );
          expect(probe, `${python} site=${site}`).toMatchObject({ stdlib: truth[0], wheelDir: truth[1] || null });
        }
        // ... and it found them without sysconfig (site imports it on some versions; -S is the probe alone).
        const loaded = spawnSync(
          python,
          ['-I', '-S', '-c', `${PROBE_SOURCE}\nimport sys; print('sysconfig' in sys.modules)`],
          { encoding: 'utf8', cwd: '/', timeout: 10_000 },
        ).stdout;
        expect(loaded.trim().split('\n').pop(), python).toBe('False');
      }
    } finally {
      rmSync(join(venv, '..'), { recursive: true, force: true });
    }
  };
  it.skipIf(!HAVE_SYSTEM_PY)(`the probe's stdlib and wheel directory are sysconfig's: ${NEEDS.systemPython}`, () =>
    answersLikeSysconfig(SYSTEM_PY),
  );
  for (const version of ['3.6.15', '3.9.18', '3.12.1', '3.13.0']) {
    it.skipIf(!existsSync(pyenvPython(version)))(
      `the probe's stdlib and wheel directory are sysconfig's: Python ${version} ${NEEDS.pyenv(version)}`,
      () => answersLikeSysconfig(pyenvPython(version)),
    );
  }
  const py2 = pyenvPython('2.7.18', 'python');
  it.skipIf(!existsSync(py2))(
    `Python 2 is reported as too old, with its version ${NEEDS.pyenv('2.7.18', 'python')}`,
    () => {
      const r = json(['--python', py2]);
      expect(r).toMatchObject({ ok: false, exitCode: 1, fixes: [] });
      expect(r.checks.find((c) => c.id === 'python')).toMatchObject({
        status: 'fail',
        message: `${py2} is too old: ${py2} is Python 2.7.18; venv needs Python 3.`,
      });
      expect(r.advice).toEqual(['Point venv-doctor at a Python 3 interpreter: --python python3']);
    },
  );
});

describe('other interpreters on PATH', () => {
  it('a directory on PATH twice under two names (a link, as /bin to /usr/bin) is listed once, the first name kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'venv-doctor-path-'));
    try {
      mkdirSync(join(dir, 'real'));
      writeFileSync(join(dir, 'real/python3.42'), '#!/bin/sh\n');
      chmodSync(join(dir, 'real/python3.42'), 0o755);
      symlinkSync(join(dir, 'real'), join(dir, 'link'));
      const real = realSystem();
      const listed: string[] = [];
      const system = {
        ...real,
        env: { ...real.env, PATH: `${dir}/link:${dir}/real` },
        readdir: (path: string, max?: number) => {
          listed.push(path);
          return real.readdir(path, max);
        },
      };
      const f = await gatherFacts(system, { python: '/nonexistent/python3', version: 't' });
      expect(f.python.others).toEqual([{ name: 'python3.42', path: `${dir}/link/python3.42` }]);
      expect(listed.filter((path) => path.startsWith(dir))).toEqual([`${dir}/link`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bad input: a clear message and the right exit code, never a stack trace or a hang', () => {
  const noTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

  it.each([
    ['a missing file', () => join(work, 'nope'), /does not exist/],
    ['a directory', () => work, /is not a file/],
    [
      'a file that is not executable',
      () => {
        const f = join(work, 'not-exec');
        writeFileSync(f, '#!/bin/sh\n');
        return f;
      },
      /is not executable/,
    ],
    [
      'an interpreter that exits non-zero',
      () => script('fails', 'echo "broken install" >&2; exit 3'),
      /exited with status 3: broken install/,
    ],
    [
      'an interpreter that prints garbage',
      () => script('garbage', 'echo hello'),
      /did not answer like a Python interpreter: "hello"/,
    ],
  ])('--python naming %s: exit 1 and says why', (_what, path, message) => {
    const run = doctor(['--python', path()]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(message);
    noTrace(run.stdout + run.stderr);
  });

  it('an interpreter that hangs is stopped (with whatever it started) and reported', async () => {
    // Like a pyenv shim: a shell script whose child would keep the pipes open if only the script died.
    const hang = script('hangs', 'sleep 60 & sleep 60');
    const started = performance.now();
    const f = await gatherFacts(realSystem(), { python: hang, version: 't', probeTimeoutMs: 500 });
    expect(f.python.problem).toEqual({ kind: 'timeout', detail: `${hang} did not answer within 0.5 s` });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it.skipIf(!HAVE_SYSTEM_PY)(
    `an interpreter that answers but leaves a child holding its output is judged by its answer once the timeout stops the child ${NEEDS.systemPython}`,
    () => {
      // Both builds report it the same way: the Node one waits for the pipes, the single file for Bun's.
      const wrapper = script('leaves-a-child', `sleep 30 &\nexec ${SYSTEM_PY} "$@"`);
      const started = performance.now();
      const r = json(['--python', wrapper]);
      expect(r.checks.find((c) => c.id === 'python')).toMatchObject({ status: 'pass' });
      expect(r.python.version).toBe(systemPython?.version);
      expect(performance.now() - started).toBeLessThan(25_000);
    },
  );

  it.skipIf(!HAVE_SYSTEM_PY)(`a path with spaces and non-ASCII works ${NEEDS.systemPython}`, () => {
    const dir = join(work, 'dir with spaces', 'pythön');
    mkdirSync(dir, { recursive: true });
    symlinkSync(SYSTEM_PY, join(dir, 'python3'));
    const r = json(['--python', join(dir, 'python3')]);
    expect(r.python.resolved).toBe(join(dir, 'python3'));
    expect(r.python.version).toBe(systemPython?.version);
    expect(r.checks.find((c) => c.id === 'python')?.status).toBe('pass');
  });

  it('no python3 on PATH at all: exit 1, says so', () => {
    const r = json([], { PATH: '/nonexistent' });
    expect(r.exitCode).toBe(1);
    expect(r.checks.find((c) => c.id === 'python')?.message).toBe(
      'No python3 interpreter: python3 was not found on PATH.',
    );
  });

  it.each([
    [['--frobnicate'], /^venv-doctor: unknown option --frobnicate; venv-doctor --help lists the options\n$/],
    [
      ['--jsn'],
      /^venv-doctor: unknown option --jsn \(did you mean --json\?\); venv-doctor --help lists the options\n$/,
    ],
    [['--format', 'xml'], /--format must be one of plain, json, github, junit, markdown, not "xml"/],
    [['--python'], /--python needs a value \(--python CMD\)/],
    [['--python', ''], /--python needs a value/],
    [['one', 'two'], /one project directory at most, not 2: one two/],
    [['/nonexistent-project'], /the project directory \/nonexistent-project does not exist/],
    [['--facts', '/nonexistent/facts.json'], /cannot replay \/nonexistent\/facts.json: no such file/],
  ])('usage error %j: exit 2 with a message on stderr', (args, message) => {
    const run = doctor(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    noTrace(run.stderr);
  });

  it.each([
    ['not JSON', '{"factsVersion": 1', /it is not JSON/],
    ['another JSON', '{"hello": "world"}', /is it a venv-doctor --dump-facts file/],
    [
      'a newer version',
      '{"factsVersion": 99, "gatheredBy": "9", "host": {}, "os": {}, "python": {}, "packages": null}',
      /factsVersion is 99/,
    ],
  ])('--facts with %s: exit 2', (_what, text, message) => {
    const file = join(work, 'facts.json');
    writeFileSync(file, text);
    const run = doctor(['--facts', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe('output and replay', () => {
  it.skipIf(!HAVE_SYSTEM_PY)(
    `--dump-facts then --facts replays to the same diagnosis, with no host name in the facts ${NEEDS.systemPython}`,
    () => {
      const file = join(work, 'dump.json');
      const live = json(['--python', SYSTEM_PY, '--dump-facts', file, '--no-redact']);
      const replay = json(['--facts', file]);
      const strip = (r: Report) => ({
        ...r,
        durationMs: 0,
        factsFrom: '',
        checks: r.checks.map((c) => ({ ...c, durationMs: 0 })),
      });
      expect(strip(replay)).toEqual(strip(live));
      expect(replay.factsFrom).toBe('file');
      const dumped = JSON.parse(readFileSync(file, 'utf8')) as Facts;
      // No field for it, and no string that carries it (os-release's words aside: a host may be named
      // "debian"); --no-redact keeps user names, never adds the host's.
      expect(Object.keys(dumped.host).sort()).toEqual([
        'arch',
        'container',
        'isRoot',
        'kernel',
        'platform',
        'sudo',
        'wsl',
      ]);
      const words = JSON.stringify({ ...dumped, os: null }).split(/[^A-Za-z0-9._-]+/);
      expect(words).not.toContain(hostname());
    },
  );
  it('without a terminal: plain lines, no colour codes, no spinners', () => {
    const run = doctor([]);
    expect(run.stdout).not.toContain(ESC);
    expect(run.stdout).toMatch(/^ok {6}os {18}/m);
  });
  it('an explicit --color colours even in CI; --no-color never does', () => {
    expect(doctor(['--color']).stdout).toMatch(new RegExp(`^${ESC}\\[32mok {5}${ESC}\\[0m os {18}`, 'm'));
    expect(doctor(['--no-color']).stdout).not.toContain(ESC);
  });
  it('--help lists every option the parser accepts', async () => {
    const { OPTIONS } = await import('../../src/settings.js');
    const help = doctor(['--help']);
    expect(help.code).toBe(0);
    for (const name of Object.keys(OPTIONS)) expect(help.stdout).toContain(`--${name}`);
  });
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8'));
    expect(doctor(['--version']).stdout.trim()).toBe(pkg.version);
  });
});

function script(name: string, body: string): string {
  const file = join(work, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}
