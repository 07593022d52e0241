// The live view in a terminal: a listr2 checklist of what is being gathered, while it is gathered.
// listr2 is loaded only here, so runs without a terminal (CI, --json) never pay for it.
import type { GatherStep } from '../facts/gather.js';
import { escapeTerminal } from '../neutralize.js';

const TITLES: Record<GatherStep, string> = {
  os: 'Identify the operating system',
  python: 'Probe the Python interpreter',
  packages: 'Read the package state',
};

/** Runs `work`, showing one spinner per gathering step until that step reports. */
export async function withLiveView<T>(
  work: (onStep: (step: GatherStep, summary: string) => void) => Promise<T>,
): Promise<T> {
  const { Listr } = await import('listr2');
  const waiting = new Map<GatherStep, (summary: string) => void>();
  const reported = new Map<GatherStep, Promise<string>>();
  for (const step of Object.keys(TITLES) as GatherStep[]) {
    reported.set(step, new Promise((resolve) => waiting.set(step, resolve)));
  }
  const list = new Listr(
    (Object.keys(TITLES) as GatherStep[]).map((step) => ({
      title: TITLES[step],
      task: async (_: unknown, task: { title: string }) => {
        // The summary is machine text (the OS's PRETTY_NAME ...): terminal-safe before it is shown.
        task.title = `${TITLES[step]}: ${escapeTerminal((await reported.get(step)) ?? '')}`;
      },
    })),
    { concurrent: true, exitOnError: false, rendererOptions: { collapseErrors: false } },
  );
  const shown = list.run();
  try {
    return await work((step, summary) => waiting.get(step)?.(summary));
  } finally {
    // Whatever happened, every spinner stops, so the view can never hang.
    for (const resolve of waiting.values()) resolve('done');
    await shown.catch(() => {});
  }
}
