/**
 * Reading and writing instance data by dotted path (`intake.unit`, `data.intake.unit`).
 * Paths come from definitions written by admins, so they never reach prototypes.
 */
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

export function splitDataPath(path: string): string[] {
  const parts = path.split('.').filter((p) => p.length > 0);
  if (parts[0] === 'data') parts.shift();
  for (const p of parts) if (FORBIDDEN.has(p)) throw new Error(`forbidden data path segment "${p}" in "${path}"`);
  return parts;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns a copy of `data` with `value` written at `path` (objects along the way are copied, not mutated). */
export function setDataPath(data: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const parts = splitDataPath(path);
  if (parts.length === 0) return isPlainObject(value) ? { ...value } : data;
  const write = (node: Record<string, unknown>, i: number): Record<string, unknown> => {
    const key = parts[i]!;
    const copy: Record<string, unknown> = { ...node };
    if (i === parts.length - 1) {
      Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
    } else {
      const child = Object.hasOwn(node, key) && isPlainObject(node[key]) ? (node[key] as Record<string, unknown>) : {};
      Object.defineProperty(copy, key, { value: write(child, i + 1), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  };
  return write(data, 0);
}

/** Shallow-merges each top-level key of `patch` (form key → form data) into `data`. */
export function mergeData(data: Record<string, unknown>, patch: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!patch) return data;
  let next = data;
  for (const key of Object.keys(patch)) {
    if (FORBIDDEN.has(key)) continue;
    next = setDataPath(next, key, patch[key]);
  }
  return next;
}
