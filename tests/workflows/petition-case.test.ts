/**
 * 信访件办理: the petition bureau registers and assigns; the responsible unit investigates and
 * reports in four sections with exactly one finding per reported issue; the bureau reviews;
 * real-name petitioners get feedback; overdue cases escalate and are counted against the unit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.js';
import { bootOffice, caseOf, complete, dataOf, historyOf, inboxOf, passTimer, refused, sendBack, startCase, userId } from './support.js';

const intake = (realName: boolean) => ({
  source: 'visit',
  receivedOn: '2026-03-02',
  realName,
  ...(realName ? { petitioner: { name: '张建国', phone: '13812345678', address: '十里镇张湾村' } } : {}),
  issues: [
    { category: 'land', description: '村组土地征收补偿款未按标准发放到户' },
    { category: 'environment', description: '村东养殖场污水直排，影响饮用水源' },
  ],
});

const finding = (text: string) => ({ investigation: `经现场核查，${text}`, conclusion: 'partly' });
const report = (findings: Record<string, unknown>) => ({
  basicFacts: '2026年3月，张湾村村民反映征地补偿与养殖污染问题，镇政府成立专班调查核实。',
  findings,
  decisions: [
    { kind: 'compensate', decision: '责令村委会于3月底前补发补偿款差额共计12万元' },
    { kind: 'rectify', decision: '养殖场已停产整改，限期建成污水处理设施' },
  ],
  meeting: { held: true, date: '2026-03-10', place: '十里镇信访接待室', participants: '镇党委副书记、村支书', petitionerResponse: '对处理结果表示认可' },
});
const fullReport = report({ 1: finding('补偿款存在少发情况'), 2: finding('污水确有外溢') });

describe('信访件办理 petition-case', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await bootOffice();
  });
  afterAll(() => s.close());

  async function registeredAndAssigned(realName = true, unit = 'shilizhen') {
    const id = await startCase(s, 'xinfang1', 'petition-case', intake(realName));
    await complete(s, 'xinfang2', id, { data: { unit, requirement: '请于15个工作日内调查处理并报告' } });
    return id;
  }

  it('register → assign → the unit reports → the bureau approves → feedback to the real-name petitioner → closed', async () => {
    const id = await startCase(s, 'xinfang1', 'petition-case', intake(true));
    expect((await caseOf(s, id)).title).toBe('信访件：张建国（2项问题）');
    // Both petition clerks see the assignment task in their pool
    expect(await inboxOf(s, 'xinfang2', id)).toHaveLength(1);
    await complete(s, 'xinfang2', id, { data: { unit: 'shilizhen' } });
    // The township's handlers (head and liaison) get the report task, due in 15 working days
    const [t] = await inboxOf(s, 'shilizhen-liaison', id);
    expect(t!.state).toBe('investigate');
    expect(t!.dueAt!.slice(0, 10)).toBe('2026-03-23');
    expect(await inboxOf(s, 'shilizhen-head', id)).toHaveLength(1);
    expect((await dataOf(s, id)).report).toMatchObject({ issueCount: 2 });
    await complete(s, 'shilizhen-liaison', id, { data: fullReport });
    expect((await caseOf(s, id)).state).toBe('review');
    await complete(s, 'xinfang-head', id, { outcome: 'approve', opinion: '报告要素齐全，同意办结' });
    expect((await caseOf(s, id)).state).toBe('feedback');
    await complete(s, 'xinfang1', id, { data: { method: 'phone', date: '2026-03-12', content: '已电话告知信访人处理结果', satisfaction: 'satisfied' } });
    const c = await caseOf(s, id);
    expect(c.status).toBe('completed');
    expect((await historyOf(s, id)).filter((e) => e.type === 'task.completed').map((e) => e.state)).toEqual(['assign', 'investigate', 'review', 'feedback']);
  });

  it('refuses a report missing the finding on one reported issue, pointing at that issue', async () => {
    const id = await registeredAndAssigned();
    const missing = await refused(s, 'shilizhen-liaison', id, { data: report({ 1: finding('补偿款存在少发情况') }) });
    expect(missing.code).toBe('form.invalid');
    expect(missing.pointer).toBe('/data/findings/2');
    expect(missing.details.issues).toEqual([
      expect.objectContaining({ pointer: '/findings/2', keyword: 'required', message: '「问题 2 的调查情况」为必填项' }),
    ]);
    // Claiming there was only one issue does not help: the count is the bureau's, restored by the server
    const forged = await refused(s, 'shilizhen-liaison', id, { data: { ...report({ 1: finding('补偿款存在少发情况') }), issueCount: 1 } });
    expect(forged.pointer).toBe('/data/findings/2');
    expect((await caseOf(s, id)).state).toBe('investigate');
    // A "finding" on an issue nobody reported is not kept: exactly one per reported issue
    await complete(s, 'shilizhen-liaison', id, {
      data: report({ 1: finding('a情况属实已经核查'), 2: finding('b情况属实已经核查'), 3: finding('c情况属实已经核查') }),
    });
    expect(Object.keys((await dataOf(s, id)).report.findings)).toEqual(['1', '2']);
  });

  it('refuses each missing section and a "decision" that is only a suggestion, in English too', async () => {
    const id = await registeredAndAssigned();
    const { basicFacts: _b, ...noFacts } = fullReport;
    expect((await refused(s, 'shilizhen-liaison', id, { data: noFacts })).pointer).toBe('/data/basicFacts');
    const { meeting: _m, ...noMeeting } = fullReport;
    expect((await refused(s, 'shilizhen-liaison', id, { data: noMeeting })).pointer).toBe('/data/meeting');
    const notMet = await refused(s, 'shilizhen-liaison', id, { data: { ...fullReport, meeting: { held: false } } });
    expect(notMet.pointer).toBe('/data/meeting/reason');
    const suggestion = await refused(s, 'shilizhen-liaison', id, {
      data: { ...fullReport, decisions: [{ kind: 'rectify', decision: '建议村委会研究补发补偿款' }] },
    });
    expect(suggestion.pointer).toBe('/data/decisions/0/decision');
    expect((suggestion.details.issues as Array<{ message: string }>)[0]!.message).toBe('「处理决定」应写已作出的处理决定，不能只写建议');
    const [t] = await inboxOf(s, 'shilizhen-liaison', id);
    const en = await s.call('POST', `/api/tasks/${t!.id}/complete`, { as: 'shilizhen-liaison', body: { data: noFacts }, headers: { 'accept-language': 'en' } });
    expect(en.body.error.details.issues[0].message).toBe('"1. Basic facts" is required');
  });

  it('the bureau returns an incomplete report to the unit, which reports again', async () => {
    const id = await registeredAndAssigned();
    await complete(s, 'shilizhen-liaison', id, { data: fullReport });
    const [t] = await inboxOf(s, 'xinfang-head', id);
    const res = await s.call('POST', `/api/tasks/${t!.id}/return`, {
      as: 'xinfang-head',
      body: { to: 'investigate', opinion: '见面情况不具体，请补充信访人意见原话' },
    });
    expect(res.status).toBe(200);
    expect((await caseOf(s, id)).state).toBe('investigate');
    await complete(s, 'shilizhen-head', id, {
      data: { ...fullReport, meeting: { ...fullReport.meeting, petitionerResponse: '信访人表示：补偿款到位后息诉罢访' } },
    });
    expect((await caseOf(s, id)).state).toBe('review');
  });

  it('an anonymous petition closes after review without feedback', async () => {
    const id = await registeredAndAssigned(false, 'huanbaoju');
    await complete(s, 'huanbaoju-liaison', id, { data: { ...fullReport, meeting: { held: false, reason: '匿名信访，无法见面' } } });
    await complete(s, 'xinfang-head', id, { outcome: 'approve', opinion: '同意办结' });
    const c = await caseOf(s, id);
    expect(c.status).toBe('completed');
    expect(c.visited).not.toContain('feedback');
  });

  it('only the petition bureau registers petitions', async () => {
    const res = await s.call('POST', '/api/instances', { as: 'shilizhen-liaison', body: { definition: 'petition-case', data: intake(true) } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('definition.not_startable');
  });

  it('reminds the unit before the deadline, then marks the case overdue against the unit and escalates to the bureau', async () => {
    s.clock.set(new Date('2026-04-01T01:00:00Z'));
    const entered = s.clock.now;
    const id = await registeredAndAssigned(true, 'xianjuxiang');
    // Due 15 working days later, across the Qingming holiday (4–6 April): 23 April
    const [t] = await inboxOf(s, 'xianjuxiang-liaison', id);
    expect(t!.dueAt!.slice(0, 10)).toBe('2026-04-23');
    const reminder = await passTimer(s, id, 'investigate', 'remind', entered);
    expect(reminder.at.toISOString().slice(0, 10)).toBe('2026-04-20');
    await passTimer(s, id, 'investigate', 'escalate', entered, 0);
    const data = await dataOf(s, id);
    expect(data.overdue).toBe(true);
    expect(data.overdueUnit).toBe('xianjuxiang');
    s.clock.advance(60_000);
    const [late] = await inboxOf(s, 'xianjuxiang-liaison', id);
    expect(late!.overdue).toBe(true);
    // The unit head was told; five working days later the bureau is told too
    const head = await userId(s, 'xianjuxiang-head');
    const notes = await s.db.execute<{ kind: string }>('SELECT kind FROM notification WHERE instance_id = $1 AND user_id = $2', [id, head]);
    expect(notes.map((n) => n.kind)).toContain('escalate');
    await passTimer(s, id, 'investigate', 'escalate', entered, 0);
    const history = await historyOf(s, id);
    expect(history.filter((e) => e.type.startsWith('timer.')).map((e) => e.type)).toEqual(['timer.remind', 'timer.escalate', 'timer.escalate']);
    // A late report is still taken, and the case stays marked overdue
    await complete(s, 'xianjuxiang-liaison', id, { data: fullReport });
    expect((await caseOf(s, id)).state).toBe('review');
    expect((await dataOf(s, id)).overdue).toBe(true);
  });
});
