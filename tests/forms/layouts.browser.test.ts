import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { afterEach } from 'vitest';
import { focusedName, mountForm, settle, shadow, validatorFor } from './pages/fixtures.js';
import type { JsonSchema, UiSchema } from '../../forms/model/types.js';

const schema: JsonSchema = {
  type: 'object',
  required: ['name', 'phone', 'content'],
  properties: {
    name: { type: 'string' },
    phone: { type: 'string', pattern: '^1[0-9]{10}$' },
    content: { type: 'string' },
    remark: { type: 'string' },
  },
};
const labels: UiSchema['fields'] = {
  '/name': { label: { 'zh-CN': '姓名', en: 'Name' } },
  '/phone': { label: { 'zh-CN': '联系电话', en: 'Phone' } },
  '/content': { label: { 'zh-CN': '信访内容', en: 'Content' } },
  '/remark': { label: { 'zh-CN': '备注', en: 'Remark' } },
};
const group = (zh: string, en: string, items: string[]) => ({ type: 'group' as const, title: { 'zh-CN': zh, en }, items });

describe('layouts from the UI schema', () => {
  afterEach(() => page.viewport(414, 896));
  it('groups and columns put fields under titled sections side by side', async () => {
    const ui: UiSchema = {
      fields: labels,
      layout: {
        type: 'group',
        items: [{ ...group('基本信息', 'Basics', []), items: [{ type: 'columns', columns: 2, items: ['/name', '/phone'] }] }, '/content', '/remark'],
      },
    };
    await page.viewport(1024, 768);
    const form = await mountForm({ schema, uiSchema: ui });
    await expect.element(page.getByRole('region', { name: '基本信息' })).toBeVisible();
    const columns = shadow(form).querySelector<HTMLElement>('.columns');
    expect(columns?.querySelectorAll('.field')).toHaveLength(2);
    const [a, b] = [...(columns?.querySelectorAll('input') ?? [])].map((el) => el.getBoundingClientRect());
    expect(a && b && Math.abs(a.top - b.top) < 2 && b.left > a.left).toBe(true);
  });

  it('tabs switch by click and by arrow keys, one panel at a time', async () => {
    const ui: UiSchema = {
      fields: labels,
      layout: { type: 'tabs', items: [group('来访人', 'Visitor', ['/name', '/phone']), group('内容', 'Content', ['/content', '/remark'])] },
    };
    const form = await mountForm({ schema, uiSchema: ui });
    await expect.element(page.getByLabelText('姓名')).toBeVisible();
    await expect.element(page.getByLabelText('信访内容')).not.toBeVisible();
    await userEvent.click(page.getByRole('tab', { name: '内容' }));
    await expect.element(page.getByLabelText('信访内容')).toBeVisible();
    await expect.element(page.getByRole('tab', { name: '内容' })).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{ArrowLeft}');
    await expect.poll(() => focusedName(form)).toBe('来访人');
    await expect.element(page.getByLabelText('姓名')).toBeVisible();
  });

  it('submitting opens the tab that holds the first error and focuses the field', async () => {
    const ui: UiSchema = {
      fields: labels,
      layout: { type: 'tabs', items: [group('来访人', 'Visitor', ['/name', '/phone']), group('内容', 'Content', ['/content', '/remark'])] },
    };
    const form = await mountForm({ schema, uiSchema: ui, data: { name: '甲', phone: '13800000000' }, validator: validatorFor(schema) });
    await form.submit();
    await expect.element(page.getByRole('tab', { name: '内容（1 处错误）' })).toHaveAttribute('aria-selected', 'true');
    await expect.element(page.getByRole('tab', { name: '来访人' })).toBeVisible();
    await expect.element(page.getByLabelText('信访内容')).toBeVisible();
    await expect.poll(() => focusedName(form)).toBe('信访内容');
  });

  it('the wizard will not go on while the step has errors, then moves step by step', async () => {
    const ui: UiSchema = {
      fields: labels,
      layout: { type: 'steps', items: [group('来访人', 'Visitor', ['/name', '/phone']), group('内容', 'Content', ['/content', '/remark'])] },
    };
    const form = await mountForm({ schema, uiSchema: ui, validator: validatorFor(schema) });
    await expect.element(page.getByText('第 1 步，共 2 步')).toBeVisible();
    await expect.element(page.getByRole('button', { name: '提交' })).not.toBeInTheDocument();
    await userEvent.click(page.getByRole('button', { name: '下一步' }));
    await expect.poll(() => focusedName(form)).toBe('姓名');
    await expect.element(page.getByLabelText('姓名')).toHaveAttribute('aria-invalid', 'true');
    await expect.element(page.getByLabelText('信访内容')).not.toBeVisible();

    await userEvent.fill(page.getByLabelText('姓名'), '赵六');
    await userEvent.fill(page.getByLabelText('联系电话'), '13800000000');
    await userEvent.click(page.getByRole('button', { name: '下一步' }));
    await expect.element(page.getByLabelText('信访内容')).toBeVisible();
    await expect.element(page.getByText('第 2 步，共 2 步')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: '上一步' }));
    await expect.element(page.getByLabelText('姓名')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: '下一步' }));
    await userEvent.fill(page.getByLabelText('信访内容'), '道路破损');
    const submitted: unknown[] = [];
    form.addEventListener('chancery-submit', (e) => submitted.push((e as CustomEvent).detail));
    await userEvent.click(page.getByRole('button', { name: '提交' }));
    await settle();
    expect(submitted).toHaveLength(1);
  });
});
