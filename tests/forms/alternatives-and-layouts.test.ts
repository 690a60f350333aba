import { describe, expect, it } from 'vitest';
import { createFormState } from '../../forms/model/create-form-state.js';
import { evaluateForm } from '../../forms/model/evaluate-form.js';
import type { JsonSchema, UiSchema } from '../../forms/model/types.js';
import { validatorFor } from './petition-form.js';
import { replySchema, replyUi } from './reply-form.js';

const validator = validatorFor(replySchema);

describe('a blank form of an object schema', () => {
  it('starts from {} and names each missing required field instead of failing the root type', () => {
    const f = createFormState(replySchema, replyUi, undefined, { validator });
    expect(f.data).toEqual({});
    expect(f.errors.map((e) => `${e.pointer} ${e.keyword}`)).toEqual(['/subject required', '/reply required']);
    expect(f.errors[0]?.message).toBe('「事由」为必填项');
  });

  it('keeps a non-object root blank', () => {
    expect(createFormState({ type: 'string' }, undefined, undefined).data).toBeUndefined();
  });
});

describe('oneOf of object alternatives', () => {
  it("offers the alternatives by title (or UI label) and shows only the chosen one's fields", () => {
    const f = createFormState(replySchema, replyUi, {}, { validator });
    const reply = f.get('/reply');
    expect(reply?.widget).toBe('alternatives');
    expect(reply?.alternatives?.map((o) => o.label)).toEqual(['电话答复', '书面答复（邮寄）']);
    expect(reply?.alternative).toBe(0);
    expect(reply?.children.map((c) => c.pointer)).toEqual(['/reply/phone', '/reply/note']);
    expect(f.get('/reply/phone')?.required).toBe(true);
    expect(createFormState(replySchema, replyUi, {}, { lang: 'en' }).get('/reply')?.alternatives?.[1]?.label).toBe('In writing (post)');
  });

  it('recognises the alternative of existing data by its discriminator', () => {
    const f = createFormState(replySchema, replyUi, { subject: 'x', reply: { kind: 'post', address: '城关镇人民路 1 号' } }, { validator });
    expect(f.get('/reply')?.alternative).toBe(1);
    expect(f.get('/reply/address')?.value).toBe('城关镇人民路 1 号');
    expect(f.errors).toEqual([]);
  });

  it('switches alternative: keeps shared fields, drops the others, sets the discriminator', () => {
    const f = createFormState(replySchema, replyUi, {}, { validator });
    f.setValue('/subject', '路灯不亮');
    f.setValue('/reply/phone', '13912345678');
    f.setValue('/reply/note', '工作日上午');
    expect(f.data).toEqual({ subject: '路灯不亮', reply: { kind: 'phone', phone: '13912345678', note: '工作日上午' } });
    expect(f.submit().valid).toBe(true);
    f.chooseAlternative('/reply', 1);
    expect(f.get('/reply')?.alternative).toBe(1);
    expect(f.data).toEqual({ subject: '路灯不亮', reply: { kind: 'post', note: '工作日上午' } });
    expect(f.get('/reply/phone')).toBeUndefined();
    expect(f.errors.map((e) => `${e.pointer} ${e.keyword}`)).toEqual(['/reply/address required']);
    f.setValue('/reply/address', '城关镇人民路 1 号');
    const result = f.submit();
    expect(result.valid).toBe(true);
    // The server's pure path agrees on the same data.
    expect(evaluateForm(replySchema, replyUi, result.data, { validator }).valid).toBe(true);
  });

  it('remembers a choice between alternatives that have no discriminator', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        who: {
          anyOf: [
            { title: '个人', type: 'object', properties: { name: { type: 'string' } } },
            { title: '单位', type: 'object', properties: { org: { type: 'string' } } },
          ],
        },
      },
    };
    const f = createFormState(schema, undefined, {});
    f.chooseAlternative('/who', 1);
    expect(f.get('/who')?.alternative).toBe(1);
    expect(f.get('/who')?.children.map((c) => c.pointer)).toEqual(['/who/org']);
    f.setValue('/who/org', '城关镇政府');
    expect(f.get('/who')?.alternative).toBe(1);
    expect(createFormState(schema, undefined, { who: { org: '县民政局' } }).get('/who')?.alternative).toBe(1);
  });

  it('leaves enums written as oneOf of const as a plain choice', () => {
    const f = createFormState(
      {
        type: 'object',
        properties: {
          level: {
            oneOf: [
              { const: 1, title: '一般' },
              { const: 2, title: '紧急' },
            ],
          },
        },
      },
      undefined,
      {},
    );
    expect(f.get('/level')?.widget).toBe('radio');
    expect(f.get('/level')?.alternatives).toBeUndefined();
  });
});

describe('nested layouts', () => {
  const schema: JsonSchema = {
    type: 'object',
    properties: {
      applicant: { type: 'object', properties: { name: { type: 'string' }, phone: { type: 'string' }, idCard: { type: 'string' } } },
      visitors: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, phone: { type: 'string' } } } },
    },
  };
  const ui: UiSchema = {
    fields: {
      '/applicant': { layout: { type: 'columns', items: ['/name', '/phone'] } },
      '/visitors': { layout: { type: 'columns', columns: 2, items: ['/phone', '/name'] } },
    },
  };

  it("resolves an object's layout with concrete pointers and unlisted fields after it", () => {
    const f = createFormState(schema, ui, {});
    expect(f.layoutOf('/applicant')).toMatchObject({
      kind: 'columns',
      items: [{ pointer: '/applicant/name' }, { pointer: '/applicant/phone' }, { pointer: '/applicant/idCard' }],
    });
  });

  it("resolves each array item with the array's layout", () => {
    const f = createFormState(schema, ui, { visitors: [{}, {}] });
    expect(f.layoutOf('/visitors/1')).toMatchObject({ kind: 'columns', columns: 2, pointers: ['/visitors/1/phone', '/visitors/1/name'] });
    expect(f.layoutOf('/visitors')).toBeUndefined();
    expect(f.layoutOf('/applicant/name')).toBeUndefined();
  });
});
