// Redaction, case by case: who this is (identityOf), what a text becomes (homes as ~, other people's homes as
// /home/[user], user and host names only in paths), a fix command as it must still run ("$HOME"), and the
// footer's sentence that says what was redacted and nothing more.
import { describe, expect, it } from 'vitest';
import {
  commandWithHome,
  describeRedaction,
  fixLine,
  type Identity,
  identityOf,
  isVocabulary,
  NO_IDENTITY,
  nothingRedacted,
  type Redacted,
  redactFacts,
  redactText,
  stillNamed,
} from '../../src/redact.js';
import { facts } from '../helpers/facts.js';

const id = (patch: Partial<Identity>): Identity => ({ homes: [], users: [], hosts: [], ...patch });
const found = (patch: Partial<Redacted>): Redacted => ({ ...nothingRedacted(), ...patch });

describe('identityOf', () => {
  it('homes: $HOME and the passwd entry, trimmed, without trailing slashes, deduplicated, longest first', () => {
    expect(identityOf({ HOME: ' /home/al// ' }, { name: 'al', home: '/home/al' }, null).homes).toEqual(['/home/al']);
    expect(identityOf({ HOME: '/home/al' }, { name: 'al', home: '/home/al/real' }, null).homes).toEqual([
      '/home/al/real',
      '/home/al',
    ]);
    expect(identityOf({ HOME: '/home/al/real' }, { name: 'al', home: '/home/al' }, null).homes).toEqual([
      '/home/al/real',
      '/home/al',
    ]);
    expect(identityOf({ HOME: 'C:\\Users\\al\\' }, null, null).homes).toEqual(['C:\\Users\\al']);
    expect(identityOf({ HOME: '/home/al ' }, null, null).homes).toEqual(['/home/al']);
  });
  it('homes: not relative, not /, not a system directory', () => {
    for (const HOME of ['relative/home', 'x/home/al', '/', '//', '', 'C:\\', 'C:relative']) {
      expect(identityOf({ HOME }, null, null).homes).toEqual([]);
    }
    const system = ['/bin', '/dev', '/etc', '/lib', '/nonexistent', '/opt', '/proc', '/run', '/sbin', '/srv'];
    for (const HOME of [...system, '/sys', '/tmp', '/usr', '/var', '/var/']) {
      expect(identityOf({ HOME }, null, null).homes, HOME).toEqual([]);
    }
    expect(identityOf({}, null, null)).toEqual(NO_IDENTITY);
    expect(NO_IDENTITY).toEqual({ homes: [], users: [], hosts: [] });
  });
  it('users: the passwd name, USER, LOGNAME, SUDO_USER; trimmed, deduplicated, longest first', () => {
    expect(
      identityOf({ USER: ' al ', LOGNAME: 'al', SUDO_USER: 'alice' }, { name: 'al', home: '/home/al' }, null).users,
    ).toEqual(['alice', 'al']);
    expect(identityOf({ USER: 'ab' }, null, null).users).toEqual(['ab']);
    expect(identityOf({ USER: ' zed\n' }, null, null).users).toEqual(['zed']);
  });
  it('users: not one character, not with spaces, slashes or colons, not a generic account', () => {
    for (const USER of ['a', 'a b', 'a/b', 'a\\b', 'a:b', 'root', 'Root', 'nobody', 'daemon', 'bin', 'sys', '']) {
      expect(identityOf({ USER }, null, null).users, USER).toEqual([]);
    }
  });
  it('hosts: the full name (without a final dot) and its first label', () => {
    expect(identityOf({}, null, 'box.example.com.').hosts).toEqual(['box.example.com', 'box']);
    expect(identityOf({}, null, ' box ').hosts).toEqual(['box']);
    expect(identityOf({}, null, 'box.lan. ').hosts).toEqual(['box.lan', 'box']);
    expect(identityOf({}, null, 'ab').hosts).toEqual(['ab']);
  });
  it('hosts: not one character, not with other characters, not localhost', () => {
    for (const host of ['a', 'my_box!', '!box', 'box!', 'localhost', 'LOCALHOST', 'localdomain']) {
      expect(identityOf({}, null, host).hosts, host).toEqual([]);
    }
    expect(identityOf({}, null, 'localhost.localdomain').hosts).toEqual([]);
    expect(identityOf({}, null, 'box .lan').hosts).toEqual(['box']);
    expect(identityOf({}, null, 'a.b').hosts).toEqual(['a.b']);
    expect(identityOf({}, null, null).hosts).toEqual([]);
  });
});

describe('isVocabulary: words of the tool and of operating systems', () => {
  it.each(['python', 'homebrew', 'uv', 'linux', 'share', 'project', 'dist-packages', 'server', 'amd64', 'VENV'])(
    '%s is one',
    (word) => expect(isVocabulary(word)).toBe(true),
  );
  it.each(['alice', 'bob', 'venvdoctor', 'uvhomebrew', ''])('%j is not', (word) =>
    expect(isVocabulary(word)).toBe(false),
  );
});

describe('redactText', () => {
  const al = id({ homes: ['/home/al'], users: ['al'], hosts: ['box'] });
  it('the home directory as ~, at a path boundary only', () => {
    const f = nothingRedacted();
    expect(redactText('/home/al/proj and /home/al. and /home/alice', id({ homes: ['/home/al'] }), f)).toBe(
      '~/proj and ~. and /home/[user]',
    );
    expect(f).toEqual(found({ home: true, otherHomes: true }));
  });
  it('a single-quoted home in a command becomes "$HOME", everywhere', () => {
    const f = nothingRedacted();
    expect(redactText(`cd '/home/al/My Projects' && ls '/home/al'`, id({ homes: ['/home/al'] }), f)).toBe(
      `cd "$HOME"'/My Projects' && ls "$HOME"''`,
    );
    expect(f).toEqual(found({ homeInCommands: true }));
  });
  it("other people's homes as /home/[user], in /home, /Users and C:\\Users", () => {
    const f = nothingRedacted();
    expect(redactText('/home/bob/x /Users/Carol C:\\Users\\dan\\x /mnt/c/Users/eve', NO_IDENTITY, f)).toBe(
      '/home/[user]/x /Users/[user] C:\\Users\\[user]\\x /mnt/c/Users/[user]',
    );
    expect(f).toEqual(found({ otherHomes: true }));
  });
  it('directories under /home and /Users that are no one in particular stay', () => {
    const f = nothingRedacted();
    const text = '/home/linuxbrew/.linuxbrew/bin /Users/Shared/a /home/public /Users/Default/x';
    expect(redactText(text, NO_IDENTITY, f)).toBe(text);
    expect(f).toEqual(nothingRedacted());
  });
  it('the user name as a path component; a name of 3+ characters also inside one, set off by _ - .', () => {
    const f = nothingRedacted();
    expect(redactText('/srv/bob/x /srv/bob_work /data/x.bob', id({ users: ['bob'] }), f)).toBe(
      '/srv/[user]/x /srv/[user]_work /data/x.[user]',
    );
    expect(f).toEqual(found({ user: true }));
    expect(redactText('/srv/al/x /srv/al_work /srv/AL', id({ users: ['al'] }))).toBe(
      '/srv/[user]/x /srv/al_work /srv/[user]',
    );
  });
  it('the user name outside a path is left alone', () => {
    const f = nothingRedacted();
    expect(redactText('al said bob', id({ users: ['al', 'bob'] }), f)).toBe('al said bob');
    expect(f).toEqual(nothingRedacted());
  });
  it('a user named like a word of the vocabulary: only as a whole component under a people directory', () => {
    const f = nothingRedacted();
    const venv = id({ users: ['venv'] });
    expect(
      redactText('/srv/venv/app and /SRV/VENV and /usr/lib/python3.11/venv and .venv and venv-doctor', venv, f),
    ).toBe('/srv/[user]/app and /SRV/[user] and /usr/lib/python3.11/venv and .venv and venv-doctor');
    expect(f).toEqual(found({ user: true }));
  });
  it('the host name, as a word anywhere', () => {
    const f = nothingRedacted();
    expect(redactText('box: /srv/box.d/x BOX mybox box-1', id({ hosts: ['box'] }), f)).toBe(
      '[host]: /srv/[host].d/x [host] mybox box-1',
    );
    expect(f).toEqual(found({ host: true }));
  });
  it('a host named like a word of the vocabulary: only under a people directory', () => {
    const f = nothingRedacted();
    expect(redactText('runner /work/runner/x', id({ hosts: ['runner'] }), f)).toBe('runner /work/[host]/x');
    expect(f).toEqual(found({ host: true }));
  });
  it('everything at once, recording each', () => {
    const f = nothingRedacted();
    expect(redactText('/home/al/p on box, /home/zed', al, f)).toBe('~/p on [host], /home/[user]');
    expect(f).toEqual(found({ home: true, otherHomes: true, host: true }));
  });
  it('redactFacts: every string of the facts, the keys kept', () => {
    const input = facts({ python: { resolved: '/home/al/.pyenv/shims/python3' } });
    const { facts: out, found: f } = redactFacts(input, al);
    expect(out.python.resolved).toBe('~/.pyenv/shims/python3');
    expect(Object.keys(out.packages?.installed ?? {})).toEqual(['python3.11-venv']);
    expect(f).toEqual(found({ home: true }));
  });
});

describe('commands', () => {
  const al = id({ homes: ['/home/al'], users: ['bob'] });
  it('a home at the start of an argument becomes "$HOME", the rest quoted for double quotes', () => {
    const f = nothingRedacted();
    expect(commandWithHome(['python3', '-m', 'venv', '/home/al/my "x" $y/.venv'], al, f)).toBe(
      'python3 -m venv "$HOME/my \\"x\\" \\$y/.venv"',
    );
    expect(f).toEqual(found({ homeInCommands: true }));
  });
  it('the home itself, and a Windows home', () => {
    expect(commandWithHome(['cd', '/home/al'], al)).toBe('cd "$HOME"');
    expect(commandWithHome(['x', 'C:\\Users\\al\\v'], id({ homes: ['C:\\Users\\al'] }))).toBe('x "$HOME\\\\v"');
  });
  it('an argument with ! keeps it single-quoted (bash history expansion)', () => {
    expect(commandWithHome(['x', '/home/al/wow!'], al)).toBe(`x "$HOME"'/wow!'`);
  });
  it('an argument that only contains the home elsewhere is not changed', () => {
    const f = nothingRedacted();
    expect(commandWithHome(['x', '--prefix=/home/al/x'], al, f)).toBe('x --prefix=/home/al/x');
    expect(f).toEqual(found({ keptInCommands: true }));
  });
  it('what is kept in a command is recorded: a user name after the home', () => {
    const f = nothingRedacted();
    expect(commandWithHome(['x', '/home/al/bob/v'], al, f)).toBe('x "$HOME/bob/v"');
    expect(f).toEqual(found({ homeInCommands: true, keptInCommands: true }));
    const g = nothingRedacted();
    expect(commandWithHome(['x', '/home/al/v'], al, g)).toBe('x "$HOME/v"');
    expect(g).toEqual(found({ homeInCommands: true }));
  });
  it('fixLine: the planned command unless an argument starts with the home', () => {
    const planned = {
      argv: ['apt-get', 'install', '-y', 'python3.11-venv'],
      command: 'apt-get install -y python3.11-venv',
    };
    expect(fixLine({ ...planned, command: 'as planned' }, al)).toBe('as planned');
    expect(fixLine({ argv: ['/usr/bin/python3', '-m', 'venv', '/home/al/v'], command: 'x' }, al)).toBe(
      '/usr/bin/python3 -m venv "$HOME/v"',
    );
    const f = nothingRedacted();
    expect(fixLine({ argv: ['x', '/srv/bob'], command: 'x /srv/bob' }, al, f)).toBe('x /srv/bob');
    expect(f).toEqual(found({ keptInCommands: true }));
  });
});

describe('describeRedaction', () => {
  it('nothing redacted: null', () => {
    expect(describeRedaction(nothingRedacted())).toBeNull();
  });
  it('each thing, alone', () => {
    expect(describeRedaction(found({ home: true }))).toBe('Redacted: the home directory is shown as ~.');
    expect(describeRedaction(found({ homeInCommands: true }))).toBe(
      'Redacted: the home directory is shown as ~ ("$HOME" in the commands).',
    );
    expect(describeRedaction(found({ otherHomes: true }))).toBe('Redacted: other home directories as /home/[user].');
    expect(describeRedaction(found({ user: true }))).toBe('Redacted: the user name as [user].');
    expect(describeRedaction(found({ host: true }))).toBe('Redacted: the host name as [host].');
    expect(describeRedaction(found({ keptInCommands: true }))).toBe(
      'The fix commands are shown as they must run: they were not redacted, apart from the home directory.',
    );
  });
  it('all of them, in order', () => {
    const all = found({
      home: true,
      homeInCommands: true,
      otherHomes: true,
      user: true,
      host: true,
      keptInCommands: true,
    });
    expect(describeRedaction(all)).toBe(
      'Redacted: the home directory is shown as ~ ("$HOME" in the commands), other home directories as /home/[user], the user name as [user], the host name as [host]. The fix commands are shown as they must run: they were not redacted, apart from the home directory.',
    );
  });
});

describe('stillNamed', () => {
  const who = id({ users: ['alice', 'venv'], hosts: ['box', 'runner'] });
  it('a user or host name left as a word in the text', () => {
    expect(stillNamed('hello Alice', who)).toEqual({ user: true, host: false });
    expect(stillNamed('on BOX today', who)).toEqual({ user: false, host: true });
    expect(stillNamed('alice on box', who)).toEqual({ user: true, host: true });
  });
  it('not as part of a longer word, and never a word of the vocabulary', () => {
    expect(stillNamed('malice boxes alice_x box-2 venv runner', who)).toEqual({ user: false, host: false });
    expect(stillNamed('', who)).toEqual({ user: false, host: false });
  });
  it('any of several names', () => {
    expect(stillNamed('bob', id({ users: ['al', 'bob'], hosts: ['h1', 'h2'] }))).toEqual({ user: true, host: false });
    expect(stillNamed('h2', id({ users: ['al', 'bob'], hosts: ['h1', 'h2'] }))).toEqual({ user: false, host: true });
  });
});
