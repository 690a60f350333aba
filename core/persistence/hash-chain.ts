/**
 * The hash chain both audit logs use (each case's `audit_event` rows, and the one `system_audit`
 * chain of administrative and security events). Each entry stores `prev_hash` and
 * `hash = sha256(prev_hash + canonicalJson(content))`, the first starting from 64 zeros, so
 * changing, removing or reordering an entry breaks the chain from that entry on.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** The `prev_hash` of a chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Why an entry does not fit its chain. */
export type ChainBreak = 'hash_mismatch' | 'prev_mismatch' | 'seq_gap';

export type ChainVerdict = { ok: true; checked: number } | { ok: false; seq: number; reason: ChainBreak; checked: number };

/** The hash of one entry given its predecessor's. */
export function chainHash(prevHash: string, content: Record<string, unknown>): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}

/**
 * Walks one chain in `seq` order (1, 2, 3 …), recomputing every hash and checking every link, and
 * reports the first entry that does not fit.
 *
 * @example
 * verifyChain(rows, (row) => ({ seq: row.seq, kind: row.kind, payload: row.payload }));
 */
export function verifyChain<E extends { seq: number; prevHash: string; hash: string }>(
  entries: Iterable<E>,
  contentOf: (entry: E) => Record<string, unknown>,
): ChainVerdict {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (const entry of entries) {
    const broken = (reason: ChainBreak) => ({ ok: false, seq: entry.seq, reason, checked }) as const;
    if (entry.seq !== expectedSeq) return broken('seq_gap');
    if (entry.prevHash !== prevHash) return broken('prev_mismatch');
    if (chainHash(prevHash, contentOf(entry)) !== entry.hash) return broken('hash_mismatch');
    prevHash = entry.hash;
    expectedSeq += 1;
    checked += 1;
  }
  return { ok: true, checked };
}
