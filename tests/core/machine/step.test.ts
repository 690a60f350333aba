import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../../core/definition/types.js';
import { compileDefinition } from '../../../core/machine/compile.js';
import type { EngineEvent, Slot } from '../../../core/machine/context.js';
import { start, step, stateLabel, type StepResult } from '../../../core/runtime/step.js';
import type { Effect } from '../../../core/runtime/effects.js';

const initiator = { id: 'u-clerk', unitId: 'unit-secretariat' };

/** Plays the shell: answers `assign.resolve` with the given users per state. */
function resolveAll(wf: ReturnType<typeof compileDefinition>, r: StepResult, who: Record<string, string[][]>): StepResult {
  let cur = r;
  for (;;) {
    const need = cur.effects.find((e): e is Extract<Effect, { type: 'assign.resolve' }> => e.type === 'assign.resolve');
    if (!need) return cur;
    const slots = (who[need.state] ?? [['nobody']]).map((users) => ({ assignees: { users } }));
    const next = step(wf, cur.snapshot, { type: 'work.assigned', state: need.state, slots });
    cur = { ...next, effects: [...cur.effects.filter((e) => e !== need), ...next.effects] };
  }
}

function openSlots(r: StepResult): Slot[] {
  return Object.values(r.snapshot.context.work).flatMap((w) => (w.slots ?? []).filter((s) => s.status === 'open'));
}

function slotOf(r: StepResult, user: string): Slot {
  const s = openSlots(r).find((x) => x.assignees.users?.includes(user));
  if (!s) throw new Error(`no open slot for ${user}; open: ${JSON.stringify(openSlots(r))}`);
  return s;
}

function act(wf: ReturnType<typeof compileDefinition>, r: StepResult, e: EngineEvent | { type: string }, who: Record<string, string[][]>): StepResult {
  return resolveAll(wf, step(wf, r.snapshot, e), who);
}

const signoff: WorkflowDefinition = {
  key: 'signoff',
  title: { 'zh-CN': '三级审签', en: 'Three-level sign-off' },
  initial: 'draft',
  withdraw: { allowed: true },
  states: {
    draft: { task: { assign: { initiator: true } }, on: { submit: 'section' } },
    section: { approval: { assign: { users: ['u-section'] }, mode: 'any' }, on: { approve: 'director', reject: 'rejected' } },
    director: {
      approval: { assign: { users: ['u-director'] }, mode: 'any' },
      return: { to: 'visited', reapproval: 'restart' },
      on: { approve: 'head', reject: 'rejected' },
    },
    head: { approval: { assign: { users: ['u-head'] }, mode: 'any', due: 'P3WD' }, on: { approve: 'issued', reject: 'rejected' } },
    issued: { final: true, entry: [{ action: 'numbering.assign', with: { type: 'doc', title: '{{data.draft.title}}' } }] },
    rejected: { final: true, result: 'rejected' },
  },
};

const who = { draft: [['u-clerk']], section: [['u-section']], director: [['u-director']], head: [['u-head']] };

describe('step: a sequential three-level sign-off', () => {
  const wf = compileDefinition(signoff, 1);

  it('walks draft → section → director → head → issued, opening and closing one task per step', () => {
    let r = resolveAll(wf, start(wf, { data: {}, initiator }), who);
    expect(stateLabel(r.snapshot.value)).toBe('draft');
    r = act(wf, r, { type: 'task.done', slot: slotOf(r, 'u-clerk').id, outcome: 'submit', by: 'u-clerk', data: { draft: { title: '关于春耕的通知' } } }, who);
    expect(stateLabel(r.snapshot.value)).toBe('section');
    r = act(wf, r, { type: 'task.done', slot: slotOf(r, 'u-section').id, outcome: 'approve', by: 'u-section' }, who);
    r = act(wf, r, { type: 'task.done', slot: slotOf(r, 'u-director').id, outcome: 'approve', by: 'u-director' }, who);
    expect(stateLabel(r.snapshot.value)).toBe('head');
    expect(r.effects.some((e) => e.type === 'timer.schedule' && e.timer.kind === 'due' && e.timer.after === 'P3WD')).toBe(true);
    r = act(wf, r, { type: 'task.done', slot: slotOf(r, 'u-head').id, outcome: 'approve', by: 'u-head' }, who);
    expect(r.snapshot.status).toBe('done');
    const kinds = r.effects.map((e) => e.type);
    expect(kinds).toContain('timer.cancel');
    expect(kinds).toContain('instance.finished');
    const action = r.effects.find((e) => e.type === 'action.run');
    expect(action && action.type === 'action.run' && action.request.params).toEqual({ type: 'doc', title: '关于春耕的通知' });
  });

  it('returns the case to the section when the director sends it back, and the section approves again', () => {
    let r = resolveAll(wf, start(wf, { data: {}, initiator }), who);
    r = act(wf, r, { type: 'task.done', slot: slotOf(r, 'u-clerk').id, outcome: 'submit', by: 'u-clerk' }, who);
    r = act(wf, r, { type: 'task.done', slot: slotOf(r, 'u-section').id, outcome: 'approve', by: 'u-section' }, who);
    r = act(wf, r, { type: 'return', to: 'section', by: 'u-director' }, who);
    expect(stateLabel(r.snapshot.value)).toBe('section');
    expect(r.effects.some((e) => e.type === 'task.close' && e.state === 'director')).toBe(true);
    r = act(wf, r, { type: 'task.done', slot: slotOf(r, 'u-section').id, outcome: 'approve', by: 'u-section' }, who);
    expect(stateLabel(r.snapshot.value)).toBe('director');
  });

  it('refuses a return to a step the case never passed', () => {
    let r = resolveAll(wf, start(wf, { data: {}, initiator }), who);
    r = act(wf, r, { type: 'task.done', slot: slotOf(r, 'u-clerk').id, outcome: 'submit', by: 'u-clerk' }, who);
    r = act(wf, r, { type: 'task.done', slot: slotOf(r, 'u-section').id, outcome: 'approve', by: 'u-section' }, who);
    const res = step(wf, r.snapshot, { type: 'return', to: 'head', by: 'u-director' });
    expect(res.changed).toBe(false);
  });

  it('lets only the initiator withdraw, ending the case as withdrawn', () => {
    let r = resolveAll(wf, start(wf, { data: {}, initiator }), who);
    r = act(wf, r, { type: 'task.done', slot: slotOf(r, 'u-clerk').id, outcome: 'submit', by: 'u-clerk' }, who);
    expect(step(wf, r.snapshot, { type: 'withdraw', by: 'u-section' }).changed).toBe(false);
    const w = step(wf, r.snapshot, { type: 'withdraw', by: 'u-clerk' });
    expect(w.snapshot.status).toBe('done');
    expect(w.effects).toContainEqual({ type: 'instance.finished', result: 'withdrawn' });
    expect(w.effects.some((e) => e.type === 'task.close')).toBe(true);
  });
});

describe('step: approvals', () => {
  const def = (mode: 'all' | 'any' | 'sequential' | 'quorum', quorum?: number): WorkflowDefinition => ({
    key: 'countersign',
    title: '会签',
    initial: 'sign',
    states: {
      sign: { approval: { assign: { role: 'leader' }, mode, ...(quorum ? { quorum } : {}) }, on: { approve: 'ok', reject: 'no' } },
      ok: { final: true },
      no: { final: true, result: 'rejected' },
    },
  });
  const three = { sign: [['a'], ['b'], ['c']] };

  it('会签 (all): waits for every signer, including one added at run time', () => {
    const wf = compileDefinition(def('all'), 1);
    let r = resolveAll(wf, start(wf, { data: {}, initiator }), three);
    expect(openSlots(r)).toHaveLength(3);
    r = act(wf, r, { type: 'work.add', state: 'sign', slots: [{ assignees: { users: ['d'] } }], by: 'a' }, three);
    expect(r.effects.filter((e) => e.type === 'task.open')).toHaveLength(1);
    for (const u of ['a', 'b', 'c']) r = act(wf, r, { type: 'task.done', slot: slotOf(r, u).id, outcome: 'approve', by: u }, three);
    expect(r.snapshot.status).toBe('active');
    r = act(wf, r, { type: 'task.done', slot: slotOf(r, 'd').id, outcome: 'approve', by: 'd' }, three);
    expect(r.snapshot.status).toBe('done');
    expect(stateLabel(r.snapshot.value)).toBe('ok');
  });

  it('会签 (all): one reject rejects and cancels the others', () => {
    const wf = compileDefinition(def('all'), 1);
    let r = resolveAll(wf, start(wf, { data: {}, initiator }), three);
    r = act(wf, r, { type: 'task.done', slot: slotOf(r, 'b').id, outcome: 'reject', by: 'b' }, three);
    expect(stateLabel(r.snapshot.value)).toBe('no');
    expect(r.effects).toContainEqual({ type: 'instance.finished', result: 'rejected' });
  });

  it('依次 (sequential): opens one signer after another', () => {
    const wf = compileDefinition(def('sequential'), 1);
    let r = resolveAll(wf, start(wf, { data: {}, initiator }), three);
    expect(openSlots(r).map((s) => s.assignees.users)).toEqual([['a']]);
    r = act(wf, r, { type: 'task.done', slot: slotOf(r, 'a').id, outcome: 'approve', by: 'a' }, three);
    expect(openSlots(r).map((s) => s.assignees.users)).toEqual([['b']]);
  });

  it('票签 (quorum 2/3): two approvals decide', () => {
    const wf = compileDefinition(def('quorum', 0.6), 1);
    let r = resolveAll(wf, start(wf, { data: {}, initiator }), three);
    r = act(wf, r, { type: 'task.done', slot: slotOf(r, 'a').id, outcome: 'approve', by: 'a' }, three);
    expect(r.snapshot.status).toBe('active');
    r = act(wf, r, { type: 'task.done', slot: slotOf(r, 'c').id, outcome: 'approve', by: 'c' }, three);
    expect(stateLabel(r.snapshot.value)).toBe('ok');
  });

  it('或签 (any): the first decision decides', () => {
    const wf = compileDefinition(def('any'), 1);
    let r = resolveAll(wf, start(wf, { data: {}, initiator }), three);
    r = act(wf, r, { type: 'task.done', slot: slotOf(r, 'c').id, outcome: 'approve', by: 'c' }, three);
    expect(stateLabel(r.snapshot.value)).toBe('ok');
    expect(r.effects.filter((e) => e.type === 'task.close')).toHaveLength(3);
  });
});

describe('step: per-item loops, parallel branches, guards', () => {
  it('opens one sub-task per reported issue and moves on when all are done', () => {
    const wf = compileDefinition(
      {
        key: 'petition',
        title: '信访件',
        initial: 'investigate',
        states: {
          investigate: {
            foreach: { items: { var: 'data.intake.issues' }, assign: { role: 'handler', unit: { var: 'item.unit' } } },
            on: { done: [{ to: 'feedback', if: { var: 'data.intake.realName' } }, { to: 'closed' }] },
          },
          feedback: { task: { assign: { role: 'petition-clerk' } }, on: { submit: 'closed' } },
          closed: { final: true },
        },
      },
      1,
    );
    const data = { intake: { realName: true, issues: [{ unit: 'u-town-a' }, { unit: 'u-town-b' }] } };
    let r = start(wf, { data, initiator });
    const resolve = r.effects.find((e) => e.type === 'assign.resolve');
    expect(resolve && resolve.type === 'assign.resolve' && resolve.work.itemAssign).toEqual([
      { role: 'handler', unit: 'u-town-a' },
      { role: 'handler', unit: 'u-town-b' },
    ]);
    r = step(wf, r.snapshot, {
      type: 'work.assigned',
      state: 'investigate',
      slots: [
        { assignees: { users: ['h1'] }, item: 0 },
        { assignees: { users: ['h2'] }, item: 1 },
      ],
    });
    r = step(wf, r.snapshot, { type: 'task.done', slot: slotOf(r, 'h1').id, outcome: 'submit', by: 'h1' });
    expect(stateLabel(r.snapshot.value)).toBe('investigate');
    r = step(wf, r.snapshot, { type: 'task.done', slot: slotOf(r, 'h2').id, outcome: 'submit', by: 'h2' });
    expect(stateLabel(r.snapshot.value)).toBe('feedback');
  });

  it('runs parallel branches and continues when both reach their end', () => {
    const wf = compileDefinition(
      {
        key: 'par',
        title: 'parallel',
        initial: 'branches',
        states: {
          branches: {
            parallel: {
              legal: { initial: 'check', states: { check: { task: { assign: { users: ['l'] } }, on: { submit: 'done' } }, done: { final: true } } },
              money: { initial: 'check', states: { check: { task: { assign: { users: ['m'] } }, on: { submit: 'done' } }, done: { final: true } } },
            },
            onDone: 'end',
          },
          end: { final: true },
        },
      },
      1,
    );
    const who2 = { 'branches.legal.check': [['l']], 'branches.money.check': [['m']] };
    let r = resolveAll(wf, start(wf, { data: {}, initiator }), who2);
    expect(stateLabel(r.snapshot.value)).toBe('branches.legal.check|branches.money.check');
    r = act(wf, r, { type: 'task.done', slot: slotOf(r, 'l').id, outcome: 'submit', by: 'l' }, who2);
    expect(r.snapshot.status).toBe('active');
    r = act(wf, r, { type: 'task.done', slot: slotOf(r, 'm').id, outcome: 'submit', by: 'm' }, who2);
    expect(r.snapshot.status).toBe('done');
  });

  it('refuses an outcome no guarded transition accepts instead of hanging', () => {
    const wf = compileDefinition(
      {
        key: 'g',
        title: 'g',
        initial: 'a',
        states: { a: { task: { assign: { users: ['x'] } }, on: { submit: { to: 'b', if: { '==': [{ var: 'data.f.ok' }, true] } } } }, b: { final: true } },
      },
      1,
    );
    const r = resolveAll(wf, start(wf, { data: {}, initiator }), { a: [['x']] });
    expect(() => step(wf, r.snapshot, { type: 'task.done', slot: slotOf(r, 'x').id, outcome: 'submit', by: 'x', data: { f: { ok: false } } })).toThrow(
      /no_transition/,
    );
    const ok = step(wf, r.snapshot, { type: 'task.done', slot: slotOf(r, 'x').id, outcome: 'submit', by: 'x', data: { f: { ok: true } } });
    expect(ok.snapshot.status).toBe('done');
  });

  it('fires a timeout event into an escalation step after a due timer', () => {
    const wf = compileDefinition(
      {
        key: 't',
        title: 't',
        initial: 'work',
        states: {
          work: { task: { assign: { users: ['x'] }, due: 'P15WD', remind: ['P-2WD'] }, on: { submit: 'done', timeout: 'escalated' } },
          escalated: { task: { assign: { users: ['boss'] } }, on: { submit: 'done' } },
          done: { final: true },
        },
      },
      1,
    );
    let r = resolveAll(wf, start(wf, { data: {}, initiator }), { work: [['x']], escalated: [['boss']] });
    const timers = r.effects.filter((e) => e.type === 'timer.schedule');
    expect(timers.map((t) => t.type === 'timer.schedule' && [t.timer.kind, t.timer.event ?? null])).toEqual([
      ['due', 'timeout'],
      ['remind', null],
    ]);
    const dueKey = Object.keys(r.snapshot.context.timers).find((k) => k.endsWith('.due'))!;
    r = step(wf, r.snapshot, { type: 'timer.fired', key: dueKey });
    r = act(wf, r, { type: 'timeout' }, { escalated: [['boss']] });
    expect(stateLabel(r.snapshot.value)).toBe('escalated');
    expect(r.effects.some((e) => e.type === 'timer.cancel')).toBe(true);
  });
});

describe('step: time in rules', () => {
  it('records how late a report was from the event time (`now`) and routes late reports differently', () => {
    const wf = compileDefinition(
      {
        key: 'late',
        title: '迟报',
        initial: 'report',
        states: {
          report: {
            task: { assign: { users: ['x'] } },
            on: {
              submit: [
                {
                  to: 'late',
                  if: { '>': [{ date_diff: [{ var: 'data.incident.occurredAt' }, { var: 'now' }, 'hours'] }, 1] },
                  set: { 'incident.hoursLate': { date_diff: [{ var: 'data.incident.occurredAt' }, { var: 'now' }, 'hours'] } },
                },
                { to: 'onTime' },
              ],
            },
          },
          late: { final: true },
          onTime: { final: true },
        },
      },
      1,
    );
    const begin = resolveAll(wf, start(wf, { data: { incident: { occurredAt: '2026-06-01T08:00:00Z' } }, initiator, now: '2026-06-01T08:10:00Z' }), {
      report: [['x']],
    });
    const slot = slotOf(begin, 'x').id;
    const late = step(wf, begin.snapshot, { type: 'task.done', slot, outcome: 'submit', by: 'x', at: '2026-06-01T11:30:00Z' } as never);
    expect(stateLabel(late.snapshot.value)).toBe('late');
    expect(late.snapshot.context.data).toMatchObject({ incident: { hoursLate: 3 } });
    const prompt = step(wf, begin.snapshot, { type: 'task.done', slot, outcome: 'submit', by: 'x', at: '2026-06-01T08:50:00Z' } as never);
    expect(stateLabel(prompt.snapshot.value)).toBe('onTime');
  });
});

describe('step: per-item results', () => {
  it("keeps each unit's report by item index when the foreach collects them", () => {
    const wf = compileDefinition(
      {
        key: 'collect',
        title: '分项核查',
        forms: { report: { schema: { type: 'object' } } },
        initial: 'investigate',
        states: {
          investigate: {
            foreach: { items: { var: 'data.issues' }, assign: { users: [] as string[] }, form: 'report', collect: 'reports' },
            on: { done: 'done' },
          },
          done: { final: true },
        },
      },
      1,
    );
    let r = start(wf, { data: { issues: ['道路积水', '噪音扰民'] }, initiator });
    r = step(wf, r.snapshot, {
      type: 'work.assigned',
      state: 'investigate',
      slots: [
        { assignees: { users: ['a'] }, item: 0 },
        { assignees: { users: ['b'] }, item: 1 },
      ],
    });
    r = step(wf, r.snapshot, { type: 'task.done', slot: slotOf(r, 'b').id, outcome: 'submit', by: 'b', data: { report: { finding: '已整改' } } });
    r = step(wf, r.snapshot, { type: 'task.done', slot: slotOf(r, 'a').id, outcome: 'submit', by: 'a', data: { report: { finding: '已疏通' } } });
    expect(r.snapshot.context.data).toMatchObject({ reports: { 0: { finding: '已疏通' }, 1: { finding: '已整改' } } });
    expect(r.snapshot.context.data.report).toBeUndefined();
    expect(r.snapshot.status).toBe('done');
  });
});

describe('step: refusing a command with a message', () => {
  it('refuses an approval without the required basis, pointing at the field, and lets it through once given', () => {
    const wf = compileDefinition(
      {
        key: 'refuse',
        title: '审核',
        initial: 'review',
        states: {
          review: {
            task: { assign: { users: ['x'] }, outcomes: ['approve', 'reject'] },
            on: {
              approve: [
                {
                  if: { '!': { var: 'data.review.basis' } },
                  refuse: { message: { 'zh-CN': '同意时须写明依据', en: 'Give the basis for approving' }, pointer: '/data/basis' },
                },
                { to: 'done' },
              ],
              reject: 'done',
            },
          },
          done: { final: true },
        },
      },
      1,
    );
    const r = resolveAll(wf, start(wf, { data: {}, initiator }), { review: [['x']] });
    const slot = slotOf(r, 'x').id;
    try {
      step(wf, r.snapshot, { type: 'task.done', slot, outcome: 'approve', by: 'x', data: { review: {} } });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'instance.refused', status: 422, pointer: '/data/basis' });
      expect((e as { localized(l: string): string }).localized('zh-CN')).toBe('同意时须写明依据');
      expect((e as { localized(l: string): string }).localized('en')).toBe('Give the basis for approving');
    }
    const ok = step(wf, r.snapshot, { type: 'task.done', slot, outcome: 'approve', by: 'x', data: { review: { basis: '符合规定' } } });
    expect(ok.snapshot.status).toBe('done');
    expect(ok.snapshot.context.refusal).toBeUndefined();
  });
});
