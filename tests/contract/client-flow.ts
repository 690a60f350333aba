/**
 * A portal's first flow through a client generated from the OpenAPI document (openapi-typescript
 * + openapi-fetch): sign in → start a case → inbox → claim → complete. It is type-checked under
 * `strict` with no casts by `npm run check:openapi` (after generating `tests/.tmp/contract/api.d.ts`);
 * if the document stops describing what a client needs, this file stops compiling.
 */
import createClient from 'openapi-fetch';
import type { paths } from '../.tmp/contract/api.js';

/** Runs the flow against a server; returns the case's version after the completion. */
export async function firstFlow(baseUrl: string, username: string, password: string, clerk: { username: string; password: string }): Promise<number> {
  const api = createClient<paths>({ baseUrl });

  const login = await api.POST('/api/auth/login', { body: { username, password } });
  if (!login.data) throw new Error(login.error.error.message);
  const drafter = { Authorization: `Bearer ${login.data.token}` };

  const started = await api.POST('/api/instances', {
    headers: drafter,
    params: { header: { 'Idempotency-Key': 'portal-start-1' } },
    body: { definition: 'document-signoff', data: { subject: '关于做好春季防汛准备工作的通知', urgency: 'urgent', attachments: [] } },
  });
  if (!started.data) throw new Error(`${started.error.error.code}: ${started.error.error.message}`);
  const caseId: string = started.data.id;

  const clerkLogin = await api.POST('/api/auth/login', { body: clerk });
  if (!clerkLogin.data) throw new Error(clerkLogin.error.error.message);
  const asClerk = { Authorization: `Bearer ${clerkLogin.data.token}` };

  const inbox = await api.GET('/api/tasks', { headers: asClerk, params: { query: { scope: 'pool', pageSize: 50 } } });
  if (!inbox.data) throw new Error(inbox.error.error.message);
  const task = inbox.data.items.find((t) => t.instanceId === caseId);
  if (!task) throw new Error('the new case is not in the inbox');
  const due: string | null = task.dueAt;
  void due;

  const claimed = await api.POST('/api/tasks/{id}/claim', { headers: asClerk, params: { path: { id: task.id } } });
  if (!claimed.data) throw new Error(`${claimed.error.error.code}: ${claimed.error.error.message}`);

  const view = await api.GET('/api/tasks/{id}', { headers: asClerk, params: { path: { id: task.id } } });
  if (!view.data) throw new Error(view.error.error.message);
  const outcome = view.data.actions?.outcomes[0] ?? 'pass';

  const done = await api.POST('/api/tasks/{id}/complete', {
    headers: asClerk,
    params: { path: { id: task.id }, header: { 'Idempotency-Key': `portal-complete-${task.id}` } },
    body: { outcome, opinion: '同意。', data: { checks: ['format', 'wording'] } },
  });
  if (!done.data) {
    const e = done.error.error;
    throw new Error(`${e.code}${e.pointer === undefined ? '' : ` at ${e.pointer}`}: ${e.message}`);
  }
  return done.data.version;
}
