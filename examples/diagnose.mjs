// The programmatic API, as a user of the package writes it (docs/api.md). Run: node examples/diagnose.mjs [DIR]
import { diagnose } from 'venv-doctor';

const report = await diagnose({ python: 'python3', cwd: process.argv[2] ?? process.cwd() });
console.log(report.ok ? 'ready' : 'not ready');
for (const check of report.checks) console.log(`${check.status}\t${check.id}\t${check.message}`);
for (const fix of report.fixes) console.log(`fix\t${fix.command}`);
process.exitCode = report.exitCode;
