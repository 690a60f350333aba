import { describe, expect, it } from 'vitest';
import { addDuration, createCalendar, createChinaCalendar, extendCalendar } from '../../../core/calendar/index.js';
import { ChanceryError } from '../../../core/errors.js';

/** A Beijing wall-clock time as an instant. */
const bj = (local: string): Date => new Date(`${local}+08:00`);
const cn = createChinaCalendar();

describe('addDuration with working days', () => {
  it('counts 20 working days from 2024-09-25 across National Day, including both make-up days', () => {
    // Start Wed 25 Sep 2024; the start day does not count (期间开始的当日不计入).
    //  1 Thu 26 Sep    2 Fri 27 Sep    (Sat 28 off)    3 Sun 29 Sep (make-up)    4 Mon 30 Sep
    //  Tue 1 – Mon 7 Oct: National Day holiday
    //  5 Tue 8 Oct    6 Wed 9    7 Thu 10    8 Fri 11    9 Sat 12 Oct (make-up)    (Sun 13 off)
    // 10 Mon 14  11 Tue 15  12 Wed 16  13 Thu 17  14 Fri 18
    // 15 Mon 21  16 Tue 22  17 Wed 23  18 Thu 24  19 Fri 25
    // 20 Mon 28 Oct → due at the end of work, 17:00.
    expect(addDuration(cn, bj('2024-09-25T10:15:00'), 'P20WD')).toEqual(bj('2024-10-28T17:00:00'));
  });

  it('counts 10 working days from 2025-01-20 across the Spring Festival, landing on the make-up Saturday', () => {
    // Start Mon 20 Jan 2025 (not counted).
    // 1 Tue 21  2 Wed 22  3 Thu 23  4 Fri 24  (Sat 25 off)  5 Sun 26 (make-up)  6 Mon 27
    // Tue 28 Jan – Tue 4 Feb: Spring Festival holiday
    // 7 Wed 5 Feb  8 Thu 6  9 Fri 7  10 Sat 8 Feb (make-up) → 17:00.
    expect(addDuration(cn, bj('2025-01-20T09:30:00'), 'P10WD')).toEqual(bj('2025-02-08T17:00:00'));
  });

  it('does not count the start day even when the case arrives early in the morning', () => {
    expect(addDuration(cn, bj('2024-11-18T08:00:00'), 'P1WD')).toEqual(bj('2024-11-19T17:00:00'));
  });

  it('starts counting on the first working day when the start day is a weekend', () => {
    // Sat 16 Nov 2024 → 1 Mon 18, 2 Tue 19.
    expect(addDuration(cn, bj('2024-11-16T11:00:00'), 'P2WD')).toEqual(bj('2024-11-19T17:00:00'));
  });

  it('places a P-2WD reminder before a Monday due date on the previous Thursday', () => {
    // Due Mon 18 Nov 2024 17:00; one working day back is Fri 15, two is Thu 14.
    expect(addDuration(cn, bj('2024-11-18T17:00:00'), 'P-2WD')).toEqual(bj('2024-11-14T17:00:00'));
    expect(addDuration(cn, bj('2024-11-18T17:00:00'), '-P2WD')).toEqual(bj('2024-11-14T17:00:00'));
  });

  it('clamps a backwards reminder into working hours', () => {
    expect(addDuration(cn, bj('2024-11-18T22:00:00'), 'P-2WD')).toEqual(bj('2024-11-14T17:00:00'));
    expect(addDuration(cn, bj('2024-11-18T07:00:00'), 'P-2WD')).toEqual(bj('2024-11-14T09:00:00'));
    expect(addDuration(cn, bj('2024-11-18T10:45:00'), 'P-2WD')).toEqual(bj('2024-11-14T10:45:00'));
  });

  it('counts a reminder backwards over a holiday onto a make-up Sunday', () => {
    // Due Tue 8 Oct 2024; 1 back: Mon 30 Sep (1–7 Oct are off); 2 back: Sun 29 Sep (make-up).
    expect(addDuration(cn, bj('2024-10-08T17:00:00'), 'P-2WD')).toEqual(bj('2024-09-29T17:00:00'));
  });

  it('moves a deadline when an admin adds a local holiday', () => {
    const county = extendCalendar(cn, [{ date: '2024-10-28', kind: 'holiday', name: { 'zh-CN': '县庆', en: 'County day' } }], {
      key: 'cn-county',
    });
    expect(county.key).toBe('cn-county');
    expect(addDuration(county, bj('2024-09-25T10:15:00'), 'P20WD')).toEqual(bj('2024-10-29T17:00:00'));
    expect(addDuration(cn, bj('2024-09-25T10:15:00'), 'P20WD')).toEqual(bj('2024-10-28T17:00:00'));
  });

  it('refuses to count into a year the calendar does not cover', () => {
    const attempt = (): Date => addDuration(cn, bj('2026-12-21T10:00:00'), 'P20WD');
    expect(attempt).toThrow(ChanceryError);
    expect(attempt).toThrow(/2027/);
    try {
      attempt();
    } catch (e) {
      expect((e as ChanceryError).code).toBe('calendar.out_of_range');
      expect((e as ChanceryError).details).toMatchObject({ year: 2027 });
    }
  });

  it('falls back to weekends only outside the covered years when not strict', () => {
    const lenient = createChinaCalendar({ strict: false });
    // Mon 4 Jan 2027 + 5 working days → Mon 11 Jan 2027, no holidays known.
    expect(addDuration(lenient, bj('2027-01-04T10:00:00'), 'P5WD')).toEqual(bj('2027-01-11T17:00:00'));
  });
});

describe('addDuration with working hours', () => {
  it('continues P2WH started at 16:30 on Friday into Monday morning', () => {
    // 16:30–17:00 Fri 15 Nov = 0.5 h; the remaining 1.5 h run 09:00–10:30 Mon 18 Nov.
    expect(addDuration(cn, bj('2024-11-15T16:30:00'), 'P2WH')).toEqual(bj('2024-11-18T10:30:00'));
  });

  it('skips the lunch break when work hours have two windows', () => {
    const lunch = createChinaCalendar({
      workHours: [
        { start: '09:00', end: '12:00' },
        { start: '13:30', end: '17:30' },
      ],
    });
    // 11:00–12:00 = 1 h, then 13:30–14:30.
    expect(addDuration(lunch, bj('2024-11-14T11:00:00'), 'P2WH')).toEqual(bj('2024-11-14T14:30:00'));
    // 16:30–17:30 Fri = 1 h, then 09:00–10:00 Mon.
    expect(addDuration(lunch, bj('2024-11-15T16:30:00'), 'P2WH')).toEqual(bj('2024-11-18T10:00:00'));
    // A reminder counts end of work on the last day back.
    expect(lunch.workHours).toHaveLength(2);
    expect(addDuration(lunch, bj('2024-11-19T12:45:00'), 'P-1WD')).toEqual(bj('2024-11-18T12:00:00'));
    expect(addDuration(lunch, bj('2024-11-18T12:00:00'), 'P1WD')).toEqual(bj('2024-11-19T17:30:00'));
  });

  it('ends exactly at the close of work rather than at the next opening', () => {
    expect(addDuration(cn, bj('2024-11-14T09:00:00'), 'P8WH')).toEqual(bj('2024-11-14T17:00:00'));
  });

  it('counts working hours backwards across the weekend', () => {
    expect(addDuration(cn, bj('2024-11-18T10:00:00'), 'P-2WH')).toEqual(bj('2024-11-15T16:00:00'));
  });
});

describe('addDuration with calendar time', () => {
  it('adds days on the Beijing wall clock, ignoring holidays', () => {
    expect(addDuration(cn, bj('2024-09-30T23:30:00'), 'P3D')).toEqual(bj('2024-10-03T23:30:00'));
  });

  it('adds months, clamping to the end of a shorter month', () => {
    expect(addDuration(cn, bj('2024-01-31T10:00:00'), 'P1M')).toEqual(bj('2024-02-29T10:00:00'));
    expect(addDuration(cn, bj('2025-03-31T10:00:00'), '-P1M')).toEqual(bj('2025-02-28T10:00:00'));
  });

  it('treats a date near midnight UTC as the Beijing day it is', () => {
    // 2024-12-31T20:00Z is already 1 January 2025, 04:00 in Beijing.
    expect(addDuration(cn, new Date('2024-12-31T20:00:00Z'), 'P1Y2M3DT4H5M')).toEqual(bj('2026-03-04T08:05:00'));
  });

  it('uses the calendar’s own time zone', () => {
    const utc = createCalendar({ key: 'utc', name: 'UTC', timeZone: 'UTC', coveredYears: [2025] });
    expect(addDuration(utc, new Date('2025-03-03T10:00:00Z'), 'P1WD')).toEqual(new Date('2025-03-04T17:00:00Z'));
  });
});

describe('addDuration with zero working days', () => {
  it('is the end of today’s work, or of the next working day once work is over', () => {
    expect(addDuration(cn, bj('2024-11-18T10:00:00'), 'P0WD')).toEqual(bj('2024-11-18T17:00:00'));
    expect(addDuration(cn, bj('2024-11-18T18:00:00'), 'P0WD')).toEqual(bj('2024-11-19T17:00:00'));
    expect(addDuration(cn, bj('2024-11-16T10:00:00'), 'P0WD')).toEqual(bj('2024-11-18T17:00:00'));
  });
});
