import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { mountForm, petitionSchema, petitionUi, shadow, validatorFor } from './pages/fixtures.js';
import type { JsonSchema, UiSchema } from '../../forms/model/types.js';

describe('conditional fields and computed values', () => {
  it('shows the ID number only for a real-name petition, and then requires it', async () => {
    const form = await mountForm({
      schema: petitionSchema,
      uiSchema: petitionUi,
      data: { name: '王五', category: 'land' },
      validator: validatorFor(petitionSchema),
    });
    await expect.element(page.getByLabelText('身份证号')).not.toBeInTheDocument();
    expect((await form.submit()).valid).toBe(true);

    await userEvent.click(page.getByRole('checkbox', { name: '实名信访' }));
    await expect.element(page.getByLabelText('身份证号')).toBeVisible();
    await expect.element(page.getByText('身份证号*')).toBeVisible();
    const result = await form.submit();
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.pointer)).toContain('/idNumber');

    await userEvent.click(page.getByRole('checkbox', { name: '实名信访' }));
    await expect.element(page.getByLabelText('身份证号')).not.toBeInTheDocument();
    expect((await form.submit()).valid).toBe(true);
  });

  it('a computed total follows its inputs and cannot be edited', async () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { price: { type: 'number' }, count: { type: 'integer' }, total: { type: 'number' } },
    };
    const ui: UiSchema = {
      fields: {
        '/price': { label: '单价' },
        '/count': { label: '数量' },
        '/total': { label: '合计', computed: { '*': [{ var: 'data.price' }, { var: 'data.count' }] } },
      },
    };
    const form = await mountForm({ schema, uiSchema: ui, data: { price: 2.5, count: 2 } });
    await expect.element(page.getByLabelText('合计')).toHaveValue(5);
    await expect.element(page.getByLabelText('合计')).toHaveAttribute('readonly');
    await userEvent.fill(page.getByLabelText('数量'), '4');
    await expect.element(page.getByLabelText('合计')).toHaveValue(10);
    expect(form.data).toMatchObject({ total: 10 });
  });

  it('a field disabled by a rule keeps its value and cannot be changed', async () => {
    const schema: JsonSchema = { type: 'object', properties: { closed: { type: 'boolean' }, note: { type: 'string' } } };
    const ui: UiSchema = {
      fields: { '/closed': { label: '已办结' }, '/note': { label: '备注', rules: [{ effect: 'disable', when: { var: 'data.closed' } }] } },
    };
    const form = await mountForm({ schema, uiSchema: ui, data: { note: '原备注' } });
    await userEvent.click(page.getByRole('checkbox', { name: '已办结' }));
    await expect.element(page.getByLabelText('备注')).toBeDisabled();
    expect(form.data).toMatchObject({ note: '原备注' });
    expect(shadow(form).querySelector('#f_2fnote')).not.toBeNull();
  });
});
