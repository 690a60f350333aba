/**
 * Arrays: `merge`, `count` and the iterating operators `map`, `filter`, `reduce`, `all`, `none`,
 * `some`. As in JSON Logic, the inner rule sees only the current item (or, for `reduce`,
 * `{ current, accumulator }`), not the outer data.
 */
import { truthy } from './coerce.js';
import type { LazyOperator, Operator, Runner } from './operator.js';

function listOf(rule: unknown, data: unknown, runner: Runner, depth: number): unknown[] {
  const value = runner.run(rule, data, depth);
  return Array.isArray(value) ? value : [];
}

const iterate = (finish: (list: unknown[], test: (item: unknown) => unknown) => unknown): LazyOperator => ({
  lazy: true,
  arity: { min: 2, max: 2 },
  scoped: [1],
  apply(args, data, runner, depth) {
    const list = listOf(args[0], data, runner, depth);
    return finish(list, (item) => runner.run(args[1], item, depth));
  },
});

const reduce: LazyOperator = {
  lazy: true,
  arity: { min: 2, max: 3 },
  scoped: [1],
  apply(args, data, runner, depth) {
    const list = listOf(args[0], data, runner, depth);
    let accumulator = runner.run(args[2] ?? null, data, depth);
    for (const current of list) accumulator = runner.run(args[1], { current, accumulator }, depth);
    return accumulator;
  },
};

export const arrayOperators: ReadonlyArray<readonly [string, Operator]> = [
  ['merge', { apply: (args, _data, runner) => runner.bounded(args.flat(1)) }],
  ['count', { arity: { min: 1, max: 1 }, apply: ([list]) => (Array.isArray(list) ? list.length : 0) }],
  ['map', iterate((list, test) => list.map(test))],
  ['filter', iterate((list, test) => list.filter((item) => truthy(test(item))))],
  ['all', iterate((list, test) => list.length > 0 && list.every((item) => truthy(test(item))))],
  ['none', iterate((list, test) => !list.some((item) => truthy(test(item))))],
  ['some', iterate((list, test) => list.some((item) => truthy(test(item))))],
  ['reduce', reduce],
];
