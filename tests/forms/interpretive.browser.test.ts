import { describe, expect, it } from 'vitest';
import { mountForm, record } from './pages/fixtures.js';
import type { ChanceryFormDetail } from '../../forms/chancery-form.js';
import type { JsonSchema } from '../../forms/model/types.js';

const schema: JsonSchema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', title: '姓名' },
    count: { type: 'integer', title: '份数', maximum: 5 },
    kind: { type: 'string', title: '类别', enum: ['a', 'b'] },
    email: { type: 'string', title: '邮箱', format: 'email' },
  },
};

describe('a form without its precompiled validator', () => {
  it('still refuses an out-of-range number, an unknown choice and a bad e-mail', async () => {
    const form = await mountForm({ schema, data: { name: '张三', count: 9, kind: 'c', email: 'nope' } });
    const submitted = record<ChanceryFormDetail>(form, 'chancery-submit');
    const result = await form.submit();
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.pointer).sort()).toEqual(['/count', '/email', '/kind']);
    expect(submitted.at(-1)?.valid ?? false).toBe(false);
  });

  it('accepts valid data', async () => {
    const form = await mountForm({ schema, data: { name: '张三', count: 2, kind: 'a', email: 'zhang@example.org' } });
    expect((await form.submit()).valid).toBe(true);
  });
});
