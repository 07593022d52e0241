// The report in a real terminal: tmux at 60, 80 and 120 columns, its screen read back with capture-pane.
// The terminal wrapped nothing itself when its screen read with soft-wrapped lines joined (-J) is the same as
// without; the status column holds only statuses; the words are the piped report's. Colours only on a
// terminal, and never with NO_COLOR. Piped, the report is never wrapped: the same bytes as in process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPlain } from '../../src/render/plain.js';
import { CLI_ARGS, CLI_FILE } from '../helpers/cli.js';
import { recordedFacts } from '../helpers/facts.js';
import { FIXTURES } from '../helpers/paths.js';
import { diagnose } from '../scenarios/scenario-list.js';

const HAVE_TMUX = spawnSync('tmux', ['-V']).status === 0;
const SOCKET = `venv-doctor-test-${process.pid}`;
const FACTS = join(FIXTURES, 'facts/bookworm/python3-only.json');
const ESC = '\u001b';
const LABEL = /^(ok|warn|FAIL|skip|CRASH|ignored) +\S/;
const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
const tmux = (...args: string[]) =>
  spawnSync('tmux', ['-L', SOCKET, '-f', '/dev/null', ...args], { encoding: 'utf8', timeout: 30_000 });

afterAll(() => {
  if (HAVE_TMUX) tmux('kill-server');
});

/** The doctor run in a tmux pane `width` columns wide; its screen, plain and with soft wraps joined. */
function inTerminal(width: number, args: string[], env: Record<string, string> = {}) {
  const name = `w${width}-${Math.random().toString(36).slice(2, 8)}`;
  const command = [CLI_FILE, ...CLI_ARGS, ...args].map(quote).join(' ');
  const environment = Object.entries({ TERM: 'xterm-256color', ...env }).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  const started = tmux(
    'new-session',
    '-d',
    '-s',
    name,
    '-x',
    String(width),
    '-y',
    '120',
    ...environment,
    `env -u CI -u NO_COLOR -u FORCE_COLOR ${Object.keys(env)
      .map((k) => `${k}=${quote(env[k] ?? '')}`)
      .join(' ')} ${command}; tmux -L ${SOCKET} wait-for -S ${name}; sleep 60`,
  );
  expect(started.status, started.stderr).toBe(0);
  expect(tmux('wait-for', name).status).toBe(0);
  const screen = (...flags: string[]) => tmux('capture-pane', '-p', '-t', name, ...flags).stdout.replace(/\n+$/, '\n');
  const shown = { plain: screen(), joined: screen('-J'), colored: screen('-e') };
  tmux('kill-session', '-t', name);
  return shown;
}

const piped = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(CLI_FILE, [...CLI_ARGS, ...args], { encoding: 'utf8', env: { ...process.env, CI: '', ...env } }).stdout;

describe.skipIf(!HAVE_TMUX)(
  'the report in a real terminal (tmux) (needs tmux: apt-get install tmux)',
  { timeout: 60_000 },
  () => {
    const report = diagnose(recordedFacts('bookworm/python3-only'));
    const idWidth = Math.max(...report.checks.map((c) => c.id.length));

    it.each([60, 80, 120])(
      '%i columns: nothing wrapped by the terminal, the status column aligned, no word lost',
      (width) => {
        const shown = inTerminal(width, ['--facts', FACTS]);
        expect(shown.joined).toBe(shown.plain);
        const lines = shown.plain.split('\n');
        const first = lines.findIndex((line) => LABEL.test(line));
        // A row's continuation starts under its message (a shared skip line's: under its ids).
        let indent = 0;
        for (const line of lines.slice(first, lines.indexOf('', first))) {
          if (LABEL.test(line))
            indent = line.startsWith('skip    ') && /^skip {4}[a-z-]+(, |:)/.test(line) ? 8 : idWidth + 10;
          else expect(line.startsWith(' '.repeat(indent)) && line[indent] !== ' ', line).toBe(true);
        }
        const words = (text: string) => text.replace(/ \\\n/g, ' ').split(/\s+/).filter(Boolean).join(' ');
        // The pieces of a path broken after a / come back together when the line break goes.
        const together = (text: string) => words(text).replace(/\/ (?=\S)/g, '/');
        expect(together(shown.plain)).toBe(together(piped(['--facts', FACTS])));
        // And it is what the renderer makes for that width.
        const expected = renderPlain(report, { color: false, verbose: false, width }).split('\n').slice(2).join('\n');
        expect(shown.plain).toContain(expected.trimEnd());
      },
    );

    it('this machine at 60 columns, with the live view: a project whose requirement python3 misses', () => {
      const dir = mkdtempSync(join(tmpdir(), 'venv-doctor-terminal-'));
      try {
        writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "x"\nrequires-python = ">=3.99"\n');
        const shown = inTerminal(60, [dir]);
        expect(shown.plain).toMatch(/^Not ready: /m);
        expect(shown.joined).toBe(shown.plain);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('colours in a terminal; none with NO_COLOR, none piped', () => {
      const colored = inTerminal(80, ['--facts', FACTS]).colored;
      expect(colored).toContain(`${ESC}[31mFAIL`);
      expect(colored).toContain(`${ESC}[1mapt-get`);
      const plain = inTerminal(80, ['--facts', FACTS], { NO_COLOR: '1' }).colored;
      expect(plain).not.toMatch(new RegExp(`${ESC}\\[3\\dm`));
      expect(piped(['--facts', FACTS])).not.toContain(ESC);
    });
  },
);

describe('piped output is never wrapped', () => {
  it('whatever COLUMNS says: the bytes the renderer makes without a width', () => {
    const out = piped(['--facts', FACTS], { COLUMNS: '60' });
    const report = diagnose(recordedFacts('bookworm/python3-only'));
    const expected = renderPlain(report, { color: false, verbose: false });
    expect(out.split('\n').slice(1)).toEqual(expected.split('\n').slice(1));
    expect(out.split('\n').some((line) => line.length > 60)).toBe(true);
  });
});
