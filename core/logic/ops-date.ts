/**
 * Dates in rules: `{"date_diff": [from, to, "hours"]}` is how much later `to` is than `from`
 * (ISO dates or date-times; `days`, `hours` or `minutes`, default days), rounded down; null when
 * either is not a date. Time itself enters rules only as data (`now` in the case's scope).
 */
import type { Operator } from './operator.js';

const UNIT_MS = { days: 86_400_000, hours: 3_600_000, minutes: 60_000 } as const;

function timeOf(value: unknown): number | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(t) ? null : t;
}

export const dateOperators: ReadonlyArray<readonly [string, Operator]> = [
  [
    'date_diff',
    {
      arity: { min: 2, max: 3 },
      apply: ([from, to, unit]) => {
        const a = timeOf(from);
        const b = timeOf(to);
        const ms = typeof unit === 'string' && Object.hasOwn(UNIT_MS, unit) ? UNIT_MS[unit as keyof typeof UNIT_MS] : UNIT_MS.days;
        return a === null || b === null ? null : Math.floor((b - a) / ms);
      },
    },
  ],
];
