/**
 * Which addresses outbound requests may reach, decided by a well-kept parser (`ipaddr.js`) over
 * every way of writing one: plain IPv4 and IPv6, and the IPv6 forms that carry an IPv4 address
 * inside — IPv4-mapped (`::ffff:127.0.0.1`), IPv4-compatible (`::127.0.0.1` = `::7f00:1`),
 * NAT64 (`64:ff9b::/96`, RFC 6052/8215), SIIT (RFC 6145), 6to4 (`2002::/16`) and Teredo
 * (`2001::/32`). An embedded IPv4 address is judged like the plain one; only public unicast
 * passes.
 */
import ipaddr from 'ipaddr.js';

/** Why `address` may not be reached (English, for logs and the refusal), or undefined when it may. */
export function blockedReason(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return ipv4Reason(parsed as ipaddr.IPv4);
  const v6 = parsed as ipaddr.IPv6;
  const embedded = embeddedV4(v6);
  if (embedded.length > 0) {
    for (const { v4, form } of embedded) {
      const reason = ipv4Reason(v4);
      if (reason) return `${reason} inside ${form}`;
    }
    return undefined;
  }
  const range = v6.range();
  // Global unicast is 2000::/3; anything else (unassigned, segment routing, …) is not for us.
  if (range === 'unicast' && (v6.parts[0]! & 0xe000) === 0x2000) return undefined;
  return RANGE_REASONS[range] ?? `${range} address`;
}

function ipv4Reason(v4: ipaddr.IPv4): string | undefined {
  const s = v4.toString();
  if (s === '169.254.169.254' || s === '100.100.100.200') return 'cloud metadata address';
  const range = v4.range();
  return range === 'unicast' ? undefined : (RANGE_REASONS[range] ?? `${range} address`);
}

const RANGE_REASONS: Record<string, string> = {
  loopback: 'loopback address',
  linkLocal: 'link-local address',
  private: 'private address',
  uniqueLocal: 'unique local (private) address',
  carrierGradeNat: 'shared (CGNAT) address',
  multicast: 'multicast address',
  unspecified: 'unspecified address',
  broadcast: 'broadcast address',
  reserved: 'reserved address',
};

const fromWords = (hi: number, lo: number) => ipaddr.IPv4.parse(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);

/** The IPv4 addresses an IPv6 address carries, with the name of the form. */
function embeddedV4(v6: ipaddr.IPv6): Array<{ v4: ipaddr.IPv4; form: string }> {
  const p = v6.parts;
  const range = v6.range();
  const last = () => fromWords(p[6]!, p[7]!);
  switch (range) {
    case 'ipv4Mapped':
      return [{ v4: last(), form: 'an IPv4-mapped IPv6 address' }];
    case 'rfc6145':
      return [{ v4: last(), form: 'an SIIT (RFC 6145) IPv6 address' }];
    case 'rfc6052':
      return [{ v4: last(), form: 'a NAT64 IPv6 address' }];
    case '6to4':
      return [{ v4: fromWords(p[1]!, p[2]!), form: 'a 6to4 IPv6 address' }];
    case 'teredo':
      // Server in bits 32–63, client (bit-inverted) in the last 32 bits.
      return [
        { v4: fromWords(p[2]!, p[3]!), form: 'a Teredo IPv6 address' },
        { v4: fromWords(~p[6]! & 0xffff, ~p[7]! & 0xffff), form: 'a Teredo IPv6 address' },
      ];
  }
  // IPv4-compatible (deprecated): the first 96 bits are zero, as in `::7f00:1`; `::` and `::1` are not.
  if (p.slice(0, 6).every((w) => w === 0) && (p[6]! !== 0 || p[7]! > 1)) return [{ v4: last(), form: 'an IPv4-compatible IPv6 address' }];
  return [];
}
