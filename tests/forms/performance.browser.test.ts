import { describe, expect, it } from 'vitest';
import { mountForm, settle, shadow, validatorFor } from './pages/fixtures.js';
import type { ChanceryForm } from '../../forms/components.js';
import type { JsonSchema, UiSchema } from '../../forms/model/types.js';

function bigForm(n: number): { schema: JsonSchema; uiSchema: UiSchema } {
  const properties: Record<string, JsonSchema> = {};
  const fields: NonNullable<UiSchema['fields']> = {};
  for (let i = 0; i < n; i++) {
    const kind = i % 5;
    properties[`f${i}`] =
      kind === 0 ? { type: 'string', minLength: 2 } : kind === 1 ? { type: 'integer' } : kind === 2 ? { type: 'string', enum: ['a', 'b', 'c', 'd', 'e'] } : kind === 3 ? { type: 'boolean' } : { type: 'string', format: 'date' };
    fields[`/f${i}`] = { label: { 'zh-CN': `字段 ${i}`, en: `Field ${i}` } };
  }
  return { schema: { type: 'object', required: ['f0'], properties }, uiSchema: { fields } };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

describe('performance on large forms', () => {
  it('first-renders a 500-field form in under 100 ms', async () => {
    const { schema, uiSchema } = bigForm(500);
    const validator = validatorFor(schema);
    await mountForm({ schema, uiSchema, validator }); // warm up code paths once
    const times: number[] = [];
    for (let run = 0; run < 5; run++) {
      document.body.replaceChildren();
      const t0 = performance.now();
      const form = document.createElement('chancery-form') as ChanceryForm;
      Object.assign(form, { schema, uiSchema, data: {}, validator });
      document.body.append(form);
      await form.updateComplete;
      times.push(performance.now() - t0);
      expect(shadow(form).querySelectorAll('input, select')).toHaveLength(500);
      await settle();
    }
    console.info(`500-field first render: median ${median(times).toFixed(1)} ms`, times.map((t) => t.toFixed(1)));
    expect(median(times)).toBeLessThan(100);
  });

  it('updates a keystroke in a 500-field form in under 5 ms', async () => {
    const { schema, uiSchema } = bigForm(500);
    const form = await mountForm({ schema, uiSchema, validator: validatorFor(schema) });
    const input = shadow(form).querySelector<HTMLInputElement>('#f_2ff250');
    const error = shadow(form).querySelector('#f_2ff250-error');
    expect(input && error).toBeTruthy();
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      if (!input) break;
      const t0 = performance.now();
      // Alternate a too-short value so the field's error text really changes on screen.
      input.value = i % 2 ? `值${i}` : '值';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('blur'));
      await form.updateComplete;
      times.push(performance.now() - t0);
      expect(error?.textContent?.trim() === '').toBe(i % 2 === 1);
    }
    expect((form.data as Record<string, unknown>).f250).toBe('值29');
    console.info(`500-field keystroke: median ${median(times).toFixed(2)} ms`);
    expect(median(times)).toBeLessThan(5);
  });
});
