/** Given/When helpers for HTTP scenario tests. */
import { expect } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import type { TestServer } from '../support/server.js';

export async function publishDefinition(s: TestServer, def: WorkflowDefinition): Promise<number> {
  const res = await s.call('POST', `/api/definitions/${def.key}/publish`, { as: 'admin', body: { definition: def } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.version as number;
}

export async function startCase(s: TestServer, as: string, definition: string, data: Record<string, unknown> = {}): Promise<string> {
  const res = await s.call('POST', '/api/instances', { as, body: { definition, data } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** The open task of `username` in the case (by inbox), failing clearly when there is none. */
export async function taskOf(s: TestServer, username: string, instanceId: string): Promise<string> {
  const res = await s.call('GET', '/api/tasks?pageSize=200', { as: username });
  expect(res.status).toBe(200);
  const t = (res.body.items as Array<{ id: string; instanceId: string }>).find((x) => x.instanceId === instanceId);
  if (!t) throw new Error(`${username} has no task in ${instanceId}; inbox: ${JSON.stringify(res.body.items.map((i: { state: string }) => i.state))}`);
  return t.id;
}

export async function complete(s: TestServer, username: string, instanceId: string, body: Record<string, unknown> = {}) {
  const taskId = await taskOf(s, username, instanceId);
  const res = await s.call('POST', `/api/tasks/${taskId}/complete`, { as: username, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

export async function caseOf(s: TestServer, instanceId: string, as = 'admin') {
  const res = await s.call('GET', `/api/instances/${instanceId}`, { as });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    status: string;
    state: string;
    tasks: Array<{ id: string; state: string; status: string; assigneeId: string; actingForId: string | null; outcome: string | null }>;
  };
}

export async function userId(s: TestServer, username: string): Promise<string> {
  const [row] = await s.db.execute<{ id: string }>('SELECT id FROM app_user WHERE username = $1', [username]);
  return row!.id;
}
