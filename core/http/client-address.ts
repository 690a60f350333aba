/**
 * The address a request came from: the socket's peer, or — when that peer is a trusted reverse
 * proxy (`CHANCERY_TRUSTED_PROXIES`) — the last address in `X-Forwarded-For` that is not one of
 * the proxies. A client cannot choose its address by sending the header itself.
 */
import type { Context } from 'hono';
import ipaddr from 'ipaddr.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses the configured proxies once (`10.0.0.0/8`, `127.0.0.1`, `::1`). */
export function trustedRanges(entries: readonly string[]): Range[] {
  return entries.map((e) => {
    if (e.includes('/')) return ipaddr.parseCIDR(e);
    const a = ipaddr.parse(e);
    return [a, a.kind() === 'ipv4' ? 32 : 128];
  });
}

function normal(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  try {
    const a = ipaddr.parse(text.trim());
    // ::ffff:10.0.0.1 is the IPv4 peer as a dual-stack socket reports it.
    return a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress() ? (a as ipaddr.IPv6).toIPv4Address() : a;
  } catch {
    return undefined;
  }
}

const inRanges = (a: ipaddr.IPv4 | ipaddr.IPv6, ranges: readonly Range[]) => ranges.some(([net, bits]) => net.kind() === a.kind() && a.match(net, bits));

/** The client's address as text, or `unknown` when the request has no socket (in-process calls). */
export function clientAddress(c: Context, trusted: readonly Range[]): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } }; server?: { incoming?: { socket?: { remoteAddress?: string } } } } | undefined;
  const peerText = (env?.server ?? env)?.incoming?.socket?.remoteAddress;
  const peer = peerText ? normal(peerText) : undefined;
  if (!peer) return 'unknown';
  if (trusted.length === 0 || !inRanges(peer, trusted)) return peer.toString();
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map(normal);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (!hop) break;
    if (!inRanges(hop, trusted)) return hop.toString();
  }
  return peer.toString();
}
