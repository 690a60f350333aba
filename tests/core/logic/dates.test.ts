import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../core/logic/index.js';

describe('date_diff in rules', () => {
  it('counts whole days, hours or minutes between two ISO dates', () => {
    expect(evaluate({ date_diff: ['2026-10-01', '2026-10-08'] }, {})).toBe(7);
    expect(evaluate({ date_diff: ['2026-06-01T08:00:00Z', '2026-06-01T11:59:00Z', 'hours'] }, {})).toBe(3);
    expect(evaluate({ date_diff: [{ var: 'a' }, { var: 'b' }, 'minutes'] }, { a: '2026-06-01T08:00:00+08:00', b: '2026-06-01T00:30:00Z' })).toBe(30);
  });
  it('gives null for anything that is not a date, without calling into the data', () => {
    expect(evaluate({ date_diff: ['yesterday', '2026-10-08'] }, {})).toBeNull();
    expect(evaluate({ date_diff: [{ var: 'x' }, '2026-10-08'] }, { x: { toString: 'boom' } })).toBeNull();
  });
});
