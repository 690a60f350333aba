/** 政府信息公开: a unit submits → its head reviews confidentiality → the information centre publishes or returns misclassified items; the legal deadline runs on the business calendar. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.js';
import { bootOffice, caseOf, complete, dataOf, historyOf, inboxOf, passTimer, startCase } from './support.js';

const info = (title: string) => ({
  title,
  kind: 'policy',
  formedOn: '2026-03-02',
  content: '为进一步规范农村集体资产管理，现将有关实施办法予以公布，请遵照执行。',
});

describe('政府信息公开 info-disclosure', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await bootOffice();
  });
  afterAll(() => s.close());

  it('submit → confidentiality review by the unit head → published by the information centre', async () => {
    const id = await startCase(s, 'minzhengju-liaison', 'info-disclosure', info('农村集体资产管理实施办法'));
    await complete(s, 'minzhengju-head', id, { outcome: 'approve', data: { classification: 'public' } });
    const [t] = await inboxOf(s, 'xinxi1', id);
    expect(t!.state).toBe('publish');
    await complete(s, 'xinxi1', id, { outcome: 'publish', data: { url: 'https://www.example.gov.cn/zwgk/2026/001.html', column: '政策文件' } });
    expect((await caseOf(s, id)).status).toBe('completed');
  });

  it('the information centre returns news posted as government information; the unit revises or drops it', async () => {
    const id = await startCase(s, 'jiaotiju-liaison', 'info-disclosure', info('县教体局举办教师技能大赛'));
    await complete(s, 'jiaotiju-head', id, { outcome: 'approve', data: { classification: 'public' } });
    await complete(s, 'xinxi1', id, { outcome: 'misclassified', opinion: '属于工作动态新闻，不属于政府信息公开内容' });
    expect((await caseOf(s, id)).state).toBe('revise');
    await complete(s, 'jiaotiju-liaison', id, { outcome: 'drop' });
    expect((await caseOf(s, id)).status).toBe('rejected');
  });

  it('information classified as not public is not published', async () => {
    const id = await startCase(s, 'sifaju-liaison', 'info-disclosure', info('内部人员调整方案征求意见稿'));
    await complete(s, 'sifaju-head', id, { outcome: 'approve', data: { classification: 'not-public', basis: '属于内部过程性信息' } });
    expect((await caseOf(s, id)).state).toBe('notPublished');
  });

  it('reminds the centre before the deadline on the business calendar and marks the item overdue at it', async () => {
    s.clock.set(new Date('2026-09-24T01:00:00Z'));
    const id = await startCase(s, 'tongjiju-liaison', 'info-disclosure', { ...info('统计公报'), formedOn: '2026-09-24' });
    await complete(s, 'tongjiju-head', id, { outcome: 'approve', data: { classification: 'public' } });
    const entered = s.clock.now;
    const [t] = await inboxOf(s, 'xinxi1', id);
    // 20 working days from the day it was formed (not from reaching the centre), across the
    // Mid-Autumn and National Day holidays and the make-up Saturday Oct 10: 29 October, 17:00.
    expect(t!.dueAt).toBe('2026-10-29T09:00:00.000Z');
    await passTimer(s, id, 'publish', 'remind', entered);
    await passTimer(s, id, 'publish', 'escalate', entered);
    expect((await dataOf(s, id)).overdue).toBe(true);
    expect((await historyOf(s, id)).map((e) => e.type)).toEqual(expect.arrayContaining(['timer.remind', 'timer.escalate']));
  });
});
