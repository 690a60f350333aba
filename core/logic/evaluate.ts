/**
 * The JSON Logic interpreter. Walks the rule as data — nothing in it is ever compiled or run as
 * code — and stops hostile rules with depth, operation-count and size limits.
 */
import { ChanceryError } from '../errors.js';
import { builtinOperators, extraOperation } from './builtins.js';
import { truthy } from './coerce.js';
import { asOperation, type Runner } from './operator.js';
import { DEFAULT_LIMITS, type LogicOptions } from './types.js';

/**
 * Evaluates a JSON Logic rule against `data`.
 *
 * Throws `ChanceryError` `logic.invalid` (unknown operator, bad arguments),
 * `logic.forbidden_path` (a `var` reaching `__proto__`, `constructor` or `prototype`) or
 * `logic.limit_exceeded` (too deep, too many operations, too long a result).
 *
 * @example
 * evaluate({ '>': [{ var: 'data.amount' }, 1000] }, { data: { amount: 5000 } }); // true
 * evaluate({ isWorkday: [{ var: 'now' }] }, data, { operations: { isWorkday: ([d]) => true } });
 */
export function evaluate(rule: unknown, data: unknown, options: LogicOptions = {}): unknown {
  const maxDepth = options.maxDepth ?? DEFAULT_LIMITS.maxDepth;
  const maxOps = options.maxOps ?? DEFAULT_LIMITS.maxOps;
  const maxLength = options.maxLength ?? DEFAULT_LIMITS.maxLength;
  let ops = 0;

  const runner: Runner = {
    run(node, scope, depth) {
      if (depth > maxDepth) throw new ChanceryError('logic.limit_exceeded', { limit: 'depth', max: maxDepth });
      if (Array.isArray(node)) return node.map((item) => runner.run(item, scope, depth + 1));
      const operation = asOperation(node);
      if (!operation) return node;
      ops += 1;
      if (ops > maxOps) throw new ChanceryError('logic.limit_exceeded', { limit: 'operations', max: maxOps });

      const { op, args } = operation;
      const builtin = builtinOperators.get(op);
      if (builtin?.lazy) return builtin.apply(args, scope, runner, depth + 1);
      const extra = builtin ? undefined : extraOperation(options.operations, op);
      if (!builtin && !extra) {
        throw new ChanceryError('logic.invalid', { reason: `unknown operator "${op}"`, operator: op });
      }
      const values = args.map((arg) => runner.run(arg, scope, depth + 1));
      return builtin ? builtin.apply(values, scope, runner) : extra?.(values, scope);
    },
    bounded(value) {
      if (value.length > maxLength) throw new ChanceryError('logic.limit_exceeded', { limit: 'length', max: maxLength });
      return value;
    },
  };

  return runner.run(rule, data, 0);
}

/**
 * Evaluates a rule as a guard: the JSON Logic truthiness of its result (an empty array is false).
 *
 * @example
 * evaluateGuard({ var: 'data.intake.realName' }, { data: { intake: { realName: true } } }); // true
 */
export function evaluateGuard(rule: unknown, data: unknown, options?: LogicOptions): boolean {
  return truthy(evaluate(rule, data, options));
}
