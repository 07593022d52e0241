// JUnit XML as the CI tools that read it accept it: validated against the schemas they publish, vendored in
// test/fixtures/junit/ (test/fixtures/README.md says from where): Jenkins xunit's junit-10.xsd, which the
// xunit plugin checks every input against, and Maven Surefire's test report schema.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { FIXTURES } from './paths.js';

export const JUNIT_SCHEMAS = {
  'Jenkins xunit junit-10.xsd': readFileSync(join(FIXTURES, 'junit/jenkins-xunit-junit-10.xsd'), 'utf8'),
  "Maven Surefire's surefire-test-report.xsd": readFileSync(
    join(FIXTURES, 'junit/maven-surefire-test-report.xsd'),
    'utf8',
  ),
};

/** Each schema's complaints about the document (none: valid against both). */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  return (await junitSchemaErrorsOfEach([xml]))[0] ?? [];
}

/**
 * The same for many documents, with one xmllint per schema for all of them (each start of the WebAssembly
 * xmllint costs ~150 ms: 168 of them were 28 s of the unit suite).
 */
export async function junitSchemaErrorsOfEach(xmls: readonly string[]): Promise<string[][]> {
  const errors = xmls.map((): string[] => []);
  const files = xmls.map((contents, i) => ({ fileName: `report-${i}.xml`, contents }));
  for (const [name, schema] of Object.entries(JUNIT_SCHEMAS)) {
    const result = await validateXML({ xml: files, schema: [schema] });
    let last: number | null = null;
    for (const e of result.errors) {
      const match = /^report-(\d+)\.xml$/.exec(e.loc?.fileName ?? '');
      if (match) last = Number(match[1]);
      // A line without a place continues the one before (the source line, the caret); before any, it is
      // every document's: none may pass unseen.
      const owners = last === null ? errors : [errors[last]];
      for (const owner of owners) owner?.push(`${name}: ${e.rawMessage ?? e.message}`);
    }
    if (!result.valid && result.errors.length === 0) for (const owner of errors) owner.push(`${name}: invalid`);
  }
  return errors;
}
