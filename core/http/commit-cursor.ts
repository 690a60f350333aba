/**
 * A cursor over a sequence-numbered table that misses no row committed out of order. Sequence
 * numbers are taken when a row is inserted, not when it commits, so a row with a lower number can
 * become visible after a higher one was read ("newer than the last I sent" would skip it). The
 * cursor keeps re-reading a short trailing window above a floor and remembers what it already
 * delivered there; the floor only passes a delivered row once it has been seen for `settleMs`,
 * by when every transaction that took a lower number has long committed or rolled back
 * (commands are short transactions).
 */

/** How long a transaction may hold an uncommitted notification and still be delivered. */
export const SETTLE_MS = 30_000;

export interface CommitCursor {
  /** Every row at or below the floor has been delivered or will never exist. */
  readonly floor: number;
  /** Sequence numbers above the floor already delivered (skip them when re-reading). */
  delivered(): number[];
  /** Whether `seq` still has to be delivered. */
  isNew(seq: number): boolean;
  /** Records a delivered row. */
  mark(seq: number): void;
  /** Raises the floor past rows delivered long enough ago. */
  settle(): void;
}

/**
 * @example
 * const cursor = createCommitCursor(lastSeen);
 * const rows = await db.execute('… WHERE seq > $1 AND NOT (seq = ANY($2)) ORDER BY seq', [cursor.floor, cursor.delivered()]);
 * for (const r of rows) if (cursor.isNew(r.seq)) { send(r); cursor.mark(r.seq); }
 * cursor.settle();
 */
export function createCommitCursor(start: number, options: { settleMs?: number; now?: () => number } = {}): CommitCursor {
  const settleMs = options.settleMs ?? SETTLE_MS;
  const now = options.now ?? Date.now;
  let floor = start;
  const seen = new Map<number, number>();
  return {
    get floor() {
      return floor;
    },
    delivered: () => [...seen.keys()],
    isNew: (seq) => seq > floor && !seen.has(seq),
    mark(seq) {
      if (seq > floor && !seen.has(seq)) seen.set(seq, now());
    },
    settle() {
      const settledBefore = now() - settleMs;
      let next = floor;
      for (const [seq, at] of seen) if (at <= settledBefore && seq > next) next = seq;
      if (next === floor) return;
      floor = next;
      for (const seq of seen.keys()) if (seq <= floor) seen.delete(seq);
    },
  };
}
