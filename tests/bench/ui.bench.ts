/**
 * The app's speed in headless Chromium (Debian's), against the real server serving the built app:
 * - initial load of `/`: bytes transferred (compressed as sent) and time until the sign-in form
 *   takes input, with an empty cache; and until a signed-in person's inbox shows its tasks;
 * - the inbox with 1,000 open tasks: the first page served and drawn (server query + render),
 *   and all 1,000 rows drawn at once by `<chancery-inbox>`.
 *
 * @example
 * import { runUiBench, formatUiBench } from './ui.bench.js';
 * const result = await runUiBench({ rounds: 5 });
 * console.log(formatUiBench(result));
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright';
import { startAppServer } from '../ui/app-server.js';
import { median } from './stats.js';

export interface UiBenchResult {
  /** Bytes over the wire for `/` with an empty cache, and what they were. */
  initialBytes: number;
  initialRequests: number;
  /** Navigation start → sign-in form accepts input (median, ms). */
  interactiveMs: number;
  /** Navigation start → a signed-in inbox lists its tasks (median, ms). */
  inboxReadyMs: number;
  /** `<chancery-inbox>` created → first page (20 of 1,000 tasks) fetched and drawn (median, ms). */
  inboxFirstPageMs: number;
  /** 1,000 tasks handed to `<chancery-inbox>` → drawn (median, ms). */
  inbox1000RenderMs: number;
  tasks: number;
  rounds: number;
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export async function runUiBench(options: { rounds?: number; tasks?: number; root?: string } = {}): Promise<UiBenchResult> {
  const rounds = options.rounds ?? 5;
  const tasks = options.tasks ?? 1000;
  const root = options.root ?? process.cwd();
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--if-needed', '--quiet'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  const app = await startAppServer(root, { quiet: true });
  let browser: Browser | undefined;
  try {
    // 1,000 documents waiting for the secretariat clerks (a pool task each).
    const { engine, db } = app.server;
    const [drafter] = await db.execute<{ id: string; unit_id: string }>(`SELECT id, unit_id FROM app_user WHERE username = 'mubiao1'`);
    const actor = { id: drafter!.id, unitId: drafter!.unit_id, isAdmin: false, lang: 'zh-CN' as const };
    for (let i = 0; i < tasks; i++) {
      await engine.startCase(actor, {
        definition: 'document-signoff',
        data: {
          subject: `关于第 ${i + 1} 项工作的通知`,
          docType: '县政办发',
          urgency: 'normal',
          secrecy: 'public',
          mainRecipients: '各乡镇人民政府',
          body: '现将有关事项通知如下，请认真贯彻落实，确保各项工作按时完成。',
        },
      });
    }
    const login = await fetch(`${app.api}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'zongheke1', password: 'demo-pass-2026' }),
    });
    const { token } = (await login.json()) as { token: string };

    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const interactive: number[] = [];
    const inboxReady: number[] = [];
    let bytes = 0;
    let requests = 0;
    for (let r = 0; r < rounds; r++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      let roundBytes = 0;
      let roundRequests = 0;
      cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
        roundBytes += e.encodedDataLength;
        roundRequests += 1;
      });
      await page.goto(`${app.api}/`);
      await page.getByLabel('用户名').waitFor({ state: 'visible' });
      interactive.push(await page.evaluate(() => performance.now()));
      if (r === 0) {
        await page.waitForLoadState('networkidle');
        bytes = roundBytes;
        requests = roundRequests;
      }
      await page.evaluate((t) => sessionStorage.setItem('chancery.token', t), token);
      await page.reload();
      await page.locator('chancery-inbox li.task').first().waitFor({ state: 'visible' });
      inboxReady.push(await page.evaluate(() => performance.now()));
      await context.close();
    }

    // The inbox element alone: first page from the server, then 1,000 rows at once.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${app.api}/`);
    await page.evaluate((t) => sessionStorage.setItem('chancery.token', t), token);
    await page.reload();
    await page.locator('chancery-inbox li.task').first().waitFor();
    const all = await page.evaluate(
      async ({ api, token }) => {
        const items: unknown[] = [];
        for (let p = 1; p <= 5; p++) {
          const res = await fetch(`${api}/api/tasks?pageSize=200&page=${p}`, { headers: { authorization: `Bearer ${token}` } });
          items.push(...((await res.json()) as { items: unknown[] }).items);
        }
        return items;
      },
      { api: app.api, token },
    );
    const firstPage: number[] = [];
    const render1000: number[] = [];
    for (let r = 0; r < rounds; r++) {
      firstPage.push(
        await page.evaluate(
          async ({ api, token }) => {
            const t0 = performance.now();
            const el = document.createElement('chancery-inbox') as HTMLElement & { updateComplete: Promise<boolean> };
            el.setAttribute('api', api);
            el.setAttribute('token', token);
            el.setAttribute('poll-seconds', '3600');
            document.body.append(el);
            await new Promise<void>((resolve) => el.addEventListener('chancery-inbox-loaded', () => resolve(), { once: true }));
            await el.updateComplete;
            const ms = performance.now() - t0;
            el.remove();
            return ms;
          },
          { api: app.api, token },
        ),
      );
      render1000.push(
        await page.evaluate(
          async ({ api, token, items }) => {
            const el = document.createElement('chancery-inbox') as HTMLElement & {
              updateComplete: Promise<boolean>;
              items: unknown[];
              total: number;
              loaded: boolean;
              pageSize: number;
            };
            el.setAttribute('api', api);
            el.setAttribute('token', token);
            el.setAttribute('poll-seconds', '3600');
            document.body.append(el);
            await new Promise<void>((resolve) => el.addEventListener('chancery-inbox-loaded', () => resolve(), { once: true }));
            await el.updateComplete;
            const t0 = performance.now();
            el.pageSize = items.length;
            el.items = items;
            el.total = items.length;
            await el.updateComplete;
            // Layout and paint of the new rows, not just the DOM.
            (el.shadowRoot!.querySelector('ul.tasks') as HTMLElement).getBoundingClientRect();
            await new Promise((r) => requestAnimationFrame(() => r(undefined)));
            const ms = performance.now() - t0;
            if (el.shadowRoot!.querySelectorAll('li.task').length !== items.length) throw new Error('not all rows drawn');
            el.remove();
            return ms;
          },
          { api: app.api, token, items: all },
        ),
      );
    }
    await context.close();
    return {
      initialBytes: bytes,
      initialRequests: requests,
      interactiveMs: median(interactive),
      inboxReadyMs: median(inboxReady),
      inboxFirstPageMs: median(firstPage),
      inbox1000RenderMs: median(render1000),
      tasks,
      rounds,
    };
  } finally {
    await browser?.close();
    await app.close();
  }
}

/** The result as Markdown table rows for BENCHMARKS.md. */
export function formatUiBench(r: UiBenchResult): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  return [
    '| App (headless Chromium, real server) | Result |',
    '|---|---|',
    `| Initial load of \`/\`, empty cache: transferred | ${kb(r.initialBytes)} in ${r.initialRequests} requests |`,
    `| Time to interactive (sign-in form takes input) | ${r.interactiveMs.toFixed(0)} ms |`,
    `| Signed-in inbox listed (navigation → rows) | ${r.inboxReadyMs.toFixed(0)} ms |`,
    `| Inbox first page of ${r.tasks.toLocaleString('en-US')} open tasks (query + render) | ${r.inboxFirstPageMs.toFixed(1)} ms |`,
    `| Inbox drawing all ${r.tasks.toLocaleString('en-US')} tasks at once | ${r.inbox1000RenderMs.toFixed(1)} ms |`,
    `| Rounds (median) | ${r.rounds} |`,
  ].join('\n');
}

// `tsx tests/bench/ui.bench.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runUiBench({ rounds: Number(process.env.ROUNDS ?? 5) });
  console.log(formatUiBench(r));
  process.exit(0);
}
