/**
 * The main staff screens as the server serves them (the built app at `/`): axe-core finds no
 * serious or critical violations, and each is photographed at desktop (1280 px) and phone
 * (360 px) width into docs/screenshots/ with UPDATE_SCREENSHOTS=1 (a temporary folder otherwise).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { API, call, petitionAssignedTo, taskOf, tokenOf } from './support.js';

const user = 'shilizhen-liaison';
let caseId = '';
let taskId = '';

async function screen(path: string, waitFor: string, name: string): Promise<void> {
  const id = await commands.openPage(`${API}/`, { width: 1280, height: 900 });
  try {
    await commands.pageSignIn(id, await tokenOf(user));
    await commands.pageGoto(id, `${API}/#${path}`);
    await commands.pageWaitForText(id, waitFor);
    if (path.startsWith('/cases/')) await commands.pageCount(id, 'chancery-workflow-diagram >> svg [data-state]');
    const violations = await commands.pageAxe(id);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    await commands.pageScreenshot(id, `docs/screenshots/${name}-desktop.png`, false);
    await commands.pageViewport(id, 360, 780);
    await commands.pageGoto(id, `${API}/#${path}`);
    await commands.pageWaitForText(id, waitFor);
    if (path.startsWith('/cases/')) await commands.pageCount(id, 'chancery-workflow-diagram >> svg [data-state]');
    expect(await commands.pageAxe(id)).toEqual([]);
    await commands.pageScreenshot(id, `docs/screenshots/${name}-phone.png`, true);
  } finally {
    await commands.closePage(id);
  }
}

describe('staff screens', () => {
  beforeAll(async () => {
    // Given a few petitions assigned to Shili town, one of them claimed and reported back once
    const names = ['王秀英', '李建国', '张桂兰', '刘德华'];
    const ids: string[] = [];
    for (const n of names) ids.push(await petitionAssignedTo('shilizhen', n, `${n}反映：村集体土地补偿款未按时足额发放，请求核查。`));
    caseId = ids[0]!;
    taskId = await taskOf(user, caseId);
    await call('POST', `/api/tasks/${taskId}/claim`, user);
  });

  it('the inbox passes axe and is photographed', async () => {
    await screen('/', '信访件：刘德华', 'inbox');
  });

  it('the task view passes axe and is photographed', async () => {
    await screen(`/tasks/${taskId}`, '一、基本情况', 'task');
  });

  it('the case timeline passes axe and is photographed', async () => {
    await screen(`/cases/${caseId}`, '流转记录', 'case-timeline');
  });
});
