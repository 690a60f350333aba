/**
 * The simple (vertical) designer in the real app against the real server: an administrator builds
 * 用车申请 by clicking — a start form with a cost field, the initiator's manager approves, above
 * 1000 yuan the deputy county head too (a condition branch; otherwise straight on), the
 * supervision office gets a copy — simulates it with the real start form, publishes it, and staff
 * run a cheap and an expensive case through it and see the right steps. The designer is axe-clean
 * and has English labels.
 */
import { describe, expect, it } from 'vitest';
import { commands, page } from 'vitest/browser';
import { MAX_FIT } from '../../ui/shared/workflow-diagram.js';
import { API, call, mountApp, signInAs, signOut, taskOf, tokenOf } from './support.js';

interface Case {
  status: string;
  title: string;
  state: string;
}

async function startCar(reason: string, cost: string): Promise<string> {
  await page.getByRole('link', { name: '发起' }).click();
  await page.getByRole('button', { name: /用车申请/ }).click();
  await page.getByLabelText('事由').fill(reason);
  await page.getByLabelText('费用').fill(cost);
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await expect.poll(() => location.hash).toMatch(/^#\/cases\/[0-9a-f-]{36}/);
  return decodeURIComponent(location.hash.split('/')[2] ?? '');
}

describe('simple designer', () => {
  it('builds 用车申请 with a cost condition and a CC by clicking, and staff run a cheap and an expensive case through it', async () => {
    await mountApp('#/admin/workflows');
    await signInAs('admin');
    await page.getByRole('button', { name: '新建流程' }).click();
    await page.getByLabelText('中文名称').fill('用车申请');
    await page.getByLabelText('英文名称').fill('Car request');
    await page.getByRole('button', { name: '创建' }).click();
    await expect.element(page.getByRole('heading', { name: /流程设计器：用车申请/ })).toBeVisible();
    await expect.element(page.getByRole('tab', { name: '流程设计' })).toHaveAttribute('aria-selected', 'true');

    // ① the start form: a reason and a cost
    await page.getByRole('button', { name: '① 发起表单' }).click();
    await page.getByRole('button', { name: '单行文本' }).click();
    await page.getByLabelText('中文标签').fill('事由');
    await page.getByRole('button', { name: '数字', exact: true }).click();
    await page.getByLabelText('中文标签').fill('费用');
    await page.getByLabelText('英文标签').fill('Cost');

    // ② the flow: the initiator's manager approves …
    await page.getByRole('button', { name: '② 审批流程' }).click();
    await page.getByRole('button', { name: '在「发起人」之后添加节点' }).click();
    await page.getByRole('menuitem', { name: '审批人' }).click();
    await expect.element(page.getByRole('radio', { name: '发起人的主管' })).toBeChecked();
    await page.getByLabelText('节点名称').fill('主管审批');
    await page.getByRole('radio', { name: '会签（须所有人同意）' }).click();

    // … above 1000 yuan the deputy county head too, otherwise straight on …
    await page.getByRole('button', { name: '在「主管审批」之后添加节点' }).click();
    await page.getByRole('menuitem', { name: '条件分支' }).click();
    await page.getByRole('button', { name: '+ 添加条件' }).click();
    await page.getByLabelText('表单字段').selectOptions('费用');
    await page.getByLabelText('比较').selectOptions('大于');
    await page.getByLabelText('值', { exact: true }).fill('1000');
    await expect.element(page.getByRole('button', { name: /条件1 费用 大于 1000/ })).toBeVisible();
    await page.getByRole('button', { name: '在「条件1」中添加节点' }).click();
    await page.getByRole('menuitem', { name: '审批人' }).click();
    await page.getByLabelText('节点名称').fill('分管领导');
    await page.getByRole('radio', { name: '角色' }).click();
    await page.getByLabelText('选择角色').selectOptions('分管副县长');
    await page.getByLabelText('所在单位').selectOptions('县人民政府');
    await page.getByLabelText('办理期限（工作日）').fill('3');
    await page.getByRole('radio', { name: '自动通过' }).click();

    // … and the supervision office gets a copy
    await page.getByRole('button', { name: '在「条件分支」之后添加节点' }).click();
    await page.getByRole('menuitem', { name: '抄送人' }).click();
    await page.getByLabelText('节点名称').fill('抄送督查室');
    await page.getByRole('radio', { name: '角色' }).click();
    await page.getByLabelText('选择角色').selectOptions('督查专员');
    await page.getByLabelText('所在单位').selectOptions('督查室');

    // The case title from the form: 用车申请：<事由>
    await page.getByRole('button', { name: /^发起人/ }).click();
    await page.getByRole('button', { name: '+ 文字' }).click();
    await page.getByRole('button', { name: '+ 字段' }).click();
    await expect.element(page.getByText('预览：用车申请：〔事由〕')).toBeVisible();
    await expect.element(page.getByText('校验通过')).toBeVisible();

    const flow = page.getByRole('group', { name: '② 审批流程' });
    for (const name of [/^主管审批/, /^分管领导/, /^抄送督查室/, /^其他情况/]) await expect.element(flow.getByText(name).first()).toBeVisible();

    // Keys, events and paths only in the advanced JSON tab
    await page.getByRole('tab', { name: '高级：JSON' }).click();
    await expect.element(page.getByText(/"approve": "cond1"/)).toBeVisible();
    await expect.element(page.getByText(/"data\.apply\.number1"/)).toBeVisible();

    // The simulator fills the real start form
    await page.getByRole('tab', { name: '模拟运行' }).click();
    await page.getByLabelText('费用').fill('3000');
    await page.getByRole('button', { name: '开始模拟' }).click();
    await page.getByRole('button', { name: '同意', exact: true }).click();
    await expect.element(page.getByRole('row', { name: /分管领导 fuxianzhang1/ })).toBeVisible();
    await page
      .getByRole('row', { name: /分管领导 fuxianzhang1/ })
      .getByRole('button', { name: '同意', exact: true })
      .click();
    await expect.element(page.getByText('案件已结束：办结')).toBeVisible();

    await page.getByRole('button', { name: '发布' }).click();
    await expect.element(page.getByText('已发布为第 1 版')).toBeVisible();
    const defKey = decodeURIComponent(location.hash.split('/')[3] ?? '');
    expect(defKey).toMatch(/^wf-/);
    const published = await call<{ definition: { states: Record<string, unknown>; caseTitle: unknown } }>('GET', `/api/definitions/${defKey}`, 'admin');
    expect(Object.keys(published.definition.states).sort()).toEqual(['approve1', 'approve2', 'cc1', 'cond1', 'done', 'rejected']);

    // Axe on the designer (the built app), a node's drawer open, and English labels
    const id = await commands.openPage(`${API}/`, { width: 1280, height: 900 });
    try {
      await commands.pageSignIn(id, await tokenOf('admin'));
      await commands.pageGoto(id, `${API}/#/admin/workflows/${defKey}`);
      await commands.pageWaitForText(id, '主管审批', 20_000);
      await commands.pageClick(id, 'button', '在「发起人」之后添加节点');
      await commands.pageClick(id, 'button', '分管领导');
      await commands.pageWaitForText(id, '多人审批时');
      await commands.pageSettled(id);
      await commands.pageScreenshot(id, 'docs/screenshots/simple-designer-desktop.png');
      expect(await commands.pageAxe(id)).toEqual([]);
      await commands.pageClick(id, 'button', 'English');
      await commands.pageWaitForText(id, 'With several approvers');
      await commands.pageWaitForText(id, 'When nobody is found');
      expect(await commands.pageCount(id, 'button[aria-label=\'Add a node after "Initiator"\']')).toBe(1);
      expect(await commands.pageAxe(id)).toEqual([]);
      // The choice is remembered in this browser: switch back, for the tests that follow in Chinese.
      await commands.pageClick(id, 'button', '中文');
      await commands.pageWaitForText(id, '多人审批时');
    } finally {
      await commands.closePage(id);
    }
    await signOut();

    // Staff: a cheap case goes manager → CC → done; an expensive one passes the deputy head too
    await signInAs('zongheke1');
    const cheap = await startCar('下乡调研', '500');
    const dear = await startCar('赴市汇报', '3000');
    expect((await call<Case>('GET', `/api/instances/${cheap}`, 'admin')).title).toBe('用车申请：下乡调研');
    await call('POST', `/api/tasks/${await taskOf('zhuren', cheap)}/complete`, 'zhuren', { outcome: 'approve', opinion: '同意' });
    await call('POST', `/api/tasks/${await taskOf('zhuren', dear)}/complete`, 'zhuren', { outcome: 'approve', opinion: '同意' });
    expect((await call<Case>('GET', `/api/instances/${cheap}`, 'admin')).status).toBe('completed');
    const waiting = await call<Case>('GET', `/api/instances/${dear}`, 'admin');
    expect(waiting).toMatchObject({ status: 'running', state: 'approve2' });

    await mountApp(`#/cases/${dear}`);
    await signInAs('zongheke1');
    const history = page.getByRole('region', { name: '流转记录' });
    await expect.element(history.getByText(/分管领导/).first()).toBeVisible();
    await call('POST', `/api/tasks/${await taskOf('fuxianzhang1', dear)}/complete`, 'fuxianzhang1', { outcome: 'approve' });
    expect((await call<Case>('GET', `/api/instances/${dear}`, 'admin')).status).toBe('completed');

    await mountApp(`#/cases/${cheap}`);
    await signInAs('zongheke1');
    await expect.element(page.getByRole('heading', { name: /用车申请：下乡调研/ })).toBeVisible();
    await expect.element(history.getByText(/主管审批/).first()).toBeVisible();
    expect(history.getByText(/分管领导/).elements()).toHaveLength(0);

    // The case diagram is readable: no text below 12 px as drawn, and it zooms
    const figure = page.getByRole('region', { name: '流程图', exact: true });
    await expect.element(figure.getByRole('img')).toBeVisible();
    const svg = figure.getByRole('img').element() as unknown as SVGSVGElement;
    const drawn = () => {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return Math.min(...[...svg.querySelectorAll('text')].map((t) => Number.parseFloat(getComputedStyle(t).fontSize) * scale));
    };
    expect(drawn()).toBeGreaterThanOrEqual(12);
    // "Fit to width" means: as wide as the canvas allows (less its margin), at most MAX_FIT. The page may still be
    // settling (side panels load), so the rule is checked against the canvas as it is, not a width read earlier.
    const canvas = svg.parentElement as HTMLElement;
    const fitted = () => {
      const room = canvas.clientWidth;
      const width = svg.getBoundingClientRect().width;
      const widest = svg.viewBox.baseVal.width * MAX_FIT;
      return width <= room && (width >= room - 40 || Math.abs(width - widest) <= 1);
    };
    await expect.poll(fitted).toBe(true);
    const before = svg.getBoundingClientRect().width;
    await figure.getByRole('button', { name: '放大' }).click();
    await expect.poll(() => svg.getBoundingClientRect().width).toBeGreaterThan(before);
    await figure.getByRole('button', { name: '适应宽度' }).click();
    await expect.element(figure.getByRole('button', { name: '适应宽度' })).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(fitted).toBe(true);
    const cc = await call<{ items: Array<{ title?: string }> }>('GET', '/api/notifications', 'ducha1');
    expect(cc.items.length).toBeGreaterThanOrEqual(2);
  }, 240_000);
});
