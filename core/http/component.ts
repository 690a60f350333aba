/**
 * Shared schemas: a schema declared once with `component(name, schema)` is used by reference
 * (`{ $ref: '#/components/schemas/<name>' }`) in routes, published once under
 * `components/schemas` in the OpenAPI document, and resolved for ajv by `withComponents()`.
 */
import type { FromSchema, SchemaRef } from './from-schema.js';

/** A JSON Schema as plain data. */
export type JsonSchema = Record<string, unknown>;

/** Where a reference keeps the schema it names (a symbol: JSON and ajv never see it). */
const TARGET = Symbol('chancery.component');

interface Target {
  name: string;
  schema: JsonSchema;
  /** Further components the schema's own refs point to (e.g. the definition schema's `$defs`). */
  extra: Record<string, JsonSchema>;
}

/** Component names as OpenAPI allows them. */
const NAME = /^[a-zA-Z0-9._-]+$/;

/**
 * Declares a shared schema; returns the `$ref` to use in place of it.
 *
 * @example
 * const Task = component('Task', { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } as const);
 * const list = { type: 'array', items: Task } as const;
 */
export function component<const S>(name: string, schema: S, extra: Record<string, JsonSchema> = {}): SchemaRef<FromSchema<S>> {
  return typedComponent<FromSchema<S>>(name, schema as JsonSchema, extra);
}

/** A shared schema whose TypeScript type is given rather than computed (e.g. the DSL's). */
export function typedComponent<T>(name: string, schema: JsonSchema, extra: Record<string, JsonSchema> = {}): SchemaRef<T> {
  if (!NAME.test(name)) throw new Error(`component name ${name} is not a valid OpenAPI component name`);
  const ref = { $ref: `#/components/schemas/${name}` };
  Object.defineProperty(ref, TARGET, { value: { name, schema, extra } satisfies Target, enumerable: false });
  return ref as SchemaRef<T>;
}

/**
 * Every component reachable from the given schemas, by name. Two different schemas under one
 * name are a programming error and fail at boot.
 */
export function collectComponents(roots: unknown[]): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const target = (node as { [TARGET]?: Target })[TARGET];
    if (target) {
      const known = out[target.name];
      if (known && known !== target.schema) throw new Error(`two different schemas are both called ${target.name}`);
      out[target.name] = target.schema;
      for (const [n, s] of Object.entries(target.extra)) out[n] = s;
      visit(target.schema);
      for (const s of Object.values(target.extra)) visit(s);
      return;
    }
    for (const v of Array.isArray(node) ? node : Object.values(node)) visit(v);
  };
  for (const r of roots) visit(r);
  return out;
}

/**
 * The schema with the components it refers to attached under `components.schemas`, so that
 * `#/components/schemas/…` refs resolve when ajv compiles it as a root schema.
 */
export function withComponents(schema: JsonSchema): JsonSchema {
  const components = collectComponents([schema]);
  return Object.keys(components).length === 0 ? schema : { ...schema, components: { schemas: components } };
}
