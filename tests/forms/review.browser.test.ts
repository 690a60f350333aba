import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { mountForm, petitionSchema, petitionUi, shadow } from './pages/fixtures.js';
import type { ChanceryFormDiff } from '../../forms/components.js';

const filed = {
  name: '王小二',
  category: 'labour',
  channel: 'letter',
  urgent: true,
  tags: ['a', 'c'],
  handler: { id: 'u2', name: '张敏' },
  attachment: { id: 'f1', name: '材料.pdf', size: 2048, sha256: 'ab'.repeat(32), mime: 'application/pdf' },
  address: { county: '青山县', street: '人民路 1 号' },
};

describe('review, print and diff views', () => {
  it('readonly shows labels and values as text, with no inputs or buttons', async () => {
    const form = await mountForm({ schema: petitionSchema, uiSchema: petitionUi, data: filed, readonly: true });
    const root = shadow(form);
    expect(root.querySelectorAll('input, select, textarea, button')).toHaveLength(0);
    await expect.element(page.getByText('劳动社保')).toBeVisible();
    await expect.element(page.getByText('来信')).toBeVisible();
    await expect.element(page.getByText('材料.pdf')).toBeVisible();
    await expect.element(page.getByText('人民路 1 号')).toBeVisible();
    const value = root.querySelector('dd[data-pointer="/urgent"]');
    expect(value?.textContent?.trim()).toBe('是');
  });

  it('readonly puts an A4 page rule on the document and hides buttons in print', async () => {
    await mountForm({ schema: petitionSchema, uiSchema: petitionUi, data: filed, readonly: true });
    const rules = document.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText));
    expect(rules.some((r) => /@page/.test(r) && /a4/i.test(r))).toBe(true);
    const own = (document.querySelector('chancery-form')?.shadowRoot?.adoptedStyleSheets ?? []).flatMap((s) => [...s.cssRules]);
    const print = own.find((r): r is CSSMediaRule => r instanceof CSSMediaRule && r.conditionText === 'print');
    expect(print?.cssText).toMatch(/button[^{]*\{\s*display: none !important/);
  });

  it("readonly keeps the layout's sections, tabs and steps as titled sections for print", async () => {
    const layout = {
      type: 'tabs' as const,
      items: [
        { type: 'group' as const, title: { 'zh-CN': '来访人', en: 'Visitor' }, items: ['/name'] },
        { type: 'group' as const, title: '诉求', items: ['/category'] },
      ],
    };
    const form = await mountForm({ schema: petitionSchema, uiSchema: { ...petitionUi, layout }, data: filed, readonly: true });
    const titles = [...shadow(form).querySelectorAll('section > h3')].map((h) => h.textContent);
    expect(titles).toEqual(['来访人', '诉求']);
    await expect.element(page.getByText('王小二')).toBeVisible();
    await expect.element(page.getByText('劳动社保')).toBeVisible();
  });

  it('readonly in English says Yes and (empty)', async () => {
    const form = await mountForm({ schema: petitionSchema, uiSchema: petitionUi, data: filed, readonly: true, lang: 'en' });
    expect(shadow(form).querySelector('dd[data-pointer="/urgent"]')?.textContent?.trim()).toBe('Yes');
    expect(shadow(form).querySelector('dd[data-pointer="/summary"]')?.textContent?.trim()).toBe('(empty)');
  });

  it('the diff view lists what an approver changed, before and after', async () => {
    document.body.replaceChildren();
    const diff = document.createElement('chancery-form-diff') as ChanceryFormDiff;
    Object.assign(diff, {
      schema: petitionSchema,
      uiSchema: petitionUi,
      oldData: filed,
      newData: { ...filed, category: 'land', address: { ...filed.address, street: '解放路 9 号' }, urgent: false },
    });
    document.body.append(diff);
    await diff.updateComplete;
    const rows = [...(diff.shadowRoot?.querySelectorAll('tbody tr') ?? [])].map((tr) => [...tr.children].map((c) => c.textContent?.trim()));
    expect(rows).toEqual([
      ['问题类别', '劳动社保', '土地征收'],
      ['紧急', '是', '否'],
      ['地址 › 街道', '人民路 1 号', '解放路 9 号'],
    ]);
    await expect.element(page.getByRole('cell', { name: '解放路 9 号' })).toBeVisible();
  });

  it('the diff view says so when nothing changed', async () => {
    document.body.replaceChildren();
    const diff = document.createElement('chancery-form-diff') as ChanceryFormDiff;
    Object.assign(diff, { schema: petitionSchema, uiSchema: petitionUi, oldData: filed, newData: structuredClone(filed), lang: 'en' });
    document.body.append(diff);
    await expect.element(page.getByText('The two versions are the same')).toBeVisible();
  });
});
