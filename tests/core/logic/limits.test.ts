import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../core/logic/index.js';
import type { ChanceryError } from '../../../core/errors.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as ChanceryError).code;
  }
  return undefined;
};

function nested(depth: number): unknown {
  let rule: unknown = 1;
  for (let i = 0; i < depth; i += 1) rule = { '!!': [rule] };
  return rule;
}

describe('evaluate: limits against hostile rules', () => {
  it('refuses rules nested deeper than the limit', () => {
    expect(evaluate(nested(30), {})).toBe(true);
    expect(codeOf(() => evaluate(nested(100), {}))).toBe('logic.limit_exceeded');
    expect(codeOf(() => evaluate(nested(10), {}, { maxDepth: 5 }))).toBe('logic.limit_exceeded');
  });

  it('stops a rule that performs too many operations', () => {
    const items = Array.from({ length: 2000 }, (_, i) => i);
    const rule = { map: [{ var: 'items' }, { map: [{ var: '' }, { '+': [1, 1] }] }] };
    // Each item is a number, so the inner map is cheap; make each item a list to multiply the work.
    const data = { items: items.map(() => items) };
    expect(codeOf(() => evaluate(rule, data))).toBe('logic.limit_exceeded');
    expect(codeOf(() => evaluate({ '+': [1, 2, 3] }, {}, { maxOps: 1 }))).toBeUndefined();
    expect(codeOf(() => evaluate({ '+': [1, { '+': [2, 3] }] }, {}, { maxOps: 1 }))).toBe('logic.limit_exceeded');
  });

  it('stops strings that double on every step', () => {
    const rule = {
      reduce: [{ var: 'steps' }, { cat: [{ var: 'accumulator' }, { var: 'accumulator' }] }, 'xxxxxxxx'],
    };
    const steps = Array.from({ length: 40 }, (_, i) => i);
    expect(codeOf(() => evaluate(rule, { steps }))).toBe('logic.limit_exceeded');
  });
});
