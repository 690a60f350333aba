import { describe, expect, it } from 'vitest';
import { dateIn, startOfDate } from '../../../core/calendar/zoned-time.js';

describe('zoned time', () => {
  it("names the calendar date in the county's zone, which is a day ahead of UTC late in the evening", () => {
    expect(dateIn(new Date('2026-03-01T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-03-02');
    expect(dateIn(new Date('2026-03-01T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-03-01');
    expect(dateIn(startOfDate('2026-12-31', 'Asia/Shanghai'), 'Asia/Shanghai')).toBe('2026-12-31');
  });
});
