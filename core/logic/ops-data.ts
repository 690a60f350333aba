/** Reading the data: `var`, `missing`, `missing_some`; strings: `cat`, `substr`, `in`. */
import { ChanceryError } from '../errors.js';
import { toNumber, toText } from './coerce.js';
import type { Operator } from './operator.js';
import { readPath } from './path.js';

function pathArg(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number') return value;
  throw new ChanceryError('logic.invalid', { reason: 'a variable path must be a string or a number' });
}

function missingKeys(keys: unknown[], data: unknown): unknown[] {
  return keys.filter((key) => {
    const value = readPath(data, pathArg(key));
    return value === null || value === undefined || value === '';
  });
}

function substr(source: unknown, start: unknown, length: unknown): string {
  const text = toText(source);
  const from = toNumber(start) || 0;
  const rest = text.slice(from < 0 ? Math.max(0, text.length + from) : from);
  if (length === undefined || length === null) return rest;
  const count = toNumber(length) || 0;
  return count < 0 ? rest.slice(0, Math.max(0, rest.length + count)) : rest.slice(0, count);
}

export const dataOperators: ReadonlyArray<readonly [string, Operator]> = [
  [
    'var',
    {
      arity: { min: 0, max: 2 },
      apply(args, data) {
        const value = readPath(data, pathArg(args[0]));
        return value === undefined ? (args[1] ?? null) : value;
      },
    },
  ],
  ['missing', { apply: (args, data) => missingKeys(Array.isArray(args[0]) ? args[0] : args, data) }],
  [
    'missing_some',
    {
      arity: { min: 2, max: 2 },
      apply([need, keys], data) {
        const list = Array.isArray(keys) ? keys : [];
        const missing = missingKeys(list, data);
        return list.length - missing.length >= toNumber(need) ? [] : missing;
      },
    },
  ],
  ['cat', { apply: (args, _data, runner) => runner.bounded(args.map(toText).join('')) }],
  ['substr', { arity: { min: 2, max: 3 }, apply: ([source, start, length]) => substr(source, start, length) }],
  [
    'in',
    {
      arity: { min: 2, max: 2 },
      apply([needle, haystack]) {
        if (Array.isArray(haystack)) return haystack.includes(needle);
        if (typeof haystack === 'string') return haystack.includes(toText(needle));
        return false;
      },
    },
  ],
];
