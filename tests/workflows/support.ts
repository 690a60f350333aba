/**
 * Given/When helpers for the shipped-workflow scenarios: a server that publishes `workflows/` at
 * boot (workers off, so nothing fires behind the test's back), people working their inbox, and
 * durable timers fired the way the timer worker fires them once their time has come.
 */
import { timerTime } from '../../core/runtime/advance.js';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createChinaCalendar } from '../../core/calendar/index.js';
import type { Timer } from '../../core/machine/context.js';
import { startTestServer, testConfig, type TestServer } from '../support/server.js';

export { complete, startCase, taskOf, userId } from '../http/helpers.js';

export interface CaseView {
  status: string;
  state: string;
  title: string;
  visited: string[];
  tasks: Array<{ id: string; state: string; status: string; assigneeId: string | null; outcome: string | null }>;
}

export async function caseOf(s: TestServer, instanceId: string, as = 'admin'): Promise<CaseView> {
  const res = await s.call('GET', `/api/instances/${instanceId}`, { as });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as CaseView;
}

export const WORKFLOWS_DIR = join(process.cwd(), 'workflows');

/** The county office on a test database, with every shipped workflow published. */
export function bootOffice(start = new Date('2026-03-02T01:00:00Z')): Promise<TestServer> {
  return startTestServer({ config: testConfig({ workflowsDir: WORKFLOWS_DIR }), workers: false, start });
}

export interface InboxRow {
  id: string;
  instanceId: string;
  state: string;
  title: string;
  caseTitle: string;
  dueAt: string | null;
  overdue: boolean;
}

export async function inboxOf(s: TestServer, username: string, instanceId?: string): Promise<InboxRow[]> {
  const res = await s.call('GET', '/api/tasks?pageSize=200', { as: username });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const items = res.body.items as InboxRow[];
  return instanceId ? items.filter((t) => t.instanceId === instanceId) : items;
}

/** Completes `username`'s task in the case and expects it to be refused with `status`. */
export async function refused(s: TestServer, username: string, instanceId: string, body: Record<string, unknown>, status = 422) {
  const [t] = await inboxOf(s, username, instanceId);
  if (!t) throw new Error(`${username} has no task in ${instanceId}`);
  const res = await s.call('POST', `/api/tasks/${t.id}/complete`, { as: username, body });
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body.error as { code: string; pointer?: string; message: string; details: Record<string, unknown> };
}

/** Returns `username`'s task in the case to an earlier step. */
export async function sendBack(s: TestServer, username: string, instanceId: string, to: string, opinion: string) {
  const [t] = await inboxOf(s, username, instanceId);
  if (!t) throw new Error(`${username} has no task in ${instanceId}`);
  const res = await s.call('POST', `/api/tasks/${t.id}/return`, { as: username, body: { to, opinion } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

export async function historyOf(
  s: TestServer,
  instanceId: string,
  as = 'admin',
): Promise<Array<{ type: string; state: string | null; payload: Record<string, unknown>; actorName: string | null }>> {
  const res = await s.call('GET', `/api/instances/${instanceId}/history`, { as });
  expect(res.status).toBe(200);
  return res.body.items;
}

export async function dataOf(s: TestServer, instanceId: string): Promise<Record<string, any>> {
  const res = await s.call('GET', `/api/instances/${instanceId}`, { as: 'admin' });
  return res.body.data;
}

/** The durable timers the case holds now (what the engine scheduled as jobs). */
export async function timersOf(s: TestServer, instanceId: string): Promise<Timer[]> {
  const [row] = await s.db.execute<{ snapshot: { context: { timers: Record<string, Timer> } } }>('SELECT snapshot FROM instance WHERE id = $1', [instanceId]);
  return Object.values(row!.snapshot.context.timers);
}

const cn = createChinaCalendar();

/**
 * Lets the business calendar run until the case's `kind` timer of `state` is due, then fires it as
 * the timer worker would. `entered` is when the step was entered (the timer's anchor).
 */
export async function passTimer(s: TestServer, instanceId: string, state: string, kind: Timer['kind'], entered: Date, nth = 0) {
  const t = (await timersOf(s, instanceId)).filter((x) => x.state === state && x.kind === kind)[nth];
  if (!t) throw new Error(`no ${kind} timer on ${state}: ${JSON.stringify(await timersOf(s, instanceId))}`);
  const at = timerTime(cn, t, entered);
  if (at.getTime() > s.clock.now.getTime()) s.clock.set(at);
  const r = await s.engine.fireTimer(instanceId, t.key);
  expect(r, `timer ${t.key} was stale`).not.toBeNull();
  return { key: t.key, at };
}

/**
 * What the action worker does once a queued plugin action has run: records its outcome, writing
 * the call's `result` mapping (`patch`: data path → value) into the case. The workers are off in
 * these scenarios, so a test plays the plugin's part with the answer it would give.
 */
export async function actionSucceeded(s: TestServer, instanceId: string, action: string, patch: Record<string, unknown>) {
  const [job] = await s.db.execute<{ data: { requestId: string; state: string } }>(
    `SELECT data FROM pgboss.job WHERE name = 'chancery.action' AND data->>'instanceId' = $1 AND data->>'action' = $2 ORDER BY created_on DESC LIMIT 1`,
    [instanceId, action],
  );
  if (!job) throw new Error(`no ${action} queued for ${instanceId}`);
  await s.engine.recordActionOutcome({ instanceId, requestId: job.data.requestId, action, state: job.data.state, ok: true, patch, attempts: 1 });
}

/** Plugin action requests the case queued (the jobs a worker would run). */
export async function actionsQueued(s: TestServer, instanceId: string): Promise<Array<{ action: string; params: Record<string, unknown> }>> {
  const rows = await s.db.execute<{ data: { action: string; params: Record<string, unknown> } }>(
    `SELECT data FROM pgboss.job WHERE name = 'chancery.action' AND data->>'instanceId' = $1 ORDER BY created_on`,
    [instanceId],
  );
  return rows.map((r) => ({ action: r.data.action, params: r.data.params }));
}
