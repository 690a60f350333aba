/**
 * Limits every JSON value that enters through the API, checked once at the edge before any
 * work: nesting depth (deep values overflow recursive code further in — serialisers, the
 * database driver, diffing — and once took pool connections down with them), and text that
 * PostgreSQL cannot store (a NUL character, an unpaired UTF-16 surrogate).
 *
 * The walk is iterative, so a hostile value cannot overflow the stack of the check itself.
 */
import { ChanceryError } from '../errors.js';
import { pointerOf } from '../json-pointer.js';

/** How deep a request body may nest (objects and arrays), counted from the body itself. */
export const MAX_BODY_DEPTH = 64;
/** Definitions and form schemas nest states, JSON Logic and sub-schemas deeper than case data. */
export const MAX_DEFINITION_DEPTH = 256;

interface Frame {
  value: unknown;
  depth: number;
  key: string | number | undefined;
  parent: Frame | undefined;
}

/**
 * Refuses a value nested deeper than `maxDepth` (`request.too_deep`, 413) or holding a string
 * PostgreSQL cannot store (`request.invalid_text`, 422); both carry the JSON pointer.
 *
 * @example
 * checkJsonLimits(JSON.parse(text), MAX_BODY_DEPTH); // throws with pointer "/data/a/a/…"
 */
export function checkJsonLimits(value: unknown, maxDepth: number, base = ''): void {
  const stack: Frame[] = [{ value, depth: 0, key: undefined, parent: undefined }];
  while (stack.length > 0) {
    const f = stack.pop()!;
    const v = f.value;
    if (typeof v === 'string') {
      if (!isStorableText(v)) throw new ChanceryError('request.invalid_text', { pointer: framePointer(f, base) }, { pointer: framePointer(f, base) });
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (f.depth >= maxDepth) throw new ChanceryError('request.too_deep', { max: maxDepth, pointer: framePointer(f, base) }, { pointer: framePointer(f, base) });
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth: f.depth + 1, key: i, parent: f });
    } else {
      for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
        const frame: Frame = { value: child, depth: f.depth + 1, key: k, parent: f };
        if (!isStorableText(k)) throw new ChanceryError('request.invalid_text', { pointer: framePointer(frame, base) }, { pointer: framePointer(frame, base) });
        stack.push(frame);
      }
    }
  }
}

/** False for text with a NUL character or an unpaired surrogate (PostgreSQL refuses both). */
export function isStorableText(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s);
}

// No nested quantifiers: linear on any input.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function framePointer(f: Frame, base: string): string {
  const keys: Array<string | number> = [];
  for (let at: Frame | undefined = f; at?.key !== undefined; at = at.parent) keys.push(at.key);
  return pointerOf(base, ...keys.reverse());
}
