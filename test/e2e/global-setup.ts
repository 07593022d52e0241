// Before the end-to-end suite (after test/global-setup.ts built dist/): the single file of this machine's
// architecture, compiled from that dist/ when it is missing or was compiled from another one, so that the
// roots without Node test the code in the tree too (npm run build:exe; its compiler is cached once). Only the
// Linux files, which the roots run: ~6.5 s when stale, where all five take ~19 s. test/e2e/exe-headers.test.ts
// compiles the macOS and Windows ones itself when dist-exe/ lacks them, so a run of another e2e file alone
// does not wait for them.
import { spawnSync } from 'node:child_process';
import { PROJECT } from '../helpers/paths.js';

export default function setup(): void {
  if (process.env.VENV_DOCTOR_CLI) return; // another build is under test; nothing is built
  const started = Date.now();
  const args = ['scripts/build-exe.mjs', '--skip-build', '--if-stale', '--targets=linux-x64,linux-arm64'];
  const build = spawnSync(process.execPath, args, {
    cwd: PROJECT,
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  if (build.status !== 0) {
    throw new Error(
      `the single file could not be built (npm run build:exe, exit ${build.status}):\n${build.stdout}${build.stderr}`,
    );
  }
  if (!build.stdout.includes('up to date')) {
    console.log(`[venv-doctor] built the single file in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
