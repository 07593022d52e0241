// The one redaction of what venv-doctor shares: the Markdown report (--format markdown) and the facts dump
// (--dump-facts). Home directories become ~, other people's homes /home/[user], user names [user] and host
// names [host]; only in paths and host names, never in the words of the tool or the OS (with USER=venv,
// "venv-doctor" and `python3 -m venv .venv` stay as they are). A fix command is never redacted inside:
// only a home directory at the start of an argument becomes "$HOME" (which the shell expands when pasted).
// Pure.
import { shellQuote } from './fixes/plan.js';
import { mapStrings } from './neutralize.js';
import type { Facts } from './types.js';

/** Who and where this is: what to redact. */
export interface Identity {
  /** Home directories (absolute): $HOME and the passwd entry's. */
  homes: readonly string[];
  /** User names: the passwd entry's, $USER, $LOGNAME, $SUDO_USER. */
  users: readonly string[];
  /** Host names: the full host name and its part before the first dot. */
  hosts: readonly string[];
}

/** The current uid's entry in /etc/passwd. */
export interface PasswdEntry {
  name: string;
  home: string;
}

/** What a redaction replaced (for a footer that says what was, and only that). */
export interface Redacted {
  home: boolean;
  /** The home directory in a fix command, as "$HOME". */
  homeInCommands: boolean;
  otherHomes: boolean;
  user: boolean;
  host: boolean;
  /** A fix command holds something that would have been redacted elsewhere, and was kept as it must run. */
  keptInCommands: boolean;
}

/** No names and no home of ours to redact (other people's homes still are). */
export const NO_IDENTITY: Identity = { homes: [], users: [], hosts: [] };

/** Placeholders that survive Markdown (not <user>, which is taken for HTML and disappears). */
export const USER = '[user]';
export const HOST = '[host]';

/**
 * Words of the tool and of operating systems: a user or host name that is one of them is replaced only as a
 * whole path component under a directory that holds people's directories (/srv/venv, /media/venv), never in
 * a word, a component or a system path ("venv-doctor", ".venv", /usr/lib/python3.11/venv, "Debian GNU/Linux").
 */
const VOCABULARY = new Set(
  [
    'python python2 python3 py pip pip3 venv virtualenv ensurepip setuptools wheel pyenv conda mamba uv brew',
    'homebrew linuxbrew pipx poetry tox nox debian ubuntu fedora alpine arch centos rhel rocky alma suse opensuse',
    'linux gnu darwin macos mac windows wsl docker podman container containers root bin sbin lib lib64 usr local',
    'share include etc var tmp opt srv home users user dev proc sys run mnt media boot app apps src code work',
    'project projects test tests build dist node npm git apt dpkg doctor venv-doctor site packages site-packages',
    'dist-packages scripts shims versions cache config data default main master runner admin ci host localhost',
    'server system bookworm bullseye buster trixie sid jammy noble focal bionic oracular plucky x64 arm64 amd64',
  ]
    .join(' ')
    .split(' '),
);

/** A word of the tool or OS vocabulary (a name that is one is redacted only in people's directories). */
export function isVocabulary(name: string): boolean {
  return VOCABULARY.has(name.toLowerCase());
}

/** Accounts that are nobody in particular: their names are not redacted (their home still is). */
const GENERIC_USERS = new Set(['root', 'nobody', 'daemon', 'bin', 'sys']);
const GENERIC_HOSTS = new Set(['localhost', 'localhost.localdomain', 'localdomain']);
/** Directories that are no one's home, even when $HOME says so. */
const NOT_HOMES = new Set([
  '/bin',
  '/dev',
  '/etc',
  '/lib',
  '/nonexistent',
  '/opt',
  '/proc',
  '/run',
  '/sbin',
  '/srv',
  '/sys',
  '/tmp',
  '/usr',
  '/var',
]);
/** /home/<x> and /Users/<x> that are no one's: Homebrew's prefix on Linux, macOS's shared folder. */
const NOT_PEOPLE = new Set(['linuxbrew', 'shared', 'public', 'default', 'all users']);

/** The identity to redact, from the environment, the passwd entry of the current uid, and os.hostname(). */
export function identityOf(
  env: Readonly<Record<string, string | undefined>>,
  passwd: PasswdEntry | null,
  hostname: string | null,
): Identity {
  // Windows: USERPROFILE and USERNAME (C:\\Users\\ada, ada).
  const homes = [env.HOME, env.USERPROFILE, passwd?.home]
    .map((h) => (h ?? '').trim().replace(/[/\\]+$/, ''))
    .filter((h) => /^(\/|[A-Za-z]:\\)/.test(h) && h.length > 1 && !NOT_HOMES.has(h));
  const users = [passwd?.name, env.USER, env.LOGNAME, env.SUDO_USER, env.USERNAME]
    .map((u) => (u ?? '').trim())
    .filter((u) => u.length >= 2 && !/[\s/\\:]/.test(u) && !GENERIC_USERS.has(u.toLowerCase()));
  const full = (hostname ?? '').trim().replace(/\.$/, '');
  const hosts = [full, full.split('.')[0] ?? '']
    .map((h) => h.trim())
    .filter((h) => h.length >= 2 && /^[A-Za-z0-9._-]+$/.test(h) && !GENERIC_HOSTS.has(h.toLowerCase()));
  const unique = (list: string[]) => [...new Set(list)].sort((a, b) => b.length - a.length);
  return { homes: unique(homes), users: unique(users), hosts: unique(hosts) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Characters that end a path in running text (and so bound a home directory or a path-like token). */
const BREAK = `\\s'"\`<>()[\\]{},;|=:`;
/** A path may end a sentence: "... in /home/al." */
const PATH_END = `(?=$|[/\\\\${BREAK}]|\\.(?:$|[${BREAK}]))`;
const PATH_START = `(?<![^${BREAK}])`;
/** Directories whose entries are people's (or hosts') own: /home and /Users are homes, handled apart. */
const PEOPLE_PARENTS = '/srv/|/data/|/work/|/scratch/|/tmp/|/var/tmp/|/mnt/|/media/|/run/media/|/net/|/export/home/';
/** A maximal run of path characters that contains a slash or backslash. */
const PATH_TOKEN = new RegExp(`[^${BREAK}]*[/\\\\][^${BREAK}]*`, 'g');

export function nothingRedacted(): Redacted {
  return { home: false, homeInCommands: false, otherHomes: false, user: false, host: false, keptInCommands: false };
}

/**
 * Redacts one text, recording what it replaced in `found`. Order: the own home directories (at a path
 * boundary: /home/al never eats /home/alice), other people's homes, user names inside paths, host names.
 */
export function redactText(text: string, identity: Identity, found: Redacted = nothingRedacted()): string {
  let out = text;
  for (const home of identity.homes) {
    // A command in a message, its path single-quoted for the shell: '~/My Projects' would be a literal ~;
    // "$HOME"'/My Projects' still runs.
    out = out.replace(new RegExp(`'${escapeRegExp(home)}(?=[/'])`, 'g'), () => {
      found.homeInCommands = true;
      return `"$HOME"'`;
    });
    const re = new RegExp(`${PATH_START}${escapeRegExp(home)}${PATH_END}`, 'g');
    out = out.replace(re, () => {
      found.home = true;
      return '~';
    });
  }
  out = out.replace(
    new RegExp(
      `${PATH_START}(/home/|(?:/mnt/[a-z])?/Users/|[A-Za-z]:\\\\Users\\\\)([^/\\\\${BREAK}]+?)${PATH_END}`,
      'gi',
    ),
    (match, prefix: string, name: string) => {
      if (NOT_PEOPLE.has(name.toLowerCase())) return match;
      found.otherHomes = true;
      return `${prefix}${USER}`;
    },
  );
  const component = (name: string, placeholder: string, bounded: boolean) => {
    // A whole path component, or (bounded) also a part of one set off by _ - or . (/srv/alice_work).
    const sides = bounded ? '[/\\\\_.-]' : '[/\\\\]';
    const re = new RegExp(`(?<=^|${sides})${escapeRegExp(name)}(?=$|${sides})`, 'gi');
    out = out.replace(PATH_TOKEN, (token) => token.replace(re, () => placeholder));
  };
  /** A word of the vocabulary: only as the whole component under a directory of people's own directories. */
  const underPeople = (name: string, placeholder: string) => {
    out = out.replace(new RegExp(`${PATH_START}(${PEOPLE_PARENTS})${escapeRegExp(name)}${PATH_END}`, 'gi'), (_, p) => {
      return `${p}${placeholder}`;
    });
  };
  const track = (before: string, key: 'user' | 'host') => {
    if (out !== before) found[key] = true;
  };
  for (const user of identity.users) {
    const before = out;
    if (VOCABULARY.has(user.toLowerCase())) underPeople(user, USER);
    else component(user, USER, user.length >= 3);
    track(before, 'user');
  }
  for (const host of identity.hosts) {
    const before = out;
    if (VOCABULARY.has(host.toLowerCase())) underPeople(host, HOST);
    else {
      out = out.replace(new RegExp(`(?<![A-Za-z0-9_-])${escapeRegExp(host)}(?![A-Za-z0-9_-])`, 'gi'), HOST);
    }
    track(before, 'host');
  }
  return out;
}

/**
 * A fix command as it must run, with only a home directory at the start of an argument written as
 * "$HOME" (double-quoted: the shell expands it when the line is pasted; '~/...' in quotes would not be).
 */
export function commandWithHome(
  argv: readonly string[],
  identity: Identity,
  found: Redacted = nothingRedacted(),
): string {
  return argv
    .map((arg) => {
      const home = homeOf(arg, identity);
      if (home === undefined) {
        if (redactText(arg, identity) !== arg) found.keptInCommands = true;
        return shellQuote([arg]);
      }
      found.homeInCommands = true;
      const rest = arg.slice(home.length);
      if (redactText(rest, identity) !== rest) found.keptInCommands = true;
      // Inside double quotes only \ " $ ` are special, and ! in an interactive bash: single-quote that rest.
      if (rest.includes('!')) return `"$HOME"${shellQuote([rest])}`;
      return `"$HOME${rest.replace(/["\\$`]/g, '\\$&')}"`;
    })
    .join(' ');
}

function homeOf(arg: string, identity: Identity): string | undefined {
  return identity.homes.find((h) => arg === h || arg.startsWith(`${h}/`) || arg.startsWith(`${h}\\`));
}

/**
 * The line to show for a fix: its command as planned, unless an argument starts with the home directory
 * (then commandWithHome); either way, `found` records what a command keeps unredacted.
 */
export function fixLine(
  fix: { argv: readonly string[]; command: string },
  identity: Identity,
  found: Redacted = nothingRedacted(),
): string {
  const line = commandWithHome(fix.argv, identity, found);
  return fix.argv.some((arg) => homeOf(arg, identity) !== undefined) ? line : fix.command;
}

/**
 * The facts with every string redacted (the keys, package names, are kept): the structure stays what
 * --facts reads back.
 */
export function redactFacts(facts: Facts, identity: Identity): { facts: Facts; found: Redacted } {
  const found = nothingRedacted();
  return { facts: mapStrings(facts, (value) => redactText(value, identity, found)), found };
}

/** A sentence saying what was redacted, or null when nothing was. */
export function describeRedaction(found: Redacted): string | null {
  const parts: string[] = [];
  if (found.home || found.homeInCommands) {
    parts.push(`the home directory is shown as ~${found.homeInCommands ? ' ("$HOME" in the commands)' : ''}`);
  }
  if (found.otherHomes) parts.push(`other home directories as /home/${USER}`);
  if (found.user) parts.push(`the user name as ${USER}`);
  if (found.host) parts.push(`the host name as ${HOST}`);
  const sentences: string[] = [];
  if (parts.length) sentences.push(`Redacted: ${parts.join(', ')}.`);
  if (found.keptInCommands) {
    sentences.push(
      'The fix commands are shown as they must run: they were not redacted, apart from the home directory.',
    );
  }
  return sentences.length ? sentences.join(' ') : null;
}

/**
 * Whether a user or host name still appears in a text after redaction (it is redacted only in paths, and a
 * word of the vocabulary only as a whole component): the footer then says so instead of promising.
 */
export function stillNamed(text: string, identity: Identity): { user: boolean; host: boolean } {
  const present = (name: string) =>
    new RegExp(`(?<![A-Za-z0-9_-])${escapeRegExp(name)}(?![A-Za-z0-9_-])`, 'i').test(text);
  return {
    user: identity.users.some((u) => !VOCABULARY.has(u.toLowerCase()) && present(u)),
    host: identity.hosts.some((h) => !VOCABULARY.has(h.toLowerCase()) && present(h)),
  };
}
