/**
 * Outbound HTTP that cannot be turned against the inside of the network (SSRF): every address a
 * request would reach — the literal host, each DNS answer, each redirect — is checked, and
 * private, loopback, link-local (cloud metadata at 169.254.169.254), shared, multicast and
 * reserved ranges — in every IPv4 and IPv6 spelling (`address-class.ts`) — are refused unless the
 * host or range is on the administrator's allowlist. A refusal is a user error: the action
 * fails at once, never retried as if the network were down.
 * The connection goes to the very address that was checked, so DNS cannot change its answer in
 * between (rebinding).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { ChanceryError } from '../../core/index.js';
import { blockedReason } from './address-class.js';

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
  /**
   * The caller's own check of every URL the request goes to — the first and each redirect —
   * e.g. a URL-prefix allowlist; it throws to refuse.
   */
  checkUrl?: (url: URL) => void;
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

const BLOCKED_NAMES = new Set(['metadata.google.internal', 'metadata', 'instance-data']);

export { blockedReason };

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
    if (BLOCKED_NAMES.has(host) && !allowed(policy, host, port, host))
      throw new ChanceryError('outbound.refused', { host, address: host, reason: 'cloud metadata host' });
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
    request.checkUrl?.(url);
    const pinned = await checkTarget(url, policy);
    const { checkUrl: _check, ...options } = request;
    const res = await once(url, pinned, { ...options, method, ...(body === undefined ? {} : { body }) });
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && typeof location === 'string') {
      if (hop >= maxRedirects) throw new ChanceryError('outbound.too_many_redirects', { host: url.hostname });
      try {
        url = new URL(location, url);
      } catch {
        throw new ChanceryError('outbound.invalid_url', { url: location.slice(0, 200) });
      }
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
    req.on('error', (e) =>
      reject(e instanceof ChanceryError ? e : new ChanceryError('outbound.failed', { host: url.hostname, reason: (e as Error).message }, { cause: e })),
    );
    if (r.body !== undefined) req.write(r.body);
    req.end();
  });
}
