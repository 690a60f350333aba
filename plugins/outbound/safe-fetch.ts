/**
 * Outbound HTTP that cannot be turned against the inside of the network (SSRF): every address a
 * request would reach — the literal host, each DNS answer, each redirect — is checked, and
 * private, loopback, link-local (cloud metadata at 169.254.169.254), shared, multicast and
 * reserved ranges are refused unless the host or range is on the administrator's allowlist.
 * The connection goes to the very address that was checked, so DNS cannot change its answer in
 * between (rebinding).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { ChanceryError } from '../../core/index.js';

export interface OutboundPolicy {
  /** Hosts (`oa.example.gov.cn`, `127.0.0.1:8080`), addresses or ranges (`10.1.0.0/16`) allowed even when private. */
  allow?: readonly string[];
}

export interface OutboundRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
  /** Default 3. */
  maxRedirects?: number;
  /** Largest answer read, in bytes. Default 1 MiB. */
  maxBytes?: number;
  /** Default 15 000 ms. */
  timeoutMs?: number;
}

export interface OutboundResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** The final URL after redirects. */
  url: string;
  text(): string;
  json(): unknown;
}

const BLOCKED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) BLOCKED.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['100::', 64], ['::ffff:0:0', 96], ['64:ff9b::', 96],
] as const) BLOCKED.addSubnet(net, bits, 'ipv6');

const BLOCKED_NAMES = new Set(['metadata.google.internal', 'metadata', 'instance-data']);

/** An IPv4 address embedded in an IPv6 one (`::ffff:127.0.0.1`, `64:ff9b::a9fe:a9fe`). */
function embeddedV4(address: string): string | undefined {
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return undefined;
  const hi = parseInt(hex[1]!, 16);
  const lo = parseInt(hex[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why an address may not be reached, or undefined when it may. */
export function blockedReason(address: string): string | undefined {
  const v4 = embeddedV4(address);
  if (v4) return blockedReason(v4);
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  if (family === 4 && address === '169.254.169.254') return 'cloud metadata address';
  if (!BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6')) return undefined;
  if (family === 4 && address.startsWith('127.')) return 'loopback address';
  if (family === 6 && address === '::1') return 'loopback address';
  if (family === 4 && address.startsWith('169.254.')) return 'link-local address';
  if (family === 6 && /^fe[89ab]/i.test(address)) return 'link-local address';
  return 'private or reserved address';
}

function allowed(policy: OutboundPolicy, host: string, port: string, address: string): boolean {
  for (const raw of policy.allow ?? []) {
    const entry = raw.trim().toLowerCase();
    if (entry.includes('/')) {
      const [net, bits] = entry.split('/');
      const family = isIP(net ?? '');
      const list = new BlockList();
      if (family) {
        list.addSubnet(net!, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
        if (isIP(address) && list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6')) return true;
      }
      continue;
    }
    const bare = entry.replace(/^\[|\](?=:|$)/g, '');
    if (bare === host || bare === address || bare === `${host}:${port}` || bare === `${address}:${port}`) return true;
  }
  return false;
}

/** Checks one URL and returns the address to connect to (the DNS answer that was checked). */
export async function checkTarget(url: URL, policy: OutboundPolicy): Promise<{ address: string; family: 4 | 6 }> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ChanceryError('outbound.invalid_url', { url: url.href.slice(0, 200) });
  if (url.username || url.password) throw new ChanceryError('outbound.invalid_url', { url: `${url.protocol}//…@${url.host}` });
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  let addresses: Array<{ address: string; family: number }>;
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    if (BLOCKED_NAMES.has(host) && !allowed(policy, host, port, host)) throw new ChanceryError('outbound.refused', { host, address: host, reason: 'cloud metadata host' });
    try {
      addresses = await dnsLookup(host, { all: true, verbatim: true });
    } catch (e) {
      throw new ChanceryError('outbound.failed', { host, reason: `DNS: ${(e as Error).message}` });
    }
  }
  // Every answer must be acceptable: otherwise a name with one public and one private answer could be steered.
  for (const a of addresses) {
    const reason = blockedReason(a.address);
    if (reason && !allowed(policy, host, port, a.address)) throw new ChanceryError('outbound.refused', { host, address: a.address, reason });
  }
  const first = addresses[0];
  if (!first) throw new ChanceryError('outbound.failed', { host, reason: 'DNS gave no address' });
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

/**
 * @example
 * const res = await safeFetch('https://oa.example.gov.cn/hook', { method: 'POST', body, headers }, { allow: [] });
 * if (res.status >= 400) throw new Error(`${res.status}`);
 */
export async function safeFetch(target: string, request: OutboundRequest, policy: OutboundPolicy): Promise<OutboundResponse> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new ChanceryError('outbound.invalid_url', { url: target.slice(0, 200) });
  }
  const maxRedirects = request.maxRedirects ?? 3;
  let method = request.method ?? 'GET';
  let body = request.body;
  for (let hop = 0; ; hop++) {
    const pinned = await checkTarget(url, policy);
    const res = await once(url, pinned, { ...request, method, ...(body === undefined ? {} : { body }) });
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && typeof location === 'string') {
      if (hop >= maxRedirects) throw new ChanceryError('outbound.too_many_redirects', { host: url.hostname });
      url = new URL(location, url);
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      continue;
    }
    return res;
  }
}

function once(url: URL, pinned: { address: string; family: 4 | 6 }, r: OutboundRequest & { method: string }): Promise<OutboundResponse> {
  const maxBytes = r.maxBytes ?? 1024 * 1024;
  const lookup: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: r.method,
        headers: { 'user-agent': 'Chancery/0.1', ...r.headers, ...(r.body !== undefined ? { 'content-length': String(Buffer.byteLength(r.body)) } : {}) },
        lookup,
        timeout: r.timeoutMs ?? 15_000,
        ...(r.signal ? { signal: r.signal } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            req.destroy(new ChanceryError('outbound.too_large', { host: url.hostname, max: maxBytes }));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: buf,
            url: url.href,
            text: () => buf.toString('utf8'),
            json: () => JSON.parse(buf.toString('utf8')) as unknown,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new ChanceryError('outbound.failed', { host: url.hostname, reason: 'timed out' })));
    req.on('error', (e) => reject(e instanceof ChanceryError ? e : new ChanceryError('outbound.failed', { host: url.hostname, reason: (e as Error).message }, { cause: e })));
    if (r.body !== undefined) req.write(r.body);
    req.end();
  });
}
