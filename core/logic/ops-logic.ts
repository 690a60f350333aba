/** Control flow and comparison: `if`, `?:`, `or`, `and`, `!`, `!!`, equality and ordering. */
import { lessThan, looseEquals, truthy } from './coerce.js';
import type { Operator } from './operator.js';

const conditional: Operator = {
  lazy: true,
  apply(args, data, runner, depth) {
    let i = 0;
    for (; i + 1 < args.length; i += 2) {
      if (truthy(runner.run(args[i], data, depth))) return runner.run(args[i + 1], data, depth);
    }
    return i < args.length ? runner.run(args[i], data, depth) : null;
  },
};

const chainOf = (stopWhen: boolean): Operator => ({
  lazy: true,
  apply(args, data, runner, depth) {
    let value: unknown = null;
    for (const arg of args) {
      value = runner.run(arg, data, depth);
      if (truthy(value) === stopWhen) return value;
    }
    return value;
  },
});

const binary = (fn: (a: unknown, b: unknown) => boolean): Operator => ({
  arity: { min: 2, max: 2 },
  apply: ([a, b]) => fn(a, b),
});

/** `a < b`, or `a < b < c` with three arguments (between). */
const ordered = (strict: boolean): Operator => ({
  arity: { min: 2, max: 3 },
  apply(args) {
    const holds = (a: unknown, b: unknown) => (strict ? lessThan(a, b) : lessThan(a, b) || looseEquals(a, b));
    return args.length === 3 ? holds(args[0], args[1]) && holds(args[1], args[2]) : holds(args[0], args[1]);
  },
});

export const logicOperators: ReadonlyArray<readonly [string, Operator]> = [
  ['if', conditional],
  ['?:', conditional],
  ['or', chainOf(true)],
  ['and', chainOf(false)],
  ['!', { arity: { min: 1, max: 1 }, apply: ([a]) => !truthy(a) }],
  ['!!', { arity: { min: 1, max: 1 }, apply: ([a]) => truthy(a) }],
  ['==', binary(looseEquals)],
  ['!=', binary((a, b) => !looseEquals(a, b))],
  ['===', binary((a, b) => a === b)],
  ['!==', binary((a, b) => a !== b)],
  ['<', ordered(true)],
  ['<=', ordered(false)],
  ['>', binary((a, b) => lessThan(b, a))],
  ['>=', binary((a, b) => lessThan(b, a) || looseEquals(a, b))],
];
