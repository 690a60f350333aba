/**
 * Admin safety in the app, against the real server: the designer's level path report and schedule
 * preview, the migration pre-flight table, a case's pending timers, and the calendar screen's
 * offer to recompute the running deadlines a new holiday moves.
 */
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { call, mountApp, signInAs, signOut, taskOf } from './support.js';

/** The first element matching `selector`, searching through open shadow roots. */
function deep(selector: string, root: ParentNode = document): Element | null {
  const hit = root.querySelector(selector);
  if (hit) return hit;
  for (const el of root.querySelectorAll('*')) {
    const found = el.shadowRoot ? deep(selector, el.shadowRoot) : null;
    if (found) return found;
  }
  return null;
}

const suffix = () => String(Date.now() % 1_000_000);
const clerks = { role: 'secretariat-clerk', unit: 'secretariat' };
const draftData = {
  subject: '关于做好冬季防火工作的通知',
  docType: '县政办发',
  urgency: 'normal',
  secrecy: 'public',
  mainRecipients: '各乡镇人民政府',
  body: '为切实做好今冬防火工作，现就有关事项通知如下。',
};

describe('admin safety', () => {
  it("shows the path that skips a level, and when a step's schedule fires next", async () => {
    const key = `levels-ui-${suffix()}`;
    await call('PUT', `/api/definitions/${key}/draft`, 'admin', {
      key,
      title: { 'zh-CN': '越级检查', en: 'Level check' },
      levels: ['proofread', 'director', 'head'],
      initial: 'proofread',
      states: {
        proofread: { task: { assign: clerks }, schedule: [{ cron: '0 9 1 * *' }], on: { submit: 'head' } },
        director: { task: { assign: clerks }, on: { submit: 'head' } },
        head: { task: { assign: clerks }, on: { submit: 'done' } },
        done: { final: true },
      },
    });
    await mountApp(`#/admin/workflows/${key}`);
    await signInAs('admin');
    await expect.element(page.getByText(/跳过了层级「director」/).first()).toBeVisible();
    const path = page.getByRole('list', { name: '越级路径' });
    await expect.element(path).toBeVisible();
    expect(
      path
        .getByRole('listitem')
        .all()
        .map((li) => li.element().textContent?.replace('→', '').trim()),
    ).toEqual(['proofread', 'head']);
    const preview = page.getByText('周期任务：今天进入该环节后的触发时间');
    await expect.element(preview).toBeVisible();
    // Five occurrences, each on the 1st of a month (the server's answer, shown as dates).
    await expect.poll(() => deep('chancery-schedule-preview')?.shadowRoot?.querySelectorAll('time').length ?? 0).toBe(5);
    const times = [...deep('chancery-schedule-preview')!.shadowRoot!.querySelectorAll('time')].map((t) => new Date(t.dateTime));
    expect(times.every((t) => t.getUTCDate() === 1 && t.getUTCHours() === 1)).toBe(true);
    await signOut();
  });

  it('shows the migration pre-flight table: every case with its problems, and the unmapped steps', async () => {
    const key = `migrate-ui-${suffix()}`;
    const v1 = {
      key,
      title: { 'zh-CN': '迁移预检' },
      initial: 'check',
      states: { check: { task: { assign: clerks }, on: { submit: 'done' } }, done: { final: true } },
    };
    await call('POST', `/api/definitions/${key}/publish`, 'admin', { definition: v1 });
    await call('POST', '/api/instances', 'zongheke1', { definition: key, data: {} });
    await call('POST', `/api/definitions/${key}/publish`, 'admin', {
      definition: { ...v1, initial: 'review', states: { review: v1.states.check, done: v1.states.done } },
    });
    await mountApp(`#/admin/workflows/${key}`);
    await signInAs('admin');
    await page.getByRole('tab', { name: '迁移在办案件' }).click();
    await page.getByRole('button', { name: '试运行' }).click();
    await expect.element(page.getByText('未映射的环节：check')).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: '第 1 版的环节「check」未映射到第 2 版' });
    await expect.element(row).toBeVisible();
    await expect.element(row.getByRole('cell', { name: '—', exact: true })).toBeVisible();
    await expect.element(page.getByRole('button', { name: '执行迁移' })).toBeDisabled();
    await signOut();
  });

  it("lists a case's pending deadline and reminder on the case view", async () => {
    const started = await call<{ id: string }>('POST', '/api/instances', 'xinxi1', { definition: 'document-signoff', data: draftData });
    await mountApp(`#/cases/${started.id}`);
    await signInAs('xinxi1');
    const timers = page.getByRole('region', { name: '待触发的期限与提醒' });
    await expect.element(timers).toBeVisible();
    await expect.element(timers.getByText('办理期限')).toBeVisible();
    await expect.element(timers.getByText('到期提醒')).toBeVisible();
    await signOut();
  });

  it('says how many running deadlines a new holiday moves, and recomputes them on request', async () => {
    await call('POST', '/api/instances', 'xinxi1', { definition: 'document-signoff', data: draftData });
    // The next weekday in Beijing (the calendar's zone; after 16:00 UTC it is already tomorrow there):
    // a running proofreading deadline (two working days) counts it.
    const day = new Date(Date.now() + 8 * 3600_000);
    do day.setUTCDate(day.getUTCDate() + 1);
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6);
    const date = day.toISOString().slice(0, 10);
    await mountApp('#/admin/calendar');
    await signInAs('admin');
    await page.getByLabelText('年份').fill(date.slice(0, 4));
    await page.getByLabelText('日期').fill(date);
    await page.getByLabelText('类型').selectOptions('holiday');
    await page.getByLabelText('名称', { exact: true }).fill('临时放假');
    await page.getByRole('button', { name: '设置' }).click();
    await expect.element(page.getByText(/此更改会变动 \d+ 件在办案件的 \d+ 个期限或提醒/)).toBeVisible();
    await page.getByRole('button', { name: '重算这些期限' }).click();
    await expect.element(page.getByText(/已重算 \d+ 件案件的 \d+ 个期限或提醒/)).toBeVisible();
    const after = await call<{ timers: number }>('GET', '/api/calendar/cn/affected', 'admin');
    expect(after.timers).toBe(0);
    await call('DELETE', `/api/calendar/cn/days/${date}`, 'admin');
    await call('POST', '/api/calendar/cn/recompute', 'admin', {});
    await signOut();
  });
  it('lets a second administrator approve a move past a level on the migrate screen, and not the one who asked', async () => {
    const key = `skip-ui-${suffix()}`;
    const v1 = {
      key,
      title: { 'zh-CN': '越级审批' },
      levels: { order: ['draft', 'check', 'sign'], adminSkip: 'with-approval' },
      initial: 'draft',
      states: {
        draft: { task: { assign: clerks }, on: { submit: 'check' } },
        check: { task: { assign: clerks }, on: { submit: 'sign' } },
        sign: { task: { assign: clerks }, on: { submit: 'done' } },
        done: { final: true },
      },
    };
    await call('POST', `/api/definitions/${key}/publish`, 'admin', { definition: v1 });
    const { id } = await call<{ id: string }>('POST', '/api/instances', 'zongheke1', { definition: key, data: {} });
    await call('POST', `/api/tasks/${await taskOf('zongheke1', id)}/complete`, 'zongheke1', {});
    await call('POST', `/api/definitions/${key}/publish`, 'admin', {
      definition: { ...v1, states: { ...v1.states, sign: { ...v1.states.sign, task: { assign: clerks, due: 'P5WD' } } } },
    });
    const asked = await call<{ pendingMove: { id: string } }>('POST', `/api/definitions/${key}/migrate`, 'admin', {
      from: 1,
      to: 2,
      mapping: { check: 'sign' },
      dryRun: false,
      reason: '防汛紧急，直接签发',
    });
    expect(asked.pendingMove.id).toBeTruthy();
    const second = `jiandu${suffix()}`;
    await call('POST', '/api/directory/users', 'admin', { username: second, displayName: '第二管理员', password: 'demo-pass-2026', isAdmin: true });

    await mountApp(`#/admin/workflows/${key}`);
    await signInAs('admin');
    await page.getByRole('tab', { name: '迁移在办案件' }).click();
    const moves = page.getByRole('region', { name: '待另一位管理员批准的越级移动' });
    await expect.element(moves.getByText('防汛紧急，直接签发')).toBeVisible();
    await expect.element(moves.getByText('check')).toBeVisible();
    await moves.getByRole('button', { name: '批准' }).click();
    await expect.element(moves.getByText('越级移动必须由另一位管理员批准，申请人不能自己批准')).toBeVisible();
    await signOut();

    await mountApp(`#/admin/workflows/${key}`);
    await signInAs(second);
    await page.getByRole('tab', { name: '迁移在办案件' }).click();
    await page.getByRole('region', { name: '待另一位管理员批准的越级移动' }).getByRole('button', { name: '批准' }).click();
    await expect.element(page.getByText('已批准并执行')).toBeVisible();
    const moved = await call<{ state: string }>('GET', `/api/instances/${id}`, 'admin');
    expect(moved.state).toBe('sign');
    await signOut();
  });

  it('lists the deadlines about to fire across cases for the supervision office, by period and kind', async () => {
    const started = await call<{ id: string }>('POST', '/api/instances', 'xinxi1', { definition: 'document-signoff', data: draftData });
    await mountApp('#/dashboard');
    await signInAs('ducha1');
    await page.getByRole('link', { name: '即将到期' }).click();
    await expect.element(page.getByRole('heading', { name: '即将到期' })).toBeVisible();
    await expect.poll(() => deep(`a[href="#/cases/${started.id}"]`)).toBeTruthy();
    const kinds = () => [...(deep('table[data-upcoming]')?.querySelectorAll('tr[data-kind]') ?? [])].map((r) => r.getAttribute('data-kind'));
    expect(kinds()).toContain('due');
    await page.getByLabelText('类型').selectOptions('remind');
    await expect.poll(() => kinds().length > 0 && kinds().every((k) => k === 'remind')).toBe(true);
    await page.getByRole('button', { name: '下周' }).click();
    await expect.element(page.getByLabelText('起始日期')).toBeVisible();
    await signOut();
  });
});
