/**
 * Browser-side helpers for the app tests: the real server's address, direct API calls for the
 * Given steps (as a named demo user), and mounting `<chancery-app>` against the server.
 */
import { inject } from 'vitest';
import { page } from 'vitest/browser';
import '../../ui/app/main.js';
import type { ChanceryApp } from '../../ui/app/chancery-app.js';

export const API = inject('chanceryApi');
/** The demo accounts' passwords (tests/support/server.ts). */
const PASSWORDS: Record<string, string> = { admin: 'admin-pass-2026' };
const DEMO_PASSWORD = 'demo-pass-2026';

const tokens = new Map<string, string>();
export async function tokenOf(username: string): Promise<string> {
  const hit = tokens.get(username);
  if (hit) return hit;
  const res = await fetch(`${API}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORDS[username] ?? DEMO_PASSWORD }),
  });
  const body = (await res.json()) as { token?: string };
  if (!body.token) throw new Error(`login failed for ${username}: ${JSON.stringify(body)}`);
  tokens.set(username, body.token);
  return body.token;
}

export async function call<T = any>(method: string, path: string, as: string, body?: unknown): Promise<T> {
  const res = await fetch(`${API}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenOf(as)}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path} as ${as}: ${res.status} ${JSON.stringify(json)}`);
  return json as T;
}

/** The open task of `username` in a case. */
export async function taskOf(username: string, instanceId: string): Promise<string> {
  const inbox = await call<{ items: Array<{ id: string; instanceId: string }> }>('GET', '/api/tasks?pageSize=200', username);
  const t = inbox.items.find((i) => i.instanceId === instanceId);
  if (!t) throw new Error(`${username} has no task in ${instanceId}`);
  return t.id;
}

/** `<chancery-app>` against the real server, signed out, at `hash`. */
export async function mountApp(hash = '#/'): Promise<ChanceryApp> {
  sessionStorage.clear();
  localStorage.removeItem('chancery.lang');
  document.body.replaceChildren();
  document.body.style.margin = '0';
  history.replaceState(null, '', hash);
  const app = document.createElement('chancery-app') as ChanceryApp;
  app.setAttribute('api', API);
  document.body.append(app);
  await app.updateComplete;
  return app;
}

/** Signs in through the login form, as a person would. */
export async function signInAs(username: string): Promise<void> {
  await page.getByLabelText('用户名').fill(username);
  await page.getByLabelText('密码').fill(PASSWORDS[username] ?? DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

export async function signOut(): Promise<void> {
  await page.getByRole('button', { name: '退出' }).click();
}

/** A petition registered by `xinfang1` and assigned to a unit's handlers (through the API). */
export async function petitionAssignedTo(unitCode: string, petitioner: string, description = '村道损毁严重，雨天无法通行，请求尽快修复。'): Promise<string> {
  const { id } = await call<{ id: string }>('POST', '/api/instances', 'xinfang1', {
    definition: 'petition-case',
    data: {
      source: 'visit',
      receivedOn: '2026-03-02',
      realName: true,
      petitioner: { name: petitioner, phone: '13912345678', count: 1 },
      issues: [{ category: 'construction', description }],
    },
  });
  const units = await call<{ items: Array<{ id: string; code: string }> }>('GET', '/api/directory/units', 'admin');
  const unit = units.items.find((u) => u.code === unitCode)!.id;
  const task = await taskOf('xinfang1', id);
  await call('POST', `/api/tasks/${task}/claim`, 'xinfang1');
  await call('POST', `/api/tasks/${task}/complete`, 'xinfang1', {
    data: { unit, requirement: '请于 15 个工作日内调查处理并书面报告。' },
    opinion: '请民政局按程序办理。',
  });
  return id;
}
