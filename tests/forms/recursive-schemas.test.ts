/**
 * Recursive and heavily reused schemas: the model builds fields for the data that exists and for
 * what a person opens, never by expanding the schema. Work is counted in field nodes, not time.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createFormState } from '../../forms/model/create-form-state.js';
import { evaluateForm } from '../../forms/model/evaluate-form.js';
import { buildTree } from '../../forms/model/tree.js';
import type { FieldModel, JsonSchema } from '../../forms/model/types.js';

const require = createRequire(import.meta.url);
const draft07 = require('ajv/dist/refs/json-schema-draft-07.json') as JsonSchema;

/** A valid 2020-12 schema with three references back to its root. */
const threeWay: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    name: { type: 'string', title: 'Name' },
    left: { $ref: '#' },
    right: { $ref: '#' },
    parent: { $ref: '#' },
    children: { type: 'array', items: { $ref: '#' } },
  },
};

function countFields(field: FieldModel): number {
  return 1 + field.children.reduce((n, c) => n + countFields(c), 0);
}

/** Data `depth` levels deep along `left`. */
function chain(depth: number): Record<string, unknown> {
  let data: Record<string, unknown> = { name: `n${depth}` };
  for (let i = depth - 1; i >= 0; i -= 1) data = { name: `n${i}`, left: data };
  return data;
}

describe('recursive schemas', () => {
  it('renders a blank three-way recursive form one level deep, with the recursive parts to open', () => {
    const form = createFormState(threeWay, undefined, {});
    expect(countFields(form.fields)).toBeLessThanOrEqual(6);
    expect(form.get('/left')?.collapsed).toBe(true);
    expect(form.get('/left/name')).toBeUndefined();
    expect(form.get('/name')?.collapsed).toBe(false);
  });

  it('opens one more level when the person adds a collapsed part', () => {
    const form = createFormState(threeWay, undefined, {});
    form.setValue('/left', {});
    expect(form.get('/left')?.collapsed).toBe(false);
    expect(form.get('/left/name')?.kind).toBe('string');
    expect(form.get('/left/left')?.collapsed).toBe(true);
    expect(form.get('/left/left/name')).toBeUndefined();
    form.setValue('/left/name', '子节点');
    expect(form.data).toEqual({ left: { name: '子节点' } });
  });

  it('builds fields in proportion to the data, not to the schema', () => {
    const fields = (depth: number) => buildTree(threeWay, undefined, chain(depth), {}).index.size;
    const at10 = fields(10);
    const at40 = fields(40);
    // Each level adds the same handful of nodes: linear growth.
    expect(at40 - at10).toBe(((at40 - fields(20)) / 20) * 30);
    expect(at40).toBeLessThan(41 * 6);
    const deep = createFormState(threeWay, undefined, chain(40));
    expect(deep.get('/left/left/left/name')?.value).toBe('n3');
  });

  it('evaluates a deep submission on the server in proportion to its data', () => {
    const result = evaluateForm(threeWay, undefined, chain(200));
    expect(result.valid).toBe(true);
    expect(result.data).toEqual(chain(200));
  });

  it('renders the draft-07 meta-schema, which refers to itself from most of its properties', () => {
    const form = createFormState(draft07, undefined, {});
    expect(countFields(form.fields)).toBeLessThan(200);
    expect(form.get('/title')?.kind).toBe('string');
    expect(form.get('/not')?.collapsed).toBe(true);
    const filled = createFormState(draft07, undefined, { type: 'object', properties: { a: { type: 'string' } }, not: { title: 'x' } });
    expect(filled.get('/not/title')?.value).toBe('x');
  });

  it('keeps a schema whose reused parts multiply (2^20 paths, no recursion) within a fixed number of fields', () => {
    const defs: Record<string, JsonSchema> = { l0: { type: 'object', properties: { v: { type: 'string' } } } };
    for (let i = 1; i <= 20; i += 1) defs[`l${i}`] = { type: 'object', properties: { a: { $ref: `#/$defs/l${i - 1}` }, b: { $ref: `#/$defs/l${i - 1}` } } };
    const schema: JsonSchema = { $defs: defs, $ref: '#/$defs/l20' };
    const form = createFormState(schema, undefined, {});
    expect(countFields(form.fields)).toBeLessThan(2_100);
  });
});
