/**
 * webhook.post: a signed delivery reaches a local receiver (allowlisted), retried after a 503
 * with the same idempotency key, and its answer is mapped into the case; targets inside the
 * network are refused unless allowlisted — by address, after DNS, and on redirects.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { ChanceryError } from '../../core/errors.js';
import { checkTarget, safeFetch } from '../../plugins/outbound/safe-fetch.js';
import { verifyWebhook } from '../../plugins/webhook/index.js';
import { publishDefinition, startCase } from '../http/helpers.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { caseRow, waitFor } from './support.js';

interface Delivery {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

async function receiver(answer: (d: Delivery, n: number) => { status: number; body?: unknown; headers?: Record<string, string> }) {
  const got: Delivery[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const d = { url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      got.push(d);
      const a = answer(d, got.length);
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
      res.end(a.body === undefined ? '' : JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { got, port: (server.address() as AddressInfo).port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const pushDefinition = (key: string, url: string): WorkflowDefinition => ({
  key,
  title: { 'zh-CN': '推送到办公系统', en: 'Push to the office system' },
  initial: 'push',
  states: {
    push: {
      entry: [
        {
          action: 'webhook.post',
          with: { url, event: 'doc.issued', secret: 'oa-hook', body: { subject: '{{data.subject}}', copies: '{{data.copies}}' } },
          result: { 'oa.caseNo': '/body/caseNo', 'oa.status': '/status' },
        },
      ],
      on: { 'action.done': 'sent', 'action.failed': 'unsent' },
    },
    sent: { final: true },
    unsent: { final: true, result: 'rejected' },
  },
});

describe('webhook to a local receiver on the allowlist', () => {
  let s: TestServer;
  let rx: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    rx = await receiver((_d, n) => (n === 1 ? { status: 503 } : { status: 200, body: { caseNo: 'OA-2026-0042' } }));
    s = await startTestServer({ pluginSettings: { outbound: { allow: [`127.0.0.1:${rx.port}`] } } });
    const set = await s.call('PUT', '/api/admin/secrets/oa-hook', { as: 'admin', body: { value: 'shared-hmac-key-与办公系统约定', grants: ['webhook'] } });
    expect(set.status).toBe(200);
    await publishDefinition(s, pushDefinition('push-oa', `http://127.0.0.1:${rx.port}/hooks/chancery`));
  });
  afterAll(async () => {
    await s.close();
    await rx.close();
  });

  it('delivers signed JSON, retries the 503 with the same key, and maps the answer into the case', async () => {
    const id = await startCase(s, 'zongheke1', 'push-oa', { subject: '关于春耕的通知', copies: 3 });
    const done = await waitFor(
      () => caseRow(s, id),
      (c) => c.status !== 'running',
      'the delivery',
    );
    expect(done).toMatchObject({ status: 'completed', state: 'sent', data: { oa: { caseNo: 'OA-2026-0042', status: 200 } } });
    expect(rx.got).toHaveLength(2);
    const [first, second] = rx.got as [Delivery, Delivery];
    expect(second.url).toBe('/hooks/chancery');
    expect(second.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
    expect(second.headers['idempotency-key']).toMatch(new RegExp(`^${id}:`));
    const payload = JSON.parse(second.body);
    expect(payload).toMatchObject({ event: 'doc.issued', instanceId: id, data: { subject: '关于春耕的通知', copies: 3 } });
    const signed = {
      secret: 'shared-hmac-key-与办公系统约定',
      body: second.body,
      signature: second.headers['x-chancery-signature'] as string,
      timestamp: second.headers['x-chancery-timestamp'] as string,
    };
    expect(verifyWebhook(signed)).toBe(true);
    expect(verifyWebhook({ ...signed, secret: 'wrong' })).toBe(false);
    expect(verifyWebhook({ ...signed, body: second.body.replace('春耕', '秋收') })).toBe(false);
    expect(verifyWebhook({ ...signed, now: new Date(Number(signed.timestamp) * 1000 + 10 * 60_000) })).toBe(false); // replayed later
  });

  it('never returns or logs the secret', async () => {
    const list = await s.call('GET', '/api/admin/secrets', { as: 'admin' });
    expect(list.body.items).toEqual([expect.objectContaining({ name: 'oa-hook', grants: ['webhook'] })]);
    expect(JSON.stringify(list.body)).not.toContain('shared-hmac-key');
    expect(JSON.stringify(s.logged)).not.toContain('shared-hmac-key');
    const [row] = await s.db.execute<{ ciphertext: string }>('SELECT ciphertext FROM plugin_secret');
    expect(row!.ciphertext).not.toContain('shared');
    expect((await s.call('GET', '/api/admin/secrets', { as: 'zongheke1' })).status).toBe(403);
    const badGrant = await s.call('PUT', '/api/admin/secrets/x', { as: 'admin', body: { value: 'v', grants: ['webhook', 'nope'] } });
    expect(badGrant.status).toBe(422);
    expect(badGrant.body.error.pointer).toBe('/grants/1');
  });
});

describe('webhook targets inside the network', () => {
  const refused = async (url: string, allow: string[] = []) => {
    try {
      await checkTarget(new URL(url), { allow });
      return 'allowed';
    } catch (e) {
      return e instanceof ChanceryError ? e.code : String(e);
    }
  };

  it('refuses loopback, cloud metadata, private and a hostname resolving to loopback', async () => {
    expect(await refused('http://127.0.0.1:9/x')).toBe('outbound.refused');
    expect(await refused('http://169.254.169.254/latest/meta-data/')).toBe('outbound.refused');
    expect(await refused('http://10.0.0.1/hook')).toBe('outbound.refused');
    expect(await refused('http://localhost:9/hook')).toBe('outbound.refused');
    expect(await refused('http://[::1]:9/')).toBe('outbound.refused');
    expect(await refused('http://[::ffff:127.0.0.1]:9/')).toBe('outbound.refused');
    expect(await refused('http://192.168.1.20/')).toBe('outbound.refused');
    expect(await refused('http://0.0.0.0:9/')).toBe('outbound.refused');
    expect(await refused('file:///etc/passwd')).toBe('outbound.invalid_url');
  });

  it('lets through only what the allowlist names', async () => {
    expect(await refused('http://127.0.0.1:8080/x', ['127.0.0.1:8080'])).toBe('allowed');
    expect(await refused('http://127.0.0.1:8081/x', ['127.0.0.1:8080'])).toBe('outbound.refused');
    expect(await refused('http://10.1.2.3/x', ['10.1.0.0/16'])).toBe('allowed');
    expect(await refused('http://10.0.0.1/x', ['10.1.0.0/16'])).toBe('outbound.refused');
    expect(await refused('http://169.254.169.254/', ['127.0.0.1'])).toBe('outbound.refused');
    expect(await refused('http://localhost:8080/', ['localhost:8080'])).toBe('allowed');
  });

  it('refuses a redirect from an allowed host to the metadata address', async () => {
    const rx = await receiver(() => ({ status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/iam' } }));
    try {
      await expect(safeFetch(`http://127.0.0.1:${rx.port}/`, {}, { allow: [`127.0.0.1:${rx.port}`] })).rejects.toMatchObject({ code: 'outbound.refused' });
      expect(rx.got).toHaveLength(1);
    } finally {
      await rx.close();
    }
  });

  it('fails the action at once (no retries) and the definition takes action.failed; the receiver is never called', async () => {
    const rx = await receiver(() => ({ status: 200, body: {} }));
    const s = await startTestServer({ pluginSettings: { outbound: { allow: [] } } });
    try {
      await s.call('PUT', '/api/admin/secrets/oa-hook', { as: 'admin', body: { value: 'k', grants: ['webhook'] } });
      for (const [key, url] of [
        ['to-loopback', `http://127.0.0.1:${rx.port}/x`],
        ['to-metadata', 'http://169.254.169.254/latest/meta-data/'],
        ['to-private', 'http://10.0.0.1/hook'],
        ['to-localhost', `http://localhost:${rx.port}/x`],
      ] as const) {
        await publishDefinition(s, pushDefinition(key, url));
        const id = await startCase(s, 'zongheke1', key, { subject: 's' });
        const done = await waitFor(
          () => caseRow(s, id),
          (c) => c.status !== 'running',
          `the refusal of ${url}`,
        );
        expect(done.state).toBe('unsent');
        const [run] = await s.db.execute<{ attempts: number; last_error: string }>('SELECT attempts, last_error FROM action_run WHERE instance_id = $1', [id]);
        expect(run!.attempts).toBe(1);
        expect(run!.last_error).toContain('outbound.refused');
      }
      expect(rx.got).toHaveLength(0);
    } finally {
      await s.close();
      await rx.close();
    }
  });
});
