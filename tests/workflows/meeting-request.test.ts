/**
 * 会议申请: a unit applies; the office approves, rejects (不该开的会不开) or merges it into another
 * pending request; large meetings need a leader; preparation runs in parallel; notice; minutes,
 * whose follow-up actions are each opened as a supervision item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.js';
import { bootOffice, caseOf, complete, dataOf, inboxOf, startCase } from './support.js';

const request = (topic: string, scale: number) => ({
  topic,
  necessity: '部署春季农业生产和防汛准备工作，需各乡镇当面汇报',
  participants: '各乡镇分管负责人、县直相关部门负责人',
  scale,
  date: '2026-03-20',
  venue: '县政府三楼会议室',
  budget: 2000,
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
    expect(
      c.tasks
        .filter((t) => t.status === 'open')
        .map((t) => t.state)
        .sort(),
    ).toEqual(['prepare.materials.write', 'prepare.venue.book']);
    await complete(s, 'zongheke2', id, {});
    expect((await caseOf(s, id)).state).not.toBe('notice');
    await complete(s, 'xumuju-liaison', id, { data: request('全县畜牧业发展推进会', 80) });
    expect((await caseOf(s, id)).state).toBe('notice');
    await complete(s, 'zongheke1', id, { data: { text: '定于3月20日上午9时召开全县畜牧业发展推进会，请准时参加。', time: '2026-03-20T01:00:00Z' } });
    await complete(s, 'xumuju-liaison', id, { outcome: 'held' });
    await complete(s, 'xumuju-liaison', id, {
      data: {
        summary: '会议听取了各乡镇畜牧业发展情况汇报，研究部署了下一步工作。',
        actions: [
          { action: '建设标准化养殖小区', unit: 'shilizhen', deadline: '2026-09-30' },
          { action: '开展畜禽粪污专项整治', unit: 'huanbaoju', deadline: '2026-06-30' },
        ],
      },
    });
    // Each follow-up action is opened as a supervision item (case.start), started by the supervision
    // office, linked to the meeting both ways; the meeting is done.
    const meeting = (await s.call('GET', `/api/instances/${id}`, { as: 'xumuju-liaison' })).body;
    expect(meeting.status).toBe('completed');
    const items = meeting.links as Array<{ kind: string; direction: string; instanceId: string; title: string; definition: string }>;
    expect(items.map((l) => [l.kind, l.direction, l.definition, l.title])).toEqual([
      ['follow-up', 'out', 'supervision', '督查：建设标准化养殖小区'],
      ['follow-up', 'out', 'supervision', '督查：开展畜禽粪污专项整治'],
    ]);
    for (const item of items) {
      const sup = (await s.call('GET', `/api/instances/${item.instanceId}`, { as: 'ducha1' })).body;
      expect(sup.state).toBe('decompose');
      expect(sup.links).toEqual([expect.objectContaining({ kind: 'follow-up', direction: 'in', instanceId: id, definition: 'meeting-request' })]);
      expect(sup.data.item).toMatchObject({ source: 'key-task', openedOn: '2026-03-02', cycle: 'monthly' });
      expect(await inboxOf(s, 'ducha1', item.instanceId)).toHaveLength(1);
    }
    expect(items.length).toBe(2);
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
    // The continuing request learned of the merge from the merged one (case.signal): both keep the link.
    expect((await dataOf(s, main)).mergedFrom).toEqual([other]);
    const link = (id: string) =>
      s.call('GET', `/api/instances/${id}`, { as: 'admin' }).then((r) => r.body.links as Array<{ kind: string; direction: string; instanceId: string }>);
    expect(await link(other)).toEqual([expect.objectContaining({ kind: 'merged', direction: 'out', instanceId: main })]);
    expect(await link(main)).toEqual([expect.objectContaining({ kind: 'merged', direction: 'in', instanceId: other })]);
    // Merging into something that is not a pending meeting request is refused, and nothing changes.
    const third = await startCase(s, 'kejiju-liaison', 'meeting-request', request('农技推广座谈会', 25));
    const task = (await inboxOf(s, 'zongheke1', third))[0]!.id;
    const bad = await s.call('POST', `/api/tasks/${task}/complete`, {
      as: 'zongheke1',
      body: { outcome: 'merge', opinion: '合并', data: { mergeInto: crypto.randomUUID() } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('instance.link_not_found');
    expect((await caseOf(s, third)).state).toBe('review');
    await complete(s, 'zongheke2', main, { outcome: 'approve', opinion: '同意' });
    expect((await caseOf(s, main)).state).toMatch(/^prepare\./);
  });
});
