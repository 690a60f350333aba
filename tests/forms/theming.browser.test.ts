import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { mountForm, shadow } from './pages/fixtures.js';
import type { JsonSchema, UiSchema } from '../../forms/model/types.js';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    secret: { type: 'string' },
    fixed: { type: 'string' },
    issues: { type: 'array', items: { type: 'object', properties: { category: { type: 'string' }, unit: { type: 'string' } } } },
  },
};
const ui: UiSchema = {
  fields: {
    '/name': { label: '姓名' },
    '/secret': { label: '内部备注' },
    '/fixed': { label: '编号' },
    '/issues': { label: '问题', layout: { type: 'columns', columns: 2, items: ['/category', '/unit'] } },
    '/issues/*/category': { label: '类别' },
    '/issues/*/unit': { label: '责任单位' },
  },
};

describe('theming, permissions and item layouts', () => {
  it('takes its colours from --chancery-* custom properties and exposes parts', async () => {
    const form = await mountForm({ schema, uiSchema: ui });
    form.style.setProperty('--chancery-primary', 'rgb(11, 92, 173)');
    const submit = shadow(form).querySelector<HTMLElement>('[part~="submit"]');
    expect(submit && getComputedStyle(submit).backgroundColor).toBe('rgb(11, 92, 173)');
    expect(shadow(form).querySelector('[part~="label"]')?.textContent).toContain('姓名');
  });

  it('hides and locks fields by the current task permissions', async () => {
    const form = await mountForm({
      schema,
      uiSchema: ui,
      data: { fixed: 'XF-001', secret: '不公开' },
      permissions: { '/secret': 'hidden', '/fixed': 'readonly' },
    });
    await expect.element(page.getByLabelText('内部备注')).not.toBeInTheDocument();
    await expect.element(page.getByLabelText('编号')).toHaveAttribute('readonly');
    await userEvent.fill(page.getByLabelText('姓名'), '钱一');
    expect(form.data).toMatchObject({ fixed: 'XF-001', name: '钱一' });
  });

  it("lays out each array item by the array's own layout", async () => {
    await page.viewport(1024, 768);
    const form = await mountForm({ schema, uiSchema: ui, data: { issues: [{ category: '噪音', unit: '环保局' }] } });
    const item = shadow(form).querySelector('li.item .columns');
    expect(item?.querySelectorAll('input')).toHaveLength(2);
    await userEvent.fill(page.getByLabelText('责任单位'), '城管局');
    expect(form.data).toMatchObject({ issues: [{ category: '噪音', unit: '城管局' }] });
    await page.viewport(414, 896);
  });
});
