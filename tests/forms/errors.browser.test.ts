import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { focusedName, mountForm, record, settle, shadow, validatorFor } from './pages/fixtures.js';
import type { ChanceryForm, ChanceryFormDetail } from '../../forms/components.js';
import type { JsonSchema, UiSchema } from '../../forms/model/types.js';

const schema: JsonSchema = {
  type: 'object',
  required: ['name', 'phone'],
  properties: { name: { type: 'string' }, phone: { type: 'string', pattern: '^1[0-9]{10}$' }, email: { type: 'string', format: 'email' } },
};
const ui: UiSchema = {
  fields: {
    '/name': { label: { 'zh-CN': '信访人姓名', en: 'Petitioner name' } },
    '/phone': { label: { 'zh-CN': '联系电话', en: 'Phone' } },
    '/email': { label: { 'zh-CN': '电子邮箱', en: 'Email' } },
  },
};

describe('the error experience', () => {
  it('shows no error before a field is touched, then one after leaving it', async () => {
    await mountForm({ schema, uiSchema: ui, validator: validatorFor(schema) });
    const phone = page.getByLabelText('联系电话');
    await expect.element(phone).toHaveAttribute('aria-invalid', 'false');
    await userEvent.fill(phone, '123');
    await userEvent.tab();
    await expect.element(phone).toHaveAttribute('aria-invalid', 'true');
    await expect.element(phone).toHaveAccessibleDescription(/联系电话/);
  });

  it('on submit: a summary links to each field, focus goes to the first error, the live region speaks', async () => {
    const form = await mountForm({ schema, uiSchema: ui, validator: validatorFor(schema) });
    const invalid = record<ChanceryFormDetail>(form, 'chancery-invalid');
    await userEvent.click(page.getByRole('button', { name: '提交' }));
    await settle();
    expect(invalid).toHaveLength(1);
    expect(invalid[0]?.valid).toBe(false);
    await expect.poll(() => focusedName(form)).toBe('信访人姓名');
    await expect.element(page.getByRole('link', { name: '「信访人姓名」为必填项' })).toBeVisible();
    await expect.poll(() => shadow(form).querySelector('#live')?.textContent).toBe('表单有 2 处错误');
    await userEvent.click(page.getByRole('link', { name: /联系电话/ }));
    await expect.poll(() => focusedName(form)).toBe('联系电话');
  });

  it('the summary shrinks as errors are fixed', async () => {
    const form = await mountForm({ schema, uiSchema: ui, validator: validatorFor(schema) });
    await form.submit();
    await userEvent.fill(page.getByLabelText('信访人姓名'), '孙七');
    await expect.element(page.getByRole('link', { name: /信访人姓名/ })).not.toBeInTheDocument();
    await expect.element(page.getByText('请修改以下 1 处问题：')).toBeVisible();
  });

  it('speaks English when lang is en, and switches language live', async () => {
    const form = await mountForm({ schema, uiSchema: ui, validator: validatorFor(schema), lang: 'en' });
    await userEvent.click(page.getByRole('button', { name: 'Submit' }));
    await expect.element(page.getByText('Please fix the following 2 problems:')).toBeVisible();
    await expect.element(page.getByRole('link', { name: /Petitioner name/ })).toBeVisible();
    form.lang = 'zh-CN';
    await expect.element(page.getByLabelText('信访人姓名')).toBeVisible();
    await expect.element(page.getByRole('button', { name: '提交' })).toBeVisible();
  });

  it('keyboard only: tab through, type, and submit with Enter', async () => {
    const form = await mountForm({ schema, uiSchema: ui, validator: validatorFor(schema) });
    const submitted = record<ChanceryFormDetail>(form, 'chancery-submit');
    (shadow(form).querySelector('input') as HTMLInputElement).focus();
    await userEvent.keyboard('周八');
    await userEvent.tab();
    await userEvent.keyboard('13912345678');
    await userEvent.tab();
    await userEvent.tab();
    await expect.poll(() => focusedName(form)).toBe('提交');
    await userEvent.keyboard('{Enter}');
    await settle();
    expect(submitted.at(-1)).toMatchObject({ valid: true, data: { name: '周八', phone: '13912345678' } });
  });

  it("chancery-submit bubbles out of another component's shadow root to the page", async () => {
    document.body.replaceChildren();
    const outerHost = document.createElement('div');
    document.body.append(outerHost);
    const inner = outerHost.attachShadow({ mode: 'open' });
    const form = document.createElement('chancery-form') as ChanceryForm;
    Object.assign(form, { schema, uiSchema: ui, data: { name: '冯二', phone: '13912345678' }, validator: validatorFor(schema) });
    inner.append(form);
    await form.updateComplete;
    const heard = record<ChanceryFormDetail>(document, 'chancery-submit');
    await form.submit();
    expect(heard).toEqual([{ valid: true, errors: [], data: { name: '冯二', phone: '13912345678' } }]);
  });

  it('takes part in a native <form>: blocks an invalid submit and posts its JSON when valid', async () => {
    document.body.replaceChildren();
    const outer = document.createElement('form');
    outer.innerHTML = '<chancery-form name="payload" hide-submit></chancery-form><button>送出</button>';
    document.body.append(outer);
    const form = outer.querySelector('chancery-form') as HTMLElement & {
      schema: unknown;
      uiSchema: unknown;
      validator: unknown;
      updateComplete: Promise<unknown>;
    };
    Object.assign(form, { schema, uiSchema: ui, validator: validatorFor(schema) });
    await form.updateComplete;
    const sent: string[] = [];
    outer.addEventListener('submit', (e) => {
      e.preventDefault();
      sent.push(String(new FormData(outer).get('payload')));
    });
    expect(outer.checkValidity()).toBe(false);
    await expect.poll(() => shadow(form as unknown as Element).querySelector('.summary')?.textContent ?? '').toContain('「信访人姓名」为必填项');
    await userEvent.fill(page.getByLabelText('信访人姓名'), '吴九');
    await userEvent.fill(page.getByLabelText('联系电话'), '13912345678');
    expect(outer.checkValidity()).toBe(true);
    await userEvent.click(page.getByRole('button', { name: '送出' }));
    expect(sent.map((s) => JSON.parse(s))).toEqual([{ name: '吴九', phone: '13912345678' }]);
    outer.reset();
    await expect.element(page.getByLabelText('信访人姓名')).toHaveValue('');
  });
});
