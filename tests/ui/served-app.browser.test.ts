/** The built app as the server serves it at `/`: a real page on the server's own origin. */
import { describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { API } from './support.js';

describe('the app served at /', () => {
  it('shows the sign-in page, and after signing in the inbox in Chinese', async () => {
    const id = await commands.openPage(`${API}/`);
    try {
      await commands.pageWaitForText(id, '登录协同办公平台');
      await commands.pageFill(id, '用户名', 'xinfang1');
      await commands.pageFill(id, '密码', 'demo-pass-2026');
      await commands.pageClick(id, 'button', '登录');
      await commands.pageWaitForText(id, '待办事项');
      expect(await commands.pageText(id, 'chancery-app >> .who')).toBe('何芳');
    } finally {
      await commands.closePage(id);
    }
  });

  it('keeps a wrong password on the page with the server’s message', async () => {
    const id = await commands.openPage(`${API}/`);
    try {
      await commands.pageFill(id, '用户名', 'xinfang1');
      await commands.pageFill(id, '密码', 'wrong-password');
      await commands.pageClick(id, 'button', '登录');
      await commands.pageWaitForText(id, '用户名或密码错误');
    } finally {
      await commands.closePage(id);
    }
  });
});
