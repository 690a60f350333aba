/** Arithmetic: `+`, `-`, `*`, `/`, `%`, `max`, `min`. Arguments are coerced like JavaScript's unary `+`. */
import { toNumber } from './coerce.js';
import type { Operator } from './operator.js';

const numbers = (args: unknown[]): number[] => args.map(toNumber);

export const mathOperators: ReadonlyArray<readonly [string, Operator]> = [
  ['+', { apply: (args) => numbers(args).reduce((sum, n) => sum + n, 0) }],
  ['*', { arity: { min: 1 }, apply: (args) => numbers(args).reduce((product, n) => product * n, 1) }],
  [
    '-',
    {
      arity: { min: 1, max: 2 },
      apply: (args) => {
        const [a = 0, b] = numbers(args);
        return b === undefined ? -a : a - b;
      },
    },
  ],
  ['/', { arity: { min: 2, max: 2 }, apply: ([a, b]) => toNumber(a) / toNumber(b) }],
  ['%', { arity: { min: 2, max: 2 }, apply: ([a, b]) => toNumber(a) % toNumber(b) }],
  // Empty `max`/`min` give null rather than ±Infinity, which JSON cannot carry.
  ['max', { apply: (args) => (args.length === 0 ? null : Math.max(...numbers(args))) }],
  ['min', { apply: (args) => (args.length === 0 ? null : Math.min(...numbers(args))) }],
];
