// What a fresh-context attacker review of the macOS and Windows layer found, each kept as a test: hostile
// values of a replayed dump or a committed venv never reach a command, PowerShell's quotes, Windows' Path.
import { describe, expect, it } from 'vitest';
import { confinedEnv } from '../../src/confine.js';
import { gatherProject } from '../../src/facts/project.js';
import { trustBoundary } from '../../src/paths.js';
import { commandLine, quotePowerShellArg } from '../../src/quote.js';
import { fakeSystem } from '../helpers/fake-system.js';
import { desktopFacts } from '../scenarios/desktop.js';
import { diagnose } from '../scenarios/scenario-list.js';

describe('the Windows layer against hostile input', () => {
  it("PowerShell's curly single quotes are doubled like ': a project named Bob’s;calc;’ stays one argument", () => {
    expect(quotePowerShellArg('C:\\src\\Bob’s;calc;’ app')).toBe("'C:\\src\\Bob’’s;calc;’’ app'");
    expect(commandLine(['C:\\Program Files\\Python313\\python.exe', '-m', 'venv', '.venv'], 'win32')).toBe(
      "& 'C:\\Program Files\\Python313\\python.exe' -m venv .venv",
    );
  });

  it('a py tag of a replayed dump that is not what py -0p prints never reaches a command', () => {
    const facts = desktopFacts('py-311-313-requires-311');
    const windows = facts.python.windows as NonNullable<typeof facts.python.windows>;
    windows.installs = windows.installs.map((i) => (i.tag === '3.11' ? { ...i, tag: '3.11;calc' } : i));
    const report = diagnose(facts);
    const printed = [...report.fixes.map((f) => f.command), ...report.advice].join('\n');
    expect(printed).not.toContain('calc');
    // By the interpreter's own path instead, quoted for PowerShell when it needs it.
    expect(report.fixes.map((f) => f.argv[0])).toEqual([
      'C:\\Users\\ada\\AppData\\Local\\Programs\\Python\\Python311\\python.exe',
    ]);
  });

  it("Windows' Path (its own spelling) is confined: the project's node_modules\\.bin is dropped, one PATH left", async () => {
    const system = fakeSystem({
      platform: 'win32',
      uid: null,
      env: { Path: 'C:\\Windows;C:\\proj\\node_modules\\.bin;relative' },
    });
    const env = await confinedEnv(system, ['C:\\proj']);
    expect(env.PATH).toBe('C:\\Windows');
    expect(Object.keys(env).filter((k) => k.toUpperCase() === 'PATH')).toEqual(['PATH']);
  });

  it("a drive's root, like /, draws no line (it holds the user's own tools); a home directory neither", () => {
    expect(trustBoundary('C:\\', undefined)).toEqual([]);
    expect(trustBoundary('C:\\Users\\ada', 'C:\\Users\\ada')).toEqual([]);
    expect(trustBoundary('C:\\Users\\ada\\src\\app', 'C:\\Users\\ada')).toEqual(['C:\\Users\\ada\\src\\app']);
  });

  it('a committed pyvenv.cfg naming a Store alias, or any program, as its executable: not run', async () => {
    const project = 'C:\\Users\\ada\\src\\app';
    const venv = `${project}\\.venv`;
    for (const executable of [
      'C:\\Users\\ada\\AppData\\Local\\Microsoft\\WindowsApps\\python.exe',
      'C:\\Windows\\System32\\calc.exe',
    ]) {
      const system = fakeSystem({
        platform: 'win32',
        uid: null,
        env: { PATH: 'C:\\Windows' },
        files: {
          [`${project}\\requirements.txt`]: 'requests\n',
          [`${venv}\\pyvenv.cfg`]: `home = C:\\Windows\\System32\r\nexecutable = ${executable}\r\nversion = 3.13.1\r\n`,
          [`${venv}\\Scripts\\python.exe`]: { exec: 'MZ' },
          [executable]: { exec: 'MZ' },
        },
      });
      await gatherProject(system, { dir: project, venv: null, require: null, untrusted: [project] });
      expect(system.calls).toEqual([]);
    }
  });

  it("macOS: a committed .venv/bin/python leading to Apple's stub is not run without the Command Line Tools", async () => {
    const project = '/Users/ada/src/app';
    const system = fakeSystem({
      platform: 'darwin',
      env: { PATH: '/usr/bin' },
      files: {
        [`${project}/requirements.txt`]: 'requests\n',
        [`${project}/.venv/pyvenv.cfg`]: 'home = /usr/bin\nversion = 3.9.6\n',
        [`${project}/.venv/bin/python`]: { exec: '' },
        '/usr/bin/python3': { exec: '' },
      },
    });
    // The fake has no links: the venv's python is made to resolve to the stub.
    const realpath = system.realpath.bind(system);
    system.realpath = async (path) => (path.endsWith('/.venv/bin/python') ? '/usr/bin/python3' : realpath(path));
    const facts = await gatherProject(system, { dir: project, venv: null, require: null, untrusted: [project] });
    expect(facts.venv?.notRun).toMatch(/Apple's stub/);
    expect(system.calls).toEqual([]);
  });
});

describe('a Windows dump keeps no name', () => {
  it("USERPROFILE and USERNAME are the user's home and name, redacted like HOME and USER", async () => {
    const { identityOf, redactText } = await import('../../src/redact.js');
    const identity = identityOf({ USERPROFILE: 'C:\\Users\\ada', USERNAME: 'ada' }, null, null);
    const text = redactText(
      'C:\\Users\\ada\\AppData\\Local\\Programs\\Python\\Python313\\python.exe and D:\\src\\ada\\app',
      identity,
    );
    expect(text).toBe('~\\AppData\\Local\\Programs\\Python\\Python313\\python.exe and D:\\src\\[user]\\app');
  });
});
