import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { focusedName, mountForm, record, settle, shadow } from './pages/fixtures.js';
import type { ChanceryForm, ChanceryFormDetail } from '../../forms/components.js';

describe('loading a form bundle from src', () => {
  it('fetches the schema and imports the precompiled validator module', async () => {
    const form = await mountForm({ schema: undefined as never }, { src: '/__chancery/api/forms/visit' });
    await expect.element(page.getByRole('heading', { name: '来访登记' })).toBeVisible();
    const invalid = record<ChanceryFormDetail>(form, 'chancery-invalid');
    await userEvent.fill(page.getByLabelText('姓名'), '甲');
    await userEvent.fill(page.getByLabelText('联系电话'), '13912345678');
    await userEvent.click(page.getByRole('button', { name: '提交' }));
    await settle();
    expect(invalid.at(-1)?.errors.map((e) => e.keyword)).toEqual(['minLength']);
  });

  it('says the form could not be loaded, in the form language', async () => {
    await mountForm({ schema: undefined as never, lang: 'en' }, { src: '/__chancery/api/forms/missing' });
    await expect.element(page.getByRole('alert')).toHaveTextContent('Could not load the form: HTTP 404');
  });

  it("validates on a page served with Content-Security-Policy: script-src 'self'", async () => {
    document.body.replaceChildren();
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width:800px;height:900px';
    frame.src = '/__chancery/csp.html';
    document.body.append(frame);
    await new Promise((r) => frame.addEventListener('load', r, { once: true }));
    const win = frame.contentWindow as (Window & { chanceryCsp?: { evalBlocked: boolean } }) | null;
    await expect.poll(() => win?.chanceryCsp?.evalBlocked).toBe(true);
    const form = frame.contentDocument?.querySelector('chancery-form') as ChanceryForm;
    await expect.poll(() => form.shadowRoot?.querySelector('#f_2fname')).toBeTruthy();
    const root = shadow(form);
    const name = root.querySelector<HTMLInputElement>('#f_2fname') as HTMLInputElement;
    name.value = '甲';
    name.dispatchEvent(new Event('input', { bubbles: true }));
    const result = await form.submit();
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => `${e.pointer} ${e.keyword}`).sort()).toEqual(['/name minLength', '/phone required']);
    expect(root.querySelector('.summary')?.textContent).toContain('联系电话');
    expect(focusedName(form)).toBe('姓名');
  });
});
