// The command users run (package.json "bin"): dist/venv-doctor.cjs, which checks the Node.js version with
// semver before it loads dist/cli.cjs. Real old Nodes (10 to 16) run it in .ci/run; here the version is
// made old in the process itself.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, NEEDS, NPM_BUILD } from '../helpers/cli.js';

const LAUNCHER = join(dirname(CLI), 'venv-doctor.cjs');
const ENGINES = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    engines: { node: string };
  }
).engines.node;

function run(args: string[], nodeVersion?: string) {
  const pretend = nodeVersion
    ? [
        '-e',
        `Object.defineProperty(process.versions, 'node', { value: '${nodeVersion}' }); require(${JSON.stringify(LAUNCHER)})`,
        // argv[1], as the launcher's path is when run as a file: the command reads argv from index 2.
        LAUNCHER,
      ]
    : [LAUNCHER];
  return spawnSync(process.execPath, [...pretend, ...args], { encoding: 'utf8', timeout: 30_000 });
}

describe.skipIf(!NPM_BUILD)(`the launcher ${NEEDS.npmBuild}`, () => {
  it('is the command in package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      bin: Record<string, string>;
    };
    expect(pkg.bin).toEqual({ 'venv-doctor': 'dist/venv-doctor.cjs' });
  });
  it('on a Node that is new enough, is the command itself: same output, same exit codes', () => {
    const direct = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' });
    expect(run(['--version']).stdout).toBe(direct.stdout);
    const usage = run(['--format', 'nope']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--format');
  });
  it.each(['10.24.1', '12.22.9', '16.20.2', '18.12.1'])(
    'on Node %s: says what is needed, what was found and where, the ways out; exit 3, nothing on stdout',
    (version) => {
      const r = run(['--json'], version);
      expect(r.status).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        [
          `venv-doctor 0.1.0 needs Node.js ${ENGINES}; this is Node.js ${version} (${process.execPath}).`,
          '',
          'Ways out, without changing the Node.js of this system:',
          '  npx -p node@20 -p venv-doctor@0.1.0 venv-doctor',
          '      runs this version once with Node.js 20, both from the npm registry',
          '  the single-file venv-doctor',
          '      needs no Node.js at all: see docs/install.md',
          '',
        ].join('\n'),
      );
    },
  );
  it('the lowest Node engines allows is let through', () => {
    expect(run(['--version'], ENGINES.replace(/^>=/, '').replace(/^(\d+\.\d+)$/, '$1.0')).stdout).toBe('0.1.0\n');
  });
});
