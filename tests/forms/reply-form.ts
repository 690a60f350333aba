import type { JsonSchema, UiSchema } from '../../forms/model/types.js';

/** A reply channel: by phone (a number) or by post (an address), told apart by `kind`. */
export const replySchema: JsonSchema = {
  type: 'object',
  required: ['subject', 'reply'],
  properties: {
    subject: { type: 'string', minLength: 1 },
    reply: {
      oneOf: [
        {
          title: '电话答复',
          type: 'object',
          required: ['kind', 'phone'],
          properties: { kind: { const: 'phone' }, phone: { type: 'string', pattern: '^1[0-9]{10}$' }, note: { type: 'string' } },
        },
        {
          title: '书面答复',
          type: 'object',
          required: ['kind', 'address'],
          properties: { kind: { const: 'post' }, address: { type: 'string', minLength: 4 }, note: { type: 'string' } },
        },
      ],
    },
  },
};
export const replyUi: UiSchema = {
  fields: {
    '/subject': { label: { 'zh-CN': '事由', en: 'Subject' } },
    '/reply': { label: { 'zh-CN': '答复方式', en: 'Reply by' }, options: { '1': { 'zh-CN': '书面答复（邮寄）', en: 'In writing (post)' } } },
    '/reply/phone': { label: { 'zh-CN': '联系电话', en: 'Phone' } },
    '/reply/address': { label: { 'zh-CN': '邮寄地址', en: 'Postal address' } },
  },
};
