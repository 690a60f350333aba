/** Schemas as other projects write them: choices, long text, labels without titles. */
import { describe, expect, it } from 'vitest';
import { createFormState } from '../../forms/model/create-form-state.js';
import { humanize } from '../../forms/model/node.js';
import { t } from '../../forms/widgets/messages.js';
import type { JsonSchema } from '../../forms/model/types.js';

const labels = (schema: JsonSchema, pointer: string) =>
  createFormState(schema, undefined, undefined)
    .get(pointer)
    ?.options?.map((o) => o.label);

describe('choices', () => {
  it('reads oneOf / anyOf of { const, title } and of { enum: [v], title } as choices', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        a: {
          oneOf: [
            { const: 'x', title: '甲' },
            { const: 'y', title: '乙' },
          ],
        },
        b: {
          anyOf: [
            { enum: [1], title: '一' },
            { enum: [2], title: '二' },
          ],
        },
      },
    };
    expect(labels(schema, '/a')).toEqual(['甲', '乙']);
    expect(labels(schema, '/b')).toEqual(['一', '二']);
    const form = createFormState(schema, undefined, undefined);
    expect(form.get('/b')?.widget).toBe('radio');
    expect(form.get('/b')?.alternatives).toBeUndefined();
  });

  it('labels choices from enumNames / x-enumNames, and objects by their title, never [object Object]', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        a: { type: 'string', enum: ['n', 'u'], enumNames: ['普通', '紧急'] },
        b: { type: 'string', enum: ['n', 'u'], 'x-enumNames': ['Normal', 'Urgent'] },
        c: { enum: [{ id: 1, title: '县政府' }, { id: 2, name: '县委' }, { id: 3 }] },
      },
    };
    expect(labels(schema, '/a')).toEqual(['普通', '紧急']);
    expect(labels(schema, '/b')).toEqual(['Normal', 'Urgent']);
    const c = labels(schema, '/c') ?? [];
    expect(c.slice(0, 2)).toEqual(['县政府', '县委']);
    expect(c.join()).not.toContain('[object Object]');
  });
});

describe('long text', () => {
  it('gives a value with a line break a textarea, so no character is dropped', () => {
    const schema: JsonSchema = { type: 'object', properties: { note: { type: 'string' } } };
    expect(createFormState(schema, undefined, { note: 'Multi-\nline' }).get('/note')?.widget).toBe('textarea');
    expect(createFormState(schema, undefined, { note: 'one line' }).get('/note')?.widget).toBe('text');
  });

  it('gives format textarea, x-multiline and plain-text content a textarea', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        a: { type: 'string', format: 'textarea' },
        b: { type: 'string', 'x-multiline': true },
        c: { type: 'string', contentMediaType: 'text/plain' },
      },
    };
    const form = createFormState(schema, undefined, undefined);
    expect(['/a', '/b', '/c'].map((p) => form.get(p)?.widget)).toEqual(['textarea', 'textarea', 'textarea']);
  });
});

describe('labels', () => {
  it('falls back to the humanised property name', () => {
    expect(humanize('firstName')).toBe('First name');
    expect(humanize('first_name')).toBe('First name');
    expect(humanize('postalCode')).toBe('Postal code');
    expect(humanize('homeURL')).toBe('Home URL');
    const form = createFormState({ type: 'object', properties: { firstName: { type: 'string' } } }, undefined, undefined);
    expect(form.get('/firstName')?.label).toBe('First name');
  });

  it('pluralises the English summary', () => {
    expect(t('en', 'errorSummary', { n: 1 })).toBe('Please fix the following 1 problem:');
    expect(t('en', 'errorSummary', { n: 3 })).toBe('Please fix the following 3 problems:');
    expect(t('zh-CN', 'errorSummary', { n: 1 })).toBe('请修改以下 1 处问题：');
  });
});

describe('root shapes', () => {
  it('lays out a root string, number or array as its one field', () => {
    for (const schema of [{ type: 'string' }, { type: 'number' }, { type: 'array', items: { type: 'string' } }] as JsonSchema[]) {
      const form = createFormState(schema, undefined, undefined);
      expect(form.layout.kind === 'field' ? [form.layout.pointer] : form.layout.pointers).toEqual(['']);
    }
  });
});

describe('tuples', () => {
  it('gives each position of a draft-07 tuple its own widget and type', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { pair: { type: 'array', items: [{ type: 'boolean' }, { type: 'number' }], additionalItems: { type: 'string' } } },
    };
    const form = createFormState(schema, undefined, { pair: [true, 123, 'x'] });
    expect(['/pair/0', '/pair/1', '/pair/2'].map((p) => form.get(p)?.widget)).toEqual(['checkbox', 'number', 'text']);
    expect(form.get('/pair/1')?.value).toBe(123);
  });

  it('reads 2020-12 prefixItems the same way, and adds the next position with its own type', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { t: { type: 'array', prefixItems: [{ type: 'integer' }, { type: 'object', properties: { a: { type: 'string', default: 'x' } } }] } },
    };
    const form = createFormState(schema, undefined, { t: [1] });
    expect(form.get('/t/0')?.widget).toBe('integer');
    form.addItem('/t');
    expect(form.get('/t/1')?.kind).toBe('object');
    expect((form.data as { t: unknown[] }).t[1]).toEqual({ a: 'x' });
  });
});
