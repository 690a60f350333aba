import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { localDrafts } from '../../forms/widgets/draft-store.js';
import { mountForm, settle } from './pages/fixtures.js';
import type { JsonSchema, UiSchema } from '../../forms/model/types.js';

const schema: JsonSchema = { type: 'object', properties: { name: { type: 'string' }, content: { type: 'string' } } };
const ui: UiSchema = { fields: { '/name': { label: '姓名' }, '/content': { label: '内容' } } };

/** A fake drafts API: remembers PUTs, answers GETs, or fails like a dropped network. */
function fakeDraftServer(options: { offline?: boolean; stored?: { data: unknown; savedAt: string } } = {}) {
  const puts: { url: string; body: { data: unknown; savedAt: string } }[] = [];
  let stored = options.stored;
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (options.offline) throw new TypeError('Failed to fetch');
    const url = String(input);
    if (init?.method === 'PUT') {
      const body = JSON.parse(String(init.body));
      puts.push({ url, body });
      stored = body;
      return new Response(null, { status: 204 });
    }
    return stored ? Response.json(stored) : new Response('{}', { status: 404 });
  }) as typeof globalThis.fetch;
  return { fetch, puts };
}

const key = () => `case-${Math.random().toString(36).slice(2)}`;

describe('drafts', () => {
  it('autosaves to the server once typing pauses', async () => {
    const server = fakeDraftServer();
    const k = key();
    await mountForm({ schema, uiSchema: ui, fetch: server.fetch }, { api: 'https://oa.test', 'draft-key': k, 'draft-delay': '400' });
    await userEvent.fill(page.getByLabelText('姓名'), '郑十');
    await userEvent.fill(page.getByLabelText('内容'), '路灯不亮');
    // Awaited on what was saved, not on how many saves a loaded machine's pauses made.
    await expect.poll(() => server.puts.at(-1)?.body.data).toEqual({ name: '郑十', content: '路灯不亮' });
    expect(server.puts[0]?.url).toBe(`https://oa.test/api/drafts/${k}`);
    expect(server.puts.length).toBeLessThanOrEqual(2);
    await expect.element(page.getByText('草稿已保存')).toBeVisible();
  });

  it('saves to its own origin\'s server with api="" and never claims to be offline while it answers', async () => {
    const server = fakeDraftServer();
    const k = key();
    const form = await mountForm({ schema, uiSchema: ui, fetch: server.fetch }, { api: '', 'draft-key': k, 'draft-delay': '20' });
    const saved = new Promise<{ notice: string }>((resolve) =>
      form.addEventListener('chancery-draft-saved', (e) => resolve((e as CustomEvent).detail), { once: true }),
    );
    await userEvent.fill(page.getByLabelText('姓名'), '同源用户');
    expect((await saved).notice).toBe('saved');
    expect(server.puts.at(-1)?.url).toBe(`/api/drafts/${k}`);
    await expect.element(page.getByText('草稿已保存')).toBeVisible();
    expect(page.getByText(/离线/).elements()).toHaveLength(0);
  });

  it('says the server refused a draft (with its reason) instead of calling it offline', async () => {
    const k = key();
    const refusing = (async () => Response.json({ error: { code: 'request.invalid', message: '请求格式不正确' } }, { status: 400 })) as unknown as typeof fetch;
    await mountForm({ schema, uiSchema: ui, fetch: refusing }, { api: 'https://oa.test', 'draft-key': k, 'draft-delay': '20' });
    await userEvent.fill(page.getByLabelText('姓名'), '被拒用户');
    await expect.element(page.getByText('草稿未能保存到服务器（请求格式不正确），已保存在本机')).toBeVisible();
    expect(page.getByText(/离线/).elements()).toHaveLength(0);
  });

  it('offline: keeps the draft in IndexedDB, says so, and restores it on return', async () => {
    const k = key();
    await mountForm({ schema, uiSchema: ui, fetch: fakeDraftServer({ offline: true }).fetch }, { api: 'https://oa.test', 'draft-key': k, 'draft-delay': '20' });
    await userEvent.fill(page.getByLabelText('姓名'), '离线用户');
    await expect.element(page.getByText('离线，草稿已保存在本机')).toBeVisible();
    expect((await localDrafts.get(k))?.data).toEqual({ name: '离线用户' });

    const back = await mountForm({ schema, uiSchema: ui, fetch: fakeDraftServer({ offline: true }).fetch }, { api: 'https://oa.test', 'draft-key': k });
    await expect.element(page.getByText('已恢复您上次保存的草稿。')).toBeVisible();
    await expect.element(page.getByLabelText('姓名')).toHaveValue('离线用户');
    expect(back.data).toEqual({ name: '离线用户' });
  });

  it('tells the user when the server copy is newer and lets them take it', async () => {
    const k = key();
    await localDrafts.put(k, { data: { name: '本机旧稿' }, savedAt: '2026-01-01T08:00:00.000Z', synced: true });
    const server = fakeDraftServer({ stored: { data: { name: '服务器新稿' }, savedAt: '2026-01-02T08:00:00.000Z' } });
    const form = await mountForm({ schema, uiSchema: ui, fetch: server.fetch }, { api: 'https://oa.test', 'draft-key': k });
    await expect.element(page.getByText(/服务器上有较新的草稿/)).toBeVisible();
    await expect.element(page.getByLabelText('姓名')).toHaveValue('本机旧稿');
    await userEvent.click(page.getByRole('button', { name: '使用服务器草稿' }));
    await expect.element(page.getByLabelText('姓名')).toHaveValue('服务器新稿');
    expect(form.data).toEqual({ name: '服务器新稿' });
  });

  it('forgets the local draft after a successful submit', async () => {
    const k = key();
    const form = await mountForm({ schema, uiSchema: ui, fetch: fakeDraftServer().fetch }, { api: 'https://oa.test', 'draft-key': k, 'draft-delay': '20' });
    await userEvent.fill(page.getByLabelText('姓名'), '提交者');
    await expect.poll(async () => (await localDrafts.get(k))?.data).toEqual({ name: '提交者' });
    await form.submit();
    await settle();
    expect(await localDrafts.get(k)).toBeUndefined();
  });
});
