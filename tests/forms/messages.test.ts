import { describe, expect, it } from 'vitest';
import { createFormState } from '../../forms/model/create-form-state.js';
import { evaluateForm } from '../../forms/model/evaluate-form.js';
import { petitionSchema, petitionUi, validatorFor } from './petition-form.js';

const validator = validatorFor(petitionSchema);
const messagesOf = (data: unknown, lang: 'zh-CN' | 'en') =>
  evaluateForm(petitionSchema, petitionUi, data, { lang, validator }).errors.map((e) => `${e.pointer} ${e.message}`);

describe('issue messages', () => {
  it('name the field by its label in Chinese', () => {
    expect(messagesOf({ realName: true }, 'zh-CN')).toEqual(
      expect.arrayContaining(['/source 「信访来源」为必填项', '/name 「信访人姓名」为必填项', '/phone 「联系电话」为必填项']),
    );
  });

  it('name the field by its label in English', () => {
    expect(messagesOf({ realName: true }, 'en')).toEqual(expect.arrayContaining(['/source "Source" is required', '/name "Petitioner name" is required']));
  });

  it('drop the summary error of a failed if/then once the specific errors are there', () => {
    expect(messagesOf({ realName: true }, 'zh-CN').some((m) => m.includes('then'))).toBe(false);
  });

  it('use x-errorMessage in the form language', () => {
    const data = { source: '来信', realName: true, name: '张三', phone: '12345', issues: [{ category: '其他', description: '描述描述描述' }] };
    expect(messagesOf(data, 'zh-CN')).toContain('/phone 「联系电话」应为 11 位手机号码');
    expect(messagesOf(data, 'en')).toContain('/phone "Phone" must be an 11-digit mobile number');
  });

  it('name array item fields and formats', () => {
    const data = { source: '来信', realName: false, receivedOn: '2024-02-30', issues: [{ category: '劳动社保', description: '短' }] };
    expect(messagesOf(data, 'zh-CN')).toEqual(['/receivedOn 「收件日期」不是有效的日期', '/issues/0/description 「问题描述」至少需要 5 个字符']);
    expect(messagesOf(data, 'en')).toContain('/receivedOn "Received on" is not a valid date');
  });

  it('fall back to ajv-i18n text after the label for other keywords', () => {
    const schema = { type: 'object', properties: { tags: { type: 'array', contains: { const: 'x' } } } };
    const f = createFormState(schema, { fields: { '/tags': { label: '标签' } } }, { tags: ['a'] }, { validator: validatorFor(schema) });
    expect(f.errors.map((e) => e.message)).toContain('「标签」应当包含一个有效项');
  });

  it('keep ajv-errors custom messages as written', () => {
    const schema = {
      type: 'object',
      properties: { code: { type: 'string', pattern: '^[A-Z]{2}$', errorMessage: '文号前缀应为两个大写字母' } },
    };
    const issues = evaluateForm(schema, undefined, { code: 'x' }, { validator: validatorFor(schema) }).errors;
    expect(issues).toEqual([expect.objectContaining({ pointer: '/code', keyword: 'errorMessage', message: '文号前缀应为两个大写字母' })]);
  });

  it('escape nothing and execute nothing from labels (they are data)', () => {
    const schema = { type: 'object', required: ['x'], properties: { x: { type: 'string' } } };
    const ui = { fields: { '/x': { label: '<img src=x onerror=alert(1)>' } } };
    const issues = evaluateForm(schema, ui, {}, { validator: validatorFor(schema) }).errors;
    expect(issues[0]?.message).toBe('「<img src=x onerror=alert(1)>」为必填项');
  });
});
