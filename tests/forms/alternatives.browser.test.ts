import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { mountForm, record, settle, validatorFor } from './pages/fixtures.js';
import { replySchema, replyUi } from './reply-form.js';
import type { ChanceryFormDetail } from '../../forms/components.js';

describe('a choice between object alternatives (oneOf)', () => {
  it('picks an alternative, then shows and validates only its fields', async () => {
    const form = await mountForm({ schema: replySchema, uiSchema: replyUi, validator: validatorFor(replySchema) });
    const submitted = record<ChanceryFormDetail>(form, 'chancery-submit');
    await expect.element(page.getByRole('group', { name: '答复方式' })).toBeVisible();
    await expect.element(page.getByRole('radio', { name: '电话答复' })).toBeChecked();
    await expect.element(page.getByLabelText('联系电话')).toBeVisible();
    expect(page.getByLabelText('邮寄地址').elements()).toHaveLength(0);

    await userEvent.fill(page.getByLabelText('事由'), '路灯不亮');
    await userEvent.click(page.getByRole('radio', { name: '书面答复（邮寄）' }));
    await expect.element(page.getByLabelText('邮寄地址')).toBeVisible();
    expect(page.getByLabelText('联系电话').elements()).toHaveLength(0);

    await userEvent.click(page.getByRole('button', { name: '提交' }));
    const summary = page.getByRole('region', { name: '请修改以下 1 处问题：' });
    await expect.element(summary).toHaveTextContent('「邮寄地址」为必填项');
    expect(summary.element().textContent).not.toContain('联系电话');

    await userEvent.fill(page.getByLabelText('邮寄地址'), '城关镇人民路 1 号');
    await userEvent.click(page.getByRole('button', { name: '提交' }));
    await settle();
    expect(submitted.at(-1)?.data).toEqual({ subject: '路灯不亮', reply: { kind: 'post', address: '城关镇人民路 1 号' } });
  });

  it('opens existing data on the alternative it belongs to, and reviews it by name', async () => {
    const data = { subject: '路灯不亮', reply: { kind: 'post', address: '城关镇人民路 1 号' } };
    await mountForm({ schema: replySchema, uiSchema: replyUi, data });
    await expect.element(page.getByRole('radio', { name: '书面答复（邮寄）' })).toBeChecked();
    await expect.element(page.getByLabelText('邮寄地址')).toHaveValue('城关镇人民路 1 号');
    await mountForm({ schema: replySchema, uiSchema: replyUi, data, readonly: true });
    await expect.element(page.getByText('书面答复（邮寄）')).toBeVisible();
    await expect.element(page.getByText('城关镇人民路 1 号')).toBeVisible();
  });
});
