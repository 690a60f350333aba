import { describe, expect, it } from 'vitest';
import { builtinOperatorNames, collectVars, validateRule } from '../../../core/logic/index.js';

describe('collectVars', () => {
  it('lists the paths a rule reads, once each, in order', () => {
    const rule = {
      if: [{ var: 'data.a' }, { cat: [{ var: ['data.b', ''] }, { var: 'data.a' }] }, { missing: ['data.c', 'data.d'] }],
    };
    expect(collectVars(rule)).toEqual(['data.a', 'data.b', 'data.c', 'data.d']);
  });

  it('follows only the list argument of iterating operators', () => {
    const rule = { some: [{ var: 'data.issues' }, { '==': [{ var: 'unit' }, 'x'] }] };
    expect(collectVars(rule)).toEqual(['data.issues']);
    expect(collectVars({ reduce: [{ var: 'data.n' }, { var: 'current' }, { var: 'data.start' }] })).toEqual(['data.n', 'data.start']);
  });

  it('reports a computed path as a dependency on the whole data', () => {
    expect(collectVars({ var: { cat: ['data.', { var: 'data.field' }] } })).toEqual(['', 'data.field']);
    expect(collectVars({ missing_some: [1, ['data.x', 'data.y']] })).toEqual(['data.x', 'data.y']);
  });
});

describe('validateRule', () => {
  it('accepts every built-in used correctly', () => {
    expect(validateRule({ and: [{ '<': [0, { var: 'x' }, 10] }, { in: ['a', { var: 'l' }] }] })).toEqual([]);
    expect(builtinOperatorNames).toEqual(expect.arrayContaining(['var', 'missing_some', 'reduce', 'count', '?:']));
  });

  it('reports unknown operators and wrong argument counts with pointers into the rule', () => {
    const problems = validateRule({ or: [{ '==': [1] }, { frobnicate: [1] }, { '/': [1, 2] }] });
    expect(problems.map((p) => [p.code, p.pointer, p.details['reason']])).toEqual([
      ['logic.invalid', '/or/0/==', 'arity'],
      ['logic.invalid', '/or/1', 'unknown_operator'],
    ]);
    expect(problems[1]?.message['zh-CN']).toContain('frobnicate');
  });

  it('knows operators passed in by plugins', () => {
    expect(validateRule({ isWorkday: [] }, { operations: { isWorkday: () => true } })).toEqual([]);
  });

  it('escapes operator names in pointers', () => {
    expect(validateRule({ '/': [1] })[0]?.pointer).toBe('/~1');
  });

  it('reports nesting deeper than the limit once', () => {
    let rule: unknown = 1;
    for (let i = 0; i < 80; i += 1) rule = { '!': [rule] };
    const problems = validateRule(rule);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.code).toBe('logic.limit_exceeded');
  });

  it('rejects a path that is an object literal', () => {
    expect(validateRule({ var: { a: 1, b: 2 } })[0]?.details['reason']).toBe('path_type');
  });
});
