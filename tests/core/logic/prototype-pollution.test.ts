import { afterEach, describe, expect, it } from 'vitest';
import { collectVars, evaluate, validateRule } from '../../../core/logic/index.js';
import type { ChanceryError } from '../../../core/errors.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as ChanceryError).code;
  }
  return undefined;
};

const polluted = () => (({}) as Record<string, unknown>)['polluted'];

describe('prototype pollution', () => {
  afterEach(() => {
    expect(polluted()).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it.each([
    [{ var: '__proto__.polluted' }],
    [{ var: '__proto__' }],
    [{ var: 'constructor.prototype' }],
    [{ var: 'constructor' }],
    [{ var: ['a.__proto__'] }],
    [{ var: ['a.prototype', 'x'] }],
    [{ var: { cat: ['__pro', 'to__'] } }],
    [{ missing: ['__proto__.polluted'] }],
    [{ missing_some: [1, ['constructor.name']] }],
    [{ map: [[{}], { var: '__proto__' }] }],
    [{ reduce: [[1], { var: 'accumulator.__proto__' }, {}] }],
  ])('refuses the variable path of %j with logic.forbidden_path', (rule) => {
    expect(codeOf(() => evaluate(rule, { a: {} }))).toBe('logic.forbidden_path');
  });

  it('reports forbidden paths statically too', () => {
    const problems = validateRule({ and: [{ var: 'a.__proto__.x' }, { missing: ['constructor'] }] });
    expect(problems.map((p) => [p.code, p.pointer])).toEqual([
      ['logic.forbidden_path', '/and/0/var'],
      ['logic.forbidden_path', '/and/1/missing/0'],
    ]);
  });

  it('never reads inherited properties', () => {
    expect(evaluate({ var: 'toString' }, {})).toBeNull();
    expect(evaluate({ var: 'a.hasOwnProperty' }, { a: {} })).toBeNull();
    expect(evaluate({ var: ['valueOf', 'd'] }, { a: 1 })).toBe('d');
  });

  it('does not treat __proto__ as an operator, even when parsed from JSON', () => {
    const rule = JSON.parse('{"__proto__": {"polluted": "yes"}}');
    expect(codeOf(() => evaluate(rule, {}))).toBe('logic.invalid');
    expect(validateRule(rule)[0]).toMatchObject({ code: 'logic.invalid', details: { operator: '__proto__' } });
  });

  it('returns data with a __proto__ key from JSON without merging it anywhere', () => {
    const data = JSON.parse('{"list": [{"__proto__": {"polluted": "yes"}}], "obj": {"__proto__": {"polluted": "yes"}}}');
    const merged = evaluate({ merge: [{ var: 'list' }, { var: 'list' }] }, data) as unknown[];
    expect(merged).toHaveLength(2);
    const mapped = evaluate({ map: [{ var: 'list' }, { var: '' }] }, data) as Array<Record<string, unknown>>;
    expect(mapped[0]?.['polluted']).toBeUndefined();
    expect(codeOf(() => evaluate({ var: 'obj.__proto__.polluted' }, data))).toBe('logic.forbidden_path');
    expect(evaluate({ cat: [{ var: 'obj' }] }, data)).toBe('[object Object]');
  });

  it('does not let extra operations be looked up through the prototype chain', () => {
    const operations = Object.create({ inherited: () => 'leak' }) as Record<string, never>;
    expect(codeOf(() => evaluate({ inherited: [] }, {}, { operations }))).toBe('logic.invalid');
    expect(codeOf(() => evaluate({ hasOwnProperty: ['x'] }, {}, { operations: {} }))).toBe('logic.invalid');
  });

  it('still lists forbidden paths in collectVars so callers can see them', () => {
    expect(collectVars({ var: '__proto__.polluted' })).toEqual(['__proto__.polluted']);
  });
});
