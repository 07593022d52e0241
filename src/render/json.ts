// The machine-readable report (docs/json-output.md, schema in docs/schema/). Pure.
import type { Report } from '../types.js';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
