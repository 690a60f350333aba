/**
 * Outcome titles in the graph designer, against the real server: an administrator gives a task
 * step its own outcome (交办 instead of 提交), is told it has no name, names it in Chinese and
 * English in the step panel, and publishes; staff see the name on the button, never the key.
 */
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { call, mountApp, signInAs, signOut, taskOf } from './support.js';

const KEY = `assign-request-${Date.now() % 100000}`;

describe('graph designer outcome titles', () => {
  it('names a custom outcome in Chinese and English in the step panel, and the workflow publishes', async () => {
    await mountApp('#/admin/workflows');
    await signInAs('admin');
    await page.getByRole('button', { name: '新建流程' }).click();
    await page.getByLabelText(/^流程标识/).fill(KEY);
    await page.getByLabelText('中文名称').fill('交办单');
    await page.getByLabelText('英文名称').fill('Assignment slip');
    await page.getByRole('radio', { name: /^流程图/ }).click();
    await page.getByRole('button', { name: '创建' }).click();
    await expect.element(page.getByRole('heading', { name: /流程设计器：交办单/ })).toBeVisible();
    await expect.element(page.getByText('校验通过')).toBeVisible();

    // The first step (拟稿) is left by its own outcome, assign, which leads to the end
    await page.getByLabelText('办理结果（事件名）').fill('assign');
    await page.getByLabelText('出口（事件）').selectOptions('assign');
    await expect.element(page.getByText(/处理结果「assign」没有名称/).first()).toBeVisible();
    await expect.element(page.getByRole('button', { name: '发布' })).toBeDisabled();

    // Its names, in both languages, in the step panel
    await page.getByLabelText('「assign」中文名称').fill('交办');
    await page.getByLabelText('「assign」英文名称').fill('Assign');
    await expect.element(page.getByText('校验通过')).toBeVisible();
    await page.getByRole('button', { name: '发布' }).click();
    await expect.element(page.getByText('已发布为第 1 版')).toBeVisible();
    const published = await call<{ definition: { outcomeTitles?: unknown; states: Record<string, { task?: { outcomes?: string[] } }> } }>(
      'GET',
      `/api/definitions/${KEY}`,
      'admin',
    );
    expect(published.definition.outcomeTitles).toEqual({ assign: { 'zh-CN': '交办', en: 'Assign' } });
    expect(published.definition.states.draft?.task?.outcomes).toEqual(['assign']);
    await signOut();

    // The initiator's task offers 交办, not "assign"
    const started = await call<{ id: string }>('POST', '/api/instances', 'zongheke1', { definition: KEY });
    await mountApp(`#/tasks/${await taskOf('zongheke1', started.id)}`);
    await signInAs('zongheke1');
    await expect.element(page.getByRole('button', { name: '交办', exact: true })).toBeVisible();
    expect(page.getByRole('button', { name: 'assign' }).elements()).toHaveLength(0);
    await signOut();
  }, 120_000);
});
