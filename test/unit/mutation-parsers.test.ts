// The pure parsers of what the machine says (os-release, dpkg-query, apt-cache policy, apt sources, the PEP 668
// marker, the Python probe, a venv's files) and the project boundary, case by case: each expectation is what
// the format (os-release(5), dpkg, apt, configparser, venv) means, on small hand-written inputs.
import { describe, expect, it } from 'vitest';
import { markerErrorText } from '../../src/facts/marker.js';
import { looksLikeText, parseAssignments, parseOsRelease } from '../../src/facts/os-release.js';
import { isProbe, PROBE_SENTINEL, PROBE_SOURCE, parseProbeOutput, probeArgs } from '../../src/facts/probe.js';
import {
  activateVirtualEnv,
  parsePyvenvCfg,
  shebangInterpreter,
  venvDirOfInterpreter,
} from '../../src/facts/venv-files.js';
import { isInside, trustBoundary } from '../../src/paths.js';
import { quoteArg, shellQuote } from '../../src/quote.js';
import {
  DPKG_QUERY_FORMAT,
  hasPackageLists,
  parseAptPolicy,
  parseDpkgQuery,
  sourcesEnableUniverse,
} from '../../src/systems/apt.js';
import { healthyProbe } from '../helpers/facts.js';

describe('parseAssignments: KEY=VALUE lines of os-release(5)', () => {
  it('keeps only assignments whose key is a shell variable name', () => {
    const fields = parseAssignments('1ID=x\nA-B=y\nGOOD_1=z\n_X=w\n=nokey\nnot an assignment\n');
    expect([...fields.entries()]).toEqual([
      ['GOOD_1', 'z'],
      ['_X', 'w'],
    ]);
  });
  it('skips comments and blank lines; a # inside a value is part of it', () => {
    expect([...parseAssignments('# ID=commented\n\n   \nNAME=Foo #1\n').entries()]).toEqual([['NAME', 'Foo #1']]);
    expect(parseAssignments('NAME=Foo #').get('NAME')).toBe('Foo #');
  });
  it('tolerates spaces around the = and around the value', () => {
    expect(parseAssignments('  NAME = "Foo Linux"  ').get('NAME')).toBe('Foo Linux');
    expect(parseAssignments('NAME= "Foo"').get('NAME')).toBe('Foo');
  });
  it('a line without = is not an assignment, whatever it looks like', () => {
    expect(parseAssignments('NAMEX\nIDX').size).toBe(0);
  });
  it('the value is everything after the first =', () => {
    expect(parseAssignments('URL=https://x/?a=b').get('URL')).toBe('https://x/?a=b');
  });
  it('unquotes double and single quotes; shell escapes only inside double quotes', () => {
    const fields = parseAssignments(
      ['D="a \\"b\\" \\\\ \\$x \\`y\\`"', 'S=\'a \\"b\\" c\'', 'U=abba', 'O="unterminated', "P='half"].join('\n'),
    );
    expect(fields.get('D')).toBe('a "b" \\ $x `y`');
    expect(fields.get('S')).toBe('a \\"b\\" c');
    expect(fields.get('U')).toBe('abba');
    expect(fields.get('O')).toBe('unterminated');
    expect(fields.get('P')).toBe('half');
  });
  it('a lone quote is an empty value; a value that only ends with a quote is kept as written', () => {
    expect(parseAssignments('A="\nB=x"').get('A')).toBe('');
    expect(parseAssignments('B=x"').get('B')).toBe('x"');
  });
  it('the last of duplicate keys wins, and CR, CRLF and LF all end lines', () => {
    expect(parseAssignments('ID=a\r\nID=b\rNAME=n\nID=c').get('ID')).toBe('c');
    expect(parseAssignments('ID=a\rNAME=n').get('NAME')).toBe('n');
  });
});

describe('parseOsRelease', () => {
  it('reads every field of a Debian 12 file', () => {
    const text = [
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
      'NAME="Debian GNU/Linux"',
      'VERSION_ID="12"',
      'VERSION="12 (bookworm)"',
      'VERSION_CODENAME=bookworm',
      'ID=debian',
    ].join('\n');
    expect(parseOsRelease(text)).toEqual({
      id: 'debian',
      idLike: [],
      versionId: '12',
      codename: 'bookworm',
      name: 'Debian GNU/Linux',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
      version: '12 (bookworm)',
    });
  });
  it('control characters are removed, empty values are absent, long values are cut at 200', () => {
    const os = parseOsRelease(`NAME="Deb\u0001ian\u007f"\nPRETTY_NAME=""\nVERSION=" "\nVERSION_ID=${'9'.repeat(300)}`);
    expect(os.name).toBe('Debian');
    expect(os.prettyName).toBeNull();
    expect(os.version).toBeNull();
    expect(os.versionId).toBe('9'.repeat(200));
  });
  it('ID is lower-cased, and is null when it is not a valid ID (spaces, other characters)', () => {
    expect(parseOsRelease('ID=Ubuntu').id).toBe('ubuntu');
    expect(parseOsRelease('ID="Debian Linux"').id).toBeNull();
    expect(parseOsRelease('ID=""').id).toBeNull();
  });
  it('ID_LIKE: lower-cased, deduplicated, without the ID itself or invalid words', () => {
    expect(parseOsRelease('ID=rocky\nID_LIKE="RHEL  centos fedora rhel rocky b@d"').idLike).toEqual([
      'rhel',
      'centos',
      'fedora',
    ]);
  });
  it('the codename: VERSION_CODENAME, else UBUNTU_CODENAME, else from VERSION', () => {
    expect(parseOsRelease('VERSION_CODENAME=noble\nUBUNTU_CODENAME=jammy\nVERSION="24.04 (x)"').codename).toBe('noble');
    expect(parseOsRelease('UBUNTU_CODENAME=jammy\nVERSION="22.04 (x)"').codename).toBe('jammy');
    // An empty VERSION_CODENAME is a codename that is not there, not a reason to guess from VERSION.
    expect(parseOsRelease('VERSION_CODENAME=\nVERSION="11 (bullseye)"').codename).toBeNull();
    expect(parseOsRelease('VERSION="11 (bullseye)"').codename).toBe('bullseye');
    expect(parseOsRelease('VERSION="14.04.3 LTS, Trusty Tahr"').codename).toBe('Trusty Tahr');
    expect(parseOsRelease('VERSION="14.04.3 LTS,Trusty Tahr"').codename).toBe('Trusty Tahr');
    expect(parseOsRelease('VERSION="1 (foo (bar))"').codename).toBe('foo (bar)');
    expect(parseOsRelease('VERSION="12"').codename).toBeNull();
    expect(parseOsRelease('ID=debian').codename).toBeNull();
    expect(parseOsRelease('VERSION="3 ( )"').codename).toBeNull();
  });
  it('looksLikeText: a NUL byte means binary junk', () => {
    expect(looksLikeText(new Uint8Array([0x49, 0x44, 0x3d]))).toBe(true);
    expect(looksLikeText(new Uint8Array([0x49, 0x00, 0x3d]))).toBe(false);
  });
});

describe('dpkg-query', () => {
  it('asks dpkg-query for name, abbreviated status and version, tab-separated, one package a line', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own ${Field} syntax
    expect(DPKG_QUERY_FORMAT).toBe('${Package}\\t${db:Status-Abbrev}\\t${Version}\\n');
  });
  it('reads status and version; a version with trailing CR or spaces is trimmed; none is null', () => {
    expect(parseDpkgQuery('python3.11\tii \t3.11.2-6\r\npython3.11-venv\tun \t\npython3-pip\tii\n')).toEqual({
      'python3.11': { installed: true, version: '3.11.2-6' },
      'python3.11-venv': { installed: false, version: null },
      'python3-pip': { installed: true, version: null },
    });
  });
  it('a line without a status, or with a name Debian would not allow, is no package', () => {
    expect(parseDpkgQuery('python3\n')).toEqual({});
    expect(parseDpkgQuery('python3_foo\tii \t1\nPython3\tii \t1\nx\tii \t1\npython3 x\tii \t1\n')).toEqual({});
  });
  it('of two entries for one name (architectures), the installed one wins, in either order', () => {
    const installed = { installed: true, version: '3.11.2-6' };
    expect(parseDpkgQuery('python3.11\tii \t3.11.2-6\npython3.11\tun \t\n')).toEqual({ 'python3.11': installed });
    expect(parseDpkgQuery('python3.11\tun \t\npython3.11\tii \t3.11.2-6\n')).toEqual({ 'python3.11': installed });
    expect(parseDpkgQuery('python3.11\trc \t1\npython3.11\tun \t\n')).toEqual({
      'python3.11': { installed: false, version: null },
    });
  });
  it('only "ii" is installed: "iU" (unpacked, not configured), "rc", "un" are known, not installed', () => {
    expect(parseDpkgQuery('a1\tii \t1\nb1\tiU \t1\nc1\trc \t1\nd1\tun \t\n')).toEqual({
      a1: { installed: true, version: '1' },
      b1: { installed: false, version: '1' },
      c1: { installed: false, version: '1' },
      d1: { installed: false, version: null },
    });
  });
});

describe('apt-cache policy', () => {
  const stanza = (header: string, candidate: string) =>
    `${header}\n  Installed: (none)\n  Candidate: ${candidate}\n  Version table:\n     ${candidate} 500\n`;
  it('reads each package, with or without an architecture qualifier', () => {
    expect(
      parseAptPolicy(stanza('python3.11-venv:', '3.11.2-6') + stanza('python3-pip:amd64:', '23.0.1+dfsg-1')),
    ).toEqual({
      'python3.11-venv': '3.11.2-6',
      'python3-pip': '23.0.1+dfsg-1',
    });
  });
  it('(none) is no candidate', () => {
    expect(parseAptPolicy(stanza('python3.12-venv:', '(none)'))).toEqual({ 'python3.12-venv': null });
  });
  it('CRLF line endings are read as well', () => {
    expect(parseAptPolicy('python3.11-venv:\r\n  Candidate: 3.11.2-6\r\n')).toEqual({ 'python3.11-venv': '3.11.2-6' });
  });
  it('a Candidate line belongs only to a package header before it', () => {
    expect(parseAptPolicy('  Candidate: 1.0\n')).toEqual({});
    expect(parseAptPolicy('  Version table:\n  Candidate: 1.0\n')).toEqual({});
    expect(parseAptPolicy('notes: not a header\n  Candidate: 9\n')).toEqual({});
    expect(parseAptPolicy('Python3:\n  Candidate: 9\n')).toEqual({});
    // One Candidate per header: a second is not that package's.
    expect(parseAptPolicy('python3:\n  Candidate: 1\n  Candidate: 2\n')).toEqual({ python3: '1' });
  });
  it('apt prints nothing for a name it does not know: no entry', () => {
    expect(parseAptPolicy('')).toEqual({});
  });
});

describe('apt lists and sources', () => {
  it('hasPackageLists: a Packages index, compressed or not; not its diff index or other files', () => {
    const base = 'deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages';
    expect(hasPackageLists(['lock', 'partial', base])).toBe(true);
    for (const ext of ['gz', 'xz', 'lz4', 'zst', 'bz2']) expect(hasPackageLists(['lock', `${base}.${ext}`])).toBe(true);
    expect(hasPackageLists(['lock', `${base}.diff_Index`, 'x_InRelease'])).toBe(false);
    expect(hasPackageLists([`${base}.lzma`])).toBe(false);
    expect(hasPackageLists([])).toBe(false);
  });
  it('sourcesEnableUniverse: one-line deb entries', () => {
    expect(sourcesEnableUniverse(['deb http://archive.ubuntu.com/ubuntu jammy main restricted universe'])).toBe(true);
    expect(sourcesEnableUniverse(['deb [arch=amd64] http://x jammy main universe multiverse'])).toBe(true);
    expect(sourcesEnableUniverse(['deb http://x jammy main multiverse'])).toBe(false);
    expect(sourcesEnableUniverse(['# deb http://x jammy universe'])).toBe(false);
    expect(sourcesEnableUniverse(['deb http://x jammy main # universe'])).toBe(false);
    expect(sourcesEnableUniverse(['deb-src http://x jammy main universe'])).toBe(false);
    expect(sourcesEnableUniverse(['  deb http://x jammy main universe'])).toBe(true);
    expect(sourcesEnableUniverse(['deb http://x noble main universe#a comment'])).toBe(true);
    expect(sourcesEnableUniverse(['deb http://x jammy main universe-extra'])).toBe(false);
  });
  it('sourcesEnableUniverse: deb822 Components fields, in any of several files', () => {
    const deb822 = 'Types: deb\nURIs: http://archive.ubuntu.com/ubuntu\nSuites: noble\nComponents: main universe\n';
    expect(sourcesEnableUniverse(['', deb822])).toBe(true);
    expect(sourcesEnableUniverse(['Components: main restricted\r\nX: universe'])).toBe(false);
    expect(sourcesEnableUniverse(['components: universe main'])).toBe(true);
    expect(sourcesEnableUniverse(['Components: main #universe'])).toBe(false);
    expect(sourcesEnableUniverse([])).toBe(false);
  });
});

describe('markerErrorText: the Error key of [externally-managed] (configparser)', () => {
  const DEBIAN = [
    '[externally-managed]',
    'Error=To install Python packages system-wide, try apt install',
    ' python3-xyz, where xyz is the package you are trying to',
    ' install.',
    '',
    ' For more information visit http://rptl.io/venv',
  ].join('\n');
  it("reads Debian's text with its continuation lines and a blank line inside", () => {
    expect(markerErrorText(DEBIAN)).toBe(
      'To install Python packages system-wide, try apt install\npython3-xyz, where xyz is the package you are trying to\ninstall.\n\nFor more information visit http://rptl.io/venv',
    );
  });
  it('continuation lines may be indented by any whitespace; a blank line of spaces is blank', () => {
    expect(markerErrorText('[externally-managed]\nError=a\n    b\n   \n\tc')).toBe('a\nb\n\nc');
  });
  it('the value ends at a line that is not indented', () => {
    expect(markerErrorText('[externally-managed]\nError=a\nKey=b c\n  d')).toBe('a');
  });
  it('the value ends at the next section header, even one of the same name', () => {
    expect(markerErrorText('[externally-managed]\nError=a\n[externally-managed]\n  more')).toBe('a');
    expect(markerErrorText('[externally-managed]\nError=a\n[other]\n  more')).toBe('a');
  });
  it('an Error outside the section, or before it, is not the marker', () => {
    expect(markerErrorText('Error=x')).toBeNull();
    expect(markerErrorText('[other]\nError=x')).toBeNull();
    expect(markerErrorText('[not-externally-managed]\nError=x')).toBeNull();
    expect(markerErrorText('x[externally-managed]\nError=x')).toBeNull();
    // configparser reads the name of this section as "x][externally-managed".
    expect(markerErrorText('[x][externally-managed]\nError=x')).toBeNull();
  });
  it('the section header may carry spaces around it and any case', () => {
    expect(markerErrorText('  [Externally-Managed]  \nError=x')).toBe('x');
  });
  it('Error: and spaces around the = are allowed; other keys are not Error', () => {
    expect(markerErrorText('[externally-managed]\nError = x')).toBe('x');
    expect(markerErrorText('[externally-managed]\nError: y')).toBe('y');
    expect(markerErrorText('[externally-managed]\nNoError=x')).toBeNull();
  });
  it('a bracket inside the value is text, not a section', () => {
    expect(markerErrorText('[externally-managed]\nError=pip[s] refused')).toBe('pip[s] refused');
  });
  it('an empty Error is none (pip then shows its own text)', () => {
    expect(markerErrorText('[externally-managed]\nError=\n')).toBeNull();
    expect(markerErrorText('[externally-managed]\n')).toBeNull();
  });
});

describe('the Python probe', () => {
  const line = (value: unknown) => `${PROBE_SENTINEL}${JSON.stringify(value)}`;
  it('the arguments: isolated mode, and -S for an interpreter whose site must not run', () => {
    expect(probeArgs()).toEqual(['-I', '-c', PROBE_SOURCE]);
    expect(probeArgs(true)).toEqual(['-I', '-c', PROBE_SOURCE]);
    expect(probeArgs(false)).toEqual(['-I', '-S', '-c', PROBE_SOURCE]);
  });
  it('the program writes the sentinel the parser looks for, and every field of a Probe', () => {
    expect(PROBE_SENTINEL.length).toBeGreaterThan(8);
    expect(PROBE_SOURCE).toContain(`sys.stdout.write('${PROBE_SENTINEL}' + q({`);
    for (const key of Object.keys(healthyProbe())) expect(PROBE_SOURCE).toContain(`'${key}':`);
  });
  it('finds the probe line among other output (a sitecustomize may print)', () => {
    const probe = healthyProbe();
    expect(parseProbeOutput(`hello from sitecustomize\n${line(probe)}\nbye\n`)).toEqual(probe);
  });
  it('no probe line, a broken one, or a wrong shape: null', () => {
    expect(parseProbeOutput('hello\n')).toBeNull();
    expect(parseProbeOutput(`${PROBE_SENTINEL}{"version": "3.11`)).toBeNull();
    expect(parseProbeOutput(line({ version: '3.11.2' }))).toBeNull();
    expect(parseProbeOutput(`x${line(healthyProbe())}`)).toBeNull();
  });
  it('isProbe: not an object', () => {
    for (const v of [null, undefined, 'probe', 42, true]) expect(isProbe(v)).toBe(false);
    expect(isProbe(healthyProbe())).toBe(true);
  });
  it('isProbe: null where null is allowed', () => {
    expect(isProbe(healthyProbe({ wheelDir: null, pip: null, marker: { text: null } }))).toBe(true);
    expect(isProbe({ ...healthyProbe(), pip: '/usr/lib/python3/dist-packages/pip' })).toBe(true);
  });
  const broken: [string, Record<string, unknown>][] = [
    ['version', { version: 3 }],
    ['versionInfo not a list', { versionInfo: '3.11.2' }],
    ['versionInfo of two', { versionInfo: [3, 11] }],
    ['versionInfo of four', { versionInfo: [3, 11, 2, 0] }],
    ['versionInfo not integers', { versionInfo: [3, 11, 2.5] }],
    ['versionInfo one integer', { versionInfo: ['3', '11', 2] }],
    ['executable', { executable: null }],
    ['realExecutable', { realExecutable: 1 }],
    ['prefix', { prefix: null }],
    ['basePrefix', { basePrefix: null }],
    ['stdlib', { stdlib: null }],
    ['platform', { platform: null }],
    ['implementation', { implementation: null }],
    ['marker missing', { marker: undefined }],
    ['marker null', { marker: null }],
    ['marker a string', { marker: 'x' }],
    ['marker.present', { marker: { path: '/x', present: 'yes', text: null } }],
    ['marker.path', { marker: { path: null, present: true, text: null } }],
    ['marker.text', { marker: { path: '/x', present: true, text: 3 } }],
    ['ensurepipMain', { ensurepipMain: 'true' }],
    ['wheelDir', { wheelDir: 1 }],
    ['wheelDirFiles not a list', { wheelDirFiles: 'pip.whl' }],
    ['wheelDirFiles of numbers', { wheelDirFiles: [1] }],
    ['bundledFiles', { bundledFiles: null }],
    ['bundledFiles of numbers', { bundledFiles: ['a', 2] }],
    ['pip', { pip: 1 }],
    ['venvModule', { venvModule: null }],
    ['condaMeta', { condaMeta: 'no' }],
  ];
  it.each(broken)('isProbe: a wrong %s is not a probe', (_, patch) => {
    expect(isProbe({ ...healthyProbe(), ...patch })).toBe(false);
  });
});

describe("a venv's files", () => {
  it('pyvenv.cfg of Debian 12 (python3.11)', () => {
    const text = [
      'home = /usr/bin',
      'include-system-site-packages = false',
      'version = 3.11.2',
      'executable = /usr/bin/python3.11',
      'command = /usr/bin/python3 -m venv /srv/app/.venv',
      '',
    ].join('\n');
    expect(parsePyvenvCfg(text)).toEqual({
      home: '/usr/bin',
      version: '3.11.2',
      executable: '/usr/bin/python3.11',
      command: '/usr/bin/python3 -m venv /srv/app/.venv',
    });
  });
  it('pyvenv.cfg: keys case-insensitive, - and _ alike, spaces and CRLF around; empty is absent', () => {
    expect(parsePyvenvCfg('  HOME=/opt/py/bin  \r\nVersion_Info = 3.12.1\r\nexecutable =\r\n')).toEqual({
      home: '/opt/py/bin',
      version: '3.12.1',
      executable: null,
      command: null,
    });
    expect(parsePyvenvCfg('version-info = 3.13.0').version).toBe('3.13.0');
  });
  it('pyvenv.cfg: version wins over version_info; a line that is not key = value is ignored', () => {
    expect(parsePyvenvCfg('version_info = 3.12.1.final.0\nversion = 3.12.1\nhome /x\n= y\n2x = z').version).toBe(
      '3.12.1',
    );
    expect(parsePyvenvCfg('home /x\nhome2 = /y\nx home = /z')).toEqual({
      home: null,
      version: null,
      executable: null,
      command: null,
    });
  });
  it('pyvenv.cfg: a value is kept whole (with = inside), and cut at 4096 characters', () => {
    expect(parsePyvenvCfg('command = /usr/bin/python3 -m venv --prompt=a=b /x').command).toBe(
      '/usr/bin/python3 -m venv --prompt=a=b /x',
    );
    expect(parsePyvenvCfg(`home = /${'h'.repeat(5000)}`).home).toBe(`/${'h'.repeat(4095)}`);
  });
  it('activate: the forms of VIRTUAL_ENV= that older, Debian and 3.13 venvs write', () => {
    expect(activateVirtualEnv('deactivate () {\n}\nVIRTUAL_ENV="/srv/app/.venv"\nexport VIRTUAL_ENV\n')).toBe(
      '/srv/app/.venv',
    );
    expect(activateVirtualEnv('VIRTUAL_ENV=/srv/app/.venv')).toBe('/srv/app/.venv');
    expect(activateVirtualEnv('  export  VIRTUAL_ENV="/srv/app/.venv"  ')).toBe('/srv/app/.venv');
    expect(
      activateVirtualEnv(
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell script, not a template
        'if [ "${OSTYPE:-}" = "cygwin" ] ; then\n    export VIRTUAL_ENV=$(cygpath "/srv/app/.venv")\nelse\n    export VIRTUAL_ENV="/srv/app/.venv"\nfi\n',
      ),
    ).toBe('/srv/app/.venv');
    expect(activateVirtualEnv("VIRTUAL_ENV='/srv/app/.venv'\r\n")).toBe('/srv/app/.venv');
    expect(activateVirtualEnv('VIRTUAL_ENV="C:\\Users\\al\\app\\.venv"')).toBe('C:\\Users\\al\\app\\.venv');
    expect(activateVirtualEnv('VIRTUAL_ENV="C:/Users/al/app/.venv"')).toBe('C:/Users/al/app/.venv');
  });
  it('activate: relative, computed, mismatched-quote or missing values name no directory', () => {
    expect(activateVirtualEnv('VIRTUAL_ENV=.venv')).toBeNull();
    expect(activateVirtualEnv('VIRTUAL_ENV=venvs/C:/x')).toBeNull();
    expect(activateVirtualEnv('VIRTUAL_ENV="C:venv"')).toBeNull();
    expect(activateVirtualEnv('VIRTUAL_ENV=$(cygpath /x)')).toBeNull();
    expect(activateVirtualEnv('VIRTUAL_ENV="/x\'')).toBeNull();
    expect(activateVirtualEnv('VIRTUAL_ENV="/x" # comment')).toBeNull();
    expect(activateVirtualEnv('MY_VIRTUAL_ENV="/x"')).toBeNull();
    expect(activateVirtualEnv('exportVIRTUAL_ENV="/x"')).toBeNull();
    expect(activateVirtualEnv('')).toBeNull();
  });
  it('shebangInterpreter: the first word of the #! line', () => {
    expect(shebangInterpreter('#!/srv/app/.venv/bin/python3\n# -*- coding: utf-8 -*-\nimport re\n')).toBe(
      '/srv/app/.venv/bin/python3',
    );
    expect(shebangInterpreter('#! /usr/bin/python3 -E\n')).toBe('/usr/bin/python3');
    expect(shebangInterpreter('#!/usr/bin/env python3')).toBe('/usr/bin/env');
    expect(shebangInterpreter('#!/usr/bin/python3\t-s')).toBe('/usr/bin/python3');
  });
  it("shebangInterpreter: pip's /bin/sh launcher for paths with spaces", () => {
    const quotedPath = `#!/bin/sh\n'''exec' "/srv/my app/.venv/bin/python3" "$0" "$@"\n' '''\n`;
    expect(shebangInterpreter(quotedPath)).toBe('/srv/my app/.venv/bin/python3');
    expect(shebangInterpreter(`#!/bin/sh\n'''exec' /srv/app/.venv/bin/python3 "$0" "$@"\n`)).toBe(
      '/srv/app/.venv/bin/python3',
    );
    // A plain shell script is not a Python script.
    expect(shebangInterpreter('#!/bin/sh\necho hi\n')).toBeNull();
    expect(shebangInterpreter("#!/bin/sh\nx '''exec' /p/bin/python\n")).toBeNull();
  });
  it('shebangInterpreter: not a script', () => {
    expect(shebangInterpreter('\u007fELF\u0002\u0001')).toBeNull();
    expect(shebangInterpreter(' #!/usr/bin/python3')).toBeNull();
    expect(shebangInterpreter('')).toBeNull();
    expect(shebangInterpreter('# !/usr/bin/python3')).toBeNull();
  });
  it('venvDirOfInterpreter: the venv above bin/ or Scripts\\', () => {
    expect(venvDirOfInterpreter('/old/.venv/bin/python3')).toBe('/old/.venv');
    expect(venvDirOfInterpreter('/old/.venv/bin/python3.11')).toBe('/old/.venv');
    expect(venvDirOfInterpreter('/old/.venv/bin/python')).toBe('/old/.venv');
    expect(venvDirOfInterpreter('C:\\old\\.venv\\Scripts\\python.exe')).toBe('C:\\old\\.venv');
    expect(venvDirOfInterpreter('C:\\old\\.venv\\scripts\\PYTHON.EXE')).toBe('C:\\old\\.venv');
    expect(venvDirOfInterpreter('/a/bin/x/bin/python3')).toBe('/a/bin/x');
  });
  it('venvDirOfInterpreter: not a venv interpreter', () => {
    expect(venvDirOfInterpreter('/usr/bin/env')).toBeNull();
    expect(venvDirOfInterpreter('/x/bin/pip')).toBeNull();
    expect(venvDirOfInterpreter('/x/lib/python3')).toBeNull();
    expect(venvDirOfInterpreter('python3')).toBeNull();
    expect(venvDirOfInterpreter('/x/bin/python3-config')).toBeNull();
    expect(venvDirOfInterpreter('/x/bin/python3 ')).toBeNull();
    expect(venvDirOfInterpreter('/x/sbin/python3')).toBeNull();
    expect(venvDirOfInterpreter('/x/mybin/python3')).toBeNull();
  });
});

describe('the project boundary', () => {
  it.each([
    ['/srv/app', '/srv/app', true],
    ['/srv/app/', '/srv/app', true],
    ['/srv/app', '/srv/app/', true],
    ['/srv/app/.venv/bin/python', '/srv/app', true],
    ['//srv//app//x', '/srv/app', true],
    ['/srv/application', '/srv/app', false],
    ['/srv', '/srv/app', false],
    ['/srv/app/../other', '/srv/app', false],
    ['/srv/app/./x/..', '/srv/app', true],
    ['/usr', '/', true],
    ['/', '/', true],
    ['/usr', '//', true],
    ['relative', '/', false],
    ['/usr/bin', '/usr/bin/..', true],
    ['/x/srv/app', '/srv/app', false],
    ['/srv/app/x', 'srv/app', false],
  ])('isInside(%j, %j) is %s', (path, root, inside) => {
    expect(isInside(path, root)).toBe(inside);
  });
  it('trustBoundary: the project, unless it is / or holds the home directory', () => {
    expect(trustBoundary('/srv/app', '/root')).toEqual(['/srv/app']);
    expect(trustBoundary('/srv/app', undefined)).toEqual(['/srv/app']);
    expect(trustBoundary('/srv/app', '')).toEqual(['/srv/app']);
    expect(trustBoundary('/home/al/proj', '/home/al')).toEqual(['/home/al/proj']);
    expect(trustBoundary('/', '/root')).toEqual([]);
    expect(trustBoundary('/', undefined)).toEqual([]);
    expect(trustBoundary('/home/al', '/home/al')).toEqual([]);
    expect(trustBoundary('/home', '/home/al')).toEqual([]);
  });
  it('shellQuote: plain words as they are, anything else single-quoted', () => {
    expect(shellQuote(['apt-get', 'install', '-y', 'python3.11-venv'])).toBe('apt-get install -y python3.11-venv');
    expect(quoteArg("it's")).toBe(`'it'\\''s'`);
    expect(quoteArg('')).toBe("''");
    expect(quoteArg('a b')).toBe("'a b'");
  });
});
