// Facts as a file: --dump-facts writes one, --facts reads one back (a support engineer replays a
// user's dump with the newest venv-doctor). Reading validates the shape, so a hand-edited or truncated
// file gives a clear message instead of a crash deep inside a check.
import { FACTS_VERSION, type Facts } from '../types.js';
import { isProbe } from './probe.js';

export function serializeFacts(facts: Facts): string {
  return `${JSON.stringify(facts, null, 2)}\n`;
}

type Shape = 'string' | 'string?' | 'boolean' | 'object' | 'object?' | 'array';

function conforms(value: unknown, shape: Record<string, Shape>): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not an object';
  const record = value as Record<string, unknown>;
  for (const [key, kind] of Object.entries(shape)) {
    const field = record[key];
    const ok =
      kind === 'string'
        ? typeof field === 'string'
        : kind === 'string?'
          ? field === null || typeof field === 'string'
          : kind === 'boolean'
            ? typeof field === 'boolean'
            : kind === 'array'
              ? Array.isArray(field)
              : kind === 'object?'
                ? field === null || (typeof field === 'object' && !Array.isArray(field))
                : typeof field === 'object' && field !== null && !Array.isArray(field);
    if (!ok) return `has no valid "${key}"`;
  }
  return null;
}

/** The facts in a dump, or a sentence saying why the text is not one. */
export function parseFactsFile(text: string): { facts: Facts } | { error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { error: 'it is not JSON' };
  }
  const top = conforms(raw, {
    gatheredBy: 'string',
    host: 'object',
    os: 'object',
    python: 'object',
    packages: 'object?',
  });
  if (top) return { error: `it ${top} (is it a venv-doctor --dump-facts file?)` };
  const facts = raw as Facts;
  if (facts.factsVersion !== FACTS_VERSION) {
    return {
      error: `its factsVersion is ${JSON.stringify(facts.factsVersion)}; this venv-doctor reads version ${FACTS_VERSION}`,
    };
  }
  const parts: [string, unknown, Record<string, Shape>][] = [
    [
      'host',
      facts.host,
      {
        platform: 'string',
        arch: 'string',
        kernel: 'string',
        isRoot: 'boolean',
        sudo: 'string?',
        wsl: 'boolean',
        container: 'string?',
      },
    ],
    [
      'os',
      facts.os,
      {
        source: 'string?',
        id: 'string?',
        idLike: 'array',
        versionId: 'string?',
        codename: 'string?',
        name: 'string?',
        prettyName: 'string?',
        problem: 'string?',
      },
    ],
    [
      'python',
      facts.python,
      {
        command: 'string',
        resolved: 'string?',
        shim: 'string?',
        problem: 'object?',
        probe: 'object?',
        owner: 'object?',
        others: 'array',
      },
    ],
  ];
  if (facts.packages) {
    parts.push([
      'packages',
      facts.packages,
      { manager: 'string', dpkg: 'object?', aptLists: 'string', candidates: 'object', tools: 'object' },
    ]);
  }
  if (facts.project !== undefined && facts.project !== null) {
    parts.push([
      'project',
      facts.project,
      {
        dir: 'string',
        cwd: 'string',
        markers: 'array',
        venvSearched: 'array',
        venv: 'object?',
        pyproject: 'object?',
        git: 'object?',
        virtualEnv: 'object?',
        deep: 'object?',
      },
    ]);
  }
  for (const [name, value, shape] of parts) {
    const problem = conforms(value, shape);
    if (problem) return { error: `its ${name} ${problem}` };
  }
  if (facts.python.probe !== null && !isProbe(facts.python.probe)) return { error: 'its python.probe is malformed' };
  return { facts };
}
