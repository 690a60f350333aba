/**
 * Rankings (排名) by any measure: rows ordered by the chosen measure (higher or lower is better, as
 * the measure says), ties broken by the table's usual order; rows equal on every key share a rank;
 * rows with no value for the chosen measure come last, unranked. Pure.
 */

/** A key to rank by and which way is better. */
export interface RankKey {
  key: string;
  better: 'higher' | 'lower';
}

/**
 * Sorts `rows` in place (stable: equal rows keep their order, the directory's unit order) and
 * sets `rank`.
 *
 * @example
 * rankRows(rows, [{ key: 'onTimeRate', better: 'higher' }, { key: 'overdueNow', better: 'lower' }], (r, k) => r[k]);
 */
export function rankRows<T extends { rank: number | null }>(
  rows: T[],
  keys: readonly RankKey[],
  value: (row: T, key: string) => number | null | undefined,
): T[] {
  const vector = (r: T) =>
    keys.map((k) => {
      const v = value(r, k.key);
      return v === null || v === undefined ? null : k.better === 'higher' ? -v : v;
    });
  const cmp = (a: (number | null)[], b: (number | null)[]) => {
    for (let i = 0; i < a.length; i++) {
      const x = a[i] ?? null;
      const y = b[i] ?? null;
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return x - y;
    }
    return 0;
  };
  const vectors = new Map(rows.map((r) => [r, vector(r)]));
  rows.sort((a, b) => cmp(vectors.get(a)!, vectors.get(b)!));
  rows.forEach((r, i) => {
    const v = vectors.get(r)!;
    if (v[0] === null) {
      r.rank = null;
      return;
    }
    const prev = rows[i - 1];
    r.rank = prev && prev.rank !== null && cmp(vectors.get(prev)!, v) === 0 ? prev.rank : i + 1;
  });
  return rows;
}
