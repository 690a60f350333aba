import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { mountForm, petitionSchema, petitionUi, shadow, validatorFor } from './pages/fixtures.js';
import type { JsonSchema } from '../../forms/model/types.js';

const attack = '<img src=x onerror=alert(1)>';

async function seriousViolations(context: Element) {
  const result = await axe.run(context, { resultTypes: ['violations'] });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('safety and accessibility', () => {
  it('a label containing markup renders as text, and no image is created', async () => {
    const schema: JsonSchema = { type: 'object', properties: { a: { type: 'string', enum: ['x'] }, b: { type: 'string' } } };
    const form = await mountForm({
      schema,
      uiSchema: {
        title: attack,
        fields: { '/a': { label: attack, options: { x: attack }, widget: 'select' }, '/b': { label: attack, help: attack, placeholder: attack } },
      },
      data: { b: attack },
    });
    const root = shadow(form);
    expect(root.querySelectorAll('img')).toHaveLength(0);
    expect(root.querySelector('label')?.textContent).toContain(attack);
    expect(root.querySelector('option:nth-child(2)')?.textContent).toBe(attack);
    form.readonly = true;
    await form.updateComplete;
    expect(root.querySelectorAll('img')).toHaveLength(0);
    expect(root.textContent).toContain(attack);
  });

  it('axe finds no serious violations in the filled-in form with errors showing (zh-CN)', async () => {
    const form = await mountForm({ schema: petitionSchema, uiSchema: petitionUi, data: { realName: true }, validator: validatorFor(petitionSchema) });
    await userEvent.click(page.getByRole('button', { name: '提交' }));
    expect(await seriousViolations(form)).toEqual([]);
  });

  it('axe finds no serious violations in English, in review mode, and in tabs', async () => {
    const form = await mountForm({ schema: petitionSchema, uiSchema: petitionUi, data: { name: 'Li' }, lang: 'en' });
    expect(await seriousViolations(form)).toEqual([]);
    form.readonly = true;
    await form.updateComplete;
    expect(await seriousViolations(form)).toEqual([]);
    const tabbed = await mountForm({
      schema: petitionSchema,
      uiSchema: {
        ...petitionUi,
        layout: {
          type: 'tabs',
          items: [
            { type: 'group', title: '一', items: ['/name'] },
            { type: 'group', title: '二', items: ['/summary'] },
          ],
        },
      },
    });
    expect(await seriousViolations(tabbed)).toEqual([]);
  });

  it('touch targets are at least 44px tall on a 360px phone, and nothing overflows', async () => {
    await page.viewport(360, 740);
    const form = await mountForm({ schema: petitionSchema, uiSchema: petitionUi });
    const root = shadow(form);
    const small = [...root.querySelectorAll<HTMLElement>('input:not([type=checkbox]):not([type=radio]), select, textarea, button')]
      .filter((el) => el.getBoundingClientRect().height < 44)
      .map((el) => el.outerHTML.slice(0, 80));
    expect(small).toEqual([]);
    expect(form.scrollWidth).toBeLessThanOrEqual(360);
    const choices = [...root.querySelectorAll<HTMLElement>('.choice')].filter((el) => el.getBoundingClientRect().height < 44);
    expect(choices).toHaveLength(0);
    await page.viewport(414, 896);
  });
});
