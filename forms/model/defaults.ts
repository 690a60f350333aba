/**
 * JSON Schema `default`s for a new form, a new array item or a newly chosen alternative, applied
 * the same way in the browser (the live model) and on the server (a start form), so what a person
 * sees prefilled is what an API caller gets when it leaves the field out.
 */
import { isSchema, kindOf, refTargets, resolveOwnSchema, resolveSchema } from './schema.js';
import type { FormOptions, JsonSchema } from './types.js';

const MAX_DEPTH = 12;

/**
 * `value` with the defaults of missing properties filled in: a property whose schema has a
 * `default` gets it; an absent nested object is created only when something inside it has a
 * default; existing values (also `null`, `''`, `false`) are never replaced. Recursion through
 * `$ref` stops at the first schema met again.
 *
 * @example
 * applyDefaults({ type: 'object', properties: { urgency: { type: 'string', default: 'normal' } } }, {}); // { urgency: 'normal' }
 */
export function applyDefaults(schema: unknown, value: unknown, root: JsonSchema = isSchema(schema) ? schema : {}): unknown {
  return fill(schema, value, root, new Set(), 0);
}

function fill(raw: unknown, value: unknown, root: JsonSchema, seen: ReadonlySet<object>, depth: number): unknown {
  if (depth > MAX_DEPTH) return value;
  const targets = depth === 0 ? [root] : refTargets(raw, root);
  if (targets.some((t) => seen.has(t))) return value;
  const below = targets.length > 0 ? new Set([...seen, ...targets]) : seen;
  const schema = resolveOwnSchema(raw, root);
  if (value === undefined && schema['default'] !== undefined) return structuredClone(schema['default']);
  // A `const` field can hold one value only: show it filled in (and read-only).
  if (value === undefined && Object.hasOwn(schema, 'const')) return structuredClone(schema['const']);
  if (kindOf(schema) === 'object' && isSchema(schema['properties'])) {
    const record = isRecord(value) ? value : value === undefined ? {} : undefined;
    if (!record) return value;
    let out: Record<string, unknown> | undefined;
    for (const [name, sub] of Object.entries(schema['properties'])) {
      const current = Object.hasOwn(record, name) ? record[name] : undefined;
      const next = fill(sub, current, root, below, depth + 1);
      if (next !== current) (out ??= { ...record })[name] = next;
    }
    // An absent object stays absent unless a default lives inside it.
    return out ?? value;
  }
  if (Array.isArray(value) && isSchema(schema['items'])) {
    let changed = false;
    const items = value.map((item) => {
      const next = fill(schema['items'], item, root, below, depth + 1);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? items : value;
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The data a form starts from: a blank form of an object schema starts from `{}`, so `required`
 * speaks per field rather than the whole form failing its root `type`; a new form (no data yet)
 * starts from the schema's defaults unless `defaults: false` or the form is read-only.
 */
export function initialData(schema: JsonSchema, initial: unknown, options: Pick<FormOptions, 'defaults' | 'readonly'>): unknown {
  const start = initial === undefined && kindOf(resolveSchema(schema, schema)) === 'object' ? {} : initial;
  const blank = start === undefined || (start !== null && typeof start === 'object' && !Array.isArray(start) && Object.keys(start).length === 0);
  return blank && options.defaults !== false && options.readonly !== true ? applyDefaults(schema, start) : start;
}
