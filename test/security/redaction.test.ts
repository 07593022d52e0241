// One redaction for the Markdown report and the facts dump (src/redact.ts): what it replaces, what it must
// leave alone (the words of the tool and of the OS), commands, placeholders that survive Markdown, and a
// footer that says what was redacted, and only that.
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { judge } from '../../src/diagnose.js';
import {
  commandWithHome,
  describeRedaction,
  type Identity,
  identityOf,
  NO_IDENTITY,
  nothingRedacted,
  redactFacts,
  redactText,
} from '../../src/redact.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import type { Facts, Report } from '../../src/types.js';
import { recordedFacts } from '../helpers/facts.js';

const id = (patch: Partial<Identity>): Identity => ({ ...NO_IDENTITY, ...patch });
const redact = (text: string, identity: Identity) => redactText(text, identity);

/** A real report (checks, plan, report) of a half-created venv, its project moved to `dir`. */
function reportIn(dir: string, patch: (f: Facts) => void = () => {}): Report {
  const facts = JSON.parse(JSON.stringify(recordedFacts('bookworm/half-created')).replaceAll('/root/proj', dir));
  patch(facts);
  return judge(facts, {}, { config: null, warnings: [] }, { factsFrom: 'file', durationMs: () => 0 });
}

describe('who: the identity', () => {
  it('takes the passwd entry when $USER and $LOGNAME are unset, and $SUDO_USER too', () => {
    const identity = identityOf({ SUDO_USER: 'bob' }, { name: 'alice', home: '/home/alice' }, 'box7.corp.example');
    expect(identity.users).toEqual(['alice', 'bob']);
    expect(identity.homes).toEqual(['/home/alice']);
    expect(identity.hosts).toEqual(['box7.corp.example', 'box7']);
    expect(redact('/srv/alice/app', identity)).toBe('/srv/[user]/app');
  });
  it('$HOME and the passwd home both count; / and system directories are no one home; root is no one', () => {
    expect(identityOf({ HOME: '/home/al/' }, { name: 'root', home: '/root' }, null)).toEqual({
      homes: ['/home/al', '/root'],
      users: [],
      hosts: [],
    });
    expect(identityOf({ HOME: '/' }, { name: 'x', home: '/nonexistent' }, 'localhost').homes).toEqual([]);
    expect(identityOf({}, null, 'localhost').hosts).toEqual([]);
  });
});

describe('homes', () => {
  const al = id({ homes: ['/home/al'] });
  it('the home directory becomes ~ only at a path boundary: /home/al never eats /home/alice', () => {
    expect(redact('/home/al/code and /home/al', al)).toBe('~/code and ~');
    expect(redact('found in /home/al.', al)).toBe('found in ~.');
    expect(redact('/home/alice/code', al)).toBe('/home/[user]/code'); // another home, not "~ice/code"
    expect(redact('/mnt/home/al/x', al)).toBe('/mnt/home/al/x'); // not a home: a path that happens to contain it
    expect(redact('PATH=/home/al/bin:/usr/bin', al)).toBe('PATH=~/bin:/usr/bin');
  });
  it("other people's homes: /home/<x>, /Users/<x>, WSL's /mnt/c/Users/<x>; Homebrew's /home/linuxbrew is no one's", () => {
    expect(redact('/home/bob/x, /Users/Carol/y (/mnt/c/Users/dave/z)', NO_IDENTITY)).toBe(
      '/home/[user]/x, /Users/[user]/y (/mnt/c/Users/[user]/z)',
    );
    expect(redact('/home/linuxbrew/.linuxbrew/bin/python3', NO_IDENTITY)).toBe(
      '/home/linuxbrew/.linuxbrew/bin/python3',
    );
  });
});

describe('user names: in paths only, never the words of the tool', () => {
  it('a whole component, or a part of one set off by _ - or .', () => {
    const alice = id({ users: ['alice'] });
    expect(redact('/srv/alice_work/.venv', alice)).toBe('/srv/[user]_work/.venv');
    expect(redact('/data/alice/x /opt/tools-alice.d', alice)).toBe('/data/[user]/x /opt/tools-[user].d');
    expect(redact('/srv/malice/x', alice)).toBe('/srv/malice/x'); // not a part set off
    expect(redact('alice wrote this', alice)).toBe('alice wrote this'); // not a path
  });
  it('matched case-insensitively', () => {
    expect(redact('/srv/Alice/x and /srv/ALICE_2', id({ users: ['alice'] }))).toBe('/srv/[user]/x and /srv/[user]_2');
  });
  it('USER=venv: "venv-doctor", `python3 -m venv .venv` and the venv module stay; /srv/venv does not', () => {
    const venv = identityOf({ USER: 'venv' }, null, null);
    const text =
      'venv-doctor: python3 -m venv .venv; /srv/app/.venv/bin/python; /usr/lib/python3.11/venv; /root/proj/venv/bin';
    expect(redact(text, venv)).toBe(text);
    expect(redact('/srv/venv/app', venv)).toBe('/srv/[user]/app');
    expect(redact('/home/venv/app', venv)).toBe('/home/[user]/app');
  });
});

describe('host names', () => {
  it('the full name and the part before the first dot, as whole words, case-insensitively', () => {
    const host = identityOf({}, null, 'Build7.corp.example.com');
    expect(redact('on build7.corp.example.com and BUILD7, /var/log/build7.log', host)).toBe(
      'on [host] and [host], /var/log/[host].log',
    );
    expect(redact('rebuild7 build77 build7-x', host)).toBe('rebuild7 build77 build7-x');
  });
  it('hostname debian: "Debian GNU/Linux 12 (bookworm)" stays', () => {
    const debian = identityOf({}, null, 'debian');
    expect(redact('Debian GNU/Linux 12 (bookworm) /usr/share/debian/x', debian)).toBe(
      'Debian GNU/Linux 12 (bookworm) /usr/share/debian/x',
    );
    expect(redact('/srv/debian/app', debian)).toBe('/srv/[host]/app');
  });
});

describe('commands: never redacted inside, only "$HOME" at the start of an argument', () => {
  const home = id({ homes: ['/home/al ice'], users: ['alice'] });
  it('a home with spaces becomes "$HOME/..." (expanded when pasted), not \'~/...\' (a literal ./~)', () => {
    const found = nothingRedacted();
    const line = commandWithHome(['python3', '-m', 'venv', '/home/al ice/My Projects/app/.venv'], home, found);
    expect(line).toBe('python3 -m venv "$HOME/My Projects/app/.venv"');
    expect(found.homeInCommands).toBe(true);
    expect(found.keptInCommands).toBe(false);
  });
  it('in a message, a single-quoted path under the home becomes "$HOME"\'...\' (still a working shell word)', () => {
    const found = nothingRedacted();
    expect(redactText("create one: python3 -m venv '/home/al ice/My Projects/app/.venv'.", home, found)).toBe(
      `create one: python3 -m venv "$HOME"'/My Projects/app/.venv'.`,
    );
    expect(found.homeInCommands).toBe(true);
    expect(redactText('at /home/al ice/x', home)).toBe('at ~/x');
  });
  it('what the shell would expand inside double quotes is escaped; a ! goes in single quotes', () => {
    expect(commandWithHome(['/home/al ice/a"$`\\b'], home)).toBe('"$HOME/a\\"\\$\\`\\\\b"');
    expect(commandWithHome(['/home/al ice/x!y'], home)).toBe(`"$HOME"'/x!y'`);
  });
  it('anything else is left as it must run, and that is recorded for the footer', () => {
    const found = nothingRedacted();
    expect(commandWithHome(['python3', '-m', 'venv', '/srv/alice/.venv'], home, found)).toBe(
      'python3 -m venv /srv/alice/.venv',
    );
    expect(found.keptInCommands).toBe(true);
    expect(describeRedaction(found)).toMatch(/fix commands .* were not redacted/);
  });
});

describe('the Markdown report', () => {
  const tokensOf = (markdown: string) => {
    const types: string[] = [];
    const walk = (value: unknown) => {
      if (Array.isArray(value)) for (const item of value) walk(item);
      else if (value && typeof value === 'object') {
        const type = (value as { type?: unknown }).type;
        if (typeof type === 'string') types.push(type);
        for (const item of Object.values(value)) walk(item);
      }
    };
    walk(marked.lexer(markdown));
    return types;
  };

  it('placeholders survive Markdown: [user] and [host] are in the rendered HTML, not eaten as tags', () => {
    const identity = identityOf({ HOME: '/home/al', USER: 'alice' }, null, 'build7');
    const report = reportIn('/srv/alice/build7/proj');
    const md = renderMarkdown(report, identity);
    // Only the fix block keeps them: a command is shown as it must run.
    const [, fence] = /```sh\n([^`]*)```/.exec(md) ?? [];
    expect(fence).toContain('/srv/alice/build7/proj/.venv');
    expect(md.replace(fence ?? '', '')).not.toMatch(/alice|build7/);
    const html = marked.parse(md, { async: false });
    expect(html).toContain('/srv/[user]/[host]/proj');
    expect(tokensOf(md)).not.toContain('link');
  });
  it('the fix block shows "$HOME/My Projects/app/.venv" for a home with spaces', () => {
    const identity = identityOf({ HOME: '/home/al ice' }, null, null);
    const md = renderMarkdown(reportIn('/home/al ice/My Projects/app'), identity);
    expect(md).toContain('python3 -I -m venv --clear "$HOME/My Projects/app/.venv"\n');
    expect(md).not.toContain("'~");
    expect(md).toContain('- Project: `~/My Projects/app`');
    expect(md).toMatch(/Redacted: the home directory is shown as \\~ \("\\\$HOME" in the commands\)\./);
  });
  it('the footer says what was redacted, and nothing when nothing was (the GitHub step summary)', () => {
    const plain = renderMarkdown(reportIn('/opt/proj'), identityOf({ HOME: '/home/al', USER: 'alice' }, null, 'b7'));
    expect(plain).not.toMatch(/Redacted|removed/);
    const summary = renderMarkdown(reportIn('/home/al/proj'), null); // the GitHub step summary
    expect(summary).not.toMatch(/Redacted|removed|shown as|\[user\]/);
    expect(summary).toContain('- Project: `/home/al/proj`');
    const some = renderMarkdown(reportIn('/srv/alice/proj'), identityOf({ USER: 'alice' }, null, null));
    expect(some).toContain('Redacted: the user name as \\[user\\].');
    expect(some).not.toContain('host name');
    expect(renderMarkdown(reportIn('/srv/alice/proj'), null, { optedOut: true })).toContain(
      'Not redacted (--no-redact)',
    );
  });
  it('a fix command that keeps a user name is said to be unredacted', () => {
    const md = renderMarkdown(reportIn('/srv/alice/proj'), identityOf({ USER: 'alice' }, null, null));
    expect(md).toContain('python3 -I -m venv --clear /srv/alice/proj/.venv'); // it must run as it is
    expect(md).toMatch(/The fix commands are shown as they must run: they were not redacted/);
  });
  it('a name left outside paths is owned up to, not promised away', () => {
    const md = renderMarkdown(
      reportIn('/srv/x', (f) => {
        f.os.prettyName = 'Alice Linux';
      }),
      identityOf({ USER: 'alice' }, null, null),
    );
    expect(md).toContain('Alice Linux');
    expect(md).toContain('Not redacted: the user name where it is not part of a path.');
  });
});

describe('the facts dump', () => {
  it('every string redacted, the structure kept (keys, types, arrays)', () => {
    const facts = JSON.parse(
      JSON.stringify(recordedFacts('bookworm/half-created')).replaceAll('/root/proj', '/home/al/build7/alice_proj'),
    ) as Facts;
    const { facts: out, found } = redactFacts(facts, identityOf({ HOME: '/home/al', USER: 'alice' }, null, 'build7'));
    const text = JSON.stringify(out);
    expect(text).not.toMatch(/\/home\/al\b|alice|build7/);
    expect(out.project?.dir).toBe('~/[host]/[user]_proj');
    expect(found).toMatchObject({ home: true, user: true, host: true });
    // Same shape: every key and every non-string value in the same place.
    const shape = (v: unknown): unknown =>
      typeof v === 'string'
        ? 's'
        : Array.isArray(v)
          ? v.map(shape)
          : v && typeof v === 'object'
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]))
            : v;
    expect(shape(out)).toEqual(shape(facts));
  });
});
