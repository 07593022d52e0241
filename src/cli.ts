// The executable: real streams, the real machine, and the exit code. Nothing else lives here.

import { constants, type Stats } from 'node:fs';
import { appendFile, type FileHandle, lstat, open } from 'node:fs/promises';
import { hostname } from 'node:os';
import { monotonicMs } from './clock.js';
import { FACTS_MAX_BYTES } from './facts/facts-file.js';
import { main } from './main.js';
import { escapeTerminal } from './neutralize.js';
import { endEverythingOnSignal, realSystem, runStreaming } from './system.js';
import { ExitCode } from './types.js';

async function ask(question: string): Promise<string> {
  // Loaded only to ask (--fix in a terminal): the single file pays for every module it loads at start.
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      resolve(answer); // before close(): closing resolves with '' (end of input counts as "no")
      rl.close();
    });
    rl.on('close', () => resolve(''));
  });
}

/**
 * --facts FILE: a regular file of at most FACTS_MAX_BYTES. Opened without blocking and without becoming a
 * controlling terminal, so that a FIFO, /dev/tty or /dev/zero is refused at once instead of hanging.
 */
async function readFactsFile(path: string): Promise<string> {
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error(`it is ${fileKind(info)}, not a regular file`);
    const limit = `${FACTS_MAX_BYTES / 1024 / 1024} MiB`;
    if (info.size > FACTS_MAX_BYTES) throw new Error(`it is larger than ${limit} (${info.size} bytes)`);
    // Read to the end, but never more than the limit: the file may grow while it is read.
    const buffer = Buffer.allocUnsafe(FACTS_MAX_BYTES + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, total);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > FACTS_MAX_BYTES) throw new Error(`it is larger than ${limit}`);
    }
    return buffer.toString('utf8', 0, total);
  } finally {
    await handle.close();
  }
}

function fileKind(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * --dump-facts FILE: mode 0600, and O_NOFOLLOW: a final symbolic link is never written through (a committed
 * `facts.json -> /etc/passwd`, even as root); O_EXCL: an existing file is never overwritten unless --force,
 * and then only a regular file of this user with one link, truncated and set to 0600 (fchmod) before writing.
 */
async function writeDumpFile(path: string, text: string, { force }: { force: boolean }): Promise<void> {
  const flags =
    constants.O_WRONLY |
    constants.O_CREAT |
    (constants.O_NOFOLLOW ?? 0) |
    (constants.O_NOCTTY ?? 0) |
    // With --force, a FIFO without a reader is refused at once (ENXIO) instead of hanging.
    (force ? (constants.O_NONBLOCK ?? 0) : constants.O_EXCL);
  let handle: FileHandle;
  try {
    handle = await open(path, flags, 0o600);
  } catch (error) {
    throw await whyNotWritten(path, error);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error(`it is ${fileKind(info)}, not a regular file`);
    if (info.nlink > 1) throw new Error('it has other hard links, and venv-doctor does not write through them');
    const uid = process.geteuid?.();
    if (uid !== undefined && info.uid !== uid) {
      throw new Error(`it belongs to another user (uid ${info.uid}); remove it, or choose another file`);
    }
    await handle.chmod(0o600);
    await handle.truncate(0);
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
}

/** A sentence for why FILE was not opened, or the error itself (main says ENOENT, EACCES ... in words). */
async function whyNotWritten(path: string, error: unknown): Promise<unknown> {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const isLink = await lstat(path).then(
    (info) => info.isSymbolicLink(),
    () => false,
  );
  if (isLink || code === 'ELOOP' || code === 'EMLINK') {
    return new Error(
      'it is a symbolic link, and venv-doctor never writes through one; remove it, or choose another file',
    );
  }
  if (code === 'EEXIST') return new Error('it already exists; add --force to overwrite it');
  if (code === 'ENXIO') return new Error('it is a named pipe (FIFO), not a regular file');
  return error;
}

/** The current uid's entry in /etc/passwd (a regular file, its first MiB only), or null. */
async function passwdEntry(): Promise<{ name: string; home: string } | null> {
  const uid = process.getuid?.();
  if (uid === undefined) return null;
  let text: string;
  try {
    const handle = await open(
      '/etc/passwd',
      constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0),
    );
    try {
      if (!(await handle.stat()).isFile()) return null;
      const buffer = Buffer.alloc(1024 * 1024);
      let total = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, total, buffer.length - total, total);
        total += bytesRead;
        if (bytesRead === 0 || total === buffer.length) break;
      }
      text = buffer.toString('utf8', 0, total);
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields.length >= 7 && fields[2] === String(uid) && fields[0]) return { name: fields[0], home: fields[5] ?? '' };
  }
  return null;
}

async function identity() {
  let name: string | null = null;
  try {
    name = hostname();
  } catch {}
  return { passwd: await passwdEntry(), hostname: name };
}

// Ctrl-C (or a kill) stops every child and removes every temporary directory before exiting.
endEverythingOnSignal();

// A reader that goes away (`venv-doctor --verbose | head -1`) is not a failure: after EPIPE the rest of the
// output is dropped (the stream is destroyed, and writes to it are discarded), nothing is printed, and the
// exit code is still the report's. Any other write error (a full disk) means the output is incomplete:
// venv-doctor could not finish (exit 3).
let writeFailed = false;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || writeFailed) return;
    writeFailed = true;
    if (stream === process.stdout && !process.stderr.destroyed) {
      process.stderr.write(`venv-doctor could not finish: cannot write the output (${error.code ?? error.message})\n`);
    }
  });
}
process.on('exit', () => {
  if (writeFailed) process.exitCode = ExitCode.doctorFailed;
});

/** The run, then the exit. (Not a top-level await: Node runs the command as CommonJS, see scripts/build.mjs.) */
async function run(): Promise<void> {
  try {
    process.exitCode = await main(
      process.argv.slice(2),
      {
        stdout: process.stdout,
        stderr: process.stderr,
        // A pseudo-terminal without a size (script(1), some CI runners) cannot show the live view.
        isTTY: process.stdout.isTTY === true && (process.stdout.columns ?? 0) >= 40,
        // A terminal that does not say its width is taken as 80 columns; a pipe or a file is never wrapped.
        columns: process.stdout.isTTY === true ? process.stdout.columns || 80 : null,
        canAsk: process.stdin.isTTY === true,
        env: process.env,
        readFile: readFactsFile,
        writeFile: writeDumpFile,
        appendFile: (path, text) => appendFile(path, text, 'utf8'),
        ask,
        runFix: runStreaming,
        identity,
        now: monotonicMs,
      },
      () => realSystem(),
    );
  } catch (error) {
    // A bug or an unforeseen state: say so plainly; the stack only on request.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`venv-doctor could not finish: ${escapeTerminal(message)}\n`);
    if (process.env.VENV_DOCTOR_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    else process.stderr.write('Set VENV_DOCTOR_DEBUG=1 for details, and please report this.\n');
    process.exitCode = ExitCode.doctorFailed;
  }
  // Everything is written and every child has ended: exit now rather than wait for Node to tear the
  // process down by itself (measured ~10 ms of a ~210 ms run). Only when nothing is left to flush: on Linux
  // writes to pipes and terminals are synchronous, elsewhere they may still be queued.
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
}

// A failure inside run's own catch (a throwable that cannot be printed) ends as exit 3, never as Node's
// unhandled-rejection stack trace.
run().catch(() => {
  process.exitCode = ExitCode.doctorFailed;
});
