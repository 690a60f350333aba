/**
 * What a newcomer and an admin see first: the sign-in page is titled "登录" (not the inbox's
 * "待办"), and the admin calendar screen shows the server's notice that next year's holidays are
 * missing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import '../../ui/admin/index.js';
import type { ApiClient } from '../../ui/shared/api-client.js';
import { mountApp } from './support.js';

afterEach(() => document.body.replaceChildren());

describe('the first screens', () => {
  it('titles the sign-in page “登录”, whatever address it was opened at', async () => {
    await mountApp('#/');
    await expect.poll(() => document.title).toMatch(/^登录 · /);
    await mountApp('#/admin/calendar');
    await expect.poll(() => document.title).toMatch(/^登录 · /);
  });

  it('shows the missing next-year holidays notice on the admin calendar screen', async () => {
    const notice = {
      code: 'calendar.next_year_missing',
      year: 2032,
      'zh-CN': '2032 年的法定节假日安排尚未录入，跨年期限暂按周末计算；请在日历管理中录入',
      en: 'The official holidays of 2032 are not entered yet',
    };
    const client = {
      base: '',
      url: (p: string) => p,
      get: async () => ({ key: 'cn', year: 2031, covered: false, notice, items: [], total: 0, page: 1, pageSize: 1 }),
      command: async () => ({}),
      authedFetch: fetch,
    } as unknown as ApiClient;
    const el = document.createElement('chancery-calendar-admin') as HTMLElement & { client: ApiClient };
    el.client = client;
    document.body.append(el);
    await expect.poll(() => el.shadowRoot?.querySelector('[role="status"]')?.textContent ?? '').toContain('2032 年的法定节假日安排尚未录入');
  });
});
