/**
 * Safe variable paths: `a.b.0.c` read through own properties only, never through the prototype chain.
 */
import { ChanceryError } from '../errors.js';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Splits a `var` path into segments; `''` (the whole data) has none. */
export function splitPath(path: string | number): string[] {
  const text = String(path);
  return text === '' ? [] : text.split('.');
}

/** The first forbidden segment of a path (`__proto__`, `constructor`, `prototype`), if any. */
export function forbiddenSegment(path: string | number): string | undefined {
  return splitPath(path).find((segment) => FORBIDDEN.has(segment));
}

/** Throws `logic.forbidden_path` when a path would reach the prototype chain. */
export function assertSafePath(path: string | number): void {
  if (forbiddenSegment(path) !== undefined) {
    throw new ChanceryError('logic.forbidden_path', { path: String(path) });
  }
}

/**
 * Reads `path` from `data` through own properties only; `undefined` when any step is missing.
 *
 * @example
 * readPath({ data: { items: [{ n: 1 }] } }, 'data.items.0.n'); // 1
 */
export function readPath(data: unknown, path: string | number): unknown {
  assertSafePath(path);
  let current: unknown = data;
  for (const segment of splitPath(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
