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

describe('a legal deadline counted from a date in the case data', () => {
  it('runs 20 working days from the day the information was formed, across the National Day holiday and its make-up Saturday', async () => {
    const { compileDefinition } = await import('../../core/machine/compile.js');
    const { start } = await import('../../core/runtime/step.js');
    const wf = compileDefinition({
      key: 'disclosure',
      title: '政府信息公开',
      initial: 'publish',
      states: {
        publish: {
          task: { assign: { users: ['u'] }, due: { from: { var: 'data.intake.formedOn' }, after: 'P20WD' }, remind: ['P-3WD'] },
          on: { submit: 'done' },
        },
        done: { final: true },
      },
    });
    // Entered the step on 2026-10-20, but formed on Friday 2026-09-25 (Mid-Autumn): the clock started then.
    const r = start(wf, { data: { intake: { formedOn: '2026-09-25' } }, initiator: { id: 'i', unitId: 'x' } });
    const due = Object.values(r.snapshot.context.timers).find((t) => t.kind === 'due')!;
    expect(due.from).toBe('2026-09-25');
    const cn = createChinaCalendar();
    // Working days after Sep 25: Sep 28, 29, 30; Oct 1–7 off; Oct 8, 9, 10 (make-up Saturday), 12 … 29 is the 20th.
    expect(timerTime(cn, due, new Date('2026-10-20T02:00:00Z')).toISOString()).toBe('2026-10-29T09:00:00.000Z');
    const remind = Object.values(r.snapshot.context.timers).find((t) => t.kind === 'remind')!;
    expect(timerTime(cn, remind, new Date('2026-10-20T02:00:00Z')).toISOString()).toBe('2026-10-26T09:00:00.000Z');
  });
});
