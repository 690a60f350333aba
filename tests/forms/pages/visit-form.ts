import type { JsonSchema, UiSchema } from '../../../forms/model/types.js';

/** A small form served by the test pages' fake API (plain data: loaded on the server too). */
export const visitSchema: JsonSchema = {
  type: 'object',
  required: ['name', 'phone'],
  properties: { name: { type: 'string', minLength: 2 }, phone: { type: 'string', pattern: '^1[0-9]{10}$' } },
};

export const visitUi: UiSchema = {
  title: { 'zh-CN': '来访登记', en: 'Visit register' },
  fields: { '/name': { label: { 'zh-CN': '姓名', en: 'Name' } }, '/phone': { label: { 'zh-CN': '联系电话', en: 'Phone' } } },
};
