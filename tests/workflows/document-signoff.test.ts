/**
 * 公文审签: a unit drafts → the secretariat proofreads → the office director → the deputy head in
 * charge → the county head signs → the document is numbered, issued and archived. Nobody skips
 * a step, nobody approves their own draft.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.js';
import { actionSucceeded, actionsQueued, bootOffice, caseOf, complete, dataOf, historyOf, inboxOf, refused, sendBack, startCase, taskOf } from './support.js';

const draft = (subject: string) => ({
  subject,
  docType: '县政办发',
  urgency: 'normal',
  secrecy: 'public',
  mainRecipients: '各乡镇人民政府、办事处，县直各单位',
  body: '为切实做好今年春季防汛准备工作，确保人民群众生命财产安全，现就有关事项通知如下。',
});

describe('公文审签 document-signoff', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await bootOffice();
  });
  afterAll(() => s.close());

  it('goes drafter → secretariat → director → deputy head → county head → numbered, issued and archived', async () => {
    // Given the civil affairs bureau's liaison drafts a notice
    const id = await startCase(s, 'minzhengju-liaison', 'document-signoff', draft('关于做好春季防汛工作的通知'));
    const c = await caseOf(s, id);
    expect(c.state).toBe('proofread');
    expect(c.title).toBe('发文：关于做好春季防汛工作的通知');
    // The secretariat pool sees it; a leader does not, yet
    expect(await inboxOf(s, 'zongheke2', id)).toHaveLength(1);
    expect(await inboxOf(s, 'xianzhang', id)).toHaveLength(0);
    await complete(s, 'zongheke1', id, { outcome: 'pass', opinion: '文字已核', data: { checks: ['format', 'wording'] } });
    expect((await caseOf(s, id)).state).toBe('director');
    await complete(s, 'zhuren', id, { outcome: 'approve', opinion: '拟同意，呈李县长审签' });
    expect((await caseOf(s, id)).state).toBe('deputy');
    await complete(s, 'fuxianzhang1', id, { outcome: 'approve', opinion: '同意，呈王县长签发' });
    expect((await caseOf(s, id)).state).toBe('head');
    await complete(s, 'xianzhang', id, { outcome: 'approve', opinion: '同意签发' });

    // Then the numbering action is requested for the document type, and the issue step opens
    expect((await caseOf(s, id)).state).toBe('issue');
    expect(await actionsQueued(s, id)).toContainEqual({ action: 'numbering.assign', params: { type: '县政办发' } });
    // Without a number the secretariat cannot issue it
    const noNumber = await refused(s, 'zongheke2', id, { data: { issuedOn: '2026-03-03', copies: 60 } });
    expect(noNumber).toMatchObject({ code: 'form.invalid', pointer: '/data/docNumber' });
    // Once numbering has written 〔2026〕12号 back, the clerk issues; the number cannot be altered
    await actionSucceeded(s, id, 'numbering.assign', { 'issue.docNumber': '县政办发〔2026〕12号' });
    await complete(s, 'zongheke2', id, { data: { docNumber: '伪造〔2026〕1号', issuedOn: '2026-03-03', copies: 60 } });
    const done = await caseOf(s, id);
    expect(done.status).toBe('completed');
    expect(done.state).toBe('archived');
    expect((await dataOf(s, id)).issue).toMatchObject({ docNumber: '县政办发〔2026〕12号', copies: 60 });
    const history = await historyOf(s, id, 'minzhengju-liaison');
    expect(history.filter((e) => e.type === 'task.completed').map((e) => e.state)).toEqual(['proofread', 'director', 'deputy', 'head', 'issue']);
    expect(history.at(-1)!.type).toBe('instance.completed');
  });

  it('the secretariat sends a draft back with comments; the drafter revises and it goes through proofreading again', async () => {
    const id = await startCase(s, 'shilizhen-liaison', 'document-signoff', draft('关于调整十里镇集市时间的请示'));
    // An opinion is required to send it back
    const silent = await refused(s, 'zongheke1', id, { outcome: 'sendBack' });
    expect(silent).toMatchObject({ code: 'task.opinion_required', pointer: '/opinion' });
    await complete(s, 'zongheke1', id, { outcome: 'sendBack', opinion: '文种不当，请改为请示', data: { comments: '标题与文种不符' } });
    expect((await caseOf(s, id)).state).toBe('revise');
    expect(await inboxOf(s, 'shilizhen-head', id)).toHaveLength(0);
    await complete(s, 'shilizhen-liaison', id, {
      outcome: 'resubmit',
      data: { ...draft('关于调整十里镇集市时间的请示（修改稿）'), revisionNote: '已按意见修改' },
    });
    const c = await caseOf(s, id);
    expect(c.state).toBe('proofread');
    expect(c.title).toBe('发文：关于调整十里镇集市时间的请示（修改稿）');
  });

  it('a leader returns the draft to an earlier step, and it climbs the whole chain again', async () => {
    const id = await startCase(s, 'minzhengju-liaison', 'document-signoff', draft('关于开展养老机构安全检查的通知'));
    await complete(s, 'zongheke1', id, { outcome: 'pass', opinion: '已核' });
    await complete(s, 'zhuren', id, { outcome: 'approve', opinion: '同意' });
    await sendBack(s, 'fuxianzhang2', id, 'proofread', '请核实检查范围');
    expect((await caseOf(s, id)).state).toBe('proofread');
    await complete(s, 'zongheke2', id, { outcome: 'pass', opinion: '已核实' });
    // Not straight back to the deputy: the director signs again first
    expect((await caseOf(s, id)).state).toBe('director');
  });

  it("a jump in the chain is impossible: no forward return, no acting on someone else's step, no outcome outside the step", async () => {
    const id = await startCase(s, 'minzhengju-liaison', 'document-signoff', draft('关于表彰先进集体的决定'));
    await complete(s, 'zongheke1', id, { outcome: 'pass', opinion: '已核' });
    const t = await taskOf(s, 'zhuren', id);
    // The director cannot "return" it forward to the county head
    for (const to of ['head', 'deputy', 'issue']) {
      const jump = await s.call('POST', `/api/tasks/${t}/return`, { as: 'zhuren', body: { to } });
      expect(jump.status).toBe(422);
      expect(jump.body.error).toMatchObject({ code: 'task.return_not_allowed', pointer: '/to' });
    }
    // The county head cannot take the director's step
    const grab = await s.call('POST', `/api/tasks/${t}/complete`, { as: 'xianzhang', body: { outcome: 'approve' } });
    expect(grab.status).toBe(403);
    // The drafter cannot send a signal to skip steps
    const signal = await s.call('POST', `/api/instances/${id}/events`, { as: 'minzhengju-liaison', body: { type: 'approve' } });
    expect(signal.status).toBe(403);
    // An outcome the step does not have is refused
    const odd = await s.call('POST', `/api/tasks/${t}/complete`, { as: 'zhuren', body: { outcome: 'issue', opinion: '直接印发' } });
    expect(odd.status).toBe(422);
    expect(odd.body.error.code).toBe('task.invalid_outcome');
    expect((await caseOf(s, id)).state).toBe('director');
  });

  it('the office director cannot approve a draft they wrote themselves: it goes to their superior instead', async () => {
    const id = await startCase(s, 'zhuren', 'document-signoff', draft('关于县政府办公室值班安排的通知'));
    await complete(s, 'zongheke1', id, { outcome: 'pass', opinion: '已核' });
    expect((await caseOf(s, id)).state).toBe('director');
    expect(await inboxOf(s, 'zhuren', id)).toHaveLength(0);
    await complete(s, 'fuxianzhang1', id, { outcome: 'approve', opinion: '代为审核，同意' });
    expect((await caseOf(s, id)).state).toBe('deputy');
  });

  it('a leader rejects the draft and the case ends as not signed', async () => {
    const id = await startCase(s, 'kejiju-liaison', 'document-signoff', draft('关于举办科技活动周的通知'));
    await complete(s, 'zongheke1', id, { outcome: 'pass', opinion: '已核' });
    await complete(s, 'zhuren', id, { outcome: 'reject', opinion: '不宜以县政府名义发文，由部门自行发文' });
    const c = await caseOf(s, id);
    expect(c.status).toBe('rejected');
    expect(c.state).toBe('rejected');
  });

  it('the drafter may withdraw while the draft is with the secretariat, not once leaders have it', async () => {
    const early = await startCase(s, 'kejiju-liaison', 'document-signoff', draft('关于撤回测试的通知'));
    const w = await s.call('POST', `/api/instances/${early}/withdraw`, { as: 'kejiju-liaison', body: { reason: '内容需重新研究' } });
    expect(w.status).toBe(200);
    expect((await caseOf(s, early)).status).toBe('withdrawn');
    const late = await startCase(s, 'kejiju-liaison', 'document-signoff', draft('关于已送领导的通知'));
    await complete(s, 'zongheke1', late, { outcome: 'pass', opinion: '已核' });
    const refusedWithdraw = await s.call('POST', `/api/instances/${late}/withdraw`, { as: 'kejiju-liaison', body: {} });
    expect(refusedWithdraw.status).toBe(409);
    expect(refusedWithdraw.body.error.code).toBe('instance.withdraw_not_allowed');
  });

  it('the proofreading step is due in two working days, on the business calendar', async () => {
    // Friday 2026-04-03, before the Qingming holiday (4–6 April): due the following Wednesday
    s.clock.set(new Date('2026-04-03T02:00:00Z'));
    const id = await startCase(s, 'kejiju-liaison', 'document-signoff', draft('关于清明节期间值班的通知'));
    const [t] = await inboxOf(s, 'zongheke1', id);
    expect(t!.dueAt!.slice(0, 10)).toBe('2026-04-08');
  });
});
