/** 突发事件报告: first report within one hour, daily follow-ups, final report; late, missing or concealed reports are recorded. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.js';
import { bootOffice, caseOf, complete, dataOf, historyOf, passTimer, startCase, userId } from './support.js';

const incident = {
  title: '砖桥镇一民房火灾',
  level: 'IV',
  occurredAt: '2026-03-02T00:30:00Z',
  place: '砖桥镇李庄村',
  responsibleUnit: 'zhuanqiaozhen',
  summary: '村民报警称一处民房起火，消防已出动。',
};
const report = {
  situation: '火势已于9时30分扑灭，过火面积约60平方米。',
  casualties: { dead: 0, injured: 1, missing: 0 },
  measures: '伤者已送县医院救治，镇村干部现场安置受灾群众。',
};

describe('突发事件报告 incident-report', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await bootOffice();
  });
  afterAll(() => s.close());

  it('first report → duty check → follow-ups → final report → closed', async () => {
    const id = await startCase(s, 'zongheke1', 'incident-report', incident);
    await complete(s, 'zhuanqiaozhen-head', id, { data: report });
    await complete(s, 'zongheke2', id, { outcome: 'accept' });
    await complete(s, 'zhuanqiaozhen-head', id, { outcome: 'followUp', data: report });
    await complete(s, 'zhuanqiaozhen-head', id, { outcome: 'followUp', data: report });
    await complete(s, 'zhuanqiaozhen-head', id, { outcome: 'resolved', data: report });
    await complete(s, 'zhuanqiaozhen-head', id, {
      data: {
        handling: '火灾扑灭后，镇政府组织开展了现场清理和隐患排查工作。',
        aftermath: '受灾户已妥善安置，发放救助金5000元。',
        causes: '初步认定为电线老化短路引发。',
      },
    });
    await complete(s, 'zhuren', id, { outcome: 'approve', opinion: '同意办结' });
    expect((await caseOf(s, id)).status).toBe('completed');
    expect((await dataOf(s, id)).followUps).toBe(2);
  });

  it('a late first report is recorded against the unit head with how late it was, and escalated', async () => {
    const id = await startCase(s, 'zongheke1', 'incident-report', incident);
    const entered = s.clock.now;
    await passTimer(s, id, 'firstReport', 'escalate', entered, 0);
    expect((await dataOf(s, id)).lateness).toEqual({ firstReport: 'late' });
    await passTimer(s, id, 'firstReport', 'escalate', entered, 0);
    expect((await dataOf(s, id)).lateness).toEqual({ firstReport: 'over 1 hour' });
    await passTimer(s, id, 'firstReport', 'escalate', entered, 0);
    expect((await dataOf(s, id)).lateness).toEqual({ firstReport: 'over 3 hours' });
    // The deputy heads were told at three hours
    const deputy = await userId(s, 'fuxianzhang1');
    expect(await s.db.execute('SELECT 1 FROM notification WHERE instance_id = $1 AND user_id = $2', [id, deputy])).toHaveLength(1);
    s.clock.advance(30 * 60_000);
    await complete(s, 'zhuanqiaozhen-head', id, { data: report });
    // The task record says who reported and how late: completed 3.5 hours after its due time
    const [task] = await s.db.execute<{ due_at: Date; completed_at: Date; completed_by: string }>(
      `SELECT due_at, completed_at, completed_by FROM task WHERE instance_id = $1 AND state_key = 'firstReport'`,
      [id],
    );
    expect(task!.completed_by).toBe(await userId(s, 'zhuanqiaozhen-head'));
    expect((task!.completed_at.getTime() - task!.due_at.getTime()) / 60_000).toBe(210);
  });

  it('the duty office records a concealed report; a missed daily follow-up is counted', async () => {
    const id = await startCase(s, 'zongheke1', 'incident-report', incident);
    await complete(s, 'zhuanqiaozhen-head', id, { data: { ...report, casualties: { dead: 0, injured: 0, missing: 0 } } });
    await complete(s, 'zongheke1', id, { outcome: 'concealed', data: { concealed: '首报未报告1人受伤' } });
    expect(await dataOf(s, id)).toMatchObject({ concealed: true, concealedNote: '首报未报告1人受伤' });
    await passTimer(s, id, 'ongoing', 'escalate', s.clock.now);
    expect((await dataOf(s, id)).missedFollowUps).toBe(1);
    expect((await historyOf(s, id)).some((e) => e.type === 'timer.escalate' && e.state === 'ongoing')).toBe(true);
  });
});
