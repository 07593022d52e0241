// The programmatic API: the same diagnosis as `venv-doctor --json`, as a typed object.
//
//   import { diagnose } from 'venv-doctor';
//   const report = await diagnose({ python: 'python3', cwd: '/srv/app', deep: false });
//   if (!report.ok) console.log(report.fixes.map((f) => f.command));
import { monotonicMs } from './clock.js';
import { type DiagnoseOptions as CoreOptions, gather, judge, settle } from './diagnose.js';
import { realSystem } from './system.js';
import type { Report } from './types.js';

export { OptionsError } from './diagnose.js';
export type { CheckResult, Finding, Fix, Report, Status } from './types.js';

export interface DiagnoseOptions {
  /** The interpreter: a command on PATH or a path (--python; default python3). */
  python?: string;
  /** The directory to run in and diagnose as the project (the positional DIR; default process.cwd()). */
  cwd?: string;
  /** Run only these checks (--only). */
  only?: string[];
  /** Do not run these checks (--skip). */
  skip?: string[];
  /** Also create a throwaway venv (--deep). */
  deep?: boolean;
  /** Warnings fail (--strict). */
  strict?: boolean;
  /** The project's venv (--venv) and required Python (--require). */
  venv?: string;
  require?: string;
  /** A settings file (--config). */
  config?: string;
}

/** Diagnoses this machine and the project in `cwd`; rejects with OptionsError for bad options. */
export async function diagnose(options: DiagnoseOptions = {}): Promise<Report> {
  const started = monotonicMs();
  const system = realSystem(options.cwd ?? process.cwd());
  const core: CoreOptions = { ...options };
  const settled = await settle(system, core);
  const facts = await gather(system, core, settled);
  return judge(facts, core, settled, { factsFrom: 'machine', durationMs: () => monotonicMs() - started });
}
