/**
 * The supervision dashboard against the real server: a head of unit sees only their unit, a
 * clerk is told why they see nothing, English works, and the CSV export downloads.
 */
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { call, mountApp, signInAs, signOut, taskOf } from './support.js';

describe('supervision dashboard', () => {
  it('shows a head of unit the figures of their own unit only', async () => {
    await mountApp('#/dashboard');
    await signInAs('xinfang-head');
    await expect.element(page.getByRole('heading', { name: '督查统计' })).toBeVisible();
    await expect.element(page.getByRole('region', { name: '总体情况' })).toBeVisible();
    await expect.element(page.getByRole('heading', { name: '受理单位排名' })).toBeVisible();
    const rows = [...document.querySelector('chancery-app')!.shadowRoot!.querySelector('chancery-dashboard')!.shadowRoot!.querySelectorAll('table[data-table="units"] tbody tr[data-unit]')];
    expect(rows.every((r) => r.getAttribute('data-unit') === 'petition-bureau')).toBe(true);
    await signOut();
  });

  it('tells a clerk that statistics are for leaders', async () => {
    await mountApp('#/dashboard');
    await signInAs('zongheke1');
    await expect.element(page.getByRole('alert').filter({ hasText: '仅管理员、县领导、督查人员和单位负责人可查看统计' })).toBeVisible();
    // …and the navigation does not offer it to them.
    await expect.element(page.getByRole('link', { name: '督查统计' })).not.toBeInTheDocument();
    await signOut();
  });

  it('exports the ranking as CSV and reads in English', async () => {
    await mountApp('#/dashboard');
    await signInAs('ducha1');
    await expect.element(page.getByRole('region', { name: '总体情况' })).toBeVisible();
    const exported = new Promise<{ table: string; size: number }>((resolve) => document.addEventListener('chancery-export', (e) => resolve((e as CustomEvent).detail), { once: true }));
    await page.getByRole('button', { name: '导出 CSV' }).first().click();
    expect(await exported).toMatchObject({ table: 'units' });
    expect((await exported).size).toBeGreaterThan(20);
    await page.getByRole('button', { name: '切换语言' }).click();
    await expect.element(page.getByRole('heading', { name: 'Supervision dashboard' })).toBeVisible();
    await expect.element(page.getByRole('region', { name: 'Summary' }).getByText('Completion rate', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Switch language' }).click();
    await signOut();
  });

  it('shows a workflow’s custom measures as columns and ranks the units by one of them', async () => {
    const key = `info-ui-${String(Date.now() % 1_000_000)}`;
    await call('POST', `/api/definitions/${key}/publish`, 'admin', {
      definition: {
        key, title: { 'zh-CN': '信息报送（看板）', en: 'Information (dashboard)' }, startForm: 'info',
        forms: { info: { schema: { type: 'object', required: ['words'], properties: { words: { type: 'integer' } } } } },
        initial: 'review',
        states: { review: { task: { assign: { users: ['ducha1'] }, outcomes: ['adopt', 'decline'] }, on: { adopt: 'done', decline: 'done' } }, done: { final: true } },
        measures: { words: { title: { 'zh-CN': '字数', en: 'Words' }, sum: 'data.info.words' }, adopted: { title: { 'zh-CN': '被采用', en: 'Adopted' }, count: 'cases', outcome: 'adopt' } },
      },
    });
    const mine = await call<{ id: string }>('POST', '/api/instances', 'zongheke1', { definition: key, data: { words: 100 } });
    await call<{ id: string }>('POST', '/api/instances', 'xinfang1', { definition: key, data: { words: 300 } });
    await call('POST', `/api/tasks/${await taskOf('ducha1', mine.id)}/complete`, 'ducha1', { outcome: 'adopt' });

    await mountApp('#/dashboard');
    await signInAs('ducha1');
    await page.getByLabelText('流程', { exact: true }).selectOptions(key);
    const dashboard = () => document.querySelector('chancery-app')!.shadowRoot!.querySelector('chancery-dashboard')!.shadowRoot!;
    await expect.poll(() => [...dashboard().querySelectorAll('table[data-table="units"] th[data-measure]')].map((th) => th.textContent?.trim())).toEqual(['被采用', '字数']);
    // The first receiving unit: its code, then its last two cells (被采用 adopted, 字数 words: columns by measure name).
    const first = () => {
      const row = dashboard().querySelector('table[data-table="units"] tbody tr[data-unit]');
      return row ? [row.getAttribute('data-unit'), ...[...row.querySelectorAll('td')].slice(-2).map((td) => td.textContent?.trim())] : null;
    };
    await page.getByLabelText('排名依据').selectOptions('adopted');
    await expect.poll(first).toEqual(['secretariat', '1', '100']);
    await page.getByLabelText('排名依据').selectOptions('words');
    await expect.poll(first).toEqual(['petition-bureau', '0', '300']);
    await signOut();
  });
});
