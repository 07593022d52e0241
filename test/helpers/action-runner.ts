// A simulated GitHub Actions runner for this repository's composite action (action.yml): it applies the
// inputs' defaults, evaluates the few expressions the action may use, runs each `run:` step as the runner
// does (`bash --noprofile --norc -eo pipefail FILE`) with the runner's files and variables
// (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE, GITHUB_ACTION_PATH, RUNNER_OS, RUNNER_ARCH,
// RUNNER_TEMP), and reads the outputs back. An expression it does not know fails the test: the action
// stays within what is simulated here.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PROJECT } from './paths.js';

export const ACTION_FILE = join(PROJECT, 'action.yml');

interface ActionStep {
  id?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}
export interface ActionMetadata {
  name: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export function actionMetadata(): ActionMetadata {
  return parse(readFileSync(ACTION_FILE, 'utf8')) as ActionMetadata;
}

export interface RunnerOptions {
  inputs?: Record<string, string>;
  /** RUNNER_OS, RUNNER_ARCH, GITHUB_SERVER_URL ... (the runner's defaults: Linux, X64). */
  env?: Record<string, string>;
  /** github.action_repository: empty for a local action (uses: ./). */
  actionRepository?: string;
  /** The workspace (GITHUB_WORKSPACE, the steps' directory). */
  workspace: string;
}

export interface RunnerResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** RUNNER_TEMP of the run. */
  temp: string;
}

export function runAction({ inputs = {}, env = {}, actionRepository = '', workspace }: RunnerOptions): RunnerResult {
  const action = actionMetadata();
  for (const name of Object.keys(inputs)) if (!(name in action.inputs)) throw new Error(`unknown input ${name}`);
  const values = Object.fromEntries(
    Object.entries(action.inputs).map(([name, input]) => [name, inputs[name] ?? input.default ?? '']),
  );
  const home = mkdtempSync(join(tmpdir(), 'venv-doctor-runner-'));
  const temp = join(home, 'temp');
  mkdirSync(temp);
  const summary = join(home, 'step_summary.md');
  writeFileSync(summary, '');
  const context: Record<string, string> = {
    'github.action_repository': actionRepository,
    'github.action_path': PROJECT,
    'github.workspace': workspace,
    ...Object.fromEntries(Object.entries(values).map(([name, value]) => [`inputs.${name}`, value])),
  };
  const steps: Record<string, Record<string, string>> = {};
  let last = { code: 0 as number | null, stdout: '', stderr: '' };
  for (const [index, step] of action.runs.steps.entries()) {
    if (!step.run) throw new Error(`step ${index}: only run steps are simulated`);
    if (step.run.includes('${{')) throw new Error(`step ${index}: an expression inside run: (inputs go through env)`);
    const script = join(home, `step-${index}.sh`);
    writeFileSync(script, step.run);
    const output = join(home, `output-${index}`);
    writeFileSync(output, '');
    const stepEnv = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([key, value]) => [key, evaluate(String(value), context)]),
    );
    const r = spawnSync('/bin/bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: workspace,
      encoding: 'utf8',
      timeout: 300_000,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? home,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: workspace,
        GITHUB_ACTION_PATH: PROJECT,
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_SERVER_URL: 'https://github.com',
        RUNNER_OS: 'Linux',
        RUNNER_ARCH: 'X64',
        RUNNER_TEMP: temp,
        ...env,
        ...stepEnv,
      },
    });
    last = { code: r.status, stdout: r.stdout, stderr: r.stderr };
    if (step.id) steps[step.id] = readOutputs(output);
    if (r.status !== 0) break;
  }
  for (const [id, outputs] of Object.entries(steps)) {
    for (const [key, value] of Object.entries(outputs)) context[`steps.${id}.outputs.${key}`] = value;
  }
  const outputs = Object.fromEntries(
    Object.entries(action.outputs).map(([name, output]) => [name, evaluate(output.value, context)]),
  );
  return { ...last, outputs, summary: existsSync(summary) ? readFileSync(summary, 'utf8') : '', temp };
}

/** `${{ name }}` replaced by its value (a step's output not set is empty, as on GitHub); anything else throws. */
function evaluate(text: string, context: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => {
    const value = context[name] ?? (name.startsWith('steps.') ? '' : undefined);
    if (value === undefined) throw new Error(`the simulated runner does not know \${{ ${name} }}`);
    return value;
  });
}

/** GITHUB_OUTPUT's `name=value` lines (the action writes no multi-line values). */
function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) outputs[line.slice(0, at)] = line.slice(at + 1);
  }
  return outputs;
}
