/**
 * The supervision statistics over HTTP, on cases made here and counted by hand.
 *
 * Given (clock in UTC; Beijing is +8):
 * - F: started Tue 2026-02-24 by a secretariat clerk, still at `handle` (due Thu 02-26): overdue, outside the period;
 * - on Mon 2026-03-02: A (secretariat) handled and approved the same day; C (petition bureau) handled and rejected
 *   the same day; D (petition bureau) withdrawn; E (petition bureau) left at `handle` (due Wed 03-04);
 *   B (secretariat) started Monday, handled on Thu 03-05 — after its 2-working-day deadline — and approved.
 * Period March 2026, asked on Thu 03-05:
 * - opened 5 (A B C D E), closed 3 (A B C), withdrawn 1 (D), running 1 (E): 办结率 3 / (5 − 1) = 75%;
 * - on time 2 of the 4 due by now (3 closed, B late, and E open past its due date): 50%; overdue now 2 (E, and F
 *   from February); working days (0 + 3 + 0) / 3 = 1.
 * The measures are core/measures/figures.ts (docs/measures.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { complete, publishDefinition, startCase } from './helpers.js';

const def: WorkflowDefinition = {
  key: 'stats-check',
  title: { 'zh-CN': '统计核对件', en: 'Statistics check' },
  withdraw: { allowed: true },
  initial: 'handle',
  states: {
    handle: { title: { 'zh-CN': '乡镇办理', en: 'Township handles' }, task: { assign: { head: 'shilizhen' }, due: 'P2WD' }, on: { submit: 'review' } },
    review: {
      title: { 'zh-CN': '主任审核', en: 'Director reviews' },
      approval: { assign: { role: 'office-director', unit: 'office' }, mode: 'any' },
      on: { approve: 'done', reject: 'refused' },
    },
    done: { final: true },
    refused: { final: true, result: 'rejected' },
  },
};

const MARCH = '/api/stats?from=2026-03-01&to=2026-03-31';

describe('HTTP: supervision statistics', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ start: new Date('2026-02-24T01:00:00Z') });
    await publishDefinition(s, def);
    await startCase(s, 'zongheke1', 'stats-check'); // F
    s.clock.set(new Date('2026-03-02T01:00:00Z'));
    const a = await startCase(s, 'zongheke1', 'stats-check');
    const b = await startCase(s, 'zongheke1', 'stats-check');
    const c = await startCase(s, 'xinfang1', 'stats-check');
    const d = await startCase(s, 'xinfang1', 'stats-check');
    await startCase(s, 'xinfang1', 'stats-check'); // E
    await complete(s, 'shilizhen-head', a);
    await complete(s, 'zhuren', a, { outcome: 'approve' });
    await complete(s, 'shilizhen-head', c);
    await complete(s, 'zhuren', c, { outcome: 'reject', opinion: '退回不予办理' });
    expect((await s.call('POST', `/api/instances/${d}/withdraw`, { as: 'xinfang1', body: {} })).status).toBe(200);
    s.clock.set(new Date('2026-03-05T02:00:00Z'));
    await complete(s, 'shilizhen-head', b);
    await complete(s, 'zhuren', b, { outcome: 'approve' });
  });
  afterAll(() => s.close());

  it('counts opened, closed, 办结率, on-time rate, overdue now and working days for the period', async () => {
    const res = await s.call('GET', MARCH, { as: 'admin' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.period).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(res.body.totals).toEqual({
      opened: 5,
      closed: 3,
      withdrawn: 1,
      running: 1,
      onTime: 2,
      late: 1,
      overdueNow: 2,
      completionRate: 0.75,
      onTimeRate: 0.5,
      avgWorkingDays: 1,
      custom: {},
    });
  });

  it('ranks the receiving units by completion rate for the bulletin', async () => {
    const res = await s.call('GET', MARCH, { as: 'admin' });
    expect(res.body.units.map((u: { unit: { code: string }; rank: number }) => [u.rank, u.unit.code])).toEqual([
      [1, 'secretariat'],
      [2, 'petition-bureau'],
    ]);
    expect(res.body.units[0]).toMatchObject({ opened: 2, closed: 2, completionRate: 1, onTime: 1, onTimeRate: 0.5, overdueNow: 1, avgWorkingDays: 1.5 });
    expect(res.body.units[1]).toMatchObject({ opened: 3, closed: 1, withdrawn: 1, completionRate: 0.5, onTimeRate: 0.5, overdueNow: 1, avgWorkingDays: 0 });
  });

  it('ranks the handling units by on-time rate, counting their steps', async () => {
    const res = await s.call('GET', MARCH, { as: 'admin' });
    const rows = res.body.handlers.map((h: { unit: { code: string } }) => ({ ...h, unit: h.unit.code }));
    expect(rows).toEqual([
      {
        rank: 1,
        unit: 'office',
        opened: 3,
        closed: 3,
        withdrawn: 0,
        running: 0,
        onTime: 3,
        late: 0,
        overdueNow: 0,
        completionRate: 1,
        onTimeRate: 1,
        avgWorkingDays: 0,
        custom: {},
      },
      // D's task was cancelled by the withdrawal: counted as withdrawn, left out of the rate.
      {
        rank: 2,
        unit: 'shilizhen',
        opened: 5,
        closed: 3,
        withdrawn: 1,
        running: 1,
        onTime: 2,
        late: 1,
        overdueNow: 2,
        completionRate: 0.75,
        onTimeRate: 0.5,
        avgWorkingDays: 1,
        custom: {},
      },
    ]);
  });

  it('shows the funnel of each workflow: cases reaching each step and there now', async () => {
    const res = await s.call('GET', MARCH, { as: 'admin' });
    expect(res.body.workflows).toEqual([
      {
        key: 'stats-check',
        title: def.title,
        opened: 5,
        closed: 3,
        steps: [
          { state: 'handle', title: { 'zh-CN': '乡镇办理', en: 'Township handles' }, reached: 5, now: 1 },
          { state: 'review', title: { 'zh-CN': '主任审核', en: 'Director reviews' }, reached: 3, now: 0 },
        ],
      },
    ]);
  });

  it('filters by unit (with sub-units), by workflow and by period', async () => {
    const bureau = await s.call('GET', `${MARCH}&unit=petition-bureau`, { as: 'ducha1' });
    expect(bureau.body.totals).toMatchObject({ opened: 3, closed: 1, overdueNow: 1 });
    const county = await s.call('GET', `${MARCH}&unit=county`, { as: 'ducha1' });
    expect(county.body.totals.opened).toBe(5);
    const other = await s.call('GET', `${MARCH}&definition=no-such-flow`, { as: 'admin' });
    expect(other.body.totals).toMatchObject({ opened: 0, closed: 0, completionRate: null, onTimeRate: null, avgWorkingDays: null });
    const feb = await s.call('GET', '/api/stats?from=2026-02-01&to=2026-02-28', { as: 'admin' });
    expect(feb.body.totals).toMatchObject({ opened: 1, closed: 0, running: 1, completionRate: 0, overdueNow: 2 });
  });

  it('lets leaders see every unit, heads of unit only their own, and refuses other staff', async () => {
    expect((await s.call('GET', MARCH, { as: 'fuxianzhang1' })).status).toBe(200);
    const head = await s.call('GET', MARCH, { as: 'xinfang-head' });
    expect(head.status).toBe(200);
    expect(head.body.totals.opened).toBe(3);
    expect(head.body.units.map((u: { unit: { code: string } }) => u.unit.code)).toEqual(['petition-bureau']);
    const elsewhere = await s.call('GET', `${MARCH}&unit=secretariat`, { as: 'xinfang-head', headers: { 'accept-language': 'en' } });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error).toMatchObject({
      code: 'stats.unit_out_of_scope',
      pointer: '/unit',
      message: 'You may only see statistics of your own unit and its sub-units',
    });
    const clerk = await s.call('GET', MARCH, { as: 'zongheke1' });
    expect(clerk.status).toBe(403);
    expect(clerk.body.error).toMatchObject({ code: 'stats.forbidden', message: '仅管理员、县领导、督查人员和单位负责人可查看统计' });
    expect((await s.call('GET', MARCH)).status).toBe(401);
    expect((await s.call('GET', '/api/stats/export', { as: 'zongheke1' })).status).toBe(403);
  });

  it('refuses a period that ends before it starts, pointing at the field', async () => {
    const res = await s.call('GET', '/api/stats?from=2026-03-31&to=2026-03-01', { as: 'admin' });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'stats.invalid_period', pointer: '/to' });
    const bad = await s.call('GET', '/api/stats?from=2026-02-30', { as: 'admin' });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'stats.invalid_period', pointer: '/from' });
  });

  it('exports the ranking as CSV with a BOM, so Excel reads the Chinese unit names', async () => {
    const raw = await s.app.request(`/api/stats/export?from=2026-03-01&to=2026-03-31&table=units`, {
      headers: { authorization: `Bearer ${await s.token('ducha1')}` },
    });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(raw.headers.get('content-disposition')).toContain('chancery-stats-units-2026-03-01-2026-03-31.csv');
    const bytes = new Uint8Array(await raw.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split('\r\n');
    expect(lines).toEqual([
      '排名,受理单位,受理,办结,撤回,在办,办结率,按期办结,按期率,当前超期,平均办理工作日',
      '1,综合科,2,2,0,0,100.0%,1,50.0%,1,1.5',
      '2,县信访局,3,1,1,1,50.0%,1,50.0%,1,0',
      '合计,,5,3,1,1,75.0%,2,50.0%,2,1',
    ]);
    const en = await s.app.request(`/api/stats/export?from=2026-03-01&to=2026-03-31&table=handlers&lang=en`, {
      headers: { authorization: `Bearer ${await s.token('ducha1')}` },
    });
    const enLines = (await en.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(enLines[0]).toBe('Rank,Handling unit,Opened,Closed,Withdrawn,Running,Completion rate,Closed on time,On-time rate,Overdue now,Avg working days');
    expect(enLines[1]).toBe('1,County Government Office,3,3,0,0,100.0%,3,100.0%,0,0');
  });
});
