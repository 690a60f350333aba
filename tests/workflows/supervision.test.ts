/**
 * 督查督办: the supervision office opens an item, decomposes it into one task per unit; each unit
 * reports every cycle (reminded before the cycle ends, marked overdue after it); the office
 * reviews each cycle and issues a bulletin; the lead unit reports completion with evidence and
 * the office closes (销号) the item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.js';
import { actionsQueued, bootOffice, caseOf, complete, dataOf, historyOf, inboxOf, passTimer, refused, startCase } from './support.js';

const item = (cycle: 'monthly' | 'quarterly') => ({
  source: 'county-key-project',
  title: '十里镇污水处理厂建设',
  target: '年底前建成日处理5000吨污水处理厂并投入运行',
  openedOn: '2026-03-02',
  deadline: '2026-12-31',
  leadUnit: 'shilizhen',
  coUnits: ['huanbaoju'],
  cycle,
});
const plan = {
  tasks: [
    { unit: 'shilizhen', task: '负责征地、建设和运行', lead: true },
    { unit: 'huanbaoju', task: '负责环评审批和排放监测' },
  ],
};
const progress = (completed = false) => ({ progress: '主体工程已完成，设备安装调试中', percent: completed ? 100 : 60, completed });
const evidence = { id: 'f1', name: '竣工验收报告.pdf', size: 1024, sha256: 'a'.repeat(64), mime: 'application/pdf' };

describe('督查督办 supervision', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await bootOffice();
  });
  afterAll(() => s.close());

  it('open → decompose → every unit reports each month → review and bulletin → the lead unit reports completion → 销号', async () => {
    const id = await startCase(s, 'ducha1', 'supervision', item('monthly'));
    expect((await caseOf(s, id)).title).toBe('督查：十里镇污水处理厂建设');
    await complete(s, 'ducha1', id, { data: plan });
    // One report task per responsible unit, due at the end of the month
    const [lead] = await inboxOf(s, 'shilizhen-liaison', id);
    const [co] = await inboxOf(s, 'huanbaoju-liaison', id);
    expect(lead!.state).toBe('reportMonthly');
    expect(co!.dueAt!.slice(0, 10)).toBe('2026-04-02');
    await complete(s, 'shilizhen-liaison', id, { data: progress() });
    expect((await caseOf(s, id)).state).toBe('reportMonthly');
    await complete(s, 'huanbaoju-liaison', id, { data: progress() });
    expect((await caseOf(s, id)).state).toBe('review');
    await complete(s, 'ducha2', id, { outcome: 'accept', data: { rating: 'normal' } });
    // The next cycle starts, and the cycle's bulletin is requested
    expect((await caseOf(s, id)).state).toBe('reportMonthly');
    expect((await actionsQueued(s, id)).map((a) => a.action)).toContain('bulletin.generate');
    expect((await actionsQueued(s, id)).find((a) => a.action === 'bulletin.generate')!.params).toMatchObject({
      from: '2026-03-02',
      to: '2026-12-31',
      definitions: ['supervision'],
    });
    await complete(s, 'huanbaoju-liaison', id, { data: progress() });
    await complete(s, 'shilizhen-liaison', id, { data: progress(true) });
    await complete(s, 'ducha1', id, { outcome: 'accept' });
    // The lead unit files its completion report; evidence is required
    expect((await caseOf(s, id)).state).toBe('completion');
    expect(await inboxOf(s, 'huanbaoju-liaison', id)).toHaveLength(0);
    const noEvidence = await refused(s, 'shilizhen-liaison', id, { data: { summary: '污水处理厂已建成并通过竣工验收，日处理能力5000吨', evidence: [] } });
    expect(noEvidence.pointer).toBe('/data/evidence');
    await complete(s, 'shilizhen-liaison', id, { data: { summary: '污水处理厂已建成并通过竣工验收，日处理能力5000吨', evidence: [evidence] } });
    await complete(s, 'ducha2', id, { outcome: 'approve', opinion: '经实地核查，同意销号' });
    const c = await caseOf(s, id);
    expect(c.status).toBe('completed');
    expect(c.state).toBe('closed');
  });

  it('the office turns down a completion claim and reporting goes on', async () => {
    const id = await startCase(s, 'ducha2', 'supervision', item('quarterly'));
    await complete(s, 'ducha2', id, { data: plan });
    const [t] = await inboxOf(s, 'shilizhen-liaison', id);
    expect(t!.state).toBe('reportQuarterly');
    await complete(s, 'shilizhen-liaison', id, { data: progress(true) });
    await complete(s, 'huanbaoju-liaison', id, { data: progress() });
    await complete(s, 'ducha1', id, { outcome: 'accept' });
    await complete(s, 'shilizhen-liaison', id, { data: { summary: '主体工程已经全部完工，设备调试完毕，待环保部门验收后投入运行使用', evidence: [evidence] } });
    await complete(s, 'ducha1', id, { outcome: 'reject', opinion: '尚未通过环保验收，不予销号' });
    expect((await caseOf(s, id)).state).toBe('reportQuarterly');
    expect((await dataOf(s, id)).closureRequested).toBe(false);
  });

  it("the office returns a cycle's reports for revision", async () => {
    const id = await startCase(s, 'ducha1', 'supervision', item('monthly'));
    await complete(s, 'ducha1', id, { data: plan });
    await complete(s, 'shilizhen-liaison', id, { data: progress() });
    await complete(s, 'huanbaoju-liaison', id, { data: progress() });
    const [r] = await inboxOf(s, 'ducha2', id);
    const res = await s.call('POST', `/api/tasks/${r!.id}/return`, {
      as: 'ducha2',
      body: { to: 'reportMonthly', opinion: '进展描述过于笼统，请补充具体数据' },
    });
    expect(res.status).toBe(200);
    expect(await inboxOf(s, 'shilizhen-liaison', id)).toHaveLength(1);
  });

  it('reminds units three working days before the cycle ends, and marks the cycle overdue for a unit that has not reported', async () => {
    s.clock.set(new Date('2026-06-01T01:00:00Z'));
    const id = await startCase(s, 'ducha1', 'supervision', item('monthly'));
    const entered = s.clock.now;
    await complete(s, 'ducha1', id, { data: plan });
    await complete(s, 'huanbaoju-liaison', id, { data: progress() });
    const reminder = await passTimer(s, id, 'reportMonthly', 'remind', entered);
    // 1 July is the end of the cycle; three working days before it: Friday 26 June (Dragon Boat holiday 19–21 June does not touch it)
    expect(reminder.at.toISOString().slice(0, 10)).toBe('2026-06-26');
    await passTimer(s, id, 'reportMonthly', 'escalate', entered);
    s.clock.advance(60_000);
    expect((await dataOf(s, id)).overdueCycles).toBe(1);
    const [late] = await inboxOf(s, 'shilizhen-liaison', id);
    expect(late!.overdue).toBe(true);
    expect((await actionsQueued(s, id)).map((a) => a.action)).toContain('notify.send');
    // The late report is taken; it shows as late (completed after its due date) in the task record
    await complete(s, 'shilizhen-liaison', id, { data: progress() });
    expect((await caseOf(s, id)).state).toBe('review');
    expect((await historyOf(s, id)).map((e) => e.type)).toEqual(expect.arrayContaining(['timer.remind', 'timer.escalate']));
  });
});
