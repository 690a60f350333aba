/**
 * Schema `default`s prefill a new form, a new array item and a newly chosen alternative, the same
 * way on the server (a first submission) as in the browser; `readOnly` and `const` fields show
 * their value and cannot be changed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFormState } from '../../forms/model/create-form-state.js';
import { createFormService } from '../../forms/server/form-service.js';
import type { JsonSchema } from '../../forms/model/types.js';

const schema: JsonSchema = {
  type: 'object',
  required: ['subject', 'urgency'],
  properties: {
    subject: { type: 'string', title: '标题' },
    urgency: { type: 'string', enum: ['normal', 'urgent'], default: 'normal' },
    meta: { type: 'object', properties: { copies: { type: 'integer', default: 1 }, note: { type: 'string' } } },
    plain: { type: 'object', properties: { note: { type: 'string' } } },
    items: { type: 'array', items: { type: 'object', properties: { qty: { type: 'integer', default: 1 }, name: { type: 'string' } } } },
    reply: {
      oneOf: [
        { title: '电话', type: 'object', properties: { kind: { const: 'phone' }, phone: { type: 'string', default: '0000' } } },
        { title: '邮寄', type: 'object', properties: { kind: { const: 'post' }, address: { type: 'string', default: '县政府' } } },
      ],
    },
    office: { type: 'string', readOnly: true, default: '县政府办公室' },
    version: { const: 2 },
  },
};

describe('defaults', () => {
  it('prefills a new form with the defaults, creating a nested object only where a default lives', () => {
    const form = createFormState(schema, undefined, undefined);
    expect(form.data).toEqual({ urgency: 'normal', meta: { copies: 1 }, office: '县政府办公室', version: 2 });
  });

  it('does not touch stored data or a review', () => {
    expect(createFormState(schema, undefined, { subject: '已填' }).data).toEqual({ subject: '已填' });
    expect(createFormState(schema, undefined, {}, { readonly: true }).data).toEqual({});
  });

  it('gives a new array item its defaults', () => {
    const form = createFormState(schema, undefined, undefined);
    form.addItem('/items');
    expect(form.get('/items/0/qty')?.value).toBe(1);
  });

  it('gives a newly chosen alternative its defaults, keeping its discriminator', () => {
    const form = createFormState(schema, undefined, { reply: { kind: 'phone', phone: '123' } });
    form.chooseAlternative('/reply', 1);
    expect((form.data as { reply: unknown }).reply).toEqual({ kind: 'post', address: '县政府' });
  });

  it('fills what a first submission leaves out on the server, but not on later ones', () => {
    const service = createFormService();
    const first = service.validateSubmission({ schema }, { subject: '关于春季防汛' });
    expect(first.valid).toBe(true);
    expect(first.data).toMatchObject({ subject: '关于春季防汛', urgency: 'normal', meta: { copies: 1 } });
    const later = service.validateSubmission({ schema }, { subject: '关于春季防汛' }, { previousData: { subject: 'x' } });
    expect(later.valid).toBe(false);
  });

  it('starts the shipped document sign-off draft with its urgency and secrecy defaults', () => {
    const draft = JSON.parse(readFileSync(new URL('../../workflows/document-signoff/forms/draft.schema.json', import.meta.url), 'utf8')) as JsonSchema;
    const form = createFormState(draft, undefined, undefined);
    expect(form.data).toMatchObject({ urgency: expect.any(String), secrecy: expect.any(String) });
  });
});

describe('fixed values', () => {
  it('shows a readOnly field as read-only and refuses to change it', () => {
    const form = createFormState(schema, undefined, undefined);
    expect(form.get('/office')?.readOnly).toBe(true);
    form.setValue('/office', '别处');
    expect(form.get('/office')?.value).toBe('县政府办公室');
  });

  it('shows a const field with its value, read-only', () => {
    const form = createFormState(schema, undefined, undefined);
    expect(form.get('/version')?.value).toBe(2);
    expect(form.get('/version')?.readOnly).toBe(true);
  });
});
