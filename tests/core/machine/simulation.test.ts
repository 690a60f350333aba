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

  it("hands a late task to the escalation's people (超期改派) as the engine does, and says so in words", () => {
    const late: WorkflowDefinition = {
      key: 'late',
      title: '超期改派',
      initial: 'review',
      states: {
        review: {
          task: {
            assign: { users: ['clerk'] },
            due: 'P1WD',
            escalate: [
              { after: 'P0D', reassign: { role: 'office-director', unit: 'office' } },
              { after: 'P1WD', reassign: { users: ['deputy'] } },
            ],
          },
          on: { submit: 'done' },
        },
        done: { final: true },
      },
    };
    let sim = startSimulation(late, { ...options, people: { 'review.escalate0': ['director'] } });
    sim = advanceToNextTimer(sim); // the deadline and the first escalation (P0D after it): the people chosen for it
    expect(sim.open.map((t) => t.people)).toEqual([['director']]);
    expect(sim.log.at(-1)!.text['zh-CN']).toContain('改派给 director');
    const again = fromSimState(late, JSON.parse(JSON.stringify(toSimState(sim))));
    expect(again.open.map((t) => t.people)).toEqual([['director']]);
    sim = advanceToNextTimer(again); // second escalation: fixed users
    expect(sim.open.map((t) => t.people)).toEqual([['deputy']]);
    sim = completeSlot(sim, sim.open[0]!.slot, 'submit');
    expect(sim.result).not.toBeNull();
    expect(sim.log.some((l) => l.text['zh-CN'].includes('deputy 在「review」选择「submit」'))).toBe(true);

    // Nobody chosen for a role-based escalation: said plainly, the task stays, no JSON in the log.
    const unchosen = advanceToNextTimer(startSimulation(late, options));
    expect(unchosen.open.map((t) => t.people)).toEqual([['clerk']]);
    expect(unchosen.log.at(-1)!.text.en).toContain('to be reassigned to role "office-director" (nobody chosen for it in the simulation: not reassigned)');
    expect(unchosen.log.map((l) => l.text.en).join(' ')).not.toContain('{');
  });
});
