/**
 * Staff screens that keep up and tell the truth, in the real app against the real server: a task
 * assigned to someone appears in their open inbox without a reload; a half-filled start form is
 * found on the server from another browser; the case page offers only what the server allows, a
 * throttled urge says when it is possible again; 已办 and 抄送我 list what they say.
 */
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { call, mountApp, signInAs, signOut, taskOf } from './support.js';

const N = Date.now() % 100000;
const flow = (key: string, user: string, title: string) => ({
  key,
  title: { 'zh-CN': title, en: 'Car request' },
  startForm: 'apply',
  forms: { apply: { schema: { type: 'object', properties: { reason: { type: 'string', title: '用车事由' }, place: { type: 'string', title: '目的地' } } } } },
  initial: 'handle',
  states: {
    handle: { title: { 'zh-CN': '审核', en: 'Check' }, task: { assign: { users: [user] } }, on: { submit: 'done' } },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
});

function row(text: string) {
  return page.getByRole('listitem').filter({ hasText: text });
}

describe('staff screens that keep up', () => {
  it('shows a task assigned to me in my open inbox without a reload', { timeout: 180_000 }, async () => {
    const key = `live-car-${N}`;
    await call('POST', `/api/definitions/${key}/publish`, 'admin', { definition: flow(key, 'zongheke2', '实时用车') });
    await mountApp();
    await signInAs('zongheke2');
    await expect.element(page.getByRole('heading', { name: '待办事项' })).toBeVisible();
    const { id } = await call<{ id: string }>('POST', '/api/instances', 'xinxi1', { definition: key, data: { reason: `下乡${N}` } });
    const kase = await call<{ title: string }>('GET', `/api/instances/${id}`, 'xinxi1');
    // The inbox polls only every 30 s: within the 10 s this waits, only the live stream brings it.
    await expect.element(row(kase.title).first()).toBeVisible();
    await signOut();
  });

  it('finds a half-filled start form on the server from another browser, never claiming to be offline', { timeout: 180_000 }, async () => {
    const key = `draft-car-${N}`;
    await call('POST', `/api/definitions/${key}/publish`, 'admin', { definition: flow(key, 'zhuren', '草稿用车') });
    await mountApp(`#/start/${key}`);
    const saved = new Promise<{ notice: string }>((resolve) =>
      document.addEventListener('chancery-draft-saved', (e) => resolve((e as CustomEvent).detail), { once: true }),
    );
    await signInAs('zongheke2');
    await page.getByLabelText('用车事由').fill('到青山镇检查防汛');
    expect((await saved).notice).toBe('saved');
    await expect.element(page.getByText('草稿已保存')).toBeVisible();
    expect(page.getByText(/离线/).elements()).toHaveLength(0);

    // Another browser: nothing in this one's IndexedDB
    await new Promise<void>((resolve) => {
      const q = indexedDB.deleteDatabase('chancery-drafts');
      q.onsuccess = q.onerror = q.onblocked = () => resolve();
    });
    await mountApp(`#/start/${key}`);
    await signInAs('zongheke2');
    await expect.element(page.getByLabelText('用车事由')).toHaveValue('到青山镇检查防汛');
    await expect.element(page.getByText('已恢复您上次保存的草稿。')).toBeVisible();
    await signOut();
  });

  it('offers on the case page only what the server allows, and says when a second urge is possible', { timeout: 180_000 }, async () => {
    const key = `urge-car-${N}`;
    const base = flow(key, 'zhuren', '催办用车');
    const twoSteps = {
      ...base,
      starters: [{ role: 'secretariat-clerk', unit: 'secretariat' }],
      withdraw: { from: ['handle'] },
      states: {
        ...base.states,
        handle: { ...base.states.handle, on: { submit: 'review' } },
        review: { title: { 'zh-CN': '复核', en: 'Review' }, task: { assign: { users: ['zhuren'] } }, on: { submit: 'done' } },
      },
    };
    await call('POST', `/api/definitions/${key}/publish`, 'admin', { definition: twoSteps });
    const { id } = await call<{ id: string }>('POST', '/api/instances', 'zongheke2', { definition: key, data: { reason: '催办测试' } });

    // Someone who may not start it does not find it in the start list
    await mountApp('#/start');
    await signInAs('xinxi1');
    await expect.element(page.getByRole('heading', { name: '选择要发起的流程' })).toBeVisible();
    await expect.element(page.getByRole('listitem').getByRole('button').first()).toBeVisible();
    expect(page.getByRole('button', { name: /催办用车/ }).elements()).toHaveLength(0);
    await signOut();

    await signInAs('zongheke2');
    location.hash = `#/cases/${id}`;
    await expect.element(page.getByRole('button', { name: '撤回' })).toBeVisible();
    await page.getByRole('button', { name: '催办' }).click();
    await expect.element(page.getByText('已催办。')).toBeVisible();
    // Throttled now: no button to press again, but when it will be possible
    await expect.element(page.getByText(/后可再次催办/)).toBeVisible();
    expect(page.getByRole('button', { name: '催办' }).elements()).toHaveLength(0);

    // Once the director has acted, the open page follows and withdraw is no longer offered (only the first step allows it)
    await call('POST', `/api/tasks/${await taskOf('zhuren', id)}/complete`, 'zhuren', { outcome: 'submit' });
    window.dispatchEvent(new CustomEvent('chancery-live'));
    await expect.poll(() => page.getByRole('button', { name: '撤回' }).elements().length).toBe(0);
    await signOut();
  });

  it('lists 已办 in the inbox and 抄送我 among my cases', { timeout: 180_000 }, async () => {
    const key = `lists-car-${N}`;
    await call('POST', `/api/definitions/${key}/publish`, 'admin', { definition: flow(key, 'ducha1', '已办用车') });
    const done = await call<{ id: string }>('POST', '/api/instances', 'xinxi1', { definition: key, data: { reason: '已办' } });
    await call('POST', `/api/tasks/${await taskOf('ducha1', done.id)}/complete`, 'ducha1', { outcome: 'submit' });
    const cc = await call<{ id: string }>('POST', '/api/instances', 'xinxi1', { definition: key, data: { reason: '抄送' } });
    await call('POST', `/api/instances/${cc.id}/cc`, 'xinxi1', { users: ['ducha1'] });
    const [doneTitle, ccTitle] = await Promise.all(
      [done.id, cc.id].map(async (i) => (await call<{ title: string }>('GET', `/api/instances/${i}`, 'admin')).title),
    );

    await mountApp('#/?scope=delegated');
    await signInAs('ducha1');
    await expect.element(page.getByRole('heading', { name: '待办事项' })).toBeVisible();
    expect(page.getByRole('alert').elements()).toHaveLength(0);
    await page.getByRole('button', { name: '已办' }).click();
    await expect.element(row(doneTitle!).first()).toBeVisible();
    location.hash = '#/cases';
    await page.getByRole('button', { name: '抄送我的' }).click();
    await expect.element(page.getByRole('link', { name: new RegExp(ccTitle!) }).first()).toBeVisible();
    await signOut();
  });
});
