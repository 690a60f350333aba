/**
 * The form against the real Chancery server (started by the browser project's globalSetup): the
 * bundle and its precompiled validator come from `GET /api/forms/…`, files go to `POST /api/files`,
 * and integrator pages — plain HTML loading `embed.js`, and a React page built with Vite — get
 * `chancery-submit`.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { demoToken } from './pages/demo-login.js';
import { settle, shadow } from './pages/fixtures.js';
import type { ChanceryForm, ChanceryFormDetail } from '../../forms/components.js';

const api = inject('chanceryApi');
let token = '';

beforeAll(async () => {
  token = await demoToken(api, 'zongheke1');
});

type Meeting = { topic?: string; materials?: Record<string, unknown>[] };

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Types into a field of a form the test cannot reach with page locators (inside an iframe). */
function type(form: ChanceryForm, pointer: string, value: string): void {
  const id = `f${pointer.replace(/[^A-Za-z0-9]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;
  const input = shadow(form).querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`);
  if (!input) throw new Error(`no field ${pointer}`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function fillMeeting(form: ChanceryForm, topic: string): void {
  type(form, '/topic', topic);
  type(form, '/necessity', '汛期将至，需统筹部署全县防汛抗旱工作。');
  type(form, '/participants', '各乡镇、水利局、应急局');
  type(form, '/scale', '60');
  type(form, '/date', '2026-06-01');
  type(form, '/venue', '县政府第一会议室');
  type(form, '/budget', '3000');
}

function submitButton(form: ChanceryForm): HTMLButtonElement {
  const button = shadow(form).querySelector<HTMLButtonElement>('button[type=submit]');
  if (!button) throw new Error('no submit button');
  return button;
}

/** Opens a same-origin page in an iframe and waits for its form to render its fields. */
async function openPage(url: string): Promise<{ win: Window & Record<string, unknown>; doc: Document; form: ChanceryForm }> {
  document.body.replaceChildren();
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width:900px;height:1000px';
  frame.src = url;
  document.body.append(frame);
  await new Promise((r) => frame.addEventListener('load', r, { once: true }));
  const win = frame.contentWindow as Window & Record<string, unknown>;
  const doc = frame.contentDocument as Document;
  await expect.poll(() => doc.querySelector('chancery-form')?.shadowRoot?.querySelector('#f_2ftopic'), { timeout: 30_000 }).toBeTruthy();
  return { win, doc, form: doc.querySelector('chancery-form') as ChanceryForm };
}

describe('the form on the real server', () => {
  it('uploads a chosen file to POST /api/files and keeps only its ref in the data', async () => {
    document.body.replaceChildren();
    const form = document.createElement('chancery-form') as ChanceryForm;
    form.api = api;
    form.token = token;
    form.src = `${api}/api/forms/meeting-request/request`;
    document.body.append(form);
    await expect.element(page.getByRole('heading', { name: '会议申请' })).toBeVisible();

    const bytes = new TextEncoder().encode('会议材料：议程、预算与参会名单');
    await userEvent.upload(page.getByLabelText('会议材料'), new File([bytes], '议程.txt', { type: 'text/plain' }));
    await expect.poll(() => (form.data as Meeting).materials?.length, { timeout: 10_000 }).toBe(1);
    const ref = (form.data as Meeting).materials?.[0] as Record<string, unknown>;
    expect(Object.keys(ref).sort()).toEqual(['id', 'mime', 'name', 'sha256', 'size']);
    expect(ref).toMatchObject({ name: '议程.txt', size: bytes.length, mime: 'text/plain', sha256: await sha256(bytes) });

    // The server holds exactly those bytes under that id.
    const stored = await fetch(`${api}/api/files/${String(ref.id)}`, { headers: { authorization: `Bearer ${token}` } });
    expect(stored.status).toBe(200);
    expect(new Uint8Array(await stored.arrayBuffer())).toEqual(bytes);

    // The ref passes the server's own validator (loaded as its precompiled module) on submit.
    const submitted: ChanceryFormDetail[] = [];
    form.addEventListener('chancery-submit', (e) => submitted.push((e as CustomEvent<ChanceryFormDetail>).detail));
    fillMeeting(form, '防汛工作部署会');
    await userEvent.click(page.getByRole('button', { name: '提交' }));
    await expect.poll(() => submitted.length).toBe(1);
    expect((submitted[0]?.data as Meeting).materials).toEqual([ref]);
  });

  it('refuses an upload without a login, and the field says so', async () => {
    document.body.replaceChildren();
    const form = document.createElement('chancery-form') as ChanceryForm;
    form.api = api;
    form.token = token;
    form.src = `${api}/api/forms/meeting-request/request`;
    document.body.append(form);
    await expect.element(page.getByRole('heading', { name: '会议申请' })).toBeVisible();
    form.token = null;
    await settle();
    await userEvent.upload(page.getByLabelText('会议材料'), new File(['x'], '无权.txt', { type: 'text/plain' }));
    // The server's own reason, in the form's language.
    await expect.element(page.getByRole('alert')).toHaveTextContent(/^「无权\.txt」上传失败：.*登录/);
    expect((form.data as Meeting).materials ?? []).toEqual([]);
  });
});

describe("the form inside integrators' pages", () => {
  it("a plain HTML page loading embed.js receives chancery-submit after the server's validator passes", async () => {
    const { win, doc, form } = await openPage(`/__chancery/embed/plain.html?api=${encodeURIComponent(api)}&token=${encodeURIComponent(token)}`);
    fillMeeting(form, '防汛');
    submitButton(form).click();
    await expect.poll(() => shadow(form).querySelector('.summary')?.textContent ?? '').toContain('会议议题');
    expect(win.plainSubmitted).toEqual([]);

    type(form, '/topic', '防汛工作部署会');
    submitButton(form).click();
    await expect.poll(() => (win.plainSubmitted as ChanceryFormDetail[]).length).toBe(1);
    const [detail] = win.plainSubmitted as ChanceryFormDetail[];
    expect(detail?.valid).toBe(true);
    expect(detail?.data).toMatchObject({ topic: '防汛工作部署会', scale: 60, budget: 3000, date: '2026-06-01' });
    expect(doc.getElementById('status')?.textContent).toBe('已提交：防汛工作部署会');
  });

  it('a React page built with Vite receives chancery-submit in its callback', async () => {
    const { win, doc, form } = await openPage(`/__chancery/embed/react/?api=${encodeURIComponent(api)}&token=${encodeURIComponent(token)}`);
    expect(doc.querySelector('header')?.textContent).toBe('民政局门户 · 会议申请');
    submitButton(form).click();
    await expect.poll(() => doc.getElementById('status')?.textContent).toBe('React 收到校验错误 7 处');

    fillMeeting(form, '防汛工作部署会');
    submitButton(form).click();
    await expect.poll(() => doc.getElementById('status')?.textContent).toBe('React 收到提交：防汛工作部署会');
    const submitted = win.reactSubmitted as ChanceryFormDetail[];
    expect(submitted).toHaveLength(1);
    expect(submitted[0]?.data).toMatchObject({ topic: '防汛工作部署会', participants: '各乡镇、水利局、应急局' });
  });
});
