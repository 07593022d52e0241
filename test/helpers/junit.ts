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
  const errors: string[] = [];
  for (const [name, schema] of Object.entries(JUNIT_SCHEMAS)) {
    const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [schema] });
    for (const e of result.errors) errors.push(`${name}: ${e.rawMessage ?? e.message}`);
    if (!result.valid && result.errors.length === 0) errors.push(`${name}: invalid`);
  }
  return errors;
}
