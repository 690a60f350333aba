/**
 * What reviewers and assignees see: the document under review first and open, its attachment a
 * link that opens the file, the 意见栏 with the opinions so far; the case page with what each
 * step submitted, by field label; inbox rows that lead with the case title and mark 急件, the
 * initiator, 转交自 and the deadline; the other signers of a step listed by name.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import '../../ui/app/main.js';
import { API, call, taskOf, tokenOf } from './support.js';
import { mountAs, settled } from './scan.js';

afterEach(() => {
  document.body.replaceChildren();
  localStorage.removeItem('chancery.lang');
});

async function upload(as: string, name: string, text: string): Promise<{ id: string; name: string; size: number; sha256: string; mime: string }> {
  const body = new FormData();
  body.append('file', new Blob([text], { type: 'text/plain' }), name);
  const res = await fetch(`${API}/api/files`, { method: 'POST', body, headers: { authorization: `Bearer ${await tokenOf(as)}` } });
  expect(res.status).toBe(201);
  return res.json();
}

const units = async () => (await call<{ items: Array<{ id: string; code: string }> }>('GET', '/api/directory/units', 'admin')).items;

describe('the document is shown to its reviewers', () => {
  it('puts the petition first, open, with its letter as a link and the opinions so far, above the reviewer’s own form', async () => {
    // Given a petition with the scanned letter attached, assigned to the civil affairs bureau with an opinion
    const name = `审${Date.now() % 100000}`;
    const letter = await upload('xinfang1', '来信原件.txt', '县长您好：村道损毁严重。');
    const { id } = await call<{ id: string }>('POST', '/api/instances', 'xinfang1', {
      definition: 'petition-case',
      data: {
        source: 'letter',
        receivedOn: '2026-03-02',
        realName: true,
        petitioner: { name, phone: '13912345678', count: 1 },
        issues: [{ category: 'construction', description: '村道损毁严重，雨天无法通行。' }],
        attachments: [letter],
      },
    });
    const minzhengju = (await units()).find((u) => u.code === 'minzhengju')!.id;
    const assign = await taskOf('xinfang1', id);
    await call('POST', `/api/tasks/${assign}/claim`, 'xinfang1');
    await call('POST', `/api/tasks/${assign}/complete`, 'xinfang1', {
      data: { unit: minzhengju, requirement: '请于 15 个工作日内调查处理并书面报告。' },
      opinion: '请民政局按程序办理。',
    });
    const task = await taskOf('minzhengju-liaison', id);

    // When the bureau's liaison opens the investigation task
    const who = 'minzhengju-liaison';
    await mountAs(who, `#/tasks/${task}`, 'zh-CN');
    await settled(name, 'the task');

    // Then the case documents come first and open, with the petitioner, above this step's form
    const materials = page.getByRole('region', { name: '案件材料' });
    await expect.element(materials.getByText(name)).toBeVisible();
    const work = page.getByRole('region', { name: '本环节办理' });
    const top = (el: Element) => el.getBoundingClientRect().top;
    expect(top(materials.element())).toBeLessThan(top(work.element()));

    // the letter is a link that the reviewer can open
    const link = materials.getByRole('link', { name: '来信原件.txt' });
    await expect.element(link).toBeVisible();
    const href = (link.element() as HTMLAnchorElement).href;
    expect(href).toBe(`${API}/api/files/${letter.id}`);
    const got = await fetch(href, { headers: { authorization: `Bearer ${await tokenOf(who)}` } });
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('县长您好：村道损毁严重。');

    // and the 意见栏 lists the opinions so far: step, person, opinion
    const sheet = page.getByRole('region', { name: '意见栏' });
    const row = sheet.getByRole('row').filter({ hasText: '请民政局按程序办理。' });
    await expect.element(row.getByRole('rowheader', { name: '交办责任单位' })).toBeVisible();
    await expect.element(row.getByText('何芳')).toBeVisible();

    // The case page shows what each step submitted, by field label, with no raw path
    await mountAs(who, `#/cases/${id}`, 'zh-CN');
    const lines = (await settled(name, 'the case')).join('\n');
    expect(lines).toContain('提交的「交办」');
    expect(lines).toContain('交办要求');
    expect(lines).not.toMatch(/assignment\.|requirement/);
  }, 120_000);
});

describe('inbox rows as office staff read them', () => {
  it('lead with the case title, mark 急件 and the initiator, say whom a task was transferred from, and label the deadline', async () => {
    const subject = `关于做好防汛值班工作的紧急通知（${Date.now() % 100000}）`;
    const { id } = await call<{ id: string }>('POST', '/api/instances', 'jiaotiju-liaison', {
      definition: 'document-signoff',
      data: {
        subject,
        docType: '县政办发',
        urgency: 'urgent',
        secrecy: 'public',
        mainRecipients: '各乡镇人民政府',
        body: '为做好今年汛期防汛值班工作，现将防汛值班有关事项通知如下。',
      },
    });
    // the secretariat clerk transfers the proofreading to a colleague
    const task = await taskOf('zongheke1', id);
    await call('POST', `/api/tasks/${task}/claim`, 'zongheke1');
    const sunli = (await call<{ items: Array<{ id: string; username: string }> }>('GET', '/api/directory/users?q=zongheke2', 'admin')).items.find(
      (u) => u.username === 'zongheke2',
    )!;
    await call('POST', `/api/tasks/${task}/transfer`, 'zongheke1', { to: sunli.id, opinion: '请孙丽校核。' });

    await mountAs('zongheke2', '#/', 'zh-CN');
    await settled(subject, 'the inbox');
    const row = page.getByRole('listitem').filter({ hasText: subject });
    // the title link is the case title, not the step's name
    await expect.element(row.getByRole('link', { name: subject })).toBeVisible();
    await expect.element(row.getByText('急件', { exact: true })).toBeVisible();
    await expect.element(row.getByText('发起人 教体局联络员').or(row.getByText(/^发起人 /))).toBeVisible();
    await expect.element(row.getByText('转交自 刘洋')).toBeVisible();
    await expect.element(row.getByText(/已超期|即将到期|期限内|无期限/)).toBeVisible();
    const titleEl = row.getByRole('link', { name: subject }).element();
    const stepEl = row.getByText('综合科文字把关', { exact: true }).elements()[0];
    if (stepEl) expect(titleEl.getBoundingClientRect().top).toBeLessThan(stepEl.getBoundingClientRect().top);

    // In English the step is the definition's English title
    await mountAs('zongheke2', '#/', 'en');
    await settled(subject, 'the inbox in English');
    const en = page.getByRole('listitem').filter({ hasText: subject });
    await expect.element(en.getByText('Urgent', { exact: true })).toBeVisible();
    await expect.element(en.getByText(/Transferred from Liu Yang/)).toBeVisible();
  }, 90_000);
});

describe('the other signers of a step', () => {
  it('are listed by name, not by the step’s title', async () => {
    const subject = `关于会签测试的通知（${Date.now() % 100000}）`;
    const { id } = await call<{ id: string }>('POST', '/api/instances', 'jiaotiju-liaison', {
      definition: 'document-signoff',
      data: {
        subject,
        docType: '县政办发',
        urgency: 'normal',
        secrecy: 'public',
        mainRecipients: '各乡镇人民政府',
        body: '为进一步规范会签工作，现将会签测试有关事项通知如下，请遵照执行。',
      },
    });
    await call('POST', `/api/tasks/${await taskOf('zongheke1', id)}/complete`, 'zongheke1', { outcome: 'pass', opinion: '文字已核。' });
    const mine = await taskOf('zhuren', id);
    const zhao = (await call<{ items: Array<{ id: string; username: string }> }>('GET', '/api/directory/users?q=fuxianzhang2', 'admin')).items.find(
      (u) => u.username === 'fuxianzhang2',
    )!;
    await call('POST', `/api/tasks/${mine}/signers`, 'zhuren', { users: [zhao.id] });

    await mountAs('zhuren', `#/tasks/${mine}`, 'zh-CN');
    await settled(subject, 'the task');
    const others = page.getByRole('heading', { name: '本环节其他审批人' });
    await expect.element(others).toBeVisible();
    const list = others.element().parentElement!.querySelector('ul')!;
    expect(list.textContent).toContain('赵敏');
    expect(list.textContent).not.toContain('办公室主任审核');
  }, 90_000);
});
