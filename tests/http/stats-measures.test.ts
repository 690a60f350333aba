/**
 * Custom measures and rankings by any measure over HTTP, and the bulletin ranking units exactly as
 * the dashboard does (one statistics service, core/measures/).
 *
 * Given, in March 2026: 综合科 (secretariat, zongheke1) reports two items of information (1000 and
 * 500 words), 县信访局 (petition bureau, xinfang1) three (300, 200 and 100 words). The supervision
 * office (ducha1) adopts one of the secretariat's and two of the bureau's, and declines the others
 * (one per unit), a week later for the secretariat's: its handling of those was late.
 * So: adopted — bureau 2, secretariat 1; words — secretariat 1500, bureau 600; declined (tasks of
 * the supervision office) — 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { caseRow, waitFor } from '../plugins/support.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { complete, publishDefinition, startCase } from './helpers.js';

const info: WorkflowDefinition = {
  key: 'info-report',
  title: { 'zh-CN': '信息报送', en: 'Information report' },
  startForm: 'info',
  forms: { info: { schema: { type: 'object', required: ['title', 'words'], properties: { title: { type: 'string' }, words: { type: 'integer' } } } } },
  outcomeTitles: { adopt: { 'zh-CN': '采用', en: 'Adopt' }, decline: { 'zh-CN': '不采用', en: 'Decline' } },
  initial: 'review',
  states: {
    review: {
      title: { 'zh-CN': '督查室审核', en: 'Review' },
      task: { assign: { users: ['ducha1'] }, outcomes: ['adopt', 'decline'], due: 'P2WD' },
      on: { adopt: 'done', decline: 'done' },
    },
    done: { final: true },
  },
  measures: {
    adopted: { title: { 'zh-CN': '被采用', en: 'Adopted' }, count: 'cases', outcome: 'adopt' },
    declined: { title: { 'zh-CN': '未采用', en: 'Declined' }, count: 'tasks', outcome: 'decline', state: 'review' },
    words: { title: { 'zh-CN': '字数', en: 'Words' }, sum: 'data.info.words' },
  },
};

const bulletin = (rankBy: string, table: 'units' | 'handlers'): WorkflowDefinition => ({
  key: `info-bulletin-${table}`,
  title: { 'zh-CN': '信息通报', en: 'Information bulletin' },
  initial: 'draft',
  states: {
    draft: {
      entry: [
        {
          action: 'bulletin.generate',
          with: { from: '2026-03-01', to: '2026-03-31', definitions: ['info-report'], rankBy, table },
          result: { 'bulletin.file': '/file', 'bulletin.units': '/units' },
        },
      ],
      on: { 'action.done': 'issued' },
    },
    issued: { final: true },
  },
});

const MARCH = '/api/stats?from=2026-03-01&to=2026-03-31&definition=info-report';
type Row = { rank: number | null; unit: { code: string; name: string }; custom: Record<string, number> };
const ranks = (rows: Row[]) => rows.map((r) => [r.rank, r.unit.code]);

describe('HTTP: custom measures and rankings by any measure', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ start: new Date('2026-03-02T01:00:00Z') });
    await publishDefinition(s, info);
    const sec = [
      await startCase(s, 'zongheke1', 'info-report', { title: '春耕', words: 1000 }),
      await startCase(s, 'zongheke1', 'info-report', { title: '防汛', words: 500 }),
    ];
    const bur = [
      await startCase(s, 'xinfang1', 'info-report', { title: '接访', words: 300 }),
      await startCase(s, 'xinfang1', 'info-report', { title: '化解', words: 200 }),
      await startCase(s, 'xinfang1', 'info-report', { title: '回访', words: 100 }),
    ];
    await complete(s, 'ducha1', bur[0]!, { outcome: 'adopt' });
    await complete(s, 'ducha1', bur[1]!, { outcome: 'adopt' });
    await complete(s, 'ducha1', bur[2]!, { outcome: 'decline' });
    s.clock.set(new Date('2026-03-09T02:00:00Z'));
    await complete(s, 'ducha1', sec[0]!, { outcome: 'adopt' });
    await complete(s, 'ducha1', sec[1]!, { outcome: 'decline' });
  });
  afterAll(() => s.close());

  it('counts the workflow’s custom measures per unit for the period, with their titles', async () => {
    const res = await s.call('GET', MARCH, { as: 'ducha1' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.measures).toEqual([
      { key: 'adopted', title: { 'zh-CN': '被采用', en: 'Adopted' }, table: 'units' },
      { key: 'declined', title: { 'zh-CN': '未采用', en: 'Declined' }, table: 'handlers' },
      { key: 'words', title: { 'zh-CN': '字数', en: 'Words' }, table: 'units' },
    ]);
    const units = Object.fromEntries((res.body.units as Row[]).map((r) => [r.unit.code, r.custom]));
    expect(units).toEqual({ secretariat: { adopted: 1, words: 1500 }, 'petition-bureau': { adopted: 2, words: 600 } });
    expect((res.body.handlers as Row[]).map((r) => [r.unit.code, r.custom])).toEqual([['supervision', { declined: 2 }]]);
    expect(res.body.totals.custom).toEqual({ adopted: 3, declined: 2, words: 2100 });
    // Outside the period nothing was adopted.
    const april = await s.call('GET', '/api/stats?from=2026-04-01&to=2026-04-30&definition=info-report', { as: 'ducha1' });
    expect(april.body.totals.custom).toEqual({ adopted: 0, declined: 0, words: 0 });
  });

  it('ranks units by any measure: a custom one, a built-in one, and the usual order when not asked', async () => {
    const usual = await s.call('GET', MARCH, { as: 'admin' });
    expect(usual.body.rankBy).toBeNull();
    // Both closed everything (办结率 100%); the bureau's were decided on time, the secretariat's late.
    expect(ranks(usual.body.units)).toEqual([
      [1, 'petition-bureau'],
      [2, 'secretariat'],
    ]);
    const adopted = await s.call('GET', `${MARCH}&rankBy=adopted`, { as: 'admin' });
    expect(adopted.body.rankBy).toBe('adopted');
    expect(ranks(adopted.body.units)).toEqual([
      [1, 'petition-bureau'],
      [2, 'secretariat'],
    ]);
    const words = await s.call('GET', `${MARCH}&rankBy=words`, { as: 'admin' });
    expect(ranks(words.body.units)).toEqual([
      [1, 'secretariat'],
      [2, 'petition-bureau'],
    ]);
    // Lower is better for working days: the bureau's items were decided the day they came.
    const days = await s.call('GET', `${MARCH}&rankBy=avgWorkingDays`, { as: 'admin' });
    expect(ranks(days.body.units)).toEqual([
      [1, 'petition-bureau'],
      [2, 'secretariat'],
    ]);
    expect(days.body.units.map((u: { avgWorkingDays: number }) => u.avgWorkingDays)).toEqual([0, 5]);
    // More opened ranks higher: the bureau reported three.
    const opened = await s.call('GET', `${MARCH}&rankBy=opened`, { as: 'admin' });
    expect(ranks(opened.body.units)).toEqual([
      [1, 'petition-bureau'],
      [2, 'secretariat'],
    ]);
    const byWordsAsHead = await s.call('GET', `${MARCH}&rankBy=words`, { as: 'xinfang-head' });
    expect(ranks(byWordsAsHead.body.units)).toEqual([[1, 'petition-bureau']]);
    // Only what the head may see: the bureau's figures, not the supervision office's declines.
    expect(byWordsAsHead.body.totals.custom).toEqual({ adopted: 2, declined: 0, words: 600 });
  });

  it('refuses a ranking by a measure that does not exist, or a custom one without its workflow, pointing at rankBy', async () => {
    const typo = await s.call('GET', `${MARCH}&rankBy=adoptde`, { as: 'admin', headers: { 'accept-language': 'en' } });
    expect(typo.status).toBe(422);
    expect(typo.body.error).toMatchObject({ code: 'stats.unknown_measure', pointer: '/rankBy' });
    expect(typo.body.error.message).toContain('adopted');
    const alone = await s.call('GET', '/api/stats?from=2026-03-01&to=2026-03-31&rankBy=adopted', { as: 'admin' });
    expect(alone.status).toBe(422);
    expect(alone.body.error).toMatchObject({ code: 'stats.unknown_measure', pointer: '/rankBy' });
    const bad = await s.call('GET', `${MARCH}&rankBy=${encodeURIComponent('x;drop')}`, { as: 'admin' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.pointer).toBe('/rankBy');
  });

  it('exports the custom measures as columns of the CSV', async () => {
    const raw = await s.app.request(`/api/stats/export?from=2026-03-01&to=2026-03-31&definition=info-report&rankBy=adopted&table=units`, {
      headers: { authorization: `Bearer ${await s.token('ducha1')}` },
    });
    const lines = (await raw.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('排名,受理单位,受理,办结,撤回,在办,办结率,按期办结,按期率,当前超期,平均办理工作日,被采用,字数');
    expect(lines[1]).toMatch(/^1,县信访局,3,3,.*,2,600$/);
    expect(lines[3]).toMatch(/^合计,,5,5,.*,3,2100$/);
  });

  it('the bulletin ranks every unit exactly as the dashboard does, by the same measure', async () => {
    for (const [rankBy, table] of [
      ['adopted', 'units'],
      ['onTimeRate', 'handlers'],
      ['words', 'units'],
    ] as const) {
      const def = bulletin(rankBy, table);
      def.key = `info-bulletin-${table}-${rankBy.toLowerCase()}`;
      await publishDefinition(s, def);
      const id = await startCase(s, 'ducha1', def.key);
      const done = await waitFor(
        () => caseRow(s, id),
        (c) => c.status === 'completed',
        'the bulletin',
      );
      const inBulletin = (done.data as { bulletin: { units: Array<{ unit: string; rank: number | null; custom: Record<string, number> }> } }).bulletin.units;
      const dashboard = await s.call('GET', `${MARCH}&rankBy=${rankBy}`, { as: 'admin' });
      const onDashboard = (dashboard.body[table] as Row[]).map((r) => ({ unit: r.unit.name, rank: r.rank, custom: r.custom }));
      expect(inBulletin.map((u) => ({ unit: u.unit, rank: u.rank, custom: u.custom }))).toEqual(onDashboard);
      expect(onDashboard.length).toBeGreaterThan(0);
    }
  });
});
