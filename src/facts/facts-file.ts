// Facts as a file: --dump-facts writes one, --facts reads one back (a support engineer replays a
// user's dump with the newest venv-doctor). Reading validates the file in full against its JSON Schema
// (docs/schema/facts.v1.json, generated from src/types.ts), so a hand-edited, truncated or hostile file
// gives a clear message naming the field instead of a crash deep inside a check.
import { quoted as printable } from '../neutralize.js';
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

/** The largest facts file read (a real dump is 10 to 50 KB). */
export const FACTS_MAX_BYTES = 4 * 1024 * 1024;

/**
 * The facts in a dump, or a sentence saying why the text is not one. A dump may come from anyone (a
 * support ticket): it is validated in full against docs/schema/facts.v1.json, so that no field reaches a
 * check with a type it does not expect.
 */
export async function parseFactsFile(text: string): Promise<{ facts: Facts } | { error: string }> {
  if (text.length > FACTS_MAX_BYTES) return { error: `it is larger than ${FACTS_MAX_BYTES / 1024 / 1024} MiB` };
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
  const facts = upgradeOldPackages(raw) as Facts;
  if (facts.factsVersion !== FACTS_VERSION) {
    return {
      error: `its factsVersion is ${printable(JSON.stringify(facts.factsVersion) ?? 'missing')}; this venv-doctor reads version ${FACTS_VERSION}`,
    };
  }
  const validate = await validator();
  if (!validate(facts)) return { error: firstProblem(validate.errors ?? [], facts) };
  if (facts.python.probe !== null && !isProbe(facts.python.probe)) return { error: 'its python.probe is malformed' };
  const venvProbe = facts.project?.venv?.probe;
  if (venvProbe && !isProbe(venvProbe)) return { error: 'its project.venv.probe is malformed' };
  return { facts };
}

/**
 * Dumps of venv-doctor before 0.2 describe dpkg only ({ manager: 'dpkg', dpkg, aptLists, tools: { aptGet ...
 * } }): read as the apt system's facts they are, so that a user's older dump still replays. Anything else is
 * left as it is, for the schema to judge.
 */
export function upgradeOldPackages(raw: unknown): unknown {
  const facts = raw as { packages?: Record<string, unknown> | null };
  const old = facts.packages;
  if (old?.manager !== 'dpkg') return raw;
  const { dpkg, aptLists, tools, ...rest } = old as Record<string, unknown>;
  const toolsOld = (tools ?? {}) as Record<string, unknown>;
  const states =
    dpkg && typeof dpkg === 'object' && !Array.isArray(dpkg)
      ? Object.fromEntries(
          Object.entries(dpkg as Record<string, unknown>).map(([name, entry]) => {
            const e = (entry ?? {}) as Record<string, unknown>;
            return [name, { installed: e.status === 'ii', version: e.version ?? null }];
          }),
        )
      : dpkg;
  return {
    ...facts,
    packages: {
      ...rest,
      manager: 'apt',
      installed: states,
      lists: aptLists,
      tools: { install: toolsOld.aptGet, candidates: toolsOld.aptCache, addAptRepository: toolsOld.addAptRepository },
    },
  };
}

// ajv and the schema are loaded only here, on the --facts path: they would cost every other run its
// startup time (they are a chunk of their own in dist/, see scripts/build.mjs).
let compiled: ValidateFunction | undefined;
async function validator(): Promise<ValidateFunction> {
  if (compiled) return compiled;
  const [{ default: ajv }, { default: schema }] = await Promise.all([
    import('ajv'),
    import('../../docs/schema/facts.v1.json', { with: { type: 'json' } }),
  ]);
  // The schema itself is checked against the JSON Schema meta-schema by the tests, not on every replay, and
  // its code is not optimised: both halve the compile time (~80 -> ~40 ms), and a dump is small.
  compiled = new ajv.default({
    strict: true,
    allErrors: false,
    validateSchema: false,
    code: { optimize: false },
  }).compile(schema);
  return compiled;
}

type ValidateFunction = import('ajv').ValidateFunction;
type ErrorObject = import('ajv').ErrorObject;

/**
 * One sentence for the most specific error: "project.required must be string or null". The schema's
 * `T | null` fields are anyOf branches, each with its own errors: the deepest field wins, and the types
 * wanted at one field are merged.
 */
function firstProblem(errors: readonly ErrorObject[], raw: unknown): string {
  const located = errors
    .filter((e) => !['anyOf', 'oneOf', 'if'].includes(e.keyword))
    .map((e) => {
      const segments = e.instancePath
        .split('/')
        .slice(1)
        .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
      const extra = e.params.missingProperty ?? e.params.additionalProperty;
      if (typeof extra === 'string') segments.push(extra);
      return { error: e, segments };
    });
  if (located.length === 0) return 'it does not match the facts schema';
  const depth = Math.max(...located.map((l) => l.segments.length));
  const deepest = located.filter((l) => l.segments.length === depth);
  const [first] = deepest as [(typeof deepest)[number]];
  const path = fieldPath(first.segments, raw);
  const sameField = deepest.filter((l) => l.segments.join('/') === first.segments.join('/'));
  if (sameField.every((l) => l.error.keyword === 'type')) {
    const types = [...new Set(sameField.flatMap((l) => String(l.error.params.type).split(',')))];
    return `${path} must be ${types.join(' or ')}`;
  }
  return `${path} ${describe(first.error)}`;
}

function describe(error: ErrorObject): string {
  const p = error.params;
  switch (error.keyword) {
    case 'type':
      return `must be ${String(p.type).split(',').join(' or ')}`;
    case 'required':
      return 'is missing';
    case 'additionalProperties':
      return 'is not a field of a facts file';
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'minItems':
      return `must have at least ${p.limit} items`;
    case 'maxItems':
      return `must have at most ${p.limit} items`;
    case 'maxLength':
      return `is longer than ${p.limit} characters`;
    case 'maxProperties':
      return `has more than ${p.limit} entries`;
    case 'propertyNames':
      return 'has a key that is too long';
    default:
      return error.message ?? 'is not valid';
  }
}

/** project.venv.shebangs[0].script, packages.installed["python3.11-venv"]: a field as a person reads it. */
function fieldPath(segments: readonly string[], raw: unknown): string {
  let path = '';
  let node: unknown = raw;
  for (const segment of segments) {
    if (Array.isArray(node)) path += `[${printable(segment)}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) path += path ? `.${segment}` : segment;
    else path += `[${JSON.stringify(printable(segment))}]`;
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return path || 'the file';
}
