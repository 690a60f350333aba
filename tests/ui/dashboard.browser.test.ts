/**
 * The supervision dashboard against the real server: a head of unit sees only their unit, a
 * clerk is told why they see nothing, English works, and the CSV export downloads.
 */
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { mountApp, signInAs, signOut } from './support.js';

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
    await expect.element(page.getByText('Completion rate', { exact: true }).first()).toBeVisible();
    await page.getByRole('button', { name: 'Switch language' }).click();
    await signOut();
  });
});
