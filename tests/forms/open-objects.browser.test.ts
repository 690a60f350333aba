/** Open objects in `<chancery-form>`: a key–value editor for the keys `additionalProperties` / `patternProperties` allow. */
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { mountForm, shadow, validatorFor } from './pages/fixtures.js';
import type { ChanceryFormDetail } from '../../forms/components.js';
import type { JsonSchema } from '../../forms/model/types.js';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    extras: {
      type: 'object',
      title: '附加信息',
      properties: { owner: { type: 'string', title: '负责人' } },
      patternProperties: { '^count-': { type: 'integer', minimum: 0 } },
      additionalProperties: { type: 'string' },
    },
  },
};

describe('open objects', () => {
  it('shows the entries the data has, with the widget their subschema asks for', async () => {
    const form = await mountForm({ schema, data: { extras: { owner: '张三', 'count-visits': 3, 联系人: '李四' } } });
    await expect.element(page.getByLabelText('联系人', { exact: true })).toHaveValue('李四');
    await expect.element(page.getByLabelText('count-visits', { exact: true })).toHaveValue(3);
    expect(shadow(form).querySelector<HTMLInputElement>('[data-entry="count-visits"] .field input')?.type).toBe('number');
    await expect.element(page.getByLabelText('名称：联系人')).toHaveValue('联系人');
  });

  it('adds an entry by key, edits its value, renames and removes it, and submits the entries', async () => {
    const form = await mountForm({ schema, validator: validatorFor(schema) });
    await userEvent.fill(page.getByLabelText('「附加信息」新项的名称'), 'count-calls');
    await userEvent.click(page.getByRole('button', { name: '＋ 添加项' }));
    await userEvent.fill(page.getByLabelText('count-calls', { exact: true }), '2');
    await userEvent.fill(page.getByLabelText('「附加信息」新项的名称'), '备注');
    await userEvent.keyboard('{Enter}');
    await userEvent.fill(page.getByLabelText('备注', { exact: true }), '加急');
    const keyBox = page.getByLabelText('名称：备注');
    await userEvent.fill(keyBox, '说明');
    await userEvent.keyboard('{Enter}');
    expect(form.data).toEqual({ extras: { 'count-calls': 2, 说明: '加急' } });
    await userEvent.click(page.getByRole('button', { name: '删除count-calls' }));
    expect(form.data).toEqual({ extras: { 说明: '加急' } });
    const submitted: ChanceryFormDetail[] = [];
    form.addEventListener('chancery-submit', (e) => submitted.push((e as CustomEvent<ChanceryFormDetail>).detail));
    await userEvent.click(page.getByRole('button', { name: '提交' }));
    expect(submitted.at(-1)?.data).toEqual({ extras: { 说明: '加急' } });
  });

  it('refuses a key that is a declared field or already present, saying why, in English too', async () => {
    const form = await mountForm({ schema, data: { extras: { a: 'x' } }, lang: 'en' });
    await userEvent.fill(page.getByLabelText('Name of a new entry in "附加信息"'), 'owner');
    await userEvent.click(page.getByRole('button', { name: '＋ Add entry' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('"owner" is already a field of "附加信息": choose another name');
    await userEvent.fill(page.getByLabelText('Name: a'), 'owner');
    await userEvent.keyboard('{Enter}');
    expect(form.data).toEqual({ extras: { a: 'x' } });
    await expect.element(page.getByLabelText('Name: a')).toHaveValue('a');
  });

  it('a root open object gets its editor after the form, shows its entries in review, and is axe-clean', async () => {
    const root: JsonSchema = { type: 'object', title: '标签', additionalProperties: { type: 'boolean' } };
    const form = await mountForm({ schema: root, data: { 公开: true } });
    await expect.element(page.getByRole('checkbox', { name: '公开' })).toBeChecked();
    await userEvent.fill(page.getByLabelText('「标签」新项的名称'), '归档');
    await userEvent.click(page.getByRole('button', { name: '＋ 添加项' }));
    await userEvent.click(page.getByRole('checkbox', { name: '归档' }));
    expect(form.data).toEqual({ 公开: true, 归档: true });
    const result = await axe.run(form, { resultTypes: ['violations'] });
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    const review = await mountForm({ schema: root, data: form.data, readonly: true });
    expect(shadow(review).querySelector('.review')?.textContent).toContain('归档');
  });
});
