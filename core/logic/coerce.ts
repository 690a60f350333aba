/**
 * JSON Logic's coercions, done without calling any method found on the data (`toString`,
 * `valueOf` keys in user data must not run or break anything).
 */

/** JSON Logic truthiness: like JavaScript, except that an empty array is false. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

/** A primitive stand-in for a value, the way JavaScript would print it, without user code. */
export function toPrimitive(value: unknown): string | number | boolean | null | undefined | bigint | symbol {
  if (Array.isArray(value)) return value.map(toText).join(',');
  if (value !== null && typeof value === 'object') return '[object Object]';
  if (typeof value === 'function') return '[function]';
  return value as string | number | boolean | null | undefined | bigint | symbol;
}

/** Text of a value for `cat`, `in` and `substr`: `null` and `undefined` become `''`. */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(toPrimitive(value));
}

/** A number the way JavaScript's unary `+` would give it. */
export function toNumber(value: unknown): number {
  const primitive = toPrimitive(value);
  if (typeof primitive === 'symbol' || typeof primitive === 'bigint') return Number.NaN;
  return Number(primitive);
}

/** JavaScript's `==`, applied to primitive stand-ins so objects never run user code. */
export function looseEquals(a: unknown, b: unknown): boolean {
  if (a !== null && typeof a === 'object' && b !== null && typeof b === 'object') return a === b;
  // eslint-disable-next-line eqeqeq -- JSON Logic's `==` is JavaScript's loose equality by definition
  return toPrimitive(a) == toPrimitive(b);
}

/** JavaScript's `<` on primitive stand-ins. */
export function lessThan(a: unknown, b: unknown): boolean {
  return (toPrimitive(a) as number) < (toPrimitive(b) as number);
}
