import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { mountForm, record, settle } from './pages/fixtures.js';
import type { JsonSchema } from '../../forms/model/types.js';

const schema: JsonSchema = {
  type: 'object',
  required: ['name', 'phone'],
  properties: { name: { type: 'string', title: '姓名' }, phone: { type: 'string', title: '电话', minLength: 11 } },
};

describe('submitting right after editing the last field', () => {
  it('the first click on Submit counts, though leaving the field shows its error', async () => {
    const form = await mountForm({ schema });
    const heard = record(form, 'chancery-invalid');
    await userEvent.click(page.getByLabelText('电话'));
    await userEvent.keyboard('123');
    // One press and release on the button: the blur in between must not move it away.
    await userEvent.click(page.getByRole('button', { name: '提交' }));
    await settle();
    expect(heard.length).toBe(1);
    await expect.element(page.getByText(/「电话」/).first()).toBeVisible();
  });
});
