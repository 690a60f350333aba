import { describe, expect, it } from 'vitest';
import { evaluate, evaluateGuard } from '../../../core/logic/index.js';
import { ChanceryError } from '../../../core/errors.js';

const data = {
  data: {
    amount: 5000,
    intake: {
      name: '张三',
      realName: true,
      issues: [
        { unit: 'water', n: 2 },
        { unit: 'roads', n: 3 },
      ],
    },
    empty: '',
    nothing: null,
  },
  initiator: { id: 'u1', unitId: 'county' },
};

describe('evaluate: data access', () => {
  it('reads dot paths, array indexes and the whole data', () => {
    expect(evaluate({ var: 'data.intake.name' }, data)).toBe('张三');
    expect(evaluate({ var: 'data.intake.issues.1.unit' }, data)).toBe('roads');
    expect(evaluate({ var: ['data.intake.issues.0.n'] }, data)).toBe(2);
    expect(evaluate({ var: 1 }, ['a', 'b'])).toBe('b');
    expect(evaluate({ var: '' }, 42)).toBe(42);
  });

  it('falls back to the default only when the path is missing', () => {
    expect(evaluate({ var: ['data.nope', 'fallback'] }, data)).toBe('fallback');
    expect(evaluate({ var: 'data.nope' }, data)).toBeNull();
    expect(evaluate({ var: ['data.nothing', 'fallback'] }, data)).toBeNull();
  });

  it('lists missing and empty keys with missing and missing_some', () => {
    expect(evaluate({ missing: ['data.amount', 'data.empty', 'data.nothing', 'data.nope'] }, data)).toEqual(['data.empty', 'data.nothing', 'data.nope']);
    expect(evaluate({ missing: { merge: [['data.amount'], ['data.x']] } }, data)).toEqual(['data.x']);
    expect(evaluate({ missing_some: [1, ['data.amount', 'data.x']] }, data)).toEqual([]);
    expect(evaluate({ missing_some: [2, ['data.amount', 'data.x']] }, data)).toEqual(['data.x']);
  });
});

describe('evaluate: logic and comparison', () => {
  it('picks the first branch whose condition holds in if and ?:', () => {
    const rule = { if: [{ '>': [{ var: 'data.amount' }, 10000] }, 'big', { '>': [{ var: 'data.amount' }, 1000] }, 'mid', 'small'] };
    expect(evaluate(rule, data)).toBe('mid');
    expect(evaluate({ '?:': [false, 1, 2] }, {})).toBe(2);
    expect(evaluate({ if: [false, 1] }, {})).toBeNull();
  });

  it('short-circuits or and and, returning the deciding value', () => {
    expect(evaluate({ or: [0, '', 'x', { var: '__proto__' }] }, {})).toBe('x');
    expect(evaluate({ and: [1, 0, { unknownOp: [] }] }, {})).toBe(0);
    expect(evaluate({ and: [1, 'last'] }, {})).toBe('last');
  });

  it('treats an empty array as false', () => {
    expect(evaluate({ '!': [[]] }, {})).toBe(true);
    expect(evaluate({ '!!': [[1]] }, {})).toBe(true);
    expect(evaluateGuard({ var: 'list' }, { list: [] })).toBe(false);
  });

  it('compares loosely and strictly like JSON Logic', () => {
    expect(evaluate({ '==': [1, '1'] }, {})).toBe(true);
    expect(evaluate({ '===': [1, '1'] }, {})).toBe(false);
    expect(evaluate({ '!=': [1, '2'] }, {})).toBe(true);
    expect(evaluate({ '!==': [1, 1] }, {})).toBe(false);
    expect(evaluate({ '==': [null, 0] }, {})).toBe(false);
    expect(evaluate({ '==': [[1], 1] }, {})).toBe(true);
  });

  it('supports between with three-argument < and <=', () => {
    expect(evaluate({ '<': [1, 5, 10] }, {})).toBe(true);
    expect(evaluate({ '<': [1, 10, 10] }, {})).toBe(false);
    expect(evaluate({ '<=': [1, 10, 10] }, {})).toBe(true);
    expect(evaluate({ '>': [2, 1] }, {})).toBe(true);
    expect(evaluate({ '>=': [1, 1] }, {})).toBe(true);
  });
});

describe('evaluate: numbers and strings', () => {
  it('does arithmetic with JavaScript coercion', () => {
    expect(evaluate({ '+': [1, '2', 3] }, {})).toBe(6);
    expect(evaluate({ '-': [10, 4] }, {})).toBe(6);
    expect(evaluate({ '-': [4] }, {})).toBe(-4);
    expect(evaluate({ '*': [2, 3, 4] }, {})).toBe(24);
    expect(evaluate({ '/': [9, 3] }, {})).toBe(3);
    expect(evaluate({ '%': [10, 3] }, {})).toBe(1);
    expect(evaluate({ max: [1, 7, 3] }, {})).toBe(7);
    expect(evaluate({ min: [4, 2, 9] }, {})).toBe(2);
    expect(evaluate({ max: [] }, {})).toBeNull();
  });

  it('concatenates, cuts and searches text', () => {
    expect(evaluate({ cat: ['信访件：', { var: 'data.intake.name' }, null] }, data)).toBe('信访件：张三');
    expect(evaluate({ substr: ['县政府办公室', 1] }, {})).toBe('政府办公室');
    expect(evaluate({ substr: ['县政府办公室', -3] }, {})).toBe('办公室');
    expect(evaluate({ substr: ['县政府办公室', 1, 2] }, {})).toBe('政府');
    expect(evaluate({ substr: ['县政府办公室', 0, -3] }, {})).toBe('县政府');
    expect(evaluate({ in: ['政府', '县政府办公室'] }, {})).toBe(true);
    expect(evaluate({ in: ['b', ['a', 'b']] }, {})).toBe(true);
    expect(evaluate({ in: ['c', ['a', 'b']] }, {})).toBe(false);
  });
});

describe('evaluate: arrays', () => {
  const issues = { var: 'data.intake.issues' };
  it('maps, filters and reduces over items, each rule seeing the item', () => {
    expect(evaluate({ map: [issues, { var: 'unit' }] }, data)).toEqual(['water', 'roads']);
    expect(evaluate({ filter: [issues, { '>': [{ var: 'n' }, 2] }] }, data)).toEqual([{ unit: 'roads', n: 3 }]);
    expect(evaluate({ reduce: [issues, { '+': [{ var: 'accumulator' }, { var: 'current.n' }] }, 0] }, data)).toBe(5);
  });

  it('answers all, none and some (all of nothing is false)', () => {
    expect(evaluate({ all: [issues, { '>': [{ var: 'n' }, 1] }] }, data)).toBe(true);
    expect(evaluate({ all: [[], true] }, {})).toBe(false);
    expect(evaluate({ none: [issues, { '>': [{ var: 'n' }, 5] }] }, data)).toBe(true);
    expect(evaluate({ some: [issues, { '==': [{ var: 'unit' }, 'roads'] }] }, data)).toBe(true);
  });

  it('merges one level and counts items', () => {
    expect(evaluate({ merge: [[1, 2], 3, [[4]]] }, {})).toEqual([1, 2, 3, [4]]);
    expect(evaluate({ count: issues }, data)).toBe(2);
    expect(evaluate({ count: { var: 'data.amount' } }, data)).toBe(0);
  });
});

describe('evaluate: extra operations and errors', () => {
  it('runs operations passed in by plugins, with evaluated arguments', () => {
    const operations = new Map([['double', (args: readonly unknown[]) => Number(args[0]) * 2]]);
    expect(evaluate({ double: { var: 'x' } }, { x: 21 }, { operations })).toBe(42);
    expect(evaluate({ isWorkday: ['2025-10-01'] }, {}, { operations: { isWorkday: () => false } })).toBe(false);
  });

  it('does not let an extra operation replace a built-in', () => {
    expect(evaluate({ '+': [1, 1] }, {}, { operations: { '+': () => 'hijacked' } })).toBe(2);
  });

  it('rejects unknown operators with logic.invalid', () => {
    expect(() => evaluate({ eval: ['1+1'] }, {})).toThrow(ChanceryError);
    try {
      evaluate({ toString: [] }, {});
      expect.unreachable();
    } catch (e) {
      expect((e as ChanceryError).code).toBe('logic.invalid');
      expect((e as ChanceryError).details).toMatchObject({ operator: 'toString' });
    }
  });

  it('keeps objects with several keys as literals', () => {
    expect(evaluate({ a: 1, b: 2 }, {})).toEqual({ a: 1, b: 2 });
  });

  it('does not run toString or valueOf found in the data', () => {
    const hostile = { o: { toString: 'nope', valueOf: 'nope' } };
    expect(evaluate({ '==': [{ var: 'o' }, '[object Object]'] }, hostile)).toBe(true);
    expect(evaluate({ cat: [{ var: 'o' }] }, hostile)).toBe('[object Object]');
  });
});
