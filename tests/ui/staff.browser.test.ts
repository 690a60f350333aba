/**
 * Staff scenarios in the real app against the real server: a petition registered by a clerk and
 * reported on by the responsible unit, and a document returned by the office director.
 */
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { call, mountApp, signInAs, signOut, taskOf } from './support.js';

const docData = (subject: string) => ({
  subject,
  docType: '县政办发',
  urgency: 'normal',
  secrecy: 'public',
  mainRecipients: '各乡镇人民政府，县直各单位',
  body: '为进一步做好春季农业生产工作，经县政府同意，现将有关事项通知如下：一、提高认识，加强领导。',
});

/** Picks an option of a choice field, whichever widget the form chose (radio buttons or a select). */
async function choose(label: string, option: string): Promise<void> {
  await expect.element(page.getByText(label).first()).toBeVisible();
  const radio = page.getByRole('radio', { name: option, exact: true });
  if (radio.elements().length) await radio.click();
  else await page.getByLabelText(label).selectOptions(option);
}

/** The element that has the focus, inside shadow roots too. */
function focused(): Element | null {
  let e = document.activeElement;
  while (e?.shadowRoot?.activeElement) e = e.shadowRoot.activeElement;
  return e;
}

function row(text: string) {
  return page.getByRole('listitem').filter({ hasText: text });
}

describe('staff workspace', () => {
  it('lets the office director return a document to the secretariat, with the opinion in the timeline', { timeout: 180_000 }, async () => {
    // Given a document proofread by the secretariat, waiting for the office director
    const subject = `关于做好春季农业生产工作的通知（${Date.now() % 100000}）`;
    const { id } = await call<{ id: string }>('POST', '/api/instances', 'mubiao1', { definition: 'document-signoff', data: docData(subject) });
    await call('POST', `/api/tasks/${await taskOf('zongheke1', id)}/complete`, 'zongheke1', { outcome: 'pass', opinion: '文字已核。' });

    // When the director signs in and opens it from the inbox
    await mountApp();
    await signInAs('zhuren');
    await expect.element(page.getByRole('heading', { name: '待办事项' })).toBeVisible();
    await row(subject).getByRole('link').click();
    await expect.element(page.getByRole('heading', { name: `发文：${subject}` })).toBeVisible();

    // approving without the required opinion shows the server's message under the opinion box
    await page.getByRole('button', { name: '同意', exact: true }).click();
    const opinion = page.getByLabelText(/办理意见/);
    await expect.element(opinion).toHaveAttribute('aria-invalid', 'true');
    await expect.element(page.getByText('请填写办理意见').or(page.getByText(/意见/).and(page.getByRole('paragraph')))).toBeVisible();

    // and returning it with an opinion sends it back to proofreading
    await page.getByRole('button', { name: '请修改后重新提交。' }).click();
    await userEvent.type(opinion, '第二段表述不准确。');
    await page.getByLabelText('退回到').selectOptions('proofread');
    await page.getByRole('button', { name: '退回', exact: true }).click();

    // Then the inbox says so and the case moved back
    await expect.element(page.getByRole('status').filter({ hasText: '已办理：退回' })).toBeVisible();
    const kase = await call<{ steps: Array<{ id: string }> }>('GET', `/api/instances/${id}`, 'admin');
    expect(kase.steps.map((s) => s.id)).toEqual(['proofread']);

    // and the case timeline shows who returned it, with the opinion
    location.hash = `#/cases/${id}`;
    const timeline = page.getByRole('list').filter({ hasText: '发起案件' });
    await expect.element(timeline.getByText('请修改后重新提交。第二段表述不准确。')).toBeVisible();
    await expect.element(timeline.getByRole('listitem').filter({ hasText: '退回' }).getByText('陈刚')).toBeVisible();
    await signOut();

    // The secretariat sees why it came back: in the inbox row, and at the top of the task, which takes the focus
    await signInAs('zongheke1');
    location.hash = '#/';
    const back = row(subject);
    await expect.element(back.getByText('退回', { exact: true })).toBeVisible();
    await expect.element(back.getByText(/陈刚 于 .+ 退回：请修改后重新提交。第二段表述不准确。/)).toBeVisible();
    await back.getByRole('link').click();
    await expect.element(page.getByRole('note').getByText('退回意见：请修改后重新提交。第二段表述不准确。')).toBeVisible();
    await expect.poll(() => focused()?.id).toBe('task-h');
    await signOut();
  });

  it('lets a petition clerk register a petition and the civil affairs bureau report on it', async () => {
    const name = `申${Date.now() % 10000}`;
    await mountApp();
    await signInAs('xinfang1');

    // The clerk starts a petition case from the list of workflows
    await page.getByRole('link', { name: '发起' }).click();
    await page.getByRole('button', { name: /信访件办理/ }).click();
    await page.getByRole('radio', { name: '来信' }).click();
    await page.getByLabelText('收件日期').fill('2026-03-02');
    await page.getByRole('switch', { name: '实名信访' }).or(page.getByLabelText('实名信访')).click();
    await page.getByLabelText('姓名').fill(name);
    await page.getByLabelText('联系电话').fill('13812345678');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '添加问题' }).click();
    await page.getByLabelText('问题类别').selectOptions('民政');
    await page.getByLabelText('问题描述').fill('低保资格认定不公，申请人家庭困难但未纳入低保。');
    await page.getByRole('button', { name: '提交' }).click();
    await expect.element(page.getByRole('status').filter({ hasText: '已发起案件' })).toBeVisible();
    const caseId = decodeURIComponent(location.hash.split('/')[2] ?? '');

    // and assigns it to the civil affairs bureau (a task offered to the petition clerks: claim it first)
    await page.getByRole('link', { name: '待办' }).click();
    await row('交办责任单位').filter({ hasText: name }).getByRole('link').click();
    await page.getByRole('button', { name: '签收' }).click();
    // The unit picker is a combobox: type to filter, pick the option.
    await page.getByRole('combobox', { name: '责任单位' }).fill('minzhengju');
    await page.getByRole('option', { name: /minzhengju/ }).click();
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await expect.element(page.getByRole('status').filter({ hasText: '已办理' })).toBeVisible();
    await signOut();

    // The bureau's liaison officer claims it and completes the report
    await signInAs('minzhengju-liaison');
    await row(name).getByRole('link').click();
    await page.getByRole('button', { name: '签收' }).click();
    await page.getByLabelText(/基本情况/).fill('经核查，信访人家庭共四口人，主要收入来源为务农，家庭人均收入低于当地低保标准。');
    await page.getByLabelText('调查情况').fill('经入户调查，信访人反映情况基本属实。');
    await choose('调查结论', '部分属实');
    await page.getByRole('button', { name: '添加处理决定' }).click();
    await choose('处理类别', '责令纠正');
    await page.getByLabelText('处理决定').fill('责令乡民政所重新认定其低保资格。');
    // "met the petitioner" is a required yes/no: switch it on and off again to answer "no"
    const met = page.getByRole('switch', { name: /已与信访人见面/ });
    await met.click();
    await met.click();
    await page.getByLabelText('未见面原因').fill('信访人外出务工');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await expect.element(page.getByRole('status').filter({ hasText: '已办理：提交' })).toBeVisible();

    // Then the case waits for the petition bureau's review, with the report in its data
    const kase = await call<{ steps: Array<{ id: string }>; data: { report?: { decisions?: unknown[] } } }>('GET', `/api/instances/${caseId}`, 'admin');
    expect(kase.steps.map((s) => s.id)).toEqual(['review']);
    expect(kase.data.report?.decisions).toHaveLength(1);
  }, 150_000);
});
