// Parsers of dpkg and apt output, on outputs recorded on real systems.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markerErrorText } from '../../src/facts/marker.js';
import { hasPackageLists, parseAptPolicy, parseDpkgQuery, sourcesEnableUniverse } from '../../src/systems/apt.js';
import { CORPUS, FIXTURES, TEXTS } from '../helpers/paths.js';

const fixture = (name: string) => readFileSync(join(FIXTURES, 'debian', name), 'utf8');
const roots = (path: string) => readFileSync(join(CORPUS, 'debian-roots', path), 'utf8');

describe('parseDpkgQuery', () => {
  it('reads a minimal Debian 12 root: python3.11 installed, python3.11-venv known but not installed', () => {
    const pkgs = parseDpkgQuery(fixture('dpkg-query_bookworm-minbase-python3.txt'));
    expect(pkgs['python3.11']).toEqual({ installed: true, version: '3.11.2-6+deb12u8' });
    expect(pkgs['python3.11-venv']).toEqual({ installed: false, version: null });
    expect(pkgs['python3-pip-whl']).toBeUndefined();
  });
  it('reads this machine (Debian 12 with the venv package and pip)', () => {
    const pkgs = parseDpkgQuery(fixture('dpkg-query_this-machine_debian12.txt'));
    expect(pkgs['python3.11-venv']?.installed).toBe(true);
    expect(pkgs['python3-pip-whl']?.installed).toBe(true);
    expect(pkgs['python-pip-whl']).toEqual({ installed: false, version: null });
  });
  it('ignores lines that are not package lines', () => {
    expect(parseDpkgQuery('dpkg-query: no packages found matching x\n\n;rm -rf\tii \t1\n')).toEqual({});
  });
});

describe('parseAptPolicy', () => {
  it.each(['bullseye', 'bookworm', 'trixie'])('reads the candidates recorded in a %s root', (suite) => {
    const candidates = parseAptPolicy(roots(`${suite}/policy.txt`));
    const venv = Object.keys(candidates).find((n) => /^python3\.\d+-venv$/.test(n));
    expect(venv).toBeDefined();
    expect(candidates[venv as string]).toMatch(/^3\.\d+\.\d+-/);
    expect(candidates['python3-pip']).toMatch(/^\d+\.\d+(\.\d+)?[+-]/);
  });
  it('reads "(none)" as no candidate (empty package lists)', () => {
    expect(parseAptPolicy(roots('bookworm/policy-nolists.txt'))).toEqual({ 'python3.11-venv': null });
  });
  it('a name apt does not know is simply absent (apt prints nothing, exits 0)', () => {
    const candidates = parseAptPolicy(fixture('apt-cache-policy_bookworm-minbase.txt'));
    expect(candidates).toEqual({ 'python3.11-venv': '3.11.2-6+deb12u8', 'python3-pip': '23.0.1+dfsg-1' });
  });
});

describe('apt lists and sources', () => {
  it('knows an empty lists directory from a populated one', () => {
    expect(hasPackageLists(['lock', 'partial', 'auxfiles'])).toBe(false);
    expect(hasPackageLists(['deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4'])).toBe(true);
  });
  it('finds universe in one-line and deb822 sources, and its absence', () => {
    expect(sourcesEnableUniverse(['deb http://archive.ubuntu.com/ubuntu noble main universe\n'])).toBe(true);
    expect(
      sourcesEnableUniverse([
        'Types: deb\nURIs: http://archive.ubuntu.com/ubuntu\nSuites: noble\nComponents: main restricted universe\n',
      ]),
    ).toBe(true);
    expect(
      sourcesEnableUniverse(['Types: deb\nComponents: main restricted\n', '# deb http://x noble universe\n']),
    ).toBe(false);
  });
});

describe('markerErrorText', () => {
  const text = (name: string) => readFileSync(join(TEXTS, name), 'utf8');
  it('quotes Debian 12 verbatim', () => {
    const quoted = markerErrorText(text('debian-12-bookworm_python3.11_EXTERNALLY-MANAGED.txt'));
    expect(quoted?.split('\n')[0]).toBe('To install Python packages system-wide, try apt install');
    expect(quoted).toMatch(/See \/usr\/share\/doc\/python3\.11\/README\.venv for more information\.$/);
  });
  it.each([
    'homebrew_python@3.12_EXTERNALLY-MANAGED.txt',
    'uv-managed-python_EXTERNALLY-MANAGED.txt',
    'alpine_aports-6c2a300f_python3_EXTERNALLY-MANAGED.txt',
  ])('reads %s', (name) => {
    expect(markerErrorText(text(name))).toMatch(/\w/);
  });
  it('a marker without Error gives null (pip then prints its own text)', () => {
    expect(markerErrorText('[externally-managed]\n')).toBeNull();
    expect(markerErrorText('garbage')).toBeNull();
  });
});
