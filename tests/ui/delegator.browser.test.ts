/**
 * Someone out of office opens the app: the task their delegate holds for them is still in their
 * inbox, marked 已委托给 the delegate, and opens read only — no buttons, a note saying who has it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { call, taskOf } from './support.js';
import { mountAs, settled } from './scan.js';

const DAY = 86_400_000;
const definition = {
  key: 'away-room-ui',
  title: { 'zh-CN': '会议室申请（外出委托）', en: 'Meeting room request (away)' },
  initial: 'book',
  states: {
    book: { title: { 'zh-CN': '安排会议室', en: 'Book the room' }, task: { assign: { user: 'zongheke2' } }, on: { submit: 'done' } },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
};

let delegation = '';
afterEach(async () => {
  // The server is shared: Sun Li comes back for the tests after this one.
  if (delegation) await call('DELETE', `/api/me/delegations/${delegation}`, 'zongheke2').catch(() => undefined);
  delegation = '';
  document.body.replaceChildren();
  localStorage.removeItem('chancery.lang');
});

describe('the inbox of someone away', () => {
  it('lists the task the delegate holds, marked 已委托给, and opens it read only with who holds it', { timeout: 120_000 }, async () => {
    await call('POST', `/api/definitions/${definition.key}/publish`, 'admin', { definition });
    // Sun Li is away; Liu Yang stands in for her meeting-room requests
    const now = Date.now();
    delegation = (
      await call<{ id: string }>('POST', '/api/me/delegations', 'zongheke2', {
        to: 'zongheke1',
        definitionKey: definition.key,
        startsAt: new Date(now - DAY).toISOString(),
        endsAt: new Date(now + DAY).toISOString(),
      })
    ).id;
    const { id } = await call<{ id: string; title: string }>('POST', '/api/instances', 'xinxi1', { definition: definition.key });
    const kase = await call<{ title: string }>('GET', `/api/instances/${id}`, 'xinxi1');
    const task = await taskOf('zongheke1', id);

    await mountAs('zongheke2', '#/', 'zh-CN');
    await settled('已委托给 刘洋', 'the inbox');
    const row = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: kase.title }) })
      .filter({ hasText: '已委托给 刘洋' });
    await expect.element(row.first()).toBeVisible();

    await mountAs('zongheke2', `#/tasks/${task}`, 'zh-CN');
    await settled('您外出期间', 'the task');
    await expect.element(page.getByText('您外出期间，此事项已委托给 刘洋 办理。您可以查看，不能办理。')).toBeVisible();
    const actions = page.getByRole('complementary', { name: '操作' });
    expect(actions.getByRole('button').elements()).toHaveLength(0);

    await mountAs('zongheke2', `#/tasks/${task}`, 'en');
    await settled('While you are away', 'the task in English');
    await expect.element(page.getByText(/While you are away, Liu Yang \(secretariat\) handles this task for you/)).toBeVisible();
  });
});
