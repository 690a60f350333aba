/**
 * The simulator fires a timer as the engine's shell does: `timer.fired`, then the timer's event (a
 * schedule's tick, an escalation's `timeout`), or the firing alone when the step does not take it;
 * and a simulation survives the trip to JSON and back (what the server's stateless API relies on).
 */
import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../../core/definition/types.js';
import { advanceToNextTimer, completeSlot, fromSimState, nextTimer, startSimulation, toSimState } from '../../../core/machine/simulation.js';

const def: WorkflowDefinition = {
  key: 'monthly',
  title: '月报',
  initial: 'waiting',
  states: {
    waiting: { schedule: [{ cron: '0 9 1 * *', event: 'month' }], on: { month: 'report' } },
    report: { task: { assign: { users: ['u1'] }, due: 'P1WD', remind: ['P-2WH'] }, on: { submit: 'waiting', timeout: 'escalated' } },
    escalated: { task: { assign: { users: ['boss'] } }, on: { submit: 'done' } },
    done: { final: true },
  },
};
const options = { initiator: { id: 'u1', unitId: 'x' }, people: {}, now: new Date('2026-03-02T01:00:00Z') };

describe('the simulator fires timers as the engine does', () => {
  it('moves to the report step when the monthly schedule ticks, reminds, and escalates when the deadline sends timeout', () => {
    let sim = startSimulation(def, options);
    expect(nextTimer(sim)?.at.toISOString()).toBe('2026-04-01T01:00:00.000Z');
    sim = advanceToNextTimer(sim);
    expect(sim.open.map((t) => t.state)).toEqual(['report']);
    sim = advanceToNextTimer(sim); // the reminder sends no event the step takes
    expect(sim.open.map((t) => t.state)).toEqual(['report']);
    expect(sim.log.at(-1)!.text.en).toBe('Timer fired: report (remind)');
    sim = advanceToNextTimer(sim); // the deadline sends `timeout`
    expect(sim.open.map((t) => [t.state, t.people])).toEqual([['escalated', ['boss']]]);
  });

  it('carries a simulation through JSON between requests', () => {
    let sim = advanceToNextTimer(startSimulation(def, options));
    const again = fromSimState(def, JSON.parse(JSON.stringify(toSimState(sim))));
    expect(again.open).toEqual(sim.open);
    expect(again.timers).toEqual(sim.timers);
    sim = completeSlot(again, again.open[0]!.slot, 'submit', undefined, undefined, 'u1');
    expect(nextTimer(sim)?.at.toISOString()).toBe('2026-05-01T01:00:00.000Z');
  });
});
