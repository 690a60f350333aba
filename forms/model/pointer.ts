/**
 * JSON pointers (RFC 6901) and immutable reads and writes through them.
 */
import type { Pointer } from './types.js';
import { pointerOf } from '../../core/json-pointer.js';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

// Escaping and parsing are core's (core/json-pointer.ts); the form model adds its reads and writes.
export { parsePointer } from '../../core/json-pointer.js';

/** Appends one segment. */
export function childPointer(parent: Pointer, segment: string | number): Pointer {
  return pointerOf(parent, segment);
}

/** Whether `ancestor` is `pointer` or one of its ancestors. */
export function isWithin(pointer: Pointer, ancestor: Pointer): boolean {
  return pointer === ancestor || pointer.startsWith(ancestor + '/');
}

/** Reads through own properties only. */
export function getIn(data: unknown, path: readonly (string | number)[]): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    const key = String(segment);
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * Returns a copy of `data` with `value` at `path` (copying only the containers on the way);
 * `undefined` removes the property (or, in an array, leaves `undefined` at that index).
 * Missing containers are created as objects, or arrays when the next segment is a number.
 */
export function setIn(data: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const key = String(head);
  if (FORBIDDEN.has(key)) return data;
  if (Array.isArray(data)) {
    const index = Number(head);
    if (!Number.isInteger(index) || index < 0) return data;
    const copy = data.slice();
    copy[index] = setIn(copy[index], rest, value);
    return copy;
  }
  const base: Record<string, unknown> = data !== null && typeof data === 'object' ? { ...(data as Record<string, unknown>) } : {};
  if (rest.length === 0 && value === undefined) {
    delete base[key];
    return base;
  }
  const next = Object.hasOwn(base, key) ? base[key] : typeof rest[0] === 'number' ? [] : undefined;
  base[key] = setIn(next, rest, value);
  return base;
}

/** Removes the value at `path` (an object property, or an array element with the rest shifted). */
export function removeIn(data: unknown, path: readonly (string | number)[]): unknown {
  if (path.length === 0) return undefined;
  const parentPath = path.slice(0, -1);
  const parent = getIn(data, parentPath);
  const last = String(path[path.length - 1]);
  if (Array.isArray(parent)) {
    const index = Number(last);
    if (!Number.isInteger(index) || index < 0 || index >= parent.length) return data;
    return setIn(
      data,
      parentPath,
      parent.filter((_, i) => i !== index),
    );
  }
  if (parent === null || typeof parent !== 'object' || !Object.hasOwn(parent, last)) return data;
  return setIn(data, path, undefined);
}

/** Structural equality of JSON values. */
export function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => equalJson(v, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && equalJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
