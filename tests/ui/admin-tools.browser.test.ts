/**
 * The admin's other tools against the real server: the form designer (fields from the palette by
 * keyboard and by drag, schema and UI schema side by side, the real form as preview) and the
 * business calendar (a county holiday set and removed).
 */
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { call, mountApp, signInAs, signOut } from './support.js';

describe('admin tools', () => {
  it('designs a form from the palette by keyboard and by drag, showing the schemas and a live preview', async () => {
    const key = `form-check-${Date.now() % 100000}`;
    await call('PUT', `/api/definitions/${key}/draft`, 'admin', {
      key,
      title: { 'zh-CN': '表单测试' },
      initial: 'a',
      forms: { apply: { schema: { type: 'object', properties: {} } } },
      states: { a: { task: { assign: { initiator: true }, form: 'apply' }, on: { submit: 'b' } }, b: { final: true } },
    });
    await mountApp(`#/admin/workflows/${key}`);
    await signInAs('admin');
    await page.getByRole('tab', { name: '表单' }).click();

    // Keyboard: focus the palette's long-text entry and press Enter
    (page.getByRole('button', { name: '多行文本' }).element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    await page.getByLabelText('中文标签').fill('申请事由');
    await page.getByLabelText('英文标签').fill('Reason');
    await page.getByLabelText('必填').click();
    // Drag: a date field onto the form
    await page.getByRole('button', { name: '日期', exact: true }).dropTo(page.getByRole('listitem').filter({ hasText: '申请事由' }));
    await expect.element(page.getByRole('listitem').filter({ hasText: /日期 · date1/ })).toBeVisible();

    const schemaText = () => page.getByText(/"\$schema"/).element().textContent ?? '';
    await expect
      .poll(() => JSON.parse(schemaText()))
      .toMatchObject({
        type: 'object',
        required: ['textarea1'],
        properties: { textarea1: { type: 'string', title: '申请事由' }, date1: { type: 'string', format: 'date' } },
      });
    const preview = page.getByRole('region', { name: '预览' });
    await expect.element(preview.getByLabelText(/申请事由/)).toBeVisible();

    // Saved into the draft's forms
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect.element(page.getByText('草稿已保存')).toBeVisible();
    const draft = await call<{ definition: { forms: Record<string, { schema: { properties: Record<string, unknown> } }> } }>(
      'GET',
      `/api/definitions/${key}?draft=true`,
      'admin',
    );
    expect(Object.keys(draft.definition.forms.apply!.schema.properties).sort()).toEqual(['date1', 'textarea1']);
    await signOut();
  });

  it('sets a county holiday on the business calendar and removes it again', async () => {
    await mountApp('#/admin/calendar');
    await signInAs('admin');
    await page.getByLabelText('年份').fill('2026');
    await userEvent.keyboard('{Tab}');
    await page.getByLabelText('日期').fill('2026-07-16');
    await page.getByLabelText('类型').selectOptions('holiday');
    await page.getByLabelText('名称', { exact: true }).fill('县庆');
    await page.getByRole('button', { name: '设置' }).click();
    const row = page.getByRole('row').filter({ hasText: '2026-07-16' });
    await expect.element(row.getByText('县庆')).toBeVisible();
    const deadline = await call<{ deadline: string }>('GET', '/api/calendar/cn/deadline?start=2026-07-15T01:00:00Z&duration=P1WD', 'admin');
    expect(deadline.deadline.slice(0, 10)).toBe('2026-07-17');
    await row.getByRole('button', { name: /删除/ }).click();
    await expect.element(row).not.toBeInTheDocument();
    await signOut();
  });
});
