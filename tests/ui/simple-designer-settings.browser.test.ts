/**
 * The simple designer's settings in office words, against the real server: approvers may send
 * the case back (退回) to the initiator or to the previous step, and only the secretariat may start
 * the workflow (发起人范围: 指定部门). Published, the definition carries the rules; a clerk of
 * another unit does not find the workflow among those they may start while a secretariat clerk
 * does, and a case sent back to its initiator waits for them.
 */
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { call, mountApp, signInAs, signOut, taskOf } from './support.js';

interface Published {
  definition: { starters?: unknown; states: Record<string, { return?: unknown }> };
}

async function startList(): Promise<void> {
  await page.getByRole('link', { name: '发起' }).click();
  // 会议申请 may be started by anyone: once it is listed, the list is complete.
  await expect.element(page.getByRole('button', { name: /会议申请/ })).toBeVisible();
}

describe('simple designer settings', () => {
  it('sets where an approver may return the case and which department may start it, and the app keeps others out', async () => {
    await mountApp('#/admin/workflows');
    await signInAs('admin');
    await page.getByRole('button', { name: '新建流程' }).click();
    await page.getByLabelText('中文名称').fill('公车维修申请');
    await page.getByLabelText('英文名称').fill('Vehicle repair request');
    await page.getByRole('button', { name: '创建' }).click();
    await expect.element(page.getByRole('heading', { name: /流程设计器：公车维修申请/ })).toBeVisible();

    // The manager approves and may send it back to the initiator; then the deputy head, who may send it back to the manager
    await page.getByRole('button', { name: '在「发起人」之后添加节点' }).click();
    await page.getByRole('menuitem', { name: '审批人' }).click();
    await page.getByLabelText('节点名称').fill('主管审批');
    await expect.element(page.getByRole('radio', { name: '不允许退回' })).toBeChecked();
    await page.getByRole('radio', { name: '发起人（修改后重新提交）' }).click();
    await page.getByRole('button', { name: '在「主管审批」之后添加节点' }).click();
    await page.getByRole('menuitem', { name: '审批人' }).click();
    await page.getByLabelText('节点名称').fill('分管领导审批');
    await page.getByRole('radio', { name: '角色' }).click();
    await page.getByLabelText('选择角色').selectOptions('分管副县长');
    await page.getByLabelText('所在单位').selectOptions('县人民政府');
    await page.getByRole('radio', { name: '上一步（上一位审批人）' }).click();

    // Only the secretariat may start it: nothing chosen yet is not "everyone"
    await page.getByRole('button', { name: /^发起人/ }).click();
    await expect.element(page.getByRole('radio', { name: '所有人' })).toBeChecked();
    await page.getByRole('radio', { name: '指定部门' }).click();
    await expect.element(page.getByRole('button', { name: /请设置发起人范围/ })).toBeVisible();
    await expect.element(page.getByText(/可发起人至少要有一项/).first()).toBeVisible();
    await page.getByLabelText('添加部门').selectOptions('综合科');
    await expect.element(page.getByRole('button', { name: /综合科可发起/ })).toBeVisible();
    await expect.element(page.getByText('校验通过')).toBeVisible();

    await page.getByRole('button', { name: '发布' }).click();
    await expect.element(page.getByText('已发布为第 1 版')).toBeVisible();
    const key = decodeURIComponent(location.hash.split('/')[3] ?? '');
    const published = await call<Published>('GET', `/api/definitions/${key}`, 'admin');
    expect(published.definition.starters).toEqual([{ members: 'secretariat' }]);
    expect(published.definition.states.approve1?.return).toEqual({ to: ['start'] });
    expect(published.definition.states.approve2?.return).toEqual({ to: 'previous' });
    expect(published.definition.states.start).toMatchObject({ task: { assign: { initiator: true }, doneAtStart: true } });
    await signOut();

    // A petition clerk does not see it among the workflows to start; a secretariat clerk does
    await signInAs('xinfang1');
    await startList();
    expect(page.getByRole('button', { name: /公车维修申请/ }).elements()).toHaveLength(0);
    await signOut();
    await signInAs('zongheke1');
    await startList();
    await expect.element(page.getByRole('button', { name: /公车维修申请/ })).toBeVisible();
    await signOut();

    // Starting it does the initiator's step; the manager may send it back to them, and they get it to revise
    const { id } = await call<{ id: string }>('POST', '/api/instances', 'zongheke1', { definition: key, data: {} });
    expect((await call<{ state: string }>('GET', `/api/instances/${id}`, 'admin')).state).toBe('approve1');
    const task = await taskOf('zhuren', id);
    await call('POST', `/api/tasks/${task}/return`, 'zhuren', { to: 'start', opinion: '请补充维修项目' });
    expect((await call<{ state: string }>('GET', `/api/instances/${id}`, 'admin')).state).toBe('start');
    await taskOf('zongheke1', id);
  }, 180_000);
});
