/**
 * 会议申请: a unit applies; the office approves, rejects (不该开的会不开) or merges it into another
 * pending request; large meetings need a leader; preparation runs in parallel; notice; minutes,
 * whose follow-up actions are each opened as a supervision item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.js';
import { bootOffice, caseOf, complete, dataOf, inboxOf, startCase } from './support.js';

const request = (topic: string, scale: number) => ({
  topic, necessity: '部署春季农业生产和防汛准备工作，需各乡镇当面汇报', participants: '各乡镇分管负责人、县直相关部门负责人', scale, date: '2026-03-20', venue: '县政府三楼会议室', budget: 2000,
});

describe('会议申请 meeting-request', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await bootOffice();
  });
  afterAll(() => s.close());

  it('approve → leader (over 50 people) → venue and materials in parallel → notice → held → minutes → each action opened as a supervision item', async () => {
    const id = await startCase(s, 'xumuju-liaison', 'meeting-request', request('全县畜牧业发展推进会', 80));
    await complete(s, 'zongheke1', id, { outcome: 'approve', opinion: '同意召开' });
    expect((await caseOf(s, id)).state).toBe('leader');
    await complete(s, 'fuxianzhang2', id, { outcome: 'approve', opinion: '同意' });
    const c = await caseOf(s, id);
    expect(c.tasks.filter((t) => t.status === 'open').map((t) => t.state).sort()).toEqual(['prepare.materials.write', 'prepare.venue.book']);
    await complete(s, 'zongheke2', id, {});
    expect((await caseOf(s, id)).state).not.toBe('notice');
    await complete(s, 'xumuju-liaison', id, { data: request('全县畜牧业发展推进会', 80) });
    expect((await caseOf(s, id)).state).toBe('notice');
    await complete(s, 'zongheke1', id, { data: { text: '定于3月20日上午9时召开全县畜牧业发展推进会，请准时参加。', time: '2026-03-20T01:00:00Z' } });
    await complete(s, 'xumuju-liaison', id, { outcome: 'held' });
    await complete(s, 'xumuju-liaison', id, {
      data: { summary: '会议听取了各乡镇畜牧业发展情况汇报，研究部署了下一步工作。', actions: [{ action: '建设标准化养殖小区', unit: 'shilizhen', deadline: '2026-09-30' }, { action: '开展畜禽粪污专项整治', unit: 'huanbaoju', deadline: '2026-06-30' }] },
    });
    // The supervision office gets one task per follow-up action, and opens a supervision case for each
    expect((await caseOf(s, id)).state).toBe('followUp');
    expect(await inboxOf(s, 'ducha1', id)).toHaveLength(2);
    for (let i = 0; i < 2; i++) {
      const sup = await startCase(s, 'ducha1', 'supervision', { source: 'key-task', title: `推进会议定事项${i + 1}`, target: '按会议纪要要求按期完成议定事项', openedOn: '2026-03-21', deadline: '2026-09-30', leadUnit: 'shilizhen', cycle: 'monthly' });
      await complete(s, 'ducha1', id, { data: { supervisionCase: sup } });
    }
    expect((await caseOf(s, id)).status).toBe('completed');
  });

  it('a small meeting skips the leader; a meeting that should not be held is rejected', async () => {
    const small = await startCase(s, 'kejiju-liaison', 'meeting-request', request('科技特派员座谈会', 20));
    await complete(s, 'zongheke1', small, { outcome: 'approve', opinion: '同意' });
    expect((await caseOf(s, small)).state).toMatch(/^prepare\./);
    const no = await startCase(s, 'kejiju-liaison', 'meeting-request', request('年终总结表彰大会筹备会', 30));
    await complete(s, 'zongheke1', no, { outcome: 'reject', opinion: '可与全县总结大会合并，不再单独召开' });
    expect((await caseOf(s, no)).status).toBe('rejected');
  });

  it('merges a request into another pending one: the merged request ends linked to it, the other continues and records the link', async () => {
    const main = await startCase(s, 'huanbaoju-liaison', 'meeting-request', request('全县环境整治推进会', 40));
    const other = await startCase(s, 'xumuju-liaison', 'meeting-request', request('畜禽养殖污染治理会', 30));
    // Merging without naming the other request leaves it in review, with a fresh task
    await complete(s, 'zongheke1', other, { outcome: 'merge', opinion: '合并召开' });
    expect((await caseOf(s, other)).state).toBe('review');
    await complete(s, 'zongheke1', other, { outcome: 'merge', opinion: '与环境整治推进会合并召开', data: { mergeInto: main } });
    const merged = await caseOf(s, other);
    expect(merged.status).toBe('cancelled');
    expect(merged.state).toBe('merged');
    expect((await dataOf(s, other)).link).toEqual({ mergedInto: main });
    // The continuing request learns of the merge (an event an integration or a case action sends)
    const res = await s.call('POST', `/api/instances/${main}/events`, { as: 'admin', body: { type: 'meeting.merged', data: { link: { from: other } } } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await dataOf(s, main)).mergedFrom).toEqual([other]);
    await complete(s, 'zongheke2', main, { outcome: 'approve', opinion: '同意' });
    expect((await caseOf(s, main)).state).toMatch(/^prepare\./);
  });
});
