/**
 * The supervision dashboard against the real server: a head of unit sees only their unit, a
 * clerk is told why they see nothing, English works, and the CSV export downloads.
 */
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { call, mountApp, signInAs, signOut, taskOf } from './support.js';

const dashboardRoot = () => document.querySelector('chancery-app')!.shadowRoot!.querySelector('chancery-dashboard')!.shadowRoot!;

/** 办结率 and 按期率 of a unit as its row in the receiving-units table shows them. */
function tableRates(unit: string): string[] | null {
  const row = dashboardRoot().querySelector(`table[data-table="units"] tr[data-unit="${unit}"]`);
  return row ? [...row.querySelectorAll('td')].slice(4, 6).map((td) => td.textContent?.trim() ?? '') : null;
}

/**
 * The labels drawn beside the bars of the per-unit chart, by the unit whose band they sit in (the
 * unit's name on the category axis, the bars' labels level with it).
 */
function chartLabels(units: string[]): Record<string, string[]> {
  const texts = [...dashboardRoot().querySelectorAll('.chart')][0]?.querySelectorAll('svg text') ?? [];
  const drawn = [...texts].map((t) => {
    const r = t.getBoundingClientRect();
    return { text: t.textContent?.trim() ?? '', y: r.top + r.height / 2 };
  });
  const axis = units.map((u) => ({ u, y: drawn.find((t) => t.text === u)?.y ?? Number.NaN }));
  const half = axis.length > 1 ? Math.abs(axis[0]!.y - axis[1]!.y) / 2 : 100;
  const out: Record<string, string[]> = Object.fromEntries(units.map((u) => [u, []]));
  for (const t of drawn) {
    if (!/^(—|\d+(\.\d+)?%)$/.test(t.text)) continue;
    const band = axis.find((a) => Math.abs(a.y - t.y) < half);
    if (band) out[band.u]!.push(t.text);
  }
  return out;
}

describe('supervision dashboard', () => {
  it('shows a head of unit the figures of their own unit only', async () => {
    await mountApp('#/dashboard');
    await signInAs('xinfang-head');
    await expect.element(page.getByRole('heading', { name: '督查统计' })).toBeVisible();
    await expect.element(page.getByRole('region', { name: '总体情况' })).toBeVisible();
    await expect.element(page.getByRole('heading', { name: '受理单位排名' })).toBeVisible();
    const rows = [
      ...document
        .querySelector('chancery-app')!
        .shadowRoot!.querySelector('chancery-dashboard')!
        .shadowRoot!.querySelectorAll('table[data-table="units"] tbody tr[data-unit]'),
    ];
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
    const exported = new Promise<{ table: string; size: number }>((resolve) =>
      document.addEventListener('chancery-export', (e) => resolve((e as CustomEvent).detail), { once: true }),
    );
    await page.getByRole('button', { name: '导出 CSV' }).first().click();
    expect(await exported).toMatchObject({ table: 'units' });
    expect((await exported).size).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await expect.element(page.getByRole('heading', { name: 'Supervision dashboard' })).toBeVisible();
    await expect.element(page.getByRole('region', { name: 'Summary' }).getByText('Completion rate', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: '中文', exact: true }).click();
    await signOut();
  });

  it('draws "—" in the unit chart where the table shows "—", not a 0 bar', async () => {
    const key = `none-ui-${String(Date.now() % 1_000_000)}`;
    await call('POST', `/api/definitions/${key}/publish`, 'admin', {
      definition: {
        key,
        title: { 'zh-CN': '收文登记（看板）', en: 'Incoming mail (dashboard)' },
        initial: 'handle',
        states: { handle: { task: { assign: { users: ['ducha1'] } }, on: { submit: 'done' } }, done: { final: true } },
      },
    });
    // The secretariat's only case was withdrawn: nothing to rate. The petition bureau's closed on time.
    const withdrawn = await call<{ id: string }>('POST', '/api/instances', 'zongheke1', { definition: key });
    await call('POST', `/api/instances/${withdrawn.id}/withdraw`, 'zongheke1', { reason: '重复登记' });
    const closed = await call<{ id: string }>('POST', '/api/instances', 'xinfang1', { definition: key });
    await call('POST', `/api/tasks/${await taskOf('ducha1', closed.id)}/complete`, 'ducha1', { outcome: 'submit' });

    await mountApp('#/dashboard');
    await signInAs('ducha1');
    await page.getByLabelText('流程', { exact: true }).selectOptions(key);
    await expect.poll(() => tableRates('secretariat')).toEqual(['—', '—']);
    expect(tableRates('petition-bureau')).toEqual(['100.0%', '100.0%']);

    // The chart agrees: "—" beside the secretariat (no bar, no 0), 100% beside the petition bureau …
    await expect.poll(() => chartLabels(['综合科', '县信访局'])).toEqual({ 综合科: ['—', '—'], 县信访局: ['100%', '100%'] });
    // … and says so to a screen reader, as the table does
    const described = () => dashboardRoot().querySelector('.chart')?.getAttribute('aria-label') ?? '';
    await expect.poll(described).toMatch(/^各单位办结率与按期率。/);
    expect(described()).toContain('综合科：办结率 —，按期率 —');
    expect(described()).toContain('县信访局：办结率 100%，按期率 100%');
    await signOut();
  });

  it('shows a workflow’s custom measures as columns and ranks the units by one of them', async () => {
    const key = `info-ui-${String(Date.now() % 1_000_000)}`;
    await call('POST', `/api/definitions/${key}/publish`, 'admin', {
      definition: {
        key,
        title: { 'zh-CN': '信息报送（看板）', en: 'Information (dashboard)' },
        startForm: 'info',
        forms: { info: { schema: { type: 'object', required: ['words'], properties: { words: { type: 'integer' } } } } },
        outcomeTitles: { adopt: { 'zh-CN': '采用', en: 'Adopt' }, decline: { 'zh-CN': '不采用', en: 'Decline' } },
        initial: 'review',
        states: {
          review: { task: { assign: { users: ['ducha1'] }, outcomes: ['adopt', 'decline'] }, on: { adopt: 'done', decline: 'done' } },
          done: { final: true },
        },
        measures: {
          words: { title: { 'zh-CN': '字数', en: 'Words' }, sum: 'data.info.words' },
          adopted: { title: { 'zh-CN': '被采用', en: 'Adopted' }, count: 'cases', outcome: 'adopt' },
        },
      },
    });
    const mine = await call<{ id: string }>('POST', '/api/instances', 'zongheke1', { definition: key, data: { words: 100 } });
    await call<{ id: string }>('POST', '/api/instances', 'xinfang1', { definition: key, data: { words: 300 } });
    await call('POST', `/api/tasks/${await taskOf('ducha1', mine.id)}/complete`, 'ducha1', { outcome: 'adopt' });

    await mountApp('#/dashboard');
    await signInAs('ducha1');
    await page.getByLabelText('流程', { exact: true }).selectOptions(key);
    const dashboard = () => document.querySelector('chancery-app')!.shadowRoot!.querySelector('chancery-dashboard')!.shadowRoot!;
    await expect
      .poll(() => [...dashboard().querySelectorAll('table[data-table="units"] th[data-measure]')].map((th) => th.textContent?.trim()))
      .toEqual(['被采用', '字数']);
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
