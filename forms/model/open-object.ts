/**
 * Open objects: keys beyond `properties` that `additionalProperties` (a schema or `true`) or
 * `patternProperties` allow. The model shows them as entries of a key–value editor; this file
 * says which keys an object takes, which schema each entry's value follows, and whether a key a
 * person types is acceptable (the same rules ajv applies on submit: `patternProperties`,
 * `additionalProperties`, `propertyNames`, and no clash with a declared or present name).
 */
import { format } from '../../core/errors.js';
import { keyMessages } from '../validation/messages.js';
import { childPointer } from './pointer.js';
import { isSchema } from './schema.js';
import type { Issue, JsonSchema, Lang, Pointer } from './types.js';

/** Why a key is refused. */
export type KeyProblem = 'empty' | 'declared' | 'taken' | 'pattern' | 'names';

/** Makes a regular expression: the browser's `RegExp`, or on the server a linear-time engine (RE2). */
export type RegExpFactory = (pattern: string, flags: string) => { test(s: string): boolean };

const nativeRegExp: RegExpFactory = (pattern, flags) => new RegExp(pattern, flags);
const compiled = new WeakMap<RegExpFactory, Map<string, { test(s: string): boolean } | null>>();

/** `pattern` as a Unicode regular expression (as ajv reads it), or null when it does not compile. */
function regexp(pattern: string, engine: RegExpFactory): { test(s: string): boolean } | null {
  let cache = compiled.get(engine);
  if (!cache) compiled.set(engine, (cache = new Map()));
  let re = cache.get(pattern);
  if (re === undefined) {
    try {
      re = engine(pattern, 'u');
    } catch {
      re = null;
    }
    cache.set(pattern, re);
  }
  return re;
}

function declared(schema: JsonSchema): ReadonlySet<string> {
  return new Set(isSchema(schema['properties']) ? Object.keys(schema['properties']) : []);
}

/**
 * Whether a person may add keys to the object: `additionalProperties` is a schema or `true`, or
 * there are `patternProperties`. (An object that says nothing is closed for adding: its unknown
 * keys are kept on submit but not edited.)
 */
export function isOpenObject(schema: JsonSchema): boolean {
  const extra = schema['additionalProperties'];
  if (extra === true || isSchema(extra)) return true;
  return isSchema(schema['patternProperties']) && Object.keys(schema['patternProperties']).length > 0;
}

/**
 * The schema an entry's value follows: every `patternProperties` schema whose pattern matches the
 * key (all of them apply, as in JSON Schema), else `additionalProperties`; undefined when the key
 * is not allowed as an entry.
 */
export function entrySchema(schema: JsonSchema, key: string, engine: RegExpFactory = nativeRegExp): unknown {
  const matching: unknown[] = [];
  const byPattern = schema['patternProperties'];
  if (isSchema(byPattern)) {
    for (const [pattern, sub] of Object.entries(byPattern)) if (regexp(pattern, engine)?.test(key)) matching.push(sub);
  }
  if (matching.length === 1) return matching[0];
  if (matching.length > 1) return { allOf: matching };
  const extra = schema['additionalProperties'];
  if (extra === true) return {};
  return isSchema(extra) ? extra : undefined;
}

/** The entries of an open object's value: its keys that are not declared properties, in data order. */
export function entryKeys(schema: JsonSchema, value: unknown, engine: RegExpFactory = nativeRegExp): string[] {
  if (!isOpenObject(schema) || value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const names = declared(schema);
  return Object.keys(value).filter((key) => !names.has(key) && entrySchema(schema, key, engine) !== undefined);
}

/**
 * Whether `key` may be added to (or an entry renamed to `key` in) an object holding `value`.
 * `renaming` is the entry's current key, which `key` may keep.
 *
 * @example
 * keyProblem({ patternProperties: { '^x-': {} } }, {}, 'y'); // 'pattern'
 */
export function keyProblem(schema: JsonSchema, value: unknown, key: string, renaming?: string, engine: RegExpFactory = nativeRegExp): KeyProblem | undefined {
  if (key === '') return 'empty';
  if (declared(schema).has(key)) return 'declared';
  const present = value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, key);
  if (present && key !== renaming) return 'taken';
  if (entrySchema(schema, key, engine) === undefined) return 'pattern';
  const names = schema['propertyNames'];
  if (isSchema(names) && !nameAllowed(names, key, engine)) return 'names';
  return undefined;
}

/** The `propertyNames` keywords a key is checked against in the browser (ajv checks all on submit). */
function nameAllowed(names: JsonSchema, key: string, engine: RegExpFactory): boolean {
  if (typeof names['pattern'] === 'string' && !regexp(names['pattern'], engine)?.test(key)) return false;
  const length = [...key].length;
  if (typeof names['minLength'] === 'number' && length < names['minLength']) return false;
  if (typeof names['maxLength'] === 'number' && length > names['maxLength']) return false;
  if (Array.isArray(names['enum']) && !names['enum'].includes(key)) return false;
  if ('const' in names && names['const'] !== key) return false;
  return true;
}

/** The issue that refuses `key` in the object at `pointer` (labelled `label`), in `lang`. */
export function keyIssue(pointer: Pointer, label: string, key: string, problem: KeyProblem, lang: Lang): Issue {
  return {
    pointer: childPointer(pointer, key),
    keyword: 'propertyNames',
    message: format(keyMessages[problem][lang], { label, key }),
    params: { propertyName: key, problem },
  };
}
