/**
 * The admin designer in the real app against the real server: an administrator builds a new
 * three-step approval workflow by clicking (no JSON typed anywhere), simulates it in the browser,
 * publishes it; staff run cases through it; the dashboard shows the numbers those cases made.
 * Screenshots of the designer and the dashboard at desktop and phone widths go to docs/screenshots/
 * with UPDATE_SCREENSHOTS=1 (to a temporary folder otherwise).
 */
import { describe, expect, it } from 'vitest';
import { commands, page } from 'vitest/browser';
import { API, call, mountApp, signInAs, signOut, taskOf, tokenOf } from './support.js';

const KEY = `seal-request-${Date.now() % 100000}`;

async function shoot(hash: string, as: string, waitFor: string, name: string): Promise<void> {
  const id = await commands.openPage(`${API}/`, { width: 1280, height: 900 });
  try {
    await commands.pageSignIn(id, await tokenOf(as));
    await commands.pageGoto(id, `${API}/${hash}`);
    await commands.pageWaitForText(id, waitFor, 20_000);
    await commands.pageSettled(id); // the diagram and charts lay out after the text
    await commands.pageScreenshot(id, `docs/screenshots/${name}-desktop.png`);
    expect(await commands.pageAxe(id)).toEqual([]);
    await commands.pageViewport(id, 360, 780);
    await commands.pageSettled(id);
    await commands.pageScreenshot(id, `docs/screenshots/${name}-phone.png`);
    expect(await commands.pageAxe(id)).toEqual([]);
  } finally {
    await commands.closePage(id);
  }
}

describe('admin designer', () => {
  it('builds a three-step approval workflow by clicking, simulates it, publishes it, and staff run cases through it', async () => {
    await mountApp('#/admin/workflows');
    await signInAs('admin');
    await expect.element(page.getByRole('heading', { name: '流程管理' })).toBeVisible();

    // A new workflow, named in the list
    await page.getByRole('button', { name: '新建流程' }).click();
    await page.getByLabelText(/^流程标识/).fill(KEY);
    await page.getByLabelText('中文名称').fill('用章申请');
    await page.getByLabelText('英文名称').fill('Seal request');
    await page.getByRole('radio', { name: /^流程图/ }).click();
    await page.getByRole('button', { name: '创建' }).click();
    await expect.element(page.getByRole('heading', { name: /流程设计器：用章申请/ })).toBeVisible();
    await expect.element(page.getByRole('tab', { name: '流程图（高级）' })).toHaveAttribute('aria-selected', 'true');
    await expect.element(page.getByText('校验通过')).toBeVisible();

    // Step 2: the office director approves, within 3 working days; the new step goes into the line, so nothing is wrong
    await page.getByRole('button', { name: '+ 审批环节' }).click();
    await expect.element(page.getByText('校验通过')).toBeVisible();
    await page.getByLabelText('中文名称').fill('办公室主任审核');
    await page.getByLabelText('办理人', { exact: true }).selectOptions('按角色（岗位）');
    await page.getByLabelText('角色', { exact: true }).selectOptions('办公室主任（office-director）');
    await page.getByLabelText(/^单位/).selectOptions('县政府办公室');
    await page.getByLabelText(/办理期限/).fill('3');
    await expect.element(page.getByText(/按工作日计算：今天发起，期限为/)).toBeVisible();

    // Step 3: both deputy county heads sign (会签)
    await page.getByRole('button', { name: '+ 审批环节' }).click();
    await page.getByLabelText('中文名称').fill('分管副县长会签');
    await page.getByRole('radio', { name: /会签/ }).click();
    await page.getByLabelText('办理人', { exact: true }).selectOptions('按角色（岗位）');
    await page.getByLabelText('角色', { exact: true }).selectOptions('分管副县长（deputy-head）');
    await page.getByLabelText(/^单位/).selectOptions('县人民政府');

    // ... and its approval ends the case (it already leads there: a second connection for it is refused, not swapped in)
    await expect.element(page.getByText('校验通过')).toBeVisible();
    await page.getByLabelText('去向环节').selectOptions('办结 (done)');
    await page.getByRole('button', { name: '添加连线' }).click();
    await expect.element(page.getByRole('alert').filter({ hasText: '「approve」已经连到「办结」' })).toBeVisible();

    // The diagram shows the four steps, drawn by elkjs
    const diagram = page.getByRole('group', { name: /用章申请/ });
    for (const name of ['拟稿', '办公室主任审核', '分管副县长会签', '办结']) await expect.element(diagram.getByRole('button', { name })).toBeVisible();

    // A mistake is pinned on its step: a decision step connected to nothing
    await diagram.getByRole('button', { name: '办结' }).click();
    await page.getByRole('button', { name: '+ 判断环节' }).click();
    await expect.element(page.getByText(/\d+ 个问题/)).toBeVisible();
    await expect.element(page.getByRole('listitem').filter({ hasText: 'step1' }).first()).toBeVisible();
    await page.getByRole('button', { name: '删除环节' }).click();
    await expect.element(page.getByText('校验通过')).toBeVisible();

    // Simulate with the directory's role holders and a Monday-morning clock
    await page.getByRole('tab', { name: '模拟运行' }).click();
    await expect.element(page.getByLabelText('办公室主任审核')).toHaveValue('zhuren');
    await expect.element(page.getByLabelText('分管副县长会签')).toHaveValue('fuxianzhang1, fuxianzhang2');
    await page.getByLabelText('模拟时间').fill('2026-03-02T09:00');
    await page.getByRole('button', { name: '开始模拟' }).click();
    await page.getByRole('button', { name: '提交' }).click();
    await expect.element(page.getByRole('row', { name: /办公室主任审核 zhuren/ })).toBeVisible();
    await expect.element(page.getByText(/2026年3月5日/).first()).toBeVisible(); // due: 3 working days later
    await page.getByRole('button', { name: '同意', exact: true }).click();
    await page
      .getByRole('row', { name: /fuxianzhang1/ })
      .getByRole('button', { name: '同意', exact: true })
      .click();
    await page
      .getByRole('row', { name: /fuxianzhang2/ })
      .getByRole('button', { name: '同意', exact: true })
      .click();
    await expect.element(page.getByText('案件已结束：办结')).toBeVisible();

    // Publish
    await page.getByRole('button', { name: '发布' }).click();
    await expect.element(page.getByText('已发布为第 1 版')).toBeVisible();
    const published = await call<{ definition: { states: Record<string, { approval?: unknown }> } }>('GET', `/api/definitions/${KEY}`, 'admin');
    expect(Object.keys(published.definition.states)).toHaveLength(4);
    await signOut();

    // A staff user runs a case through it in the app; a second case waits at the director
    await signInAs('zongheke1');
    await page.getByRole('link', { name: '发起' }).click();
    await page.getByRole('button', { name: /用章申请/ }).click();
    await page.getByRole('button', { name: '发起', exact: true }).click();
    await expect.poll(() => location.hash).toMatch(/^#\/cases\/[0-9a-f-]{36}/);
    const caseId = decodeURIComponent(location.hash.split('/')[2] ?? '');
    await call('POST', `/api/tasks/${await taskOf('zongheke1', caseId)}/complete`, 'zongheke1', { outcome: 'submit' });
    await call('POST', `/api/tasks/${await taskOf('zhuren', caseId)}/complete`, 'zhuren', { outcome: 'approve', opinion: '同意' });
    await call('POST', `/api/tasks/${await taskOf('fuxianzhang1', caseId)}/complete`, 'fuxianzhang1', { outcome: 'approve' });
    await call('POST', `/api/tasks/${await taskOf('fuxianzhang2', caseId)}/complete`, 'fuxianzhang2', { outcome: 'approve' });
    expect((await call<{ status: string }>('GET', `/api/instances/${caseId}`, 'admin')).status).toBe('completed');
    const second = await call<{ id: string }>('POST', '/api/instances', 'zongheke1', { definition: KEY });
    await call('POST', `/api/tasks/${await taskOf('zongheke1', second.id)}/complete`, 'zongheke1', { outcome: 'submit' });
    await signOut();

    // The dashboard shows what those cases made: 2 opened, 1 closed (50%), on time, 0 working days
    await signInAs('ducha1');
    location.hash = '#/dashboard';
    await page.getByRole('combobox', { name: '流程', exact: true }).selectOptions(KEY);
    const kpi = (name: string) => page.getByRole('region', { name: '总体情况' }).getByText(name, { exact: true }).element().parentElement!;
    // Wait for the figures of this workflow alone (other tests' cases share the server)
    await expect.poll(() => kpi('办结率').textContent).toContain('50.0%');
    expect(kpi('受理').textContent).toContain('2');
    expect(kpi('办结').textContent).toContain('1');
    expect(kpi('按期率').textContent).toContain('100.0%');
    const funnel = page.getByRole('table').filter({ hasText: '用章申请' });
    await expect.element(funnel.getByRole('row', { name: /办公室主任审核 2 1/ })).toBeVisible();
    await expect.element(funnel.getByRole('row', { name: /分管副县长会签 1 0/ })).toBeVisible();
    await signOut();

    await shoot(`#/admin/workflows/${KEY}`, 'admin', '分管副县长会签', 'designer');
    await shoot(`#/dashboard`, 'ducha1', '受理单位排名', 'dashboard');
  }, 180_000);
});
