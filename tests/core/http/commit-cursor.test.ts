import { expect, it } from 'vitest';
import { createCommitCursor } from '../../../core/http/commit-cursor.js';

it('keeps re-reading below recently delivered rows, and moves the floor once they have settled', () => {
  let now = 0;
  const cursor = createCommitCursor(10, { settleMs: 1000, now: () => now });
  cursor.mark(14);
  cursor.settle();
  expect(cursor.floor).toBe(10); // 11–13 may still commit
  expect(cursor.isNew(12)).toBe(true);
  expect(cursor.isNew(14)).toBe(false);
  expect(cursor.delivered()).toEqual([14]);
  now = 1000;
  cursor.mark(16);
  cursor.settle();
  expect(cursor.floor).toBe(14);
  expect(cursor.delivered()).toEqual([16]);
  expect(cursor.isNew(12)).toBe(false);
});
