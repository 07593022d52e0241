// The os-release reader against real files of ~200 distributions (test/fixtures/corpus/os-release).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatherOs } from '../../src/facts/gather.js';
import { parseOsRelease } from '../../src/facts/os-release.js';
import { fakeSystem } from '../helpers/fake-system.js';
import { CORPUS } from '../helpers/paths.js';

const DISTRO = join(CORPUS, 'os-release/python-distro');
const expected = JSON.parse(readFileSync(join(DISTRO, 'expected.json'), 'utf8')) as Record<
  string,
  { resource_dir: string; assertions: Record<string, { asserted: Record<string, string> }> }
>;

// python-distro maps two IDs to its own names; venv-doctor keeps the distribution's ID as written.
const PYTHON_DISTRO_NORMALIZES: Record<string, string> = { ol: 'oracle', 'opensuse-leap': 'opensuse' };

const roots = Object.entries(expected).filter(([, v]) => {
  const dir = join(DISTRO, 'resources', v.resource_dir);
  return v.assertions.os_release && ['etc/os-release', 'usr/lib/os-release'].some((p) => existsSync(join(dir, p)));
});

describe('os-release: python-distro roots, compared with what python-distro asserts', () => {
  it('covers the roots that have an os-release', () => {
    expect(roots.length).toBeGreaterThanOrEqual(45);
  });

  it.each(roots)('%s', async (_name, entry) => {
    const want = entry.assertions.os_release?.asserted ?? {};
    const os = await gatherOs(fakeSystem({ root: join(DISTRO, 'resources', entry.resource_dir) }));
    expect(os.problem).toBeNull();
    expect(PYTHON_DISTRO_NORMALIZES[os.id ?? ''] ?? os.id).toBe(want.id);
    expect(os.versionId ?? '').toBe(want.version);
    expect(os.codename ?? '').toBe(want.codename);
    expect(os.idLike.join(' ')).toBe(
      (want.like ?? '')
        .split(' ')
        .filter((l) => l && l !== os.id)
        .join(' '),
    );
  });

  it('falls back to /usr/lib/os-release when /etc/os-release is absent', async () => {
    const os = await gatherOs(fakeSystem({ root: join(DISTRO, 'resources/testdistros/distro/usrlibosreleaseonly') }));
    expect(os.source).toBe('/usr/lib/os-release');
    expect(os.id).not.toBeNull();
  });

  it('says plainly when there is no os-release at all', async () => {
    const os = await gatherOs(fakeSystem({ root: join(DISTRO, 'resources/distros/centos5') }));
    expect(os.id).toBeNull();
    expect(os.problem).toMatch(/neither \/etc\/os-release nor \/usr\/lib\/os-release exists/);
  });
});

describe('os-release: every file of chef-os_release', () => {
  const dir = join(CORPUS, 'os-release/chef-os_release');
  const files = readdirSync(dir).filter((f) => !/^(LICENSE|UPSTREAM-README)/.test(f));
  it('has the collection', () => expect(files.length).toBeGreaterThan(150));
  it.each(files)('%s: never throws, gives a sane id', (file) => {
    const release = parseOsRelease(readFileSync(join(dir, file), 'utf8'));
    expect(release.id).toMatch(/^[a-z0-9._-]+$/);
    for (const like of release.idLike) expect(like).toMatch(/^[a-z0-9._-]+$/);
    expect(release.idLike).not.toContain(release.id);
  });
  it('reads Debian and Ubuntu as the family venv-doctor plans fixes for', () => {
    const read = (f: string) => parseOsRelease(readFileSync(join(dir, f), 'utf8'));
    expect(read('ubuntu_2404')).toMatchObject({ id: 'ubuntu', versionId: '24.04', codename: 'noble' });
    expect(read('debian_12')).toMatchObject({ id: 'debian', versionId: '12', codename: 'bookworm' });
    expect(read('linuxmint_22').idLike).toEqual(expect.arrayContaining(['ubuntu', 'debian']));
  });
});

describe('os-release: odd files', () => {
  const trivy = join(CORPUS, 'os-release/aquasecurity-trivy/pkg/fanal/analyzer/os/release/testdata');
  // trivy's edge cases (each a file): what its own tests expect, as fields of our reader.
  it.each([
    ['echo', { id: 'echo', versionId: '1', name: 'Echo OS' }],
    ['no-id', { id: null, versionId: '3.15.4', prettyName: 'Alpine Linux v3.15' }],
    ['no-version', { id: 'alpine', versionId: null, prettyName: 'Alpine Linux v3.15' }],
    ['unknown', { id: 'unknown', versionId: '4.3.2' }],
  ])('trivy %s', (name, expected) => {
    expect(parseOsRelease(readFileSync(join(trivy, name), 'utf8'))).toMatchObject(expected);
  });
  it('trivy: every case of the corpus is covered above', () => {
    expect(readdirSync(trivy).sort()).toEqual(['echo', 'no-id', 'no-version', 'unknown']);
  });

  it.each([
    ['CRLF endings', 'ID=debian\r\nVERSION_ID="12"\r\n', { id: 'debian', versionId: '12' }],
    ['no trailing newline', 'ID=alpine\nVERSION_ID=3.19.1', { id: 'alpine', versionId: '3.19.1' }],
    ['single quotes', "ID='arch'\nPRETTY_NAME='Arch Linux'", { id: 'arch', prettyName: 'Arch Linux' }],
    ['upper-case ID', 'ID=Ubuntu\n', { id: 'ubuntu' }],
    ['duplicate keys: the last wins', 'ID=first\nID=second\n', { id: 'second' }],
    ['unquoted value with spaces', 'NAME=Wind River Linux\nID=wrlinux', { name: 'Wind River Linux', id: 'wrlinux' }],
    ['comments and blank lines', '# c\n\n  ID=fedora # not a comment in os-release? kept\n', { id: null }],
    ['empty ID_LIKE', 'ID=x\nID_LIKE=""', { idLike: [] }],
    ['ID_LIKE naming the ID itself', 'ID=debian\nID_LIKE="debian"', { idLike: [] }],
    ['escaped quotes', 'ID=x\nPRETTY_NAME="A \\"quoted\\" name"', { prettyName: 'A "quoted" name' }],
    ['an empty file', '', { id: null, versionId: null }],
    ['binary junk', '\u0000\u0001\u0002ID\u0000=', { id: null }],
    ['an ID that is not an id', 'ID="rm -rf /"\n', { id: null }],
  ])('%s', (_name, text, want) => {
    expect(parseOsRelease(text)).toMatchObject(want);
  });

  it('reports a binary os-release as a problem, not a crash', async () => {
    const os = await gatherOs(
      fakeSystem({ files: { '/etc/os-release': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0]) } }),
    );
    expect(os.problem).toMatch(/not a text file/);
  });

  it('reports an os-release without ID as a problem', async () => {
    const os = await gatherOs(fakeSystem({ files: { '/etc/os-release': 'NAME=Something\n' } }));
    expect(os).toMatchObject({ id: null, problem: '/etc/os-release has no valid ID field' });
  });

  it('reads macOS from its identity (SystemVersion.plist), keeping no host name', async () => {
    const os = await gatherOs(
      fakeSystem({
        platform: 'darwin',
        osSummary: { id: 'macos', name: 'macOS', version: '14.5', codename: 'Sonoma' },
      }),
    );
    expect(os).toMatchObject({
      id: 'macos',
      versionId: '14.5',
      source: '/System/Library/CoreServices/SystemVersion.plist',
      prettyName: 'macOS 14.5',
    });
  });
});
