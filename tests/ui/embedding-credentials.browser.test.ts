/**
 * Embedded elements on a page of another origin (this test page is one: the server allows it):
 * `<chancery-form>` takes the same credentials as every element (`api-key`, `token`, or the
 * page's answer to `chancery-token-request`) and reports refusals with `chancery-error`; a draft
 * key with no draft is not an error; the inbox stays live (stream events and polling, even when
 * the stream is silent); and a server that does not allow the page's origin is reported as a
 * CORS problem, not as a dropped connection.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import '../../ui/embed.js';
import type { ChanceryForm } from '../../forms/chancery-form.js';
import { API, call, tokenOf } from './support.js';

const FORM = `${API}/api/forms/petition-case/intake`;

const flow = {
  key: 'embed-live',
  title: { 'zh-CN': '嵌入实时', en: 'Embed live' },
  withdraw: { allowed: true },
  initial: 'handle',
  states: {
    handle: { title: { 'zh-CN': '办理', en: 'Handle' }, task: { assign: { users: ['zongheke2'] } }, on: { submit: 'done' } },
    done: { title: { 'zh-CN': '办结', en: 'Done' }, final: true },
  },
};

function mount<T extends HTMLElement>(tag: string, attrs: Record<string, string>): T {
  const el = document.createElement(tag) as T;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  return el;
}

function nextEvent<T>(el: EventTarget, type: string): Promise<CustomEvent<T>> {
  return new Promise((resolve) => el.addEventListener(type, (e) => resolve(e as CustomEvent<T>), { once: true }));
}

/** Every response the page's fetch got, by URL (the console's 404s come from these). */
function recordResponses(): { seen: Array<{ url: string; status: number }>; restore(): void } {
  const original = globalThis.fetch;
  const seen: Array<{ url: string; status: number }> = [];
  globalThis.fetch = async (input, init) => {
    const res = await original(input, init);
    seen.push({ url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, status: res.status });
    return res;
  };
  return { seen, restore: () => void (globalThis.fetch = original) };
}

afterEach(() => document.body.replaceChildren());

describe('<chancery-form> takes the credentials every element takes', () => {
  it('loads a form with an api-key attribute', async () => {
    const { key } = await call<{ key: string }>('POST', '/api/api-keys', 'admin', { name: 'form test', user: 'xinfang1' });
    const form = mount<ChanceryForm>('chancery-form', { api: API, 'api-key': key, src: FORM });
    await nextEvent(form, 'chancery-load');
    await expect.poll(() => form.shadowRoot?.textContent ?? '').toContain('信访来源');
  });

  it('asks the page for a token when it has none, and loads the form with the answer', async () => {
    const token = await tokenOf('xinfang1');
    const asked: string[] = [];
    document.addEventListener(
      'chancery-token-request',
      (e) => {
        asked.push((e.target as Element).tagName.toLowerCase());
        (e as CustomEvent<{ respond(t: string): void }>).detail.respond(token);
      },
      { once: true },
    );
    const form = mount<ChanceryForm>('chancery-form', { api: API, src: FORM });
    await nextEvent(form, 'chancery-load');
    expect(asked).toEqual(['chancery-form']);
  });

  it('fires chancery-error with the server’s code when the credentials are refused', async () => {
    const form = document.createElement('chancery-form') as ChanceryForm;
    const error = nextEvent<{ code: string; status: number; message: string }>(form, 'chancery-error');
    Object.assign(form, { api: API, token: 'not-a-token', lang: 'en' });
    form.setAttribute('src', FORM);
    document.body.append(form);
    const { detail } = await error;
    expect(detail).toMatchObject({ code: 'auth.invalid_token', status: 401 });
    expect(detail.message).toBe('The token is invalid or has expired');
  });

  it('treats a draft key with no saved draft as "no draft": 204, no 404 in the console', async () => {
    const responses = recordResponses();
    try {
      const form = mount<ChanceryForm>('chancery-form', { api: API, token: await tokenOf('xinfang1'), src: FORM, 'draft-key': `none-${Date.now()}` });
      await nextEvent(form, 'chancery-load');
      await expect.poll(() => responses.seen.filter((r) => r.url.includes('/api/drafts/')).map((r) => r.status)).toEqual([204]);
      expect(responses.seen.filter((r) => r.status >= 400)).toEqual([]);
    } finally {
      responses.restore();
    }
  });
});

describe('the embedded inbox stays live', () => {
  it('shows a task assigned to the person as soon as the stream says so (polling set far apart)', async () => {
    await call('POST', '/api/definitions/embed-live/publish', 'admin', { definition: flow }).catch(() => undefined);
    const inbox = mount('chancery-inbox', { api: API, token: await tokenOf('zongheke2'), 'poll-seconds': '600' });
    const totals: number[] = [];
    inbox.addEventListener('chancery-inbox-loaded', (e) => totals.push((e as CustomEvent<{ total: number }>).detail.total));
    await expect.poll(() => totals.length).toBeGreaterThan(0);
    // The stream is what is tested: the task is made once the server said the stream is ready.
    await expect.poll(() => inbox.dataset.live, { timeout: 8_000 }).toBe('stream');
    const before = totals.at(-1)!;
    await call('POST', '/api/instances', 'xinxi1', { definition: 'embed-live' });
    await expect.poll(() => totals.at(-1), { timeout: 8_000 }).toBe(before + 1);
  });

  it('polls every poll-seconds even while the stream is open but has nothing to say', async () => {
    await call('POST', '/api/definitions/embed-live/publish', 'admin', { definition: flow }).catch(() => undefined);
    const { id } = await call<{ id: string }>('POST', '/api/instances', 'xinxi1', { definition: 'embed-live' });
    const inbox = mount('chancery-inbox', { api: API, token: await tokenOf('zongheke2'), 'poll-seconds': '1' });
    const totals: number[] = [];
    inbox.addEventListener('chancery-inbox-loaded', (e) => totals.push((e as CustomEvent<{ total: number }>).detail.total));
    await expect.poll(() => totals.length).toBeGreaterThan(0);
    const before = totals.at(-1)!;
    // Withdrawing the case takes the task away; nothing is announced on the stream for that.
    await call('POST', `/api/instances/${id}/withdraw`, 'xinxi1', {});
    await expect.poll(() => totals.at(-1), { timeout: 8_000 }).toBe(before - 1);
  });
});

describe('a server that does not allow the page’s origin', () => {
  it('is reported as a CORS problem, in the page’s language, not as a dropped connection', async () => {
    // The portal's static server answers, but sends no CORS headers: what a Chancery server
    // without this origin in CHANCERY_CORS_ORIGINS looks like to the browser.
    const refusing = inject('portalOrigin');
    const inbox = document.createElement('chancery-inbox');
    const error = nextEvent<{ code: string; message: string }>(inbox, 'chancery-error');
    inbox.setAttribute('api', refusing);
    inbox.setAttribute('token', 'any');
    inbox.setAttribute('lang', 'en');
    document.body.append(inbox);
    const { detail } = await error;
    expect(detail.code).toBe('network.cors');
    expect(detail.message).toContain('CORS');
    expect(detail.message).toContain(location.origin);
    await expect.poll(() => inbox.shadowRoot?.textContent ?? '').toContain('CHANCERY_CORS_ORIGINS');
  });

  it('says "check the connection" when nothing answers at all', async () => {
    const inbox = document.createElement('chancery-inbox');
    const error = nextEvent<{ code: string; message: string }>(inbox, 'chancery-error');
    inbox.setAttribute('api', 'http://127.0.0.1:9');
    inbox.setAttribute('token', 'any');
    document.body.append(inbox);
    const { detail } = await error;
    expect(detail.code).toBe('network.failed');
    expect(detail.message).toContain('网络');
  });
});
