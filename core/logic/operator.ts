/**
 * The shape of a built-in operator. Eager operators get their arguments evaluated; lazy ones
 * (`if`, `and`, `map`...) evaluate what they need through the runner.
 */

/** Evaluates sub-rules for lazy operators and enforces the size limit. */
export interface Runner {
  run(rule: unknown, data: unknown, depth: number): unknown;
  /** Throws `logic.limit_exceeded` when a built string or array is too long. */
  bounded<T extends string | readonly unknown[]>(value: T): T;
}

export interface EagerOperator {
  lazy?: false;
  /** Accepted argument counts, inclusive; `max` omitted = unbounded. */
  arity?: { min: number; max?: number };
  apply(args: unknown[], data: unknown, runner: Runner): unknown;
}

export interface LazyOperator {
  lazy: true;
  arity?: { min: number; max?: number };
  /** Arguments evaluated against each array item instead of the data (`map`'s second argument). */
  scoped?: readonly number[];
  apply(args: readonly unknown[], data: unknown, runner: Runner, depth: number): unknown;
}

export type Operator = EagerOperator | LazyOperator;

/** A rule is an operation when it is a plain object with exactly one key (the operator). */
export function asOperation(rule: unknown): { op: string; args: unknown[]; raw: unknown } | undefined {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return undefined;
  const keys = Object.keys(rule);
  if (keys.length !== 1) return undefined;
  const op = keys[0] as string;
  const raw = (rule as Record<string, unknown>)[op];
  return { op, args: Array.isArray(raw) ? raw : [raw], raw };
}
