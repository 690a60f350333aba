/**
 * A receiver's answer cannot make the case unwritable: JSON nested thousands of levels deep or
 * text with NUL characters is kept as plain, storable text, and the action completes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { publishDefinition, startCase } from '../http/helpers.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { caseRow, waitFor } from './support.js';

const answers: Record<string, string> = {
  '/deep': '{"a":'.repeat(5000) + '1' + '}'.repeat(5000),
  '/nul': '{"caseNo":"OA-1\\u0000"}',
};

const push = (key: string, url: string): WorkflowDefinition => ({
  key,
  title: { 'zh-CN': '推送', en: 'Push' },
  initial: 'push',
  states: {
    push: { entry: [{ action: 'webhook.post', with: { url }, result: { 'oa.answer': '/body' } }], on: { 'action.done': 'sent', 'action.failed': 'unsent' } },
    sent: { final: true },
    unsent: { final: true, result: 'rejected' },
  },
});

describe('webhook answers a case can keep', () => {
  let s: TestServer;
  let port = 0;
  const rx: Server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(answers[req.url ?? ''] ?? '{}');
  });
  beforeAll(async () => {
    await new Promise<void>((r) => rx.listen(0, '127.0.0.1', r));
    port = (rx.address() as AddressInfo).port;
    s = await startTestServer({ pluginSettings: { outbound: { allow: [`127.0.0.1:${port}`] } } });
  });
  afterAll(async () => {
    await s.close();
    await new Promise<void>((r) => rx.close(() => r()));
  });

  it('keeps an answer nested 5,000 levels deep as text and completes the action', async () => {
    await publishDefinition(s, push('deep-answer', `http://127.0.0.1:${port}/deep`));
    const id = await startCase(s, 'zongheke1', 'deep-answer');
    const done = await waitFor(
      () => caseRow(s, id),
      (c) => c.status !== 'running',
      'the delivery',
    );
    expect(done.state).toBe('sent');
    const answer = (done.data as { oa: { answer: unknown } }).oa.answer;
    expect(typeof answer).toBe('string');
    expect((answer as string).startsWith('{"a":{"a":')).toBe(true);
  });

  it('keeps an answer with a NUL character as text without it', async () => {
    await publishDefinition(s, push('nul-answer', `http://127.0.0.1:${port}/nul`));
    const id = await startCase(s, 'zongheke1', 'nul-answer');
    const done = await waitFor(
      () => caseRow(s, id),
      (c) => c.status !== 'running',
      'the delivery',
    );
    expect(done.state).toBe('sent');
    expect((done.data as { oa: { answer: unknown } }).oa.answer).toBe('{"caseNo":"OA-1\\u0000"}');
  });
});
