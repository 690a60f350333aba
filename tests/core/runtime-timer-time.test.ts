import { describe, expect, it } from 'vitest';
import { createChinaCalendar } from '../../core/calendar/index.js';
import { timerTime } from '../../core/runtime/advance.js';

describe('when timers fire', () => {
  const cn = createChinaCalendar();
  it('fires a monthly cron schedule at the next occurrence in Beijing time', () => {
    const at = timerTime(cn, { key: 'k', state: 's', kind: 'schedule', anchor: 'entered', after: 'P0D', cron: '0 9 1 * *' }, new Date('2026-03-10T04:00:00Z'));
    expect(at.toISOString()).toBe('2026-04-01T01:00:00.000Z');
  });
  it('fires a quarterly schedule given as a duration one quarter later', () => {
    const at = timerTime(cn, { key: 'k', state: 's', kind: 'schedule', anchor: 'entered', after: 'P3M', every: 'P3M' }, new Date('2026-01-05T02:00:00Z'));
    expect(at.toISOString()).toBe('2026-04-05T02:00:00.000Z');
  });
  it('fires a reminder two working days before a due date', () => {
    // Entered Monday 2026-03-02 10:00 Beijing; due P5WD = Monday 03-09 17:00; reminder P-2WD = Thursday 03-05 17:00.
    const at = timerTime(cn, { key: 'k', state: 's', kind: 'remind', anchor: 'due', after: 'P-2WD', due: 'P5WD' }, new Date('2026-03-02T02:00:00Z'));
    expect(at.toISOString()).toBe('2026-03-05T09:00:00.000Z');
  });
});
