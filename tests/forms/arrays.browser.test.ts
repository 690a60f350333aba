import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { mountForm, settle, shadow, validatorFor } from './pages/fixtures.js';
import type { JsonSchema, UiSchema } from '../../forms/model/types.js';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    issues: {
      type: 'array',
      minItems: 1,
      maxItems: 3,
      items: { type: 'object', required: ['category'], properties: { category: { type: 'string' }, description: { type: 'string' } } },
    },
  },
};
const ui: UiSchema = {
  fields: {
    '/issues': {
      label: { 'zh-CN': '反映问题', en: 'Issues' },
      itemTitle: { 'zh-CN': '问题{{#}}：{{category}}', en: 'Issue {{#}}: {{category}}' },
      addLabel: { 'zh-CN': '添加问题', en: 'Add issue' },
    },
    '/issues/*/category': { label: { 'zh-CN': '类别', en: 'Category' } },
    '/issues/*/description': { label: { 'zh-CN': '描述', en: 'Description' } },
  },
};
const three = { issues: [{ category: '甲' }, { category: '乙' }, { category: '丙' }] };

function categories(data: unknown): string[] {
  return ((data as { issues: { category: string }[] }).issues ?? []).map((i) => i.category);
}

describe('arrays of objects', () => {
  it('adds an item with the add button and focuses its first field', async () => {
    const form = await mountForm({ schema, uiSchema: ui, data: { issues: [{ category: '甲' }] }, validator: validatorFor(schema) });
    await userEvent.click(page.getByRole('button', { name: '添加问题' }));
    await settle();
    expect(categories(form.data)).toHaveLength(2);
    await userEvent.keyboard('乙');
    expect(categories(form.data)).toEqual(['甲', '乙']);
    await expect.element(page.getByText('问题2：乙')).toBeVisible();
  });

  it('removes an item, but not below minItems, and says why', async () => {
    const form = await mountForm({ schema, uiSchema: ui, data: { issues: [{ category: '甲' }, { category: '乙' }] } });
    await userEvent.click(page.getByRole('button', { name: '删除问题1：甲' }));
    expect(categories(form.data)).toEqual(['乙']);
    await expect.element(page.getByRole('button', { name: '删除问题1：乙' })).toBeDisabled();
    await expect.element(page.getByText('至少需要 1 项；最多只能有 3 项')).toBeVisible();
  });

  it('after removing an item, focus stays in the list on the next item', async () => {
    const form = await mountForm({ schema, uiSchema: ui, data: three });
    await userEvent.click(page.getByRole('button', { name: '删除问题2：乙' }));
    await settle();
    expect(categories(form.data)).toEqual(['甲', '丙']);
    expect(shadow(form).activeElement?.getAttribute('aria-label')).toBe('问题2：丙');
  });

  it('stops adding at maxItems', async () => {
    await mountForm({ schema, uiSchema: ui, data: three });
    await expect.element(page.getByRole('button', { name: '添加问题' })).toBeDisabled();
  });

  it('reorders by keyboard: Alt+ArrowDown and Alt+ArrowUp move the focused item and keep focus on it', async () => {
    const form = await mountForm({ schema, uiSchema: ui, data: three });
    const handle = shadow(form).querySelector<HTMLElement>('li[data-index="0"] [data-role="handle"]');
    handle?.focus();
    await userEvent.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await settle();
    expect(categories(form.data)).toEqual(['乙', '甲', '丙']);
    expect(shadow(form).activeElement?.closest('li')?.dataset.index).toBe('1');
    await userEvent.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await settle();
    expect(categories(form.data)).toEqual(['乙', '丙', '甲']);
    await userEvent.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await settle();
    expect(categories(form.data)).toEqual(['乙', '甲', '丙']);
    await expect.poll(() => shadow(form).querySelector('#live')?.textContent).toContain('已移到第 2 位');
  });

  it('reorders with the move buttons', async () => {
    const form = await mountForm({ schema, uiSchema: ui, data: three });
    await userEvent.click(shadow(form).querySelector<HTMLElement>('li[data-index="2"] [data-role="up"]') as HTMLElement);
    expect(categories(form.data)).toEqual(['甲', '丙', '乙']);
    await expect.element(page.getByText('问题2：丙')).toBeVisible();
  });

  it('reorders by dragging an item onto another', async () => {
    const form = await mountForm({ schema, uiSchema: ui, data: three });
    const root = shadow(form);
    await userEvent.dragAndDrop(
      page.elementLocator(root.querySelector('li[data-index="0"] [data-role="handle"]') as HTMLElement),
      page.elementLocator(root.querySelector('li[data-index="2"]') as HTMLElement),
    );
    await settle();
    expect(categories(form.data)).toEqual(['乙', '丙', '甲']);
  });

  it('long items can be collapsed into a list whose details open on demand', async () => {
    const collapsed = { ...ui, fields: { ...ui.fields, '/issues': { ...ui.fields?.['/issues'], props: { collapsed: true } } } };
    const form = await mountForm({ schema, uiSchema: collapsed, data: three });
    await expect.element(page.getByText('问题3：丙')).toBeVisible();
    const descriptions = page.getByLabelText('描述');
    await expect.element(descriptions.nth(1)).not.toBeVisible();
    await userEvent.click(page.getByText('展开详情').nth(1));
    await expect.element(descriptions.nth(1)).toBeVisible();
    await userEvent.fill(descriptions.nth(1), '噪音扰民');
    expect((form.data as { issues: { description?: string }[] }).issues[1]?.description).toBe('噪音扰民');
  });

  it('speaks English when lang is en', async () => {
    await mountForm({ schema, uiSchema: ui, data: { issues: [{ category: 'A' }] }, lang: 'en' });
    await expect.element(page.getByRole('button', { name: 'Add issue' })).toBeVisible();
    await expect.element(page.getByText('Issue 1: A')).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Move up' })).toBeDisabled();
  });
});
