/** 人大建议、政协提案办理: register → lead and co-units → co-units advise, the lead replies → its head signs → the deputy's satisfaction → closed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.js';
import { bootOffice, caseOf, complete, dataOf, inboxOf, passTimer, startCase } from './support.js';

const proposal = {
  kind: 'npc',
  number: '12',
  title: '关于加快农村公路提档升级的建议',
  proposer: '张代表',
  content: '我县部分农村公路路面狭窄、破损严重，建议加大投入，加快提档升级，方便群众出行。',
};
const reply = { reply: '您提出的建议已列入我县2026年农村公路建设计划，将分两年实施，现将有关情况答复如下。', category: 'B' };

describe('人大建议、政协提案办理 proposal-handling', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await bootOffice();
  });
  afterAll(() => s.close());

  it('register → assign → co-units advise → the lead unit replies → its head signs → satisfied → closed', async () => {
    const id = await startCase(s, 'mubiao1', 'proposal-handling', proposal);
    expect((await caseOf(s, id)).title).toBe('人大建议 第12号：关于加快农村公路提档升级的建议');
    await complete(s, 'mubiao1', id, { data: { leadUnit: 'fagaiwei', coUnits: ['gongxinju', 'zhaihezhen'] } });
    await complete(s, 'gongxinju-liaison', id, { data: { opinion: '建议结合产业园区道路统筹安排建设资金' } });
    expect((await caseOf(s, id)).state).toBe('coHandle');
    await complete(s, 'zhaihezhen-head', id, { data: { opinion: '寨河镇有12公里农村公路亟需改造' } });
    // Each co-unit's opinion is kept by its place in the list (collect), not overwritten by the next.
    expect((await dataOf(s, id)).coOpinions).toEqual({
      0: { opinion: '建议结合产业园区道路统筹安排建设资金' },
      1: { opinion: '寨河镇有12公里农村公路亟需改造' },
    });
    const [t] = await inboxOf(s, 'fagaiwei-liaison', id);
    expect(t!.state).toBe('reply');
    const before = s.clock.now;
    s.clock.advance(3 * 86_400_000);
    await complete(s, 'fagaiwei-liaison', id, { data: reply });
    s.clock.set(before); // the later cases start on the same day as before
    expect((await dataOf(s, id)).replyDays).toBe(3);
    await complete(s, 'fagaiwei-head', id, { outcome: 'approve', opinion: '同意答复' });
    await complete(s, 'mubiao1', id, { data: { satisfaction: 'satisfied' } });
    expect((await caseOf(s, id)).status).toBe('completed');
  });

  it('without co-units the lead unit replies at once; an unsatisfied deputy gets it handled once more', async () => {
    const id = await startCase(s, 'zongheke1', 'proposal-handling', { ...proposal, kind: 'cppcc', number: '3' });
    await complete(s, 'mubiao1', id, { data: { leadUnit: 'jiaotiju' } });
    expect((await caseOf(s, id)).state).toBe('reply');
    await complete(s, 'jiaotiju-liaison', id, { data: reply });
    await complete(s, 'jiaotiju-head', id, { outcome: 'approve', opinion: '同意' });
    await complete(s, 'mubiao1', id, { data: { satisfaction: 'unsatisfied', comment: '答复过于原则' } });
    expect((await caseOf(s, id)).state).toBe('reply');
    await complete(s, 'jiaotiju-liaison', id, { data: reply });
    await complete(s, 'jiaotiju-head', id, { outcome: 'approve', opinion: '同意' });
    await complete(s, 'mubiao1', id, { data: { satisfaction: 'unsatisfied' } });
    expect((await caseOf(s, id)).status).toBe('completed');
  });

  it('refuses a lead unit also listed as a co-unit, pointing at the co-units; each co-unit has its own deadline and its own title', async () => {
    const id = await startCase(s, 'mubiao1', 'proposal-handling', { ...proposal, number: '21' });
    const task = (await inboxOf(s, 'mubiao1', id))[0]!.id;
    const res = await s.call('POST', `/api/tasks/${task}/complete`, {
      as: 'mubiao1',
      body: { data: { leadUnit: 'fagaiwei', coUnits: ['fagaiwei', 'gongxinju'] } },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'instance.refused', pointer: '/data/coUnits' });
    await complete(s, 'mubiao1', id, { data: { leadUnit: 'fagaiwei', coUnits: ['gongxinju', 'zhaihezhen'] } });
    const [mine] = await inboxOf(s, 'gongxinju-liaison', id);
    expect(mine!.title).toBe('协办意见：gongxinju');
    const timers = (await s.call('GET', `/api/instances/${id}/timers`, { as: 'admin' })).body.items as Array<{ kind: string; key: string }>;
    // One deadline, two reminders and one escalation per co-unit.
    expect(timers.filter((t) => t.kind === 'due')).toHaveLength(2);
    expect(timers.filter((t) => t.kind === 'remind')).toHaveLength(4);
    expect(timers.filter((t) => t.kind === 'escalate')).toHaveLength(2);
  });

  it('a reply not given within three months is marked overdue against the lead unit', async () => {
    const id = await startCase(s, 'mubiao1', 'proposal-handling', proposal);
    await complete(s, 'mubiao1', id, { data: { leadUnit: 'kejiju' } });
    const entered = s.clock.now;
    const [t] = await inboxOf(s, 'kejiju-liaison', id);
    expect(t!.dueAt!.slice(0, 10)).toBe('2026-06-02');
    await passTimer(s, id, 'reply', 'remind', entered);
    await passTimer(s, id, 'reply', 'escalate', entered);
    expect((await dataOf(s, id)).overdue).toBe(true);
  });
});
