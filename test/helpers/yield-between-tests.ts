// Many tests here run the CLI with spawnSync, which blocks the worker. Vitest's worker answers its runner over
// an RPC with a fixed 60 s timeout, and Node runs the timers phase before the poll phase: a file whose tests
// block back to back for over 60 s (a loaded CI machine) fails the run with "Timeout calling onTaskUpdate"
// although every test passed. One turn of the event loop after each test lets the worker read the replies.
import { afterEach } from 'vitest';

afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));
