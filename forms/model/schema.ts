/**
 * Reading a JSON Schema for display: `$ref` resolved, `allOf` merged, and the properties that
 * only appear in `then` / `else` / `oneOf` / `anyOf` / `dependentSchemas` branches added, so every
 * field the data may have gets a field model. Which of them shows is the UI schema rules' job;
 * what is valid stays ajv's job on the original schema.
 */
import { parsePointer } from './pointer.js';
import type { FieldKind, JsonSchema } from './types.js';

const BRANCHES = ['then', 'else', 'oneOf', 'anyOf'] as const;

function isSchema(value: unknown): value is JsonSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Follows a local `$ref` (`#/$defs/x`, `#/definitions/x`) within `root`. */
function deref(schema: JsonSchema, root: JsonSchema, seen: Set<string>): JsonSchema {
  const ref = schema['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#') || seen.has(ref)) return schema;
  seen.add(ref);
  let target: unknown = root;
  for (const segment of parsePointer(decodeURIComponent(ref.slice(1)))) {
    target = isSchema(target) && Object.hasOwn(target, segment) ? target[segment] : undefined;
  }
  if (!isSchema(target)) return schema;
  const { $ref: _ref, ...siblings } = schema;
  return merge(deref(target, root, seen), siblings);
}

/**
 * The schema object a local `$ref` chain ends at (by identity), or undefined when `schema` is not a
 * reference. Recursion is found by meeting the same target again on the way down.
 */
export function refTarget(schema: unknown, root: JsonSchema): JsonSchema | undefined {
  let current = schema;
  let target: JsonSchema | undefined;
  const seen = new Set<string>();
  while (isSchema(current) && typeof current['$ref'] === 'string' && current['$ref'].startsWith('#') && !seen.has(current['$ref'])) {
    seen.add(current['$ref']);
    let next: unknown = root;
    for (const segment of parsePointer(decodeURIComponent(current['$ref'].slice(1)))) {
      next = isSchema(next) && Object.hasOwn(next, segment) ? next[segment] : undefined;
    }
    if (!isSchema(next)) break;
    target = next;
    current = next;
  }
  return target;
}

/**
 * The schemas a fragment is built from by reference: its own `$ref` chain's target and those of
 * its direct `allOf` / `anyOf` / `oneOf` members (which the form merges into one field).
 */
export function refTargets(schema: unknown, root: JsonSchema): JsonSchema[] {
  const out: JsonSchema[] = [];
  const own = refTarget(schema, root);
  if (own) out.push(own);
  if (isSchema(schema)) {
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = schema[key];
      if (!Array.isArray(list)) continue;
      for (const member of list) {
        const target = refTarget(member, root);
        if (target) out.push(target);
      }
    }
  }
  return out;
}

/** Shallow merge where `properties` are merged property by property and `required` is unioned. */
function merge(base: JsonSchema, extra: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...base, ...extra };
  if (isSchema(base['properties']) || isSchema(extra['properties'])) {
    const props: JsonSchema = { ...(isSchema(base['properties']) ? base['properties'] : {}) };
    for (const [name, sub] of Object.entries(isSchema(extra['properties']) ? extra['properties'] : {})) {
      const prior = props[name];
      props[name] = isSchema(prior) && isSchema(sub) ? { ...prior, ...sub } : sub;
    }
    out['properties'] = props;
  }
  const required = [...asStrings(base['required']), ...asStrings(extra['required'])];
  if (required.length > 0) out['required'] = [...new Set(required)];
  return out;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Adds branch properties without their `required` (a branch's requirement is conditional). */
function addBranchProperties(out: JsonSchema, branch: unknown, root: JsonSchema, seen: Set<string>): JsonSchema {
  if (!isSchema(branch)) return out;
  const resolved = resolveSchema(branch, root, seen);
  if (!isSchema(resolved['properties'])) return out;
  const { required: _required, ...rest } = resolved;
  const props: JsonSchema = {};
  for (const [name, sub] of Object.entries(resolved['properties'])) {
    const known = isSchema(out['properties']) ? out['properties'][name] : undefined;
    // A branch that only narrows a known property (`{ const: ... }`) must not replace it.
    props[name] = isSchema(known) ? known : sub;
  }
  return merge(out, { ...(out['type'] === undefined && rest['type'] !== undefined ? { type: rest['type'] } : {}), properties: props });
}

/** The schema fragment as the form shows it. */
export function resolveSchema(schema: unknown, root: JsonSchema, seen: Set<string> = new Set()): JsonSchema {
  if (!isSchema(schema)) return schema === false ? { not: {} } : {};
  let out = deref(schema, root, new Set(seen));
  if (Array.isArray(out['allOf'])) {
    for (const part of out['allOf']) if (isSchema(part)) out = merge(out, resolveSchema(part, root, seen));
  }
  for (const key of BRANCHES) {
    const value = out[key];
    for (const branch of Array.isArray(value) ? value : [value]) out = addBranchProperties(out, branch, root, seen);
  }
  if (isSchema(out['dependentSchemas'])) {
    for (const branch of Object.values(out['dependentSchemas'])) out = addBranchProperties(out, branch, root, seen);
  }
  return out;
}

/**
 * The fragment with `$ref` and `allOf` resolved but no branch (`oneOf`/`anyOf`/`then`/`else`/
 * `dependentSchemas`) merged in: what holds whichever branch applies (for defaults).
 */
export function resolveOwnSchema(schema: unknown, root: JsonSchema, seen: Set<string> = new Set()): JsonSchema {
  if (!isSchema(schema)) return {};
  let out = deref(schema, root, new Set(seen));
  if (Array.isArray(out['allOf'])) {
    for (const part of out['allOf']) if (isSchema(part)) out = merge(out, resolveOwnSchema(part, root, seen));
  }
  return out;
}

/** The sub-schema of property `name`, unresolved. */
export function propertySchema(schema: JsonSchema, name: string): unknown {
  const props = schema['properties'];
  return isSchema(props) && Object.hasOwn(props, name) ? props[name] : undefined;
}

/**
 * The sub-schema of the array item at `index`: a tuple's position (2020-12 `prefixItems`, or
 * draft-07 array-form `items`), else the schema for the rest (`items`, or draft-07
 * `additionalItems`). Without an index: the schema for items in general.
 */
export function itemSchema(schema: JsonSchema, index?: number): unknown {
  const prefix = Array.isArray(schema['prefixItems']) ? schema['prefixItems'] : Array.isArray(schema['items']) ? schema['items'] : undefined;
  if (prefix && index !== undefined && index < prefix.length) return prefix[index];
  if (Array.isArray(schema['items'])) return isSchema(schema['additionalItems']) ? schema['additionalItems'] : {};
  if (isSchema(schema['items'])) return schema['items'];
  return {};
}

/** The field kind from `type`, `const`/`enum` values, or structure. */
export function kindOf(schema: JsonSchema): FieldKind {
  const type = Array.isArray(schema['type']) ? schema['type'].find((t) => t !== 'null') : schema['type'];
  switch (type) {
    case 'object':
    case 'array':
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
    case 'null':
      return type;
  }
  if (isSchema(schema['properties'])) return 'object';
  if (schema['items'] !== undefined || schema['prefixItems'] !== undefined) return 'array';
  const values = Array.isArray(schema['enum']) ? schema['enum'] : [];
  if (values.length > 0 && values.every((v) => typeof v === 'string')) return 'string';
  if (values.length > 0 && values.every((v) => typeof v === 'number')) return 'number';
  return 'unknown';
}

/**
 * The choices of a schema: `enum` (labelled by `enumNames` / `x-enumNames` where given, and an
 * object value by its `title` / `label` / `name`), or `oneOf` / `anyOf` whose every branch is one
 * value: `{ const, title }` or `{ enum: [v], title }`.
 */
export function enumValues(schema: JsonSchema): { value: unknown; title?: string }[] | undefined {
  if (Array.isArray(schema['enum'])) {
    const names = Array.isArray(schema['enumNames']) ? schema['enumNames'] : Array.isArray(schema['x-enumNames']) ? schema['x-enumNames'] : [];
    return schema['enum'].map((value, i) => {
      const title = typeof names[i] === 'string' ? (names[i] as string) : objectTitle(value);
      return title === undefined ? { value } : { value, title };
    });
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list) && list.length > 0 && list.every(isSingleValue)) {
      return (list as JsonSchema[]).map((s) => ({
        value: 'const' in s ? s['const'] : (s['enum'] as unknown[])[0],
        ...(typeof s['title'] === 'string' ? { title: s['title'] } : {}),
      }));
    }
  }
  return undefined;
}

function isSingleValue(s: unknown): boolean {
  return isSchema(s) && ('const' in s || (Array.isArray(s['enum']) && s['enum'].length === 1));
}

/** How an object used as an enum value names itself. */
function objectTitle(value: unknown): string | undefined {
  if (!isSchema(value)) return undefined;
  for (const key of ['title', 'label', 'name']) {
    const v = value[key];
    if (typeof v === 'string') return v;
  }
  return JSON.stringify(value);
}

/** The names listed in `required`. */
export function requiredNames(schema: JsonSchema): ReadonlySet<string> {
  return new Set(asStrings(schema['required']));
}

/** An empty value for a new array item: the schema `default`, `{}` for objects, else `undefined`. */
export function emptyValue(schema: JsonSchema): unknown {
  if (schema['default'] !== undefined) return structuredClone(schema['default']);
  const kind = kindOf(schema);
  if (kind === 'object') return {};
  if (kind === 'array') return [];
  return undefined;
}

/**
 * The object alternatives of a `oneOf` / `anyOf` whose every branch is an object (a choice of
 * alternative, then its fields): each alternative merged with the properties around it, and its
 * own title. Undefined for any other schema (enums of `const`, scalar alternatives, ...).
 */
export function objectAlternatives(schema: unknown, root: JsonSchema): { options: JsonSchema[]; titles: (string | undefined)[] } | undefined {
  if (!isSchema(schema)) return undefined;
  const top = deref(schema, root, new Set());
  const key = Array.isArray(top['oneOf']) ? 'oneOf' : Array.isArray(top['anyOf']) ? 'anyOf' : undefined;
  const list = key ? (top[key] as unknown[]) : [];
  if (!key || list.length < 2 || enumValues(top)) return undefined;
  const branches = list.map((b) => resolveSchema(b, root));
  if (!branches.every((b) => kindOf(b) === 'object')) return undefined;
  const { [key]: _branches, ...rest } = top;
  const base = resolveSchema(rest, root);
  return {
    options: branches.map((b) => {
      const { title: _t, description: _d, ...own } = b;
      return merge(base, own);
    }),
    titles: branches.map((b) => (typeof b['title'] === 'string' ? b['title'] : undefined)),
  };
}

/** The properties an alternative fixes (`const`, or a one-value `enum`): its discriminators. */
export function constProperties(schema: JsonSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const props = schema['properties'];
  if (!isSchema(props)) return out;
  for (const [name, sub] of Object.entries(props)) {
    if (!isSchema(sub)) continue;
    if ('const' in sub) out[name] = sub['const'];
    else if (Array.isArray(sub['enum']) && sub['enum'].length === 1) out[name] = sub['enum'][0];
  }
  return out;
}

export { isSchema };
