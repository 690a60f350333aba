/**
 * SSRF: every spelling of an inside address is refused — IPv4-compatible (`::127.0.0.1`),
 * IPv4-mapped, NAT64, 6to4, Teredo, link-local, unique local, multicast, CGNAT, broadcast — a
 * refusal fails the action at once (never retried as a network error), and the http-form-data
 * allowlist holds on every redirect, not only the first URL.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { ChanceryError } from '../../core/errors.js';
import { checkTarget } from '../../plugins/outbound/safe-fetch.js';
import { publishDefinition, startCase } from '../http/helpers.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { caseRow, waitFor } from './support.js';

const verdict = async (url: string, allow: string[] = []) => {
  try {
    await checkTarget(new URL(url), { allow });
    return 'allowed';
  } catch (e) {
    return e instanceof ChanceryError ? `${e.code}: ${String(e.details?.['reason'])}` : String(e);
  }
};

describe('outbound address classification', () => {
  it.each([
    ['http://[::127.0.0.1]:9/', 'loopback address inside an IPv4-compatible IPv6 address'],
    ['http://[::7f00:1]/', 'loopback address inside an IPv4-compatible IPv6 address'],
    ['http://[::a00:1]/', 'private address inside an IPv4-compatible IPv6 address'],
    ['http://[::ffff:7f00:1]/', 'loopback address inside an IPv4-mapped IPv6 address'],
    ['http://[::ffff:169.254.169.254]/', 'cloud metadata address inside an IPv4-mapped IPv6 address'],
    ['http://[64:ff9b::a9fe:a9fe]/', 'cloud metadata address inside a NAT64 IPv6 address'],
    ['http://[64:ff9b::10.0.0.1]/', 'private address inside a NAT64 IPv6 address'],
    ['http://[64:ff9b:1::a00:1]/', 'private address inside a NAT64 IPv6 address'],
    ['http://[::ffff:0:7f00:1]/', 'loopback address inside an SIIT (RFC 6145) IPv6 address'],
    ['http://[2002:7f00:1::1]/', 'loopback address inside a 6to4 IPv6 address'],
    ['http://[2002:c0a8:101::]/', 'private address inside a 6to4 IPv6 address'],
    ['http://[2001:0:7f00:1::]/', 'loopback address inside a Teredo IPv6 address'],
    ['http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/', 'private address inside a Teredo IPv6 address'],
    ['http://[fe80::1]/', 'link-local address'],
    ['http://[fd12:3456::1]/', 'unique local (private) address'],
    ['http://[ff02::1]/', 'multicast address'],
    ['http://[::]/', 'unspecified address'],
    ['http://[::1]/', 'loopback address'],
    ['http://[fec0::1]/', 'deprecatedSiteLocal address'],
    ['http://[2001:db8::1]/', 'reserved address'],
    ['http://100.64.0.1/', 'shared (CGNAT) address'],
    ['http://255.255.255.255/', 'broadcast address'],
    ['http://224.0.0.1/', 'multicast address'],
    ['http://0.0.0.0/', 'unspecified address'],
    ['http://192.0.0.8/', 'reserved address'],
    ['http://2130706433/', 'loopback address'],
    ['http://0x7f.1/', 'loopback address'],
    ['http://169.254.169.254/', 'cloud metadata address'],
  ])('refuses %s (%s)', async (url, reason) => {
    expect(await verdict(url)).toBe(`outbound.refused: ${reason}`);
  });

  it.each([
    ['http://8.8.8.8/'],
    ['http://[2606:4700:4700::1111]/'],
    ['http://[::ffff:8.8.8.8]/'],
    ['http://[64:ff9b::808:808]/'],
    ['http://[2002:808:808::1]/'],
  ])('lets a public address through: %s', async (url) => {
    expect(await verdict(url)).toBe('allowed');
  });

  it('still lets the allowlist open an inside address on purpose', async () => {
    expect(await verdict('http://[fd00::5]:8080/', ['[fd00::5]:8080'])).toBe('allowed');
    expect(await verdict('http://10.1.2.3/', ['10.1.0.0/16'])).toBe('allowed');
  });
});

const push = (key: string, url: string): WorkflowDefinition => ({
  key,
  title: { 'zh-CN': '推送', en: 'Push' },
  initial: 'push',
  states: {
    push: { entry: [{ action: 'webhook.post', with: { url } }], on: { 'action.done': 'sent', 'action.failed': 'unsent' } },
    sent: { final: true },
    unsent: { final: true, result: 'rejected' },
  },
});

describe('a refused webhook target', () => {
  it('fails the action at once for http://[::127.0.0.1] — one attempt, not retried as a network error', async () => {
    const s = await startTestServer({ pluginSettings: { outbound: { allow: [] } } });
    try {
      await publishDefinition(s, push('to-v4-compatible', 'http://[::127.0.0.1]:9/hook'));
      const id = await startCase(s, 'zongheke1', 'to-v4-compatible');
      const done = await waitFor(
        () => caseRow(s, id),
        (c) => c.status !== 'running',
        'the refusal',
      );
      expect(done.state).toBe('unsent');
      const [run] = await s.db.execute<{ attempts: number; last_error: string }>('SELECT attempts, last_error FROM action_run WHERE instance_id = $1', [id]);
      expect(run!.attempts).toBe(1);
      expect(run!.last_error).toContain('outbound.refused');
    } finally {
      await s.close();
    }
  });
});

describe('http-form-data on redirects', () => {
  let s: TestServer;
  let port = 0;
  const hits: string[] = [];
  const portal: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/lists/moved') {
      res.writeHead(302, { location: '/admin/secrets' });
      res.end();
      return;
    }
    if (req.url === '/lists/old') {
      res.writeHead(301, { location: `http://127.0.0.1:${port}/lists/towns` });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify([{ value: 'a', label: 'A' }]));
  });
  beforeAll(async () => {
    await new Promise<void>((r) => portal.listen(0, '127.0.0.1', r));
    port = (portal.address() as AddressInfo).port;
    s = await startTestServer({
      pluginSettings: { outbound: { allow: [`127.0.0.1:${port}`] }, httpFormData: { allow: [`http://127.0.0.1:${port}/lists/`], cacheSeconds: 0 } },
    });
  });
  afterAll(async () => {
    await s.close();
    await new Promise<void>((r) => portal.close(() => r()));
  });

  it('refuses a redirect on the same host to a path outside the allowlisted prefix, and never follows it', async () => {
    const res = await s.call('GET', `/api/form-data/options?url=${encodeURIComponent(`http://127.0.0.1:${port}/lists/moved`)}`, { as: 'zongheke1' });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.code).toBe('outbound.refused');
    expect(hits).not.toContain('/admin/secrets');
  });

  it('follows a redirect that stays under the allowlisted prefix', async () => {
    const res = await s.call('GET', `/api/form-data/options?url=${encodeURIComponent(`http://127.0.0.1:${port}/lists/old`)}`, { as: 'zongheke1' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.options).toEqual([{ value: 'a', label: 'A' }]);
  });
});
