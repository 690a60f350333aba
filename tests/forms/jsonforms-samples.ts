/** What the @jsonforms/examples corpus tests share: a sample's shape and the controls of its UI schema. */
import type { JsonSchema } from '../../forms/model/types.js';

export interface Sample {
  name: string;
  schema?: JsonSchema;
  uischema?: Record<string, unknown>;
  data?: unknown;
}

/** The `scope` of every Control in a UI schema, in order. */
export function controls(ui: unknown, out: string[] = []): string[] {
  if (ui === null || typeof ui !== 'object') return out;
  const el = ui as Record<string, unknown>;
  if (el['type'] === 'Control' && typeof el['scope'] === 'string') out.push(el['scope']);
  for (const child of Array.isArray(el['elements']) ? el['elements'] : []) controls(child, out);
  return out;
}

/** A Control's scope as the data pointer it edits (`#/properties/a/properties/b` → `/a/b`). */
export function pointerOf(scope: string): string {
  return scope
    .replace(/^#/, '')
    .replace(/\/$/, '')
    .replace(/\/(anyOf|oneOf|allOf)\/\d+/g, '')
    .replace(/\/(then|else)(?=\/)/g, '')
    .replace(/\/properties\//g, '/');
}
