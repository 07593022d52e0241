// What CI tools read from --format junit: every scenario's report, strict and not, is valid against the
// schemas they validate with (Jenkins xunit's junit-10.xsd, Maven Surefire's), and its counts are the JSON's.
// (Not in the mutation run: each schema validation starts a WebAssembly xmllint, and test/unit's render
// tests pin the renderer's every line already.)
import { beforeAll, describe, expect, it } from 'vitest';
import { renderJunit } from '../../src/render/junit.js';
import { junitSchemaErrorsOfEach } from '../helpers/junit.js';
import { diagnose, SCENARIOS } from './scenario-list.js';

const CASES = SCENARIOS.flatMap(([name, factsOf]) => [false, true].map((strict) => [name, strict, factsOf] as const));

describe('JUnit of every scenario, as CI tools read it', () => {
  // All documents validated at once (one xmllint per schema), each test then reads its own errors.
  const reports = CASES.map(([, strict, factsOf]) => ({ ...diagnose(factsOf()), strict }));
  const xmls = reports.map((report) => renderJunit(report));
  let errors: string[][] = [];
  beforeAll(async () => {
    errors = await junitSchemaErrorsOfEach(xmls);
  });

  it.each(CASES.map((c, i) => [...c, i] as const))(
    '%s (strict %s): valid against both schemas, counts equal to the JSON report',
    (_name, strict, _factsOf, i) => {
      const report = reports[i] as (typeof reports)[number];
      const xml = xmls[i] as string;
      expect(errors[i]).toEqual([]);
      const suite = /^<testsuite ([^>]*)>$/m.exec(xml)?.[1] ?? '';
      const attribute = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(suite)?.[1]);
      const count = (...statuses: string[]) => report.checks.filter((c) => statuses.includes(c.status)).length;
      expect(attribute('tests')).toBe(report.checks.length);
      expect(attribute('failures')).toBe(count('fail', ...(strict ? ['warn'] : [])));
      expect(attribute('errors')).toBe(count('crash'));
      expect(attribute('skipped')).toBe(count('skip', 'ignored'));
      expect(xml.match(/<testcase /g)?.length).toBe(report.checks.length);
      expect(xml.match(/<failure /g)?.length ?? 0).toBe(attribute('failures'));
    },
  );
});
