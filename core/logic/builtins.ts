/** The built-in operator table, assembled once from the operator families. */
import { arrayOperators } from './ops-array.js';
import { dataOperators } from './ops-data.js';
import { dateOperators } from './ops-date.js';
import { logicOperators } from './ops-logic.js';
import { mathOperators } from './ops-math.js';
import type { Operator } from './operator.js';
import type { LogicOperation, LogicOperations } from './types.js';

/** Built-in operators by name. A Map, so a rule's key can never reach `Object.prototype`. */
export const builtinOperators: ReadonlyMap<string, Operator> = new Map([
  ...logicOperators,
  ...mathOperators,
  ...dataOperators,
  ...arrayOperators,
  ...dateOperators,
]);

/** Looks an extra (plugin) operation up by own name only. */
export function extraOperation(operations: LogicOperations | undefined, name: string): LogicOperation | undefined {
  if (!operations) return undefined;
  if (operations instanceof Map) return operations.get(name);
  const record = operations as Readonly<Record<string, LogicOperation>>;
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

/** Names of the built-in operators (for editors and the designer's autocomplete). */
export const builtinOperatorNames: readonly string[] = [...builtinOperators.keys()];
