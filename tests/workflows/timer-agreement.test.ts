/**
 * One implementation of deadline maths: every shipped workflow, started with the demo office's
 * data, schedules the same timers at the same moments in the engine (task due dates, queued
 * timer jobs) and in the designer's simulator (the pure core in the browser).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import type { Timer } from '../../core/machine/context.js';
import { completeSlot, startSimulation } from '../../core/machine/simulation.js';
import type { TestServer } from '../support/server.js';
import { startTestServer, testConfig } from '../support/server.js';
import { WORKFLOWS_DIR } from './support.js';

type CaseRow = {
  id: string;
  definition_key: string;
  initiator_id: string;
  initiator_unit_id: string | null;
  data: Record<string, unknown>;
  created_at: Date;
  snapshot: { context: { timers: Record<string, Timer>; visited: string[] } };
};

describe('Timers: the engine and the designer’s simulator agree on every shipped workflow', () => {
  let s: TestServer;
  let cases: CaseRow[];
  let formedId: string;
  beforeAll(async () => {
    s = await startTestServer({
      config: testConfig({ workflowsDir: WORKFLOWS_DIR }),
      workers: false,
      demoCases: true,
      start: new Date('2026-03-02T01:00:00Z'),
    });
    // The first case of each workflow that is still in its first step(s): only the start has run.
    const rows = await s.db.execute<CaseRow>(
      `SELECT id, definition_key, initiator_id, initiator_unit_id, data, created_at, snapshot FROM instance ORDER BY created_at, id`,
    );
    const audits = await s.db.execute<{ instance_id: string; n: number }>(`SELECT instance_id, count(*)::int AS n FROM audit_event GROUP BY instance_id`);
    const onlyStarted = new Set(audits.filter((a) => a.n === 1).map((a) => a.instance_id));
    const seen = new Set<string>();
    cases = rows.filter((r) => onlyStarted.has(r.id) && !seen.has(r.definition_key) && seen.add(r.definition_key));
    // A disclosure whose information was formed weeks before it reached the office: the legal
    // deadline runs from that date (due.from), not from the start.
    const formed = await s.call('POST', '/api/instances', {
      as: 'tongjiju-liaison',
      body: {
        definition: 'info-disclosure',
        data: { title: '2025年统计年鉴', kind: 'other', formedOn: '2026-02-09', content: '2025年全县统计年鉴，现按规定主动公开，供社会各界查阅使用。' },
      },
    });
    expect(formed.status, JSON.stringify(formed.body)).toBe(201);
    formedId = formed.body.id as string;
  });
  afterAll(() => s.close());

  it('covers every shipped workflow', () => {
    expect([...new Set(cases.map((c) => c.definition_key))].sort()).toEqual([
      'document-signoff',
      'incident-report',
      'info-disclosure',
      'mayor-mailbox',
      'meeting-request',
      'petition-case',
      'proposal-handling',
      'supervision',
    ]);
  });

  it('schedules the same timers at the same moments, and gives open tasks the deadline the simulator shows', async () => {
    for (const c of cases) {
      const [def] = await s.db.execute<{ body: WorkflowDefinition }>(
        'SELECT body FROM definition WHERE key = $1 AND version IS NOT NULL ORDER BY version DESC LIMIT 1',
        [c.definition_key],
      );
      const startForm = def!.body.startForm;
      const data = startForm ? { [startForm]: c.data[startForm] } : {};
      // Whoever does the work does not move a deadline: one simulated person for every step.
      const everyone = Object.fromEntries(Object.keys(def!.body.states).map((k) => [k, ['sim-user']]));
      const sim = startSimulation(def!.body, {
        initiator: { id: c.initiator_id, unitId: c.initiator_unit_id ?? '' },
        people: everyone,
        now: new Date(c.created_at),
        data,
      });
      const engineTimers = Object.keys(c.snapshot.context.timers).sort();
      expect(sim.timers.map((t) => t.key).sort(), c.definition_key).toEqual(engineTimers);
      // The engine's queued jobs wait (start_after - created_on) as long as the simulator's timers.
      const jobs = await s.db.execute<{ key: string; wait: number }>(
        `SELECT data->>'key' AS key, extract(epoch FROM (start_after - created_on))::float AS wait FROM pgboss.job WHERE name = 'chancery.timer' AND data->>'instanceId' = $1`,
        [c.id],
      );
      for (const t of sim.timers) {
        const job = jobs.find((j) => j.key === t.key);
        expect(job, `${c.definition_key} ${t.key} queued`).toBeDefined();
        const simWait = (t.at.getTime() - new Date(c.created_at).getTime()) / 1000;
        // Deadlines are days apart when the maths differ; a minute covers the queue's own clock.
        expect(Math.abs(job!.wait - simWait), `${c.definition_key} ${t.key}`).toBeLessThan(60);
      }
      const tasks = await s.db.execute<{ state_key: string; due_at: Date | null }>(
        `SELECT state_key, due_at FROM task WHERE instance_id = $1 AND status = 'open'`,
        [c.id],
      );
      for (const task of tasks) {
        const due = sim.timers.find((t) => t.state === task.state_key && t.kind === 'due');
        expect(task.due_at ? new Date(task.due_at).toISOString() : null, `${c.definition_key} ${task.state_key}`).toBe(due ? due.at.toISOString() : null);
      }
    }
  });

  it('counts a legal deadline from the date in the data (due.from) in both, not from when the step began', async () => {
    // The unit head clears the information for publication: the 20-working-day limit runs from 9 February.
    const [t] = await s.db.execute<{ id: string }>(`SELECT t.id FROM task t WHERE t.instance_id = $1 AND t.status = 'open'`, [formedId]);
    const done = await s.call('POST', `/api/tasks/${t!.id}/complete`, {
      as: 'tongjiju-head',
      body: { outcome: 'approve', data: { classification: 'public' } },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const [row] = await s.db.execute<CaseRow>(
      `SELECT id, definition_key, initiator_id, initiator_unit_id, data, created_at, snapshot FROM instance WHERE id = $1`,
      [formedId],
    );
    const [def] = await s.db.execute<{ body: WorkflowDefinition }>(
      `SELECT body FROM definition WHERE key = 'info-disclosure' AND version IS NOT NULL ORDER BY version DESC LIMIT 1`,
    );
    let sim = startSimulation(def!.body, {
      initiator: { id: row!.initiator_id, unitId: row!.initiator_unit_id ?? '' },
      people: { review: ['sim'], publish: ['sim'] },
      now: s.clock.now,
      data: { info: row!.data['info'] },
    });
    sim = completeSlot(sim, sim.open[0]!.slot, 'approve', undefined, { check: { classification: 'public' } });
    const [publish] = await s.db.execute<{ due_at: Date }>(`SELECT due_at FROM task WHERE instance_id = $1 AND state_key = 'publish' AND status = 'open'`, [
      formedId,
    ]);
    const simDue = sim.timers.find((x) => x.state === 'publish' && x.kind === 'due');
    expect(simDue?.at.toISOString()).toBe(new Date(publish!.due_at).toISOString());
    // 20 working days from Monday 9 February 2026, over the Spring Festival holiday: long before 20 working days from 2 March.
    expect(new Date(publish!.due_at).getTime()).toBeLessThan(new Date('2026-03-30T00:00:00Z').getTime());
  });
});
