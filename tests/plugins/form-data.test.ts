/**
 * Select options from another system: only allowlisted addresses, through the SSRF-safe client,
 * mapped to { value, label } for the select widget.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

describe('GET /api/form-data/options', () => {
  let s: TestServer;
  let port = 0;
  let hits = 0;
  const portal = createServer((req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: [{ code: '330101', name: '十里镇' }, { code: '330102', name: '青山乡' }, { name: 'no code' }] }));
  });
  beforeAll(async () => {
    await new Promise<void>((r) => portal.listen(0, '127.0.0.1', r));
    port = (portal.address() as AddressInfo).port;
    s = await startTestServer({
      pluginSettings: { outbound: { allow: [`127.0.0.1:${port}`] }, httpFormData: { allow: [`http://127.0.0.1:${port}/lists/`], cacheSeconds: 60 } },
    });
  });
  afterAll(async () => {
    await s.close();
    await new Promise<void>((r) => portal.close(() => r()));
  });

  it('maps an allowlisted list into select options, and caches it', async () => {
    const url = `/api/form-data/options?url=${encodeURIComponent(`http://127.0.0.1:${port}/lists/towns`)}&items=/data&value=/code&label=/name`;
    const res = await s.call('GET', url, { as: 'zongheke1' });
    expect(res.status).toBe(200);
    expect(res.body.options).toEqual([
      { value: '330101', label: '十里镇' },
      { value: '330102', label: '青山乡' },
    ]);
    await s.call('GET', url, { as: 'zongheke1' });
    expect(hits).toBe(1);
  });

  it('refuses addresses outside the allowlist, even on the same host', async () => {
    for (const target of [`http://127.0.0.1:${port}/admin/secrets`, 'http://169.254.169.254/latest/meta-data/', 'http://localhost/lists/']) {
      const res = await s.call('GET', `/api/form-data/options?url=${encodeURIComponent(target)}`, { as: 'zongheke1' });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('outbound.refused');
    }
    expect((await s.app.request('/api/form-data/options?url=x')).status).toBe(401);
  });
});
