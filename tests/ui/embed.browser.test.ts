/**
 * Embedding from another origin: the portal pages of docs/embedding.md (a plain HTML page and a
 * Vite-built React page) load `/embed.js` from the Chancery server and use an API key bound to
 * the portal's origin; the API answers them through CORS.
 */
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { commands } from 'vitest/browser';
import { API, petitionAssignedTo } from './support.js';

const portal = inject('portalOrigin');

describe('embedding in a portal on another origin', () => {
  it('shows the key holder’s inbox in a plain HTML page and tells the page which task was opened', async () => {
    await petitionAssignedTo('minzhengju', '门户甲');
    const id = await commands.openPage(`${portal}/inbox.html`);
    try {
      await commands.pageWaitForText(id, '信访件：门户甲');
      await commands.pageWaitForText(id, '收到待办');
      // Rows lead with the case title.
      await commands.pageClick(id, 'button', '信访件：门户甲');
      await commands.pageWaitForText(id, '打开事项');
      expect(await commands.pageText(id, '#log')).toMatch(/^打开事项 [0-9a-f-]{36}$/);
    } finally {
      await commands.closePage(id);
    }
  });

  it('works inside a React page built with Vite, which opens the task in <chancery-task>', async () => {
    await petitionAssignedTo('minzhengju', '门户乙');
    const id = await commands.openPage(`${portal}/react/`);
    try {
      await commands.pageWaitForText(id, 'React 收到待办');
      await commands.pageWaitForText(id, '信访件：门户乙');
      await commands.pageClick(id, 'button', '信访件：门户乙');
      await commands.pageWaitForText(id, '已打开');
      // the task element, on the same key, offers the pooled task for claiming
      await commands.pageWaitForText(id, '签收');
    } finally {
      await commands.closePage(id);
    }
  });

  it('refuses the key from a page on an origin it is not bound to', async () => {
    const key = inject('portalKey');
    const res = await fetch(`${API}/api/tasks`, { headers: { 'X-API-Key': key } });
    // this test page's origin is not the portal's
    expect(res.status).toBe(403);
  });
});
