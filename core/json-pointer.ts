/**
 * JSON Pointers (RFC 6901), the one copy: how every problem, form issue and result mapping names a
 * place in a document. Pure, no imports (the engine, forms, plugins and the browser share it).
 */

/** Escapes one token: `~` → `~0`, `/` → `~1`. */
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Undoes `escapeToken` (in this order, so `~01` stays `~1`). */
export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Appends tokens to a pointer: `pointerOf('/states', 'a/b')` → `'/states/a~1b'`. */
export function pointerOf(base: string, ...tokens: Array<string | number>): string {
  return base + tokens.map((token) => `/${escapeToken(token)}`).join('');
}

/** `'/a/b~1c'` → `['a', 'b/c']`; `''` → `[]`. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map(unescapeToken);
}

/**
 * Reads the value at `pointer` (`/number`, `/items/0/id`; `''` or `'/'` is the whole value), own
 * properties only; `undefined` when there is nothing there.
 */
export function readPointer(value: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return value;
  let node: unknown = value;
  for (const key of parsePointer(pointer)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
