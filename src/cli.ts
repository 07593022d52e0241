// The executable: real streams, the real machine, and the exit code. Nothing else lives here.
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { createInterface } from 'node:readline';
import { main } from './main.js';
import { endEverythingOnSignal, realSystem, runStreaming } from './system.js';
import { ExitCode } from './types.js';

function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      resolve(answer); // before close(): closing resolves with '' (end of input counts as "no")
      rl.close();
    });
    rl.on('close', () => resolve(''));
  });
}

// Ctrl-C (or a kill) stops every child and removes every temporary directory before exiting.
endEverythingOnSignal();

try {
  process.exitCode = await main(
    process.argv.slice(2),
    {
      stdout: process.stdout,
      stderr: process.stderr,
      // A pseudo-terminal without a size (script(1), some CI runners) cannot show the live view.
      isTTY: process.stdout.isTTY === true && (process.stdout.columns ?? 0) >= 40,
      canAsk: process.stdin.isTTY === true,
      env: process.env,
      readFile: (path) => readFile(path, 'utf8'),
      writeFile: (path, text) => writeFile(path, text, 'utf8'),
      appendFile: (path, text) => appendFile(path, text, 'utf8'),
      ask,
      runFix: runStreaming,
      hostname: hostname(),
      now: () => performance.now(),
    },
    () => realSystem(),
  );
} catch (error) {
  // A bug or an unforeseen state: say so plainly; the stack only on request.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`venv-doctor could not finish: ${message}\n`);
  if (process.env.VENV_DOCTOR_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('Set VENV_DOCTOR_DEBUG=1 for details, and please report this.\n');
  process.exitCode = ExitCode.doctorFailed;
}
