/**
 * The app's static files over real HTTP: text goes out brotli- or gzip-compressed as the browser
 * accepts, content-hashed chunks are cached for a year (`immutable`), index.html and the entry
 * scripts are revalidated on every load and answered 304 while unchanged.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountStaticFiles } from '../../app/cli/static-files.js';

const script = `export const greeting = '${'办理 '.repeat(4000)}';\n`;

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP: static files', () => {
  let port = 0;
  let close: () => void;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chancery-static-'));
    mkdirSync(join(dir, 'chunks'));
    writeFileSync(join(dir, 'index.html'), `<!doctype html><title>Chancery</title><script type="module" src="/app.js"></script>${'<!-- 政务 -->'.repeat(100)}`);
    writeFileSync(join(dir, 'app.js'), script);
    writeFileSync(join(dir, 'chunks', 'designer-AB12CD34.js'), script);
    const app = new Hono();
    mountStaticFiles(app, { publicDir: dir });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
    port = (server.address() as AddressInfo).port;
    close = () => server.close();
  });
  afterAll(() => close());

  it('sends brotli to browsers that take it, gzip to those that take only gzip, and plain text to the rest', async () => {
    const br = await get(port, '/app.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(Buffer.byteLength(script) / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);

    const gz = await get(port, '/app.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);

    const plain = await get(port, '/app.js', { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    expect(br.headers.etag).not.toBe(gz.headers.etag);
  });

  it('caches content-hashed chunks for a year and revalidates index.html and app.js', async () => {
    const chunk = await get(port, '/assets/chunks/designer-AB12CD34.js', { 'accept-encoding': 'br' });
    expect(chunk.status).toBe(200);
    expect(chunk.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(chunk.headers['content-encoding']).toBe('br');

    const index = await get(port, '/', { 'accept-encoding': 'gzip' });
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-encoding']).toBe('gzip');
    const again = await get(port, '/', { 'accept-encoding': 'gzip', 'if-none-match': index.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);

    const app = await get(port, '/app.js', { 'accept-encoding': 'br' });
    expect(app.headers['cache-control']).toBe('no-cache');
    expect((await get(port, '/app.js', { 'accept-encoding': 'br', 'if-none-match': app.headers.etag! })).status).toBe(304);
  });
});
