/**
 * 撤回后修改再提交 in the app: the initiator opens their withdrawn case, chooses 修改后重新提交,
 * finds the start form filled with what they sent, corrects it and sends it; the new case is
 * linked to the withdrawn one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { call } from './support.js';
import { mountAs, settled } from './scan.js';

const definition = {
  key: 'resend-leave-ui',
  title: { 'zh-CN': '请假申请（重新提交）', en: 'Leave request (resend)' },
  startForm: 'request',
  caseTitle: { cat: ['请假：', { var: 'data.request.reason' }] },
  forms: {
    request: {
      schema: {
        type: 'object',
        required: ['reason', 'days'],
        properties: { reason: { type: 'string', title: '事由' }, days: { type: 'integer', title: '天数', minimum: 1, maximum: 30 } },
      },
    },
  },
  initial: 'approve',
  states: {
    approve: { title: { 'zh-CN': '主任审批', en: 'Director' }, task: { assign: { user: 'zhuren' } }, on: { submit: 'done' } },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
};

afterEach(() => {
  document.body.replaceChildren();
  localStorage.removeItem('chancery.lang');
});

describe('edit and resend a withdrawn case', () => {
  it('opens the start form filled with the withdrawn case, and sends the corrected one as a new linked case', { timeout: 120_000 }, async () => {
    await call('POST', `/api/definitions/${definition.key}/publish`, 'admin', { definition });
    const reason = `外出学习${Date.now() % 100000}`;
    const { id } = await call<{ id: string }>('POST', '/api/instances', 'zongheke1', { definition: definition.key, data: { reason, days: 2 } });
    await call('POST', `/api/instances/${id}/withdraw`, 'zongheke1', { reason: '天数填错了' });

    await mountAs('zongheke1', `#/cases/${id}`, 'zh-CN');
    await settled(`请假：${reason}`, 'the withdrawn case');
    await page.getByRole('link', { name: '修改后重新提交' }).click();

    await expect.element(page.getByRole('heading', { name: `修改后重新提交：请假：${reason}` })).toBeVisible();
    await expect.element(page.getByText('原案件已撤回并保留原样；提交后将发起一件新案件，并与原案件关联。')).toBeVisible();
    const days = page.getByLabelText('天数');
    await expect.element(page.getByLabelText('事由')).toHaveValue(reason);
    await expect.element(days).toHaveValue(2);
    await userEvent.clear(days);
    await userEvent.type(days, '3');
    await page.getByRole('button', { name: '提交' }).click();

    // The app opens the new case, which says where it came from
    await expect.element(page.getByText(`已重新提交为新案件「请假：${reason}」。`)).toBeVisible();
    const mine = await call<{ links: Array<{ kind: string; instanceId: string }> }>('GET', `/api/instances/${id}`, 'zongheke1');
    const next = mine.links.find((l) => l.kind === 'resent')!.instanceId;
    expect(location.hash).toBe(`#/cases/${next}`);
    expect((await call<{ data: unknown; status: string }>('GET', `/api/instances/${next}`, 'zongheke1')).data).toEqual({ request: { reason, days: 3 } });
    const links = page.getByRole('region', { name: '关联案件' });
    await expect.element(links.getByText(/修改后重新提交（来自该案件）/)).toBeVisible();
    await expect.element(links.getByRole('link', { name: `请假：${reason}` })).toBeVisible();

    // In English the withdrawn case offers it by its English name
    await mountAs('zongheke1', `#/cases/${id}`, 'en');
    await settled(`请假：${reason}`, 'the withdrawn case in English');
    // resent already: not offered again
    expect(page.getByRole('link', { name: 'Edit and resend' }).elements()).toHaveLength(0);
  });
});
