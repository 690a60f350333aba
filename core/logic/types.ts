/**
 * Types shared by the JSON Logic interpreter, the static rule checker and the dependency collector.
 */

/**
 * An extra operation supplied by a plugin (a guard, a helper). It receives its arguments already
 * evaluated and the data the rule runs against, and must be pure: no clock, no I/O.
 */
export type LogicOperation = (args: readonly unknown[], data: unknown) => unknown;

/** Extra operations by name; built-in operators cannot be replaced. */
export type LogicOperations = ReadonlyMap<string, LogicOperation> | Readonly<Record<string, LogicOperation>>;

/** Options for `evaluate` and `validateRule`. */
export interface LogicOptions {
  /** Extra operations (plugin guards). */
  operations?: LogicOperations;
  /** Deepest nesting of operators allowed. Default 64. */
  maxDepth?: number;
  /** Most operator applications one evaluation may perform. Default 100 000. */
  maxOps?: number;
  /** Longest string or array an operation may build (`cat`, `merge`, `map`...). Default 1 000 000. */
  maxLength?: number;
}

/** One problem found by `validateRule`, without evaluating the rule. */
export interface LogicProblem {
  code: 'logic.invalid' | 'logic.forbidden_path' | 'logic.limit_exceeded';
  /** JSON pointer inside the rule, `''` for the rule itself. */
  pointer: string;
  message: { 'zh-CN': string; en: string };
  details: Record<string, unknown>;
}

export const DEFAULT_LIMITS = { maxDepth: 64, maxOps: 100_000, maxLength: 1_000_000 } as const;
