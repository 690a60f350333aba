/** 县长信箱: letter → triage → the unit drafts a reply → its head approves → the office publishes; every letter is answered. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.js';
import { actionsQueued, bootOffice, caseOf, complete, dataOf, inboxOf, passTimer, sendBack, startCase } from './support.js';

const letter = {
  name: '刘女士',
  phone: '13900001111',
  subject: '小区门口路灯长期不亮',
  content: '县城建设路某小区门口路灯已坏两个月，夜间出行不便，请尽快维修。',
  publicReply: true,
};
const reply = { reply: '经查，该路段路灯线路老化，我单位已于3月5日完成维修，感谢您的监督。' };

describe('县长信箱 mayor-mailbox', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await bootOffice();
  });
  afterAll(() => s.close());

  it('triage → the unit replies → its head approves → the office publishes and the citizen is told', async () => {
    const id = await startCase(s, 'zongheke1', 'mayor-mailbox', letter);
    await complete(s, 'zongheke2', id, { outcome: 'assign', data: { category: 'complaint', unit: 'xianshan' } });
    const [t] = await inboxOf(s, 'xianshan-liaison', id);
    expect(t!.dueAt!.slice(0, 10)).toBe('2026-03-16');
    await complete(s, 'xianshan-liaison', id, { data: reply });
    await complete(s, 'xianshan-head', id, { outcome: 'approve' });
    await complete(s, 'zongheke1', id, { outcome: 'publish', data: reply });
    expect((await caseOf(s, id)).status).toBe('completed');
    expect((await dataOf(s, id)).replyUnit).toBe('xianshan');
    expect((await actionsQueued(s, id)).find((a) => a.action === 'notify.send')!.params).toMatchObject({
      to: { phones: ['13900001111'] },
      channels: ['sms'],
      body: reply.reply,
    });
  });

  it('a letter without a unit stays in triage; an enquiry is answered by the office directly', async () => {
    const id = await startCase(s, 'zongheke1', 'mayor-mailbox', { ...letter, subject: '咨询社保缴费时间' });
    await complete(s, 'zongheke2', id, { outcome: 'assign', data: { category: 'consult' } });
    expect((await caseOf(s, id)).state).toBe('triage');
    await complete(s, 'zongheke2', id, { outcome: 'answerDirectly', data: { category: 'consult' } });
    await complete(s, 'zongheke1', id, { outcome: 'publish', data: { reply: '城乡居民社保缴费时间为每年1月至12月，可通过税务APP缴纳。' } });
    expect((await caseOf(s, id)).status).toBe('completed');
  });

  it('the head or the office sends a weak reply back to the unit', async () => {
    const id = await startCase(s, 'zongheke1', 'mayor-mailbox', letter);
    await complete(s, 'zongheke2', id, { outcome: 'assign', data: { category: 'complaint', unit: 'xianshan' } });
    await complete(s, 'xianshan-liaison', id, { data: reply });
    await complete(s, 'xianshan-head', id, { outcome: 'approve' });
    await sendBack(s, 'zongheke1', id, 'draft', '答复未说明维修时间，请补充');
    expect((await caseOf(s, id)).state).toBe('draft');
  });

  it('an unanswered letter is marked overdue after ten working days and the unit head is told', async () => {
    const id = await startCase(s, 'zongheke1', 'mayor-mailbox', letter);
    await complete(s, 'zongheke2', id, { outcome: 'assign', data: { category: 'complaint', unit: 'mafanzhen' } });
    await passTimer(s, id, 'draft', 'escalate', s.clock.now);
    expect((await dataOf(s, id)).overdue).toBe(true);
    const [n] = await s.db.execute<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.instance_id = $1 AND u.username = 'mafanzhen-head' AND n.kind = 'escalate'`,
      [id],
    );
    expect(n!.n).toBe(1);
  });
});
