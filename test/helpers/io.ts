// Fake streams for main(): what it writes to stdout and stderr, nothing asked, nothing run, no file written.
import type { Io } from '../../src/main.js';

export function fakeIo(env: Io['env'] = {}): { out: { stdout: string; stderr: string }; streams: Io } {
  const out = { stdout: '', stderr: '' };
  const streams: Io = {
    stdout: { write: (t: string) => (out.stdout += t) },
    stderr: { write: (t: string) => (out.stderr += t) },
    isTTY: false,
    canAsk: false,
    env,
    readFile: async () => '',
    writeFile: async () => {},
    appendFile: async () => {},
    ask: async () => '',
    runFix: async () => null,
    identity: async () => ({ passwd: null, hostname: null }),
    now: () => 0,
  };
  return { out, streams };
}
