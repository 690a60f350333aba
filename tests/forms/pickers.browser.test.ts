/** The directory pickers are WAI-ARIA comboboxes: searchable, and usable from the keyboard alone. */
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { mountForm, shadow } from './pages/fixtures.js';
import type { DirectoryClient, DirectoryUnit } from '../../forms/widgets/directory-client.js';
import type { JsonSchema } from '../../forms/model/types.js';

/** A county of 94 units: the county, 20 townships and 73 offices, each with a code. */
const units: DirectoryUnit[] = [
  { id: 'u-county', code: 'county', name: '青山县', parentId: null },
  ...Array.from({ length: 20 }, (_, i) => ({ id: `u-town${i}`, code: `town${i}`, name: `第${i + 1}镇`, parentId: 'u-county' })),
  ...Array.from({ length: 72 }, (_, i) => ({ id: `u-office${i}`, code: `office${i}`, name: `县直机关${i + 1}`, parentId: 'u-county' })),
  { id: 'u-xfj', code: 'xfj', name: '信访局', parentId: 'u-county' },
];

const directory: DirectoryClient = {
  async searchUsers(q) {
    return [
      { id: 'p1', name: '张伟', unit: '信访局' },
      { id: 'p2', name: '张敏', unit: '自然资源局' },
      { id: 'p3', name: '李娜', unit: '人社局' },
    ].filter((p) => p.name.includes(q));
  },
  async listUnits() {
    return units;
  },
};

const schema: JsonSchema = {
  type: 'object',
  properties: { handler: { type: 'string', title: '承办人' }, unit: { type: 'string', title: '承办单位' } },
};
const uiSchema = { fields: { '/handler': { widget: 'user' }, '/unit': { widget: 'unit' } } };

function combobox(name: string) {
  return page.getByRole('combobox', { name });
}

async function seriousViolations(context: Element) {
  const result = await axe.run(context, { resultTypes: ['violations'] });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('user picker, by keyboard', () => {
  it('is a combobox controlling a listbox: typing lists people, ↓ highlights (aria-activedescendant), Enter picks, Escape closes', async () => {
    const form = await mountForm({ schema, uiSchema, directory });
    const input = combobox('承办人');
    await expect.element(input).toHaveAttribute('aria-expanded', 'false');
    const listId = input.element().getAttribute('aria-controls') ?? '';
    expect(shadow(form).getElementById(listId)?.getAttribute('role')).toBe('listbox');
    await userEvent.click(input);
    await userEvent.keyboard('张');
    await expect.element(page.getByRole('option', { name: /张敏/ })).toBeVisible();
    await expect.element(input).toHaveAttribute('aria-expanded', 'true');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    const active = input.element().getAttribute('aria-activedescendant') ?? '';
    expect(shadow(form).getElementById(active)?.textContent).toContain('张敏');
    expect(shadow(form).getElementById(active)?.getAttribute('aria-selected')).toBe('true');
    expect(await seriousViolations(form)).toEqual([]);
    await userEvent.keyboard('{ArrowUp}{Enter}');
    expect(form.data).toEqual({ handler: 'p1' });
    await expect.element(input).toHaveAttribute('aria-expanded', 'false');
    // Escape closes the list without picking.
    await userEvent.keyboard('李');
    await expect.element(page.getByRole('option', { name: /李娜/ })).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await expect.element(input).toHaveAttribute('aria-expanded', 'false');
    expect(input.element().hasAttribute('aria-activedescendant')).toBe(false);
    await userEvent.keyboard('{Enter}');
    expect(form.data).toEqual({ handler: 'p1' });
  });
});

describe('unit picker', () => {
  it('lists all 94 units and filters them by name or code as one types', async () => {
    const form = await mountForm({ schema, uiSchema, directory });
    const input = combobox('承办单位');
    await userEvent.click(input);
    const options = () => shadow(form).querySelectorAll('chancery-unit-picker [role=option]');
    await expect.poll(() => options().length).toBe(94);
    await userEvent.keyboard('信访');
    expect([...options()].map((o) => o.textContent?.trim())).toEqual(['信访局 xfj']);
    await userEvent.fill(input, 'town1');
    // town1, town10 … town19
    expect(options().length).toBe(11);
    await userEvent.fill(input, '第3镇');
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(form.data).toEqual({ unit: 'u-town2' });
    await expect.element(page.getByRole('listitem').getByText('第3镇', { exact: true })).toBeVisible();
  });

  it('is keyboard-operable and axe-clean with its list open', async () => {
    const form = await mountForm({ schema, uiSchema, directory, lang: 'en' });
    const input = combobox('承办单位');
    await userEvent.click(input);
    await expect.poll(() => shadow(form).querySelectorAll('chancery-unit-picker [role=option]').length).toBe(94);
    await userEvent.keyboard('{End}');
    const active = input.element().getAttribute('aria-activedescendant') ?? '';
    expect(shadow(form).getElementById(active)?.textContent).toContain('信访局');
    expect(await seriousViolations(form)).toEqual([]);
    await userEvent.keyboard('{Enter}');
    expect(form.data).toEqual({ unit: 'u-xfj' });
  });
});
