// The gatherer on macOS and Windows layouts, through the strict fake System (this machine runs neither):
// files at the paths each system's installers use (../shared/domain/other-systems.md §5, §6; research notes
// in docs/systems/brew.md and winget.md), and every command it runs traced. The stubs (macOS's
// /usr/bin/python3 without the Command Line Tools, Windows' Store aliases in WindowsApps) are files here,
// and the trace shows they are never run: the fake fails any command it was not told about, and those
// are never told.
import { describe, expect, it } from 'vitest';
import { gatherFacts } from '../../src/facts/gather.js';
import { PROBE_SENTINEL } from '../../src/facts/probe.js';
import { gatherProject } from '../../src/facts/project.js';
import { parsePyList, tagOfDirectory } from '../../src/facts/windows-pythons.js';
import { parseSystemVersionPlist, windowsIdentity } from '../../src/system.js';
import type { Probe } from '../../src/types.js';
import { healthyProbe } from '../helpers/facts.js';
import { type FakeCommand, fakeSystem } from '../helpers/fake-system.js';
import { windowsProbe } from '../scenarios/desktop.js';

const probeAnswer = (probe: Probe): FakeCommand['result'] => ({
  stdout: `${PROBE_SENTINEL}${JSON.stringify(probe)}\n`,
});

const BREW_313 = healthyProbe({
  version: '3.13.9',
  versionInfo: [3, 13, 9],
  executable: '/opt/homebrew/bin/python3.13',
  realExecutable: '/opt/homebrew/Cellar/python@3.13/3.13.9/Frameworks/Python.framework/Versions/3.13/bin/python3.13',
  prefix: '/opt/homebrew/opt/python@3.13/Frameworks/Python.framework/Versions/3.13',
  basePrefix: '/opt/homebrew/opt/python@3.13/Frameworks/Python.framework/Versions/3.13',
  stdlib: '/opt/homebrew/opt/python@3.13/Frameworks/Python.framework/Versions/3.13/lib/python3.13',
  platform: 'darwin',
  wheelDir: null,
  wheelDirFiles: [],
  bundledFiles: ['pip-25.2-py3-none-any.whl'],
});

const STUB = { exec: '' }; // Apple's shim: an executable file, hard-linked with git, clang, make ...

describe('macOS: /usr/bin/python3 is Apple stub unless the Command Line Tools hold a python3', () => {
  it('the stub alone: never run, said so, and no other command at all', async () => {
    const system = fakeSystem({
      platform: 'darwin',
      arch: 'arm64',
      env: { PATH: '/usr/bin:/bin:/usr/sbin:/sbin', HOME: '/Users/ada' },
      files: { '/usr/bin/python3': STUB, '/usr/bin/git': STUB },
      osSummary: { id: 'macos', name: 'macOS', version: '15.5', codename: '' },
    });
    const facts = await gatherFacts(system, { python: 'python3', version: 'test' });
    expect(facts.python.problem?.kind).toBe('xcode-stub');
    expect(facts.python.probe).toBeNull();
    expect(facts.host.commandLineTools).toEqual({ python3: null });
    expect(facts.packages).toBeNull(); // no Homebrew
    expect(system.calls).toEqual([]);
  });

  it('asked by its path (--python /usr/bin/python3): still never run', async () => {
    const system = fakeSystem({ platform: 'darwin', env: { PATH: '/usr/bin' }, files: { '/usr/bin/python3': STUB } });
    const facts = await gatherFacts(system, { python: '/usr/bin/python3', version: 'test' });
    expect(facts.python.problem?.kind).toBe('xcode-stub');
    expect(system.calls).toEqual([]);
  });

  it('with the Command Line Tools installed, /usr/bin/python3 runs their Python and is probed', async () => {
    const clt = healthyProbe({ version: '3.9.6', versionInfo: [3, 9, 6], platform: 'darwin' });
    const system = fakeSystem({
      platform: 'darwin',
      env: { PATH: '/usr/bin' },
      files: { '/usr/bin/python3': STUB, '/Library/Developer/CommandLineTools/usr/bin/python3': { exec: '' } },
      commands: [{ file: '/usr/bin/python3', result: probeAnswer(clt) }],
    });
    const facts = await gatherFacts(system, { python: 'python3', version: 'test' });
    expect(facts.python.probe?.version).toBe('3.9.6');
    expect(facts.host.commandLineTools?.python3).toBe('/Library/Developer/CommandLineTools/usr/bin/python3');
  });

  it("the stub first on PATH, Homebrew's python3.13 not on PATH: that one is judged, by its path; the stub is not run", async () => {
    const system = fakeSystem({
      platform: 'darwin',
      arch: 'arm64',
      env: { PATH: '/usr/bin:/bin' },
      files: {
        '/usr/bin/python3': STUB,
        '/opt/homebrew/bin/brew': { exec: '#!/bin/bash\n' },
        '/opt/homebrew/bin/python3.13': { exec: '' },
        '/opt/homebrew/Cellar/python@3.13': 'dir',
        '/opt/homebrew/Cellar/python@3.13/3.13.9': 'dir',
      },
      commands: [{ file: '/opt/homebrew/bin/python3.13', result: probeAnswer(BREW_313) }],
      osSummary: { id: 'macos', name: 'macOS', version: '15.5', codename: '' },
    });
    const facts = await gatherFacts(system, { python: 'python3', version: 'test' });
    expect(facts.python.insteadOf).toMatchObject({ command: 'python3', detail: expect.stringMatching(/Apple's stub/) });
    expect(facts.python.command).toBe('/opt/homebrew/bin/python3.13');
    expect(facts.python.probe?.version).toBe('3.13.9');
    expect(facts.packages).toMatchObject({
      manager: 'brew',
      tools: { install: true },
      installed: { 'python@3.13': {} },
    });
    expect(system.calls.every((call) => !call.startsWith('/usr/bin/python3'))).toBe(true);
  });

  it('reads the version from SystemVersion.plist, no process', () => {
    const plist = `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict>
	<key>ProductBuildVersion</key>
	<string>24F74</string>
	<key>ProductName</key>
	<string>macOS</string>
	<key>ProductVersion</key>
	<string>15.5</string>
</dict></plist>`;
    expect(parseSystemVersionPlist(plist)).toEqual({ id: 'macos', name: 'macOS', version: '15.5', codename: '' });
    expect(parseSystemVersionPlist('<key>ProductVersion</key><string>$(id)</string>')).toBeNull();
  });
});

const LOCAL = 'C:\\Users\\ada\\AppData\\Local';
const WINDOWS_ENV = {
  PATH: `C:\\Windows\\system32;C:\\Windows;${LOCAL}\\Microsoft\\WindowsApps`,
  PATHEXT: '.COM;.EXE;.BAT;.CMD',
  LOCALAPPDATA: LOCAL,
  SystemRoot: 'C:\\Windows',
  ProgramFiles: 'C:\\Program Files',
  USERPROFILE: 'C:\\Users\\ada',
};
const ALIAS = new Uint8Array(0); // an App Execution Alias: a 0-byte reparse point

describe('Windows: the Store aliases are never run; py and its Pythons are found by their files', () => {
  it('only the Store alias: python3 is it, never run, and nothing else is run', async () => {
    const system = fakeSystem({
      platform: 'win32',
      uid: null,
      env: WINDOWS_ENV,
      files: {
        [`${LOCAL}\\Microsoft\\WindowsApps\\python3.exe`]: { exec: '' },
        [`${LOCAL}\\Microsoft\\WindowsApps\\python.exe`]: { exec: '' },
        [`${LOCAL}\\Microsoft\\WindowsApps\\winget.exe`]: ALIAS,
      },
      osSummary: { id: 'windows', name: 'Windows 11 Pro', version: '11.0.26100', codename: '' },
    });
    const facts = await gatherFacts(system, { python: 'python3', version: 'test' });
    expect(facts.python.problem?.kind).toBe('windows-store-stub');
    expect(facts.python.windows).toEqual({ launcher: null, installs: [] });
    expect(facts.packages).toMatchObject({ manager: 'winget', tools: { install: true } });
    expect(facts.host).toMatchObject({ platform: 'win32', sudo: null, wsl: false, container: null });
    expect(system.calls).toEqual([]);
  });

  it('--python naming an alias in WindowsApps: never run', async () => {
    const alias = `${LOCAL}\\Microsoft\\WindowsApps\\python3.exe`;
    const system = fakeSystem({ platform: 'win32', uid: null, env: WINDOWS_ENV, files: { [alias]: { exec: '' } } });
    const facts = await gatherFacts(system, { python: alias, version: 'test' });
    expect(facts.python.problem?.kind).toBe('windows-store-stub');
    expect(system.calls).toEqual([]);
  });

  it('py with 3.11 and 3.13 (python.org, per user): py -0p asked, its default judged; the aliases never run', async () => {
    const dir311 = `${LOCAL}\\Programs\\Python\\Python311`;
    const dir313 = `${LOCAL}\\Programs\\Python\\Python313`;
    // launcher2.c's format: " %-16s %s", the default marked with *.
    const list = ` -V:3.13 *        ${dir313}\\python.exe\r\n -V:3.11          ${dir311}\\python.exe\r\n`;
    const system = fakeSystem({
      platform: 'win32',
      uid: null,
      env: WINDOWS_ENV,
      files: {
        [`${LOCAL}\\Microsoft\\WindowsApps\\python3.exe`]: { exec: '' },
        'C:\\Windows\\py.exe': { exec: 'MZ' },
        [`${dir311}\\python.exe`]: { exec: 'MZ' },
        [`${dir313}\\python.exe`]: { exec: 'MZ' },
      },
      commands: [
        { file: 'C:\\Windows\\py.exe', args: (a) => a.join(' ') === '-0p', result: { stdout: list } },
        { file: `${dir313}\\python.exe`, result: probeAnswer(windowsProbe(13, 5, dir313)) },
      ],
    });
    const facts = await gatherFacts(system, { python: 'python3', version: 'test' });
    expect(facts.python.command).toBe('py');
    expect(facts.python.probe?.version).toBe('3.13.5');
    expect(facts.python.insteadOf?.command).toBe('python3');
    expect(facts.python.windows?.launcher).toEqual({ path: 'C:\\Windows\\py.exe', kind: 'legacy' });
    expect(facts.python.windows?.installs.map((i) => i.tag)).toEqual(['3.13', '3.11']);
    expect(facts.python.others.map((o) => o.path)).toContain(`${dir311}\\python.exe`);
    expect(system.calls.filter((c) => /WindowsApps/i.test(c))).toEqual([]);
    expect(system.calls).toEqual(['C:\\Windows\\py.exe -0p', expect.stringMatching(/^C:.*Python313\\python\.exe -I/)]);
  });

  it('the install manager: its runtimes found by their directories, its py alias never run', async () => {
    const dir = `${LOCAL}\\Python\\pythoncore-3.14-64`;
    const system = fakeSystem({
      platform: 'win32',
      uid: null,
      env: WINDOWS_ENV,
      files: {
        [`${LOCAL}\\Microsoft\\WindowsApps\\py.exe`]: ALIAS,
        [`${LOCAL}\\Microsoft\\WindowsApps\\python3.exe`]: ALIAS,
        [`${dir}\\python.exe`]: { exec: 'MZ' },
      },
      commands: [{ file: `${dir}\\python.exe`, result: probeAnswer(windowsProbe(14, 2, dir)) }],
    });
    const facts = await gatherFacts(system, { python: 'python3', version: 'test' });
    expect(facts.python.windows?.launcher?.kind).toBe('install-manager');
    expect(facts.python.probe?.version).toBe('3.14.2');
    expect(system.calls.filter((c) => /WindowsApps/i.test(c))).toEqual([]);
  });

  it('a moved venv: Scripts\\python.exe never run, its base judged, activate.bat names the old place', async () => {
    const project = 'C:\\Users\\ada\\src\\app';
    const base = `${LOCAL}\\Programs\\Python\\Python312`;
    const venv = `${project}\\.venv`;
    const system = fakeSystem({
      platform: 'win32',
      uid: null,
      env: WINDOWS_ENV,
      files: {
        [`${project}\\pyproject.toml`]: '[project]\nname = "app"\n',
        [`${venv}\\pyvenv.cfg`]: `home = ${base}\r\ninclude-system-site-packages = false\r\nversion = 3.12.10\r\nexecutable = ${base}\\python.exe\r\ncommand = ${base}\\python.exe -m venv C:\\Users\\ada\\old\\app\\.venv\r\n`,
        [`${venv}\\Scripts\\python.exe`]: { exec: 'MZ' },
        [`${venv}\\Scripts\\pythonw.exe`]: { exec: 'MZ' },
        [`${venv}\\Scripts\\pip.exe`]: { exec: 'MZ' },
        [`${venv}\\Scripts\\activate.bat`]:
          '@echo off\r\n\r\nrem This file is UTF-8 encoded, so we need to update the current code page while executing it\r\nset "VIRTUAL_ENV=C:\\Users\\ada\\old\\app\\.venv"\r\n',
        [`${venv}\\Scripts\\Activate.ps1`]: '',
        [`${base}\\python.exe`]: { exec: 'MZ' },
      },
      commands: [{ file: `${base}\\python.exe`, result: probeAnswer(windowsProbe(12, 10, base)) }],
    });
    system.cwd = project;
    const facts = await gatherProject(system, { dir: project, venv: null, require: null, untrusted: [project] });
    expect(facts.venv).toMatchObject({
      layout: 'windows',
      hasPip: true,
      hasActivate: true,
      activateVirtualEnv: 'C:\\Users\\ada\\old\\app\\.venv',
      probe: { version: '3.12.10' },
    });
    expect(system.calls).toEqual([expect.stringMatching(/^C:.*Python312\\python\.exe -I/)]);
    expect(system.calls.some((c) => c.includes('.venv'))).toBe(false);
  });

  it("the venv's base Python removed: the venv's interpreter is gone, and nothing is run", async () => {
    const project = 'C:\\Users\\ada\\src\\app';
    const base = `${LOCAL}\\Programs\\Python\\Python311`;
    const venv = `${project}\\.venv`;
    const system = fakeSystem({
      platform: 'win32',
      uid: null,
      env: WINDOWS_ENV,
      files: {
        [`${project}\\requirements.txt`]: 'requests\n',
        [`${venv}\\pyvenv.cfg`]: `home = ${base}\r\nversion = 3.11.9\r\n`,
        [`${venv}\\Scripts\\python.exe`]: { exec: 'MZ' },
        [`${venv}\\Scripts\\activate.bat`]: `set "VIRTUAL_ENV=${venv}"\r\n`,
      },
    });
    const facts = await gatherProject(system, { dir: project, venv: null, require: null, untrusted: [project] });
    expect(facts.venv?.interpreter).toMatchObject({ resolved: null, missing: `${base}\\python.exe` });
    expect(system.calls).toEqual([]);
  });
});

describe('Windows parsers', () => {
  it("py -0p: the 3.11+ launcher's, the older launcher's and the install manager's rows", () => {
    const launcher2 = ' -V:3.13 *        C:\\Python313\\python.exe\n -V:Astral/CPython3.12.11 C:\\uv\\python.exe\n';
    expect(parsePyList(launcher2)).toEqual([
      { tag: '3.13', path: 'C:\\Python313\\python.exe', isDefault: true },
      { tag: 'Astral/CPython3.12.11', path: 'C:\\uv\\python.exe', isDefault: false },
    ]);
    const legacy =
      ' -3.9-64 *      C:\\Program Files\\Python39\\python.exe\n -3.8-32        C:\\Python38-32\\python.exe\n';
    expect(parsePyList(legacy).map((r) => r.tag)).toEqual(['3.9', '3.8-32']);
    expect(parsePyList('No Installed Pythons Found!\n')).toEqual([]);
    // The install manager: its default platform in brackets, its own runtimes beside a python.org one.
    const manager = ` -V:3.13[-64] *   ${'C:\\Users\\me\\AppData\\Local\\Python\\pythoncore-3.13-64\\python.exe'}\n -V:3.11           C:\\Python311\\python.exe\n`;
    expect(parsePyList(manager).map((r) => [r.tag, r.isDefault])).toEqual([
      ['3.13', true],
      ['3.11', false],
    ]);
    // A line with a control character or a quote is not a path to run.
    expect(parsePyList(' -V:3.13 C:\\x\u001b]0;\\python.exe\n -V:3.12 C:\\a"b\\python.exe\n')).toEqual([]);
  });

  it("directory names of python.org's installers and of the install manager", () => {
    expect(
      [
        'Python313',
        'Python313-32',
        'Python314-arm64',
        'pythoncore-3.14-64',
        'pythoncore-3.14t-64',
        'Launcher',
        'Python2',
      ].map(tagOfDirectory),
    ).toEqual(['3.13', '3.13-32', '3.14-arm64', '3.14', '3.14t', null, null]);
  });

  it("the Windows release from Node's own answers: build 22000 and later is Windows 11", () => {
    expect(windowsIdentity('Windows 10 Pro', '10.0.26100')).toMatchObject({
      name: 'Windows 11 Pro',
      version: '11.0.26100',
    });
    expect(windowsIdentity('Windows 10 Home', '10.0.19045')).toMatchObject({
      name: 'Windows 10 Home',
      version: '10.0.19045',
    });
  });
});
