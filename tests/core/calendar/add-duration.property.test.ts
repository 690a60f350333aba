import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDuration, createChinaCalendar, isWorkingDay } from '../../../core/calendar/index.js';

const cn = createChinaCalendar();
// Start moments from March 2020 to August 2026, so 60 working days forwards or 30 backwards
// stay inside the covered years.
const start = fc.integer({ min: Date.parse('2020-03-01T00:00:00+08:00'), max: Date.parse('2026-08-31T23:59:59+08:00') }).map((ms) => new Date(ms));

describe('addDuration with working days (properties)', () => {
  it('always lands on a working day at the end of work, and strictly later for each further day', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 0, max: 59 }), (from, n) => {
        const due = addDuration(cn, from, `P${n}WD`);
        const later = addDuration(cn, from, `P${n + 1}WD`);
        expect(isWorkingDay(cn, due)).toBe(true);
        expect(isWorkingDay(cn, later)).toBe(true);
        expect(due.getTime()).toBeGreaterThanOrEqual(from.getTime());
        // From a non-working start day, P0WD and P1WD are both the first working day.
        if (n === 0) expect(later.getTime()).toBeGreaterThanOrEqual(due.getTime());
        else expect(later.getTime()).toBeGreaterThan(due.getTime());
        expect(due.toISOString().slice(11, 19)).toBe('09:00:00'); // 17:00 in Beijing
      }),
      { numRuns: 300 },
    );
  });

  it('reminders counted back land on working days within working hours', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 30 }), (due, n) => {
        const remind = addDuration(cn, due, `P-${n}WD`);
        expect(isWorkingDay(cn, remind)).toBe(true);
        expect(remind.getTime()).toBeLessThan(due.getTime());
        const hour = (remind.getUTCHours() + 8) % 24;
        expect(hour).toBeGreaterThanOrEqual(9);
        expect(hour * 60 + remind.getUTCMinutes()).toBeLessThanOrEqual(17 * 60);
      }),
      { numRuns: 300 },
    );
  });
});
