import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/judge/run-checks.js';
import { exitCodeOf } from '../../src/report.js';
import type { Check } from '../../src/types.js';
import { facts } from '../helpers/facts.js';

const pass: Check = { id: 'a', title: 'A', description: '', run: () => [{ severity: 'pass', message: 'fine' }] };
const crash: Check = {
  id: 'b',
  title: 'B',
  description: '',
  run: () => {
    throw new Error('boom');
  },
};
const mixed: Check = {
  id: 'c',
  title: 'C',
  description: '',
  run: () => [
    { severity: 'pass', message: 'good part' },
    { severity: 'warn', message: 'odd part', details: ['why'] },
  ],
};
const skipped: Check = { id: 'd', title: 'D', description: '', skipIf: () => 'no interpreter', run: () => [] };

describe('runChecks', () => {
  it('a check that throws crashes alone; the others still run', () => {
    const results = runChecks([crash, pass], facts());
    expect(results.map((r) => r.status)).toEqual(['crash', 'pass']);
    expect(results[0]?.message).toMatch(/The check crashed: boom/);
  });
  it('status is the worst severity; its finding is the headline, the rest details', () => {
    const [r] = runChecks([mixed], facts());
    expect(r).toMatchObject({ status: 'warn', message: 'odd part', details: ['good part', 'why'] });
  });
  it('skips with the reason', () => {
    expect(runChecks([skipped], facts())[0]).toMatchObject({ status: 'skip', message: 'Skipped: no interpreter.' });
  });
  it('times every check', () => {
    let t = 0;
    const [r] = runChecks([pass], facts(), () => (t += 1.5));
    expect(r?.durationMs).toBe(1.5);
  });
});

describe('exitCodeOf', () => {
  it('0 ready (warnings allowed), 1 not ready, 3 when a check crashed', () => {
    expect(exitCodeOf(runChecks([pass, mixed], facts()))).toBe(0);
    expect(exitCodeOf(runChecks([pass, crash], facts()))).toBe(3);
    const fail: Check = { ...pass, run: () => [{ severity: 'fail', message: 'x' }] };
    expect(exitCodeOf(runChecks([fail, crash], facts()))).toBe(1);
  });
});
