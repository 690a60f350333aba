/**
 * The designer's "try time" panel against the real server: an admin runs a draft with a quarterly
 * schedule and a deadline with an escalation, sees when each timer fires, and jumps to them — the
 * next timer, then a chosen one — before anything is published.
 */
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { call, mountApp, signInAs, signOut } from './support.js';

describe('try time in the designer', () => {
  it('lists a draft’s upcoming timers and jumps to the quarter, then to the escalation', async () => {
    const key = `try-time-${String(Date.now() % 1_000_000)}`;
    await call('PUT', `/api/definitions/${key}/draft`, 'admin', {
      key,
      title: { 'zh-CN': '季度报表', en: 'Quarterly report' },
      initial: 'waiting',
      states: {
        waiting: { title: { 'zh-CN': '等待本季度' }, schedule: [{ cron: '0 9 1 1,4,7,10 *', event: 'quarter' }], on: { quarter: 'report', stop: 'done' } },
        report: {
          title: { 'zh-CN': '报送季度报表' },
          task: {
            assign: { role: 'secretariat-clerk', unit: 'secretariat' },
            due: 'P10WD',
            escalate: [{ after: 'P2WD', notify: { users: ['ducha1'] }, event: 'late' }],
          },
          on: { submit: 'waiting', late: { set: { 'data.late': true } } },
        },
        done: { final: true },
      },
    });
    await mountApp(`#/admin/workflows/${key}`);
    await signInAs('admin');
    await page.getByRole('tab', { name: '试运行（时间）' }).click();
    await page.getByLabelText('模拟开始时间').fill('2026-01-05T09:00');
    await page.getByRole('button', { name: '开始试运行' }).click();

    const timers = page.getByRole('table', { name: '即将触发的定时器' });
    await expect.element(timers.getByRole('row').filter({ hasText: '周期任务' })).toHaveTextContent(/2026-04-01 09:00.*等待本季度/);

    await page.getByRole('button', { name: '跳到下一个定时器' }).click();
    await expect.element(page.getByText('模拟时间：2026-04-01 09:00')).toBeVisible();
    await expect.element(timers.getByRole('row').filter({ hasText: '办理期限' })).toHaveTextContent(/2026-04-16 17:00.*报送季度报表/);
    await expect.element(timers.getByRole('row').filter({ hasText: '超期升级' })).toHaveTextContent(/2026-04-20 17:00/);

    await page.getByRole('button', { name: '跳到此时 2026-04-20 17:00' }).click();
    await expect.element(page.getByText('模拟时间：2026-04-20 17:00')).toBeVisible();
    await expect.element(page.getByText(/时限到达：report（escalate），通知/)).toBeVisible();
    await expect.element(page.getByText('没有待触发的定时器')).toBeVisible();
    await signOut();
  });
});
