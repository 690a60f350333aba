/**
 * The app at a phone's and a laptop's width in Chromium, measured by element boxes: on a 360 px
 * phone the header is slim, the first inbox row sits high and every screen's link (English
 * "Out of office" too) is on screen; at 1366 px the admin's bar is one row in both languages.
 * The language button is named by what it shows, the key inputs' patterns work, the dashboard
 * folds its filters on a phone, draws its funnel in process order, and the screens touched pass axe.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { commands, page } from 'vitest/browser';
import '../../ui/admin/index.js';
import '../../ui/app/main.js';
import { API, call, petitionAssignedTo, tokenOf } from './support.js';
import { mountAs, settled } from './scan.js';

afterAll(async () => {
  document.body.replaceChildren();
  localStorage.removeItem('chancery.lang');
  await page.viewport(1280, 900);
});

/** An element in the app's shadow root. */
function inApp(selector: string): HTMLElement {
  const app = document.querySelector('chancery-app')!;
  return app.shadowRoot!.querySelector(selector) as HTMLElement;
}

/** The first element matching `selector` anywhere, through shadow roots. */
function deep(selector: string, root: ParentNode = document): HTMLElement | null {
  const hit = root.querySelector(selector) as HTMLElement | null;
  if (hit) return hit;
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) {
      const inner = deep(selector, el.shadowRoot);
      if (inner) return inner;
    }
  }
  return null;
}

describe('on a 360 px phone', () => {
  it('keeps the header slim and the first inbox row high on the screen', async () => {
    await petitionAssignedTo('shilizhen', '周建华');
    await page.viewport(360, 740);
    await mountAs('shilizhen-liaison', '#/', 'zh-CN');
    await settled('信访件：周建华', 'the inbox');
    const header = inApp('header.bar').getBoundingClientRect();
    expect(header.height).toBeLessThanOrEqual(100);
    const row = deep('li.task')!.getBoundingClientRect();
    expect(row.top).toBeLessThan(260);
    expect(row.right).toBeLessThanOrEqual(360);
    // the search and filters are one tap away
    const search = deep('#q')!;
    expect(search.checkVisibility()).toBe(false);
    await page.getByRole('button', { name: '筛选' }).click();
    await expect.poll(() => deep('#q')!.checkVisibility()).toBe(true);
  });

  it('shows every screen’s link, “Out of office” included, in English', async () => {
    await page.viewport(360, 740);
    await mountAs('shilizhen-liaison', '#/', 'en');
    await settled('Inbox', 'the inbox in English');
    const links = [...inApp('nav').querySelectorAll('a')];
    expect(links.map((a) => a.textContent?.trim())).toContain('Out of office');
    for (const a of links) {
      const box = a.getBoundingClientRect();
      expect(box.left, a.textContent!).toBeGreaterThanOrEqual(0);
      expect(box.right, a.textContent!).toBeLessThanOrEqual(360);
    }
    expect(inApp('header.bar').getBoundingClientRect().height).toBeLessThanOrEqual(140);
  });

  it('folds the dashboard’s filters away behind one button', async () => {
    await page.viewport(360, 740);
    await mountAs('admin', '#/dashboard', 'zh-CN');
    await settled(undefined, 'the dashboard');
    expect(deep('#dash-filters')!.checkVisibility()).toBe(false);
    await page.getByRole('button', { name: '筛选' }).click();
    await expect.poll(() => deep('#dash-filters')!.checkVisibility()).toBe(true);
  });
});

describe('at 1366 px', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`keeps the admin’s bar on one row (${lang})`, async () => {
      await page.viewport(1366, 768);
      await mountAs('admin', '#/', lang);
      await settled(undefined, 'the admin inbox');
      const bar = inApp('.bar-inner');
      const links = [...bar.querySelectorAll('nav a')].map((a) => a.getBoundingClientRect());
      expect(links.length).toBeGreaterThanOrEqual(9);
      // one row: the links and the tools all lie within the bar's first 64 px
      const barTop = bar.getBoundingClientRect().top;
      for (const r of [...links, inApp('.tools').getBoundingClientRect(), inApp('.brand').getBoundingClientRect()])
        expect(r.bottom - barTop).toBeLessThanOrEqual(64);
      expect(bar.getBoundingClientRect().height).toBeLessThanOrEqual(64);
    });
  }
});

describe('accessible names and inputs', () => {
  it('names the language button by what it shows', async () => {
    await page.viewport(1280, 900);
    await mountAs('zhuren', '#/', 'zh-CN');
    await settled(undefined, 'the inbox');
    await expect.element(page.getByRole('button', { name: 'English', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await expect.element(page.getByRole('button', { name: '中文', exact: true })).toBeVisible();
  });

  it('checks the workflow key (流程标识) with its pattern in the browser', async () => {
    await mountAs('admin', '#/admin/workflows', 'zh-CN');
    await settled(undefined, 'the workflow list');
    (deep('[data-action="new-workflow"]') as HTMLButtonElement).click();
    await expect.poll(() => deep('input[name="key"]')).not.toBeNull();
    const input = deep('input[name="key"]') as HTMLInputElement;
    expect(() => new RegExp(`^(?:${input.pattern})$`, 'v')).not.toThrow();
    input.value = 'Bad Key';
    expect(input.validity.patternMismatch).toBe(true);
    input.value = 'car-request';
    expect(input.validity.patternMismatch).toBe(false);
  });
});

describe('the dashboard', () => {
  it('draws the funnel in process order, horizontally, with whole step names', async () => {
    await page.viewport(1280, 900);
    await mountAs('admin', '#/dashboard', 'zh-CN');
    await settled(undefined, 'the dashboard');
    const pick = deep('#f-workflow') as HTMLSelectElement;
    pick.value = 'document-signoff';
    pick.dispatchEvent(new Event('change'));
    await expect.poll(() => deep('table[data-table="funnel"]')?.dataset.workflow).toBe('document-signoff');
    const steps = [...deep('table[data-table="funnel"]')!.querySelectorAll('tbody tr')].map((r) => (r as HTMLElement).dataset.step);
    const order = ['proofread', 'revise', 'director', 'deputy', 'head', 'issue'];
    const known = steps.filter((s): s is string => !!s && order.includes(s));
    expect(known).toEqual([...known].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    // the first step's name is drawn whole in the chart
    await expect.poll(() => [...(deep('.chart.funnel')?.querySelectorAll('text') ?? [])].map((t) => t.textContent).join('|')).toContain('综合科文字把关');
  });
});

describe('axe on the screens this work touched', () => {
  it('finds nothing serious on the start list, a task with the 意见栏, the dashboard and the phone inbox', async () => {
    const id = await petitionAssignedTo('shilizhen', '吴桂芳');
    const kase = await call<{ tasks: Array<{ id: string; status: string }> }>('GET', `/api/instances/${id}`, 'admin');
    const task = kase.tasks.find((t) => t.status === 'open')!.id;
    const screens: Array<[string, string, string, { width: number; height: number }]> = [
      ['shilizhen-liaison', '/start', '选择要发起的流程', { width: 1280, height: 900 }],
      ['shilizhen-liaison', `/tasks/${task}`, '意见栏', { width: 1280, height: 900 }],
      ['shilizhen-liaison', `/cases/${id}`, '流转记录', { width: 1280, height: 900 }],
      ['admin', '/dashboard', '督查统计', { width: 1280, height: 900 }],
      ['shilizhen-liaison', '/', '待办事项', { width: 360, height: 740 }],
    ];
    for (const [who, path, text, size] of screens) {
      const p = await commands.openPage(`${API}/`, size);
      try {
        await commands.pageSignIn(p, await tokenOf(who));
        await commands.pageGoto(p, `${API}/#${path}`);
        await commands.pageWaitForText(p, text);
        const violations = await commands.pageAxe(p);
        expect(violations, `${path}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
      } finally {
        await commands.closePage(p);
      }
    }
  }, 120_000);
});
