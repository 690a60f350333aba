/**
 * Whatever the form designer can produce runs: an administrator adds one field of every palette
 * item to a new workflow's start form by clicking, publishes it, and a staff member starts a case
 * with data in every field (an uploaded file included) and completes its first task — in the
 * real app against the real server.
 */
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { FIELD_TYPES } from '../../ui/admin/form-model.js';
import { at, type AdminKey } from '../../ui/admin/messages.js';
import { call, mountApp, signInAs, signOut, taskOf } from './support.js';

const KEY = `every-field-${Date.now() % 100000}`;
const label = (type: string) => at('zh-CN', `type:${type}` as AdminKey);

describe('form designer palette', () => {
  it('a form with every palette item publishes, starts with every field filled and goes through a task', { timeout: 240_000 }, async () => {
    await mountApp('#/admin/workflows');
    await signInAs('admin');
    await page.getByRole('button', { name: '新建流程' }).click();
    await page.getByLabelText(/^流程标识/).fill(KEY);
    await page.getByLabelText('中文名称').fill('全字段申请');
    await page.getByLabelText('英文名称').fill('Every field request');
    // Forms of their own and a task step: the graph designer (the simple one designs its start form itself).
    await page.getByRole('radio', { name: /流程图/ }).click();
    await page.getByRole('button', { name: '创建' }).click();
    await expect.element(page.getByRole('heading', { name: /流程设计器：全字段申请/ })).toBeVisible();

    // The start form: one field of each palette item, clicked in
    await page.getByRole('tab', { name: '表单' }).click();
    await page.getByRole('textbox', { name: '表单名' }).fill('apply');
    await page.getByRole('button', { name: '+ 表单' }).click();
    for (const type of FIELD_TYPES) await page.getByRole('button', { name: label(type), exact: true }).click();
    await page.getByLabelText('发起表单').selectOptions('apply');
    await page.getByRole('tab', { name: '设计' }).click();
    await expect.element(page.getByText('校验通过')).toBeVisible();
    await page.getByRole('button', { name: '发布' }).click();
    await expect.element(page.getByText('已发布为第 1 版')).toBeVisible();
    await signOut();

    // A staff member fills every field, an attachment included, and starts the case
    await signInAs('zongheke1');
    location.hash = `#/start/${KEY}`;
    await expect.element(page.getByRole('heading', { name: '全字段申请' })).toBeVisible();
    await page.getByRole('textbox', { name: label('text'), exact: true }).fill('公务用车');
    await page.getByRole('textbox', { name: label('textarea'), exact: true }).fill('下乡调研');
    await page.getByRole('spinbutton', { name: label('number'), exact: true }).fill('12.5');
    await page.getByRole('spinbutton', { name: label('integer'), exact: true }).fill('3');
    await page.getByLabelText(label('date'), { exact: true }).fill('2026-03-05');
    await page.getByRole('combobox', { name: label('select'), exact: true }).selectOptions('选项一');
    await page
      .getByRole('group', { name: label('radio') })
      .getByRole('radio', { name: '选项二' })
      .click();
    await page.getByRole('checkbox', { name: label('checkbox'), exact: true }).click();
    await page
      .getByRole('group', { name: label('multi'), exact: true })
      .getByRole('checkbox', { name: '选项一' })
      .click();
    await page.getByRole('textbox', { name: label('opinion'), exact: true }).fill('同意');
    // People are found by pinyin too: "liuyang" → 刘洋
    await page.getByRole('combobox', { name: label('user'), exact: true }).fill('liuyang');
    await page.getByRole('option', { name: /^刘洋/ }).click();
    await page.getByRole('combobox', { name: label('unit'), exact: true }).fill('县政府办');
    await page.getByRole('option', { name: /^县政府办公室/ }).click();
    await userEvent.upload(page.getByLabelText(label('file')), new File(['用车说明：往返 40 公里'], '用车说明.txt', { type: 'text/plain' }));
    await expect.element(page.getByText('用车说明.txt')).toBeVisible();
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await expect.poll(() => location.hash).toMatch(/^#\/cases\/[0-9a-f-]{36}/);

    // What was filled arrived, and the case goes through its task
    const caseId = decodeURIComponent(location.hash.split('/')[2] ?? '');
    const kase = await call<{ data: Record<string, Record<string, unknown>> }>('GET', `/api/instances/${caseId}`, 'admin');
    const data = Object.values(kase.data)[0] ?? kase.data;
    for (const type of FIELD_TYPES) expect(data[`${type}1`], type).toBeDefined();
    expect((data.file1 as Array<{ name: string }>)[0]?.name).toBe('用车说明.txt');
    await call('POST', `/api/tasks/${await taskOf('zongheke1', caseId)}/complete`, 'zongheke1', { outcome: 'submit' });
    expect((await call<{ status: string }>('GET', `/api/instances/${caseId}`, 'admin')).status).toBe('completed');
  });
});
