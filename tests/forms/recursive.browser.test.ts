import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json' with { type: 'json' };
import { mountForm, settle, shadow } from './pages/fixtures.js';
import type { JsonSchema } from '../../forms/model/types.js';

const tree: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', title: '名称' },
    left: { $ref: '#', title: '左' },
    right: { $ref: '#', title: '右' },
    parent: { $ref: '#', title: '上级' },
  },
};

function inputs(form: HTMLElement): number {
  return shadow(form).querySelectorAll('input, select, textarea').length;
}

describe('recursive schemas in the form', () => {
  it('renders a three-way recursive form one level deep, and opens a part when asked', async () => {
    const form = await mountForm({ schema: tree });
    expect(inputs(form)).toBe(1);
    await userEvent.click(page.getByRole('button', { name: '添加 左' }));
    await settle();
    expect(inputs(form)).toBe(2);
    await expect.element(page.getByRole('button', { name: '添加 左' }).first()).toBeVisible();
  });

  it('renders the draft-07 meta-schema with a bounded number of fields', async () => {
    const form = await mountForm({ schema: draft07 as JsonSchema });
    const n = inputs(form);
    expect(n).toBeGreaterThan(5);
    expect(n).toBeLessThan(200);
  });
});

describe('root shapes in the form', () => {
  it('renders a root string as a text field and a root array with its add button', async () => {
    const text = await mountForm({ schema: { type: 'string', title: '标题' } });
    expect(shadow(text).querySelectorAll('input').length).toBe(1);
    text.remove();
    const list = await mountForm({ schema: { type: 'array', title: '事项', items: { type: 'string' } } });
    await userEvent.click(page.getByRole('button', { name: /添加/ }));
    await settle();
    expect(list.data).toHaveLength(1);
  });
});
