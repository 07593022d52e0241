// Mistyped and misplaced options, and the answer a user should get: one line on stderr, exit 2, nothing on
// stdout, the option named as it was typed and the closest real option when there is one. Through main()
// with fake streams; the directory cases with a fake System. (The same list is in docs/cli.md.)
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { didYouMean } from '../../src/settings.js';
import { fakeSystem } from '../helpers/fake-system.js';
import { fakeIo } from '../helpers/io.js';

const io = () => fakeIo();

const HELP = '; venv-doctor --help lists the options';

/** [argv, the one line the user reads]. */
const MISTAKES: [string[], string][] = [
  [['--jsn'], `unknown option --jsn (did you mean --json?)${HELP}`],
  [['--josn'], `unknown option --josn (did you mean --json?)${HELP}`],
  [['--JSON'], `unknown option --JSON (did you mean --json?)${HELP}`],
  [['--dryrun'], `unknown option --dryrun (did you mean --dry-run?)${HELP}`],
  [['--dry_run'], `unknown option --dry_run (did you mean --dry-run?)${HELP}`],
  [['--no-colour'], `unknown option --no-colour (did you mean --no-color?)${HELP}`],
  [['--colour'], `unknown option --colour (did you mean --color?)${HELP}`],
  [['--verbos'], `unknown option --verbos (did you mean --verbose?)${HELP}`],
  [['--listchecks'], `unknown option --listchecks (did you mean --list-checks?)${HELP}`],
  [['--dump'], `unknown option --dump (did you mean --dump-facts?)${HELP}`],
  [['--fx'], `unknown option --fx (did you mean --fix?)${HELP}`],
  [['--requires-python', '>=3.12'], `unknown option --requires-python${HELP}`],
  [['--frobnicate'], `unknown option --frobnicate${HELP}`],
  [['-Y'], `unknown option -Y (did you mean -y, --yes?)${HELP}`],
  [['-j'], `unknown option -j${HELP}`],
  [['-json'], `unknown option -json (did you mean --json?)${HELP}`],
  [['-help'], `unknown option -help (did you mean --help?)${HELP}`],
  [['-fix', '--yes'], `unknown option -fix (did you mean --fix?)${HELP}`],
  [['--\u001b[31mred'], `unknown option --\\x1b[31mred${HELP}`],
  [['--a\\b\u202e'], `unknown option --a\\b\\u202e${HELP}`],
  [['--json=\u009b31m'], '--json takes no value, not "\\x9b31m"'],
  [['--format=JSON'], '--format must be one of plain, json, github, junit, markdown, not "JSON" (did you mean json?)'],
  [['--format', 'yaml'], '--format must be one of plain, json, github, junit, markdown, not "yaml"'],
  [['--format=md'], '--format must be one of plain, json, github, junit, markdown, not "md" (did you mean markdown?)'],
  [
    ['--format', 'text'],
    '--format must be one of plain, json, github, junit, markdown, not "text" (did you mean plain?)',
  ],
  [['--format'], '--format needs a value (--format FORMAT)'],
  [['--python'], '--python needs a value (--python CMD)'],
  [['--json=yes'], '--json takes no value, not "yes"'],
  [['--yes'], '--yes goes with --fix (venv-doctor --fix --yes)'],
  [['-y'], '--yes goes with --fix (venv-doctor --fix --yes)'],
  [['--dry-run'], '--dry-run goes with --fix (venv-doctor --fix --dry-run)'],
  [['--yes', '--dry-run'], '--yes and --dry-run go with --fix (venv-doctor --fix --yes --dry-run)'],
  [['--with-optional'], '--with-optional goes with --fix (venv-doctor --fix --with-optional)'],
  [['--force'], '--force goes with --dump-facts'],
  [['--json', '--format', 'junit'], '--json and --format junit contradict each other'],
  [['--color', '--no-color'], '--color and --no-color contradict each other'],
  [['--fix', '--facts', 'f.json'], '--fix repairs this machine; it cannot go with --facts'],
  [['--only', 'pythn'], '--only: no check pythn (did you mean python?); the checks are: '],
  [['--only', 'Python'], '--only: no check Python (did you mean python?); the checks are: '],
  [['--only', 'python,Project_Venv'], '--only: no check Project_Venv (did you mean project-venv?); the checks are: '],
  [['--only', 'python;pip'], '--only takes check ids separated by commas, not "python;pip"'],
  [
    ['--only', 'Python,Pip'],
    '--only: no check Python (did you mean python?), Pip (did you mean pip?); the checks are: ',
  ],
  [['--skip', 'pythn,frob'], '--skip: no check pythn (did you mean python?), frob; the checks are: '],
  [['--only', `a;${'x'.repeat(200)}`], `--only takes check ids separated by commas, not "a;${'x'.repeat(58)}..."`],
  [['--skip', 'gitignor'], '--skip: no check gitignor (did you mean gitignore?); the checks are: '],
  [['a', 'b'], 'one project directory at most, not 2: a b'],
];

describe('a mistyped or misplaced option: one line, exit 2, the closest option', () => {
  it.each(MISTAKES)('%j', async (argv, said) => {
    const { out, streams } = io();
    const code = await main(argv, streams, () => {
      throw new Error('no machine is examined for a usage error');
    });
    expect(code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.split('\n')).toHaveLength(2); // one line and its newline
    expect(out.stderr.startsWith(`venv-doctor: ${said}`)).toBe(true);
    expect(out.stderr).not.toMatch(/positional|ERR_|at .*\.js/);
  });

  it.each([
    ['fix', 'the project directory fix does not exist (did you mean --fix?)'],
    ['json', 'the project directory json does not exist (did you mean --json?)'],
    ['proj', 'the project directory proj does not exist'],
  ])('`venv-doctor %s` where no such directory is', async (dir, said) => {
    const { out, streams } = io();
    const system = fakeSystem({ files: {} });
    expect(await main([dir], streams, () => system)).toBe(2);
    expect(out.stderr).toBe(`venv-doctor: ${said}\n`);
  });
});

it('a very long argument is given back bounded', async () => {
  const { out, streams } = io();
  const system = fakeSystem({ files: {} });
  expect(await main(['d'.repeat(100_000)], streams, () => system)).toBe(2);
  expect(out.stderr.length).toBeLessThan(1100);
  expect(out.stderr).toMatch(/^venv-doctor: the project directory d+\.\.\.\n$/);
});

describe('didYouMean', () => {
  it.each([
    ['jsn', ['json', 'junit'], ' (did you mean json?)'],
    ['ab', ['json', 'fix'], ''],
    ['verbo', ['verbose', 'version'], ' (did you mean verbose?)'],
    ['ver', ['verbose', 'version'], ''],
    ['zzzzzzz', ['json'], ''],
    ['VENV_CREATE', ['venv', 'venv-create'], ' (did you mean venv-create?)'],
    ['Os', ['os', 'pip'], ' (did you mean os?)'],
  ])('%s among %j', (word, known, hint) => {
    expect(didYouMean(word, known)).toBe(hint);
  });
});
