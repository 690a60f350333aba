import { describe, expect, it } from 'vitest';
import { addDuration, createChinaCalendar, workingDaysBetween } from '../../../core/calendar/index.js';

const bj = (local: string): Date => new Date(`${local}+08:00`);
const cn = createChinaCalendar();

describe('workingDaysBetween', () => {
  it('counts the working days after the first day up to and including the last', () => {
    // Fri 27 Sep 2024 → Tue 8 Oct: Sun 29 Sep (make-up), Mon 30 Sep, Tue 8 Oct.
    expect(workingDaysBetween(cn, '2024-09-27', '2024-10-08')).toBe(3);
  });

  it('is zero within one day and negative backwards', () => {
    expect(workingDaysBetween(cn, bj('2024-11-18T09:00:00'), bj('2024-11-18T17:00:00'))).toBe(0);
    expect(workingDaysBetween(cn, '2024-10-08', '2024-09-27')).toBe(-3);
  });

  it('tells how many working days late a task closed after its due date', () => {
    // Due Mon 18 Nov 17:00, closed Thu 21 Nov 10:00: Tue, Wed, Thu.
    expect(workingDaysBetween(cn, bj('2024-11-18T17:00:00'), bj('2024-11-21T10:00:00'))).toBe(3);
  });

  it('reads Date values on the Beijing calendar day', () => {
    // 2024-09-30T16:30Z is 1 Oct 00:30 in Beijing: a holiday, so no working day is added.
    expect(workingDaysBetween(cn, '2024-09-30', new Date('2024-09-30T16:30:00Z'))).toBe(0);
  });

  it('inverts a working-day deadline', () => {
    const start = bj('2025-01-20T09:30:00');
    expect(workingDaysBetween(cn, start, addDuration(cn, start, 'P10WD'))).toBe(10);
  });
});
