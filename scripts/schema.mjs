// Writes docs/schema/facts.v1.json: the JSON Schema of a facts file (--dump-facts writes one, --facts
// validates one against it), generated from the Facts type in src/types.ts. Run it after changing a facts
// type: `npm run schema`. `--print` prints the schema instead (the test compares it with the committed file).
//
// The generator makes every object strict (additionalProperties: false); this script adds the bounds that
// TypeScript cannot say: the length of strings, the size of arrays and records (a facts file comes from
// someone else's machine, and what it says is shown in reports).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = 'docs/schema/facts.v1.json';

/** The longest string a dump holds is a PEP 668 marker's text (the first 16 KiB of it) or --deep's output. */
const STRING_CHARS = 65_536;
/** Arrays: markers, wheel names, other interpreters, shebangs ... a few dozen on a real machine. */
const ARRAY_ITEMS = 4096;
/** Records: dpkg's python3* packages (a few hundred on a full Debian), apt candidates. */
const RECORD_ENTRIES = 4096;
/** Keys of records are package names. */
const KEY_CHARS = 256;

function bound(node) {
  if (Array.isArray(node)) {
    for (const item of node) bound(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const value of Object.values(node)) bound(value);
  const types = Array.isArray(node.type) ? node.type : [node.type];
  if (types.includes('string') && !('enum' in node) && !('const' in node) && node.maxLength === undefined) {
    node.maxLength = STRING_CHARS;
  }
  if (types.includes('array') && node.maxItems === undefined) node.maxItems = ARRAY_ITEMS;
  if (types.includes('object') && node.additionalProperties && typeof node.additionalProperties === 'object') {
    node.maxProperties ??= RECORD_ENTRIES;
    node.propertyNames ??= { maxLength: KEY_CHARS };
  }
}

/** The schema, as an object. */
export function factsSchema() {
  const generated = createGenerator({
    path: `${ROOT}src/types.ts`,
    type: 'Facts',
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    additionalProperties: false,
    skipTypeCheck: true,
  }).createSchema('Facts');
  const { $schema, ...rest } = generated;
  bound(rest.definitions);
  return {
    $schema,
    $id: 'https://venv-doctor.dev/schema/facts.v1.json',
    title: 'venv-doctor facts file, factsVersion 1',
    description:
      'What `venv-doctor --dump-facts FILE` writes and `--facts FILE` reads back. Generated from src/types.ts by `npm run schema`; see docs/json-output.md.',
    ...rest,
  };
}

/** The schema as the committed file holds it: JSON formatted by the project's formatter. */
export function factsSchemaText() {
  const biome = `${ROOT}node_modules/@biomejs/biome/bin/biome`;
  return execFileSync(process.execPath, [biome, 'format', `--stdin-file-path=${OUT}`], {
    cwd: ROOT,
    input: `${JSON.stringify(factsSchema(), null, 2)}\n`,
    encoding: 'utf8',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = factsSchemaText();
  if (process.argv.includes('--print')) process.stdout.write(text);
  else {
    writeFileSync(`${ROOT}${OUT}`, text);
    console.log(`wrote ${OUT}`);
  }
}
