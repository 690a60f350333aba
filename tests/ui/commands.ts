/**
 * Browser commands for the app tests (they run in Node with the test's Playwright context): open a
 * real page of another origin (the built app at `/`, a portal page), drive it by role and label,
 * read events the page recorded, scan it with axe-core, and screenshot it at a given width.
 * Page handles are ids so tests stay plain data.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright';
import type { BrowserCommand } from 'vitest/node';

const pages = new Map<string, Page>();
let next = 0;
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

function pageOf(id: string): Page {
  const p = pages.get(id);
  if (!p) throw new Error(`no page ${id}`);
  return p;
}

type Ctx = Parameters<BrowserCommand<[]>>[0] & { context: import('playwright').BrowserContext };

export const openPage: BrowserCommand<[url: string, viewport?: { width: number; height: number }]> = async (ctx, url, viewport) => {
  const page = await (ctx as Ctx).context.newPage();
  await page.setViewportSize(viewport ?? { width: 1280, height: 900 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url, { waitUntil: 'load' });
  const id = `p${++next}`;
  pages.set(id, page);
  return id;
};

export const closePage: BrowserCommand<[id: string]> = async (_ctx, id) => {
  await pageOf(id).close();
  pages.delete(id);
};

export const pageGoto: BrowserCommand<[id: string, url: string]> = async (_ctx, id, url) => {
  await pageOf(id).goto(url, { waitUntil: 'load' });
};

export const pageViewport: BrowserCommand<[id: string, width: number, height: number]> = async (_ctx, id, width, height) => {
  await pageOf(id).setViewportSize({ width, height });
};

/** Waits until `text` is visible (inside shadow roots too) and returns the page's text. */
export const pageWaitForText: BrowserCommand<[id: string, text: string, timeout?: number]> = async (_ctx, id, text, timeout = 10_000) => {
  const page = pageOf(id);
  await page.getByText(text).filter({ visible: true }).first().waitFor({ state: 'visible', timeout });
  return true;
};

export const pageFill: BrowserCommand<[id: string, label: string, value: string]> = async (_ctx, id, label, value) => {
  await pageOf(id).getByLabel(label, { exact: true }).first().fill(value);
};

export const pageClick: BrowserCommand<[id: string, role: 'button' | 'link', name: string]> = async (_ctx, id, role, name) => {
  await pageOf(id).getByRole(role, { name }).first().click();
};

export const pageText: BrowserCommand<[id: string, selector: string]> = async (_ctx, id, selector) =>
  (await pageOf(id).locator(selector).first().textContent()) ?? '';

/** Waits until `selector` (shadow-piercing CSS) matches at least `count` elements; returns how many match. */
export const pageCount: BrowserCommand<[id: string, selector: string, count?: number]> = async (_ctx, id, selector, count = 1) => {
  const loc = pageOf(id).locator(selector);
  await loc.nth(count - 1).waitFor({ state: 'attached', timeout: 10_000 });
  return loc.count();
};

/** axe-core violations of impact serious or critical (WCAG 2.1 A/AA rules). */
export const pageAxe: BrowserCommand<[id: string]> = async (_ctx, id) => {
  const page = pageOf(id);
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: unknown,
            o: unknown,
          ): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown; failureSummary?: string }> }> }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`),
      }));
  });
};

/**
 * Screenshot to a path relative to the repository root — only with `UPDATE_SCREENSHOTS=1`; otherwise
 * to the same name under the system's temporary folder, so a test run never rewrites tracked files.
 * Returns where it went.
 */
export const pageScreenshot: BrowserCommand<[id: string, path: string, fullPage?: boolean]> = async (ctx, id, path, fullPage = true) => {
  const { join, resolve } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const target = process.env.UPDATE_SCREENSHOTS === '1' ? resolve(ctx.project.config.root, path) : join(tmpdir(), 'chancery-screenshots', path);
  await pageOf(id).screenshot({ path: target, fullPage, animations: 'disabled' });
  return target;
};

/**
 * Waits until the page's layout stops moving: the boxes of its diagrams and charts (SVG, canvas,
 * laid out after the text arrives) and the page height are the same over several animation
 * frames. An awaited condition instead of a fixed pause.
 */
export const pageSettled: BrowserCommand<[id: string, timeout?: number]> = async (_ctx, id, timeout = 10_000) => {
  await pageOf(id).waitForFunction(
    () => {
      const w = window as unknown as { __chanceryLayout?: { last: string; same: number } };
      const boxes = [...document.querySelectorAll('svg, canvas')].map((e) => {
        const r = e.getBoundingClientRect();
        return `${Math.round(r.x)},${Math.round(r.y)},${Math.round(r.width)},${Math.round(r.height)}`;
      });
      const now = `${document.documentElement.scrollHeight}|${boxes.join(';')}`;
      const state = (w.__chanceryLayout ??= { last: '', same: 0 });
      state.same = now === state.last ? state.same + 1 : 0;
      state.last = now;
      return state.same >= 5;
    },
    undefined,
    { polling: 'raf', timeout },
  );
};

/** Puts a token in the page's sessionStorage (a signed-in tab) and reloads. */
export const pageSignIn: BrowserCommand<[id: string, token: string]> = async (_ctx, id, token) => {
  const page = pageOf(id);
  await page.evaluate((t) => sessionStorage.setItem('chancery.token', t), token);
  await page.reload({ waitUntil: 'load' });
};

export const appCommands = {
  openPage,
  closePage,
  pageGoto,
  pageViewport,
  pageWaitForText,
  pageFill,
  pageClick,
  pageText,
  pageCount,
  pageAxe,
  pageScreenshot,
  pageSettled,
  pageSignIn,
};

declare module 'vitest/browser' {
  interface BrowserCommands {
    openPage(url: string, viewport?: { width: number; height: number }): Promise<string>;
    closePage(id: string): Promise<void>;
    pageGoto(id: string, url: string): Promise<void>;
    pageViewport(id: string, width: number, height: number): Promise<void>;
    pageWaitForText(id: string, text: string, timeout?: number): Promise<boolean>;
    pageFill(id: string, label: string, value: string): Promise<void>;
    pageClick(id: string, role: 'button' | 'link', name: string): Promise<void>;
    pageText(id: string, selector: string): Promise<string>;
    pageCount(id: string, selector: string, count?: number): Promise<number>;
    pageAxe(id: string): Promise<Array<{ id: string; impact: string; help: string; nodes: string[] }>>;
    pageScreenshot(id: string, path: string, fullPage?: boolean): Promise<string>;
    pageSettled(id: string, timeout?: number): Promise<void>;
    pageSignIn(id: string, token: string): Promise<void>;
  }
}
