/**
 * The case page offers what the definition lets the reader do: the supervision office sees its
 * standing action (with its form) and the urge button the policy gives it; the case's links to
 * other cases are listed and lead to them.
 */
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { call, mountApp, signInAs } from './support.js';

const key = `ui-matter-${Date.now() % 100000}`;
const definition = {
  key,
  title: { 'zh-CN': '界面督办事项', en: 'UI supervised matter' },
  forms: { spotCheck: { schema: { type: 'object', required: ['focus'], properties: { focus: { type: 'string', title: '抽查重点', minLength: 2 } } } } },
  policies: { urge: [{ role: 'supervision-officer', unit: 'supervision' }] },
  actions: {
    spotCheck: {
      title: { 'zh-CN': '下达抽查', en: 'Order a spot check' },
      who: [{ role: 'supervision-officer', unit: 'supervision' }],
      form: 'spotCheck',
      actions: [{ action: 'case.start', with: { definition: key, link: 'spot-check' } }],
    },
  },
  initial: 'handle',
  states: { handle: { title: '办理', task: { assign: { users: ['xinfang1'] } }, on: { submit: 'done' } }, done: { final: true } },
};

describe('case page: standing actions and linked cases', () => {
  it('lets the supervision office order a spot check from the case page, and shows the case it started as a link', async () => {
    await call('POST', `/api/definitions/${key}/publish`, 'admin', { definition });
    const { id } = await call<{ id: string }>('POST', '/api/instances', 'zongheke1', { definition: key, data: {} });

    await mountApp();
    await signInAs('ducha1');
    location.hash = `#/cases/${id}`;
    await expect.element(page.getByRole('button', { name: '催办' })).toBeVisible();
    // CC is not offered: the policy does not name the supervision office for it (default: who may see the case).
    await page.getByRole('button', { name: '下达抽查' }).click();
    await userEvent.type(page.getByLabelText(/抽查重点/), '台账是否齐全');
    await page.getByRole('button', { name: '确定' }).click();
    await expect.element(page.getByRole('status').filter({ hasText: '已执行「下达抽查」' })).toBeVisible();

    const links = page.getByRole('region', { name: '关联案件' });
    await expect.element(links).toBeVisible();
    const kase = await call<{ data: { spotCheck?: { focus: string } }; links: Array<{ instanceId: string }> }>('GET', `/api/instances/${id}`, 'admin');
    expect(kase.data.spotCheck).toEqual({ focus: '台账是否齐全' });
    expect(kase.links).toHaveLength(1);
    await links.getByRole('link').click();
    await expect.poll(() => location.hash).toBe(`#/cases/${kase.links[0]!.instanceId}`);
  });

  it('offers neither the action nor urging to someone the definition does not name', async () => {
    const { id } = await call<{ id: string }>('POST', '/api/instances', 'zongheke1', { definition: key, data: {} });
    await mountApp();
    await signInAs('xinfang1');
    location.hash = `#/cases/${id}`;
    await expect.element(page.getByRole('heading', { name: '流转记录' })).toBeVisible();
    expect(page.getByRole('button', { name: '下达抽查' }).elements()).toHaveLength(0);
    expect(page.getByRole('button', { name: '催办' }).elements()).toHaveLength(0);
  });
});
