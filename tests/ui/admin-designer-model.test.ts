/**
 * The designer's pure parts, without a browser: editing a definition step by step keeps it valid,
 * the simulator walks it with the engine's own core, versions compare structurally, and the form
 * designer writes schemas it can read back.
 */
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../core/definition/index.js';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { addStep, connect, connectProblem, disconnect, newDefinition, removeStep, renameStep, setKind, stateOfPointer } from '../../ui/admin/draft-model.js';
import { fromSchemas, toSchemas, type FieldDef } from '../../ui/admin/form-model.js';
import { advanceClock, completeSlot, startSimulation } from '../../core/machine/simulation.js';
import { applyStepData, stepData } from '../../ui/admin/step-form.js';
import { fromLogic, toLogic } from '../../ui/admin/condition-builder.js';
import { diffVersions } from '../../ui/admin/version-diff.js';

/** Draft → (approval by the office director) → (approval by a deputy head) → done, as the designer builds it. */
function threeSteps(): WorkflowDefinition {
  let def = newDefinition('leave-request', { 'zh-CN': '请假审批', en: 'Leave request' });
  const a = addStep(def, 'approval', 'draft');
  def = a.def;
  def = {
    ...def,
    states: {
      ...def.states,
      [a.name]: applyStepData(def.states[a.name]!, {
        ...stepData(def.states[a.name]!),
        titleZh: '主任审核',
        assignType: 'role',
        role: 'office-director',
        unit: 'office',
        dueDays: 3,
      }),
    },
  };
  const b = addStep(def, 'approval', a.name);
  def = b.def;
  def = {
    ...def,
    states: {
      ...def.states,
      [b.name]: applyStepData(def.states[b.name]!, {
        ...stepData(def.states[b.name]!),
        titleZh: '分管领导审批',
        assignType: 'role',
        role: 'deputy-head',
        unit: 'county',
        mode: 'all',
      }),
    },
  };
  def = connect(def, b.name, 'approve', 'done');
  const end = addStep(def, 'final');
  def = setKind(end.def, end.name, 'final');
  def = { ...def, states: { ...def.states, [end.name]: { ...def.states[end.name]!, result: 'rejected' } } };
  def = connect(def, a.name, 'reject', end.name);
  def = connect(def, b.name, 'reject', end.name);
  return renameStep(def, a.name, 'director');
}

describe('the designer model', () => {
  it('builds a valid three-step approval workflow by adding and connecting steps', () => {
    const def = threeSteps();
    expect(validateDefinition(def).problems).toEqual([]);
    expect(Object.keys(def.states)).toEqual(['draft', 'done', 'director', 'approve2', 'end1']);
    expect(def.states.draft!.on).toEqual({ submit: 'director' });
    expect(def.states.director!.approval).toMatchObject({ assign: { role: 'office-director', unit: 'office' }, mode: 'any', due: 'P3WD' });
    expect(def.states.director!.on).toEqual({ approve: 'approve2', reject: 'end1' });
  });

  it('inserts a new approval step into the line with an exit, so the draft has no problems', () => {
    const { def, name } = addStep(newDefinition('x', { 'zh-CN': '请假' }), 'approval', 'draft');
    expect(def.states.draft!.on).toEqual({ submit: name });
    expect(def.states[name]!.on).toEqual({ approve: 'done' });
    expect(validateDefinition(def).problems).toEqual([]);
    const second = addStep(def, 'approval', name);
    expect(second.def.states[name]!.on).toEqual({ approve: second.name });
    expect(second.def.states[second.name]!.on).toEqual({ approve: 'done' });
    expect(validateDefinition(second.def).problems).toEqual([]);
  });

  it('never silently replaces a connection: a second target for the same outcome is refused, and connecting appends', () => {
    const { def, name } = addStep(newDefinition('x', { 'zh-CN': '请假' }), 'approval', 'draft');
    expect(connectProblem(def, 'draft', 'submit', 'done')).toEqual({ code: 'taken', to: name });
    expect(connectProblem(def, 'draft', 'submit', name)).toEqual({ code: 'same', to: name });
    expect(connectProblem(def, name, 'reject', 'done')).toBeNull();
    expect(connect(def, 'draft', 'submit', 'done').states.draft!.on).toEqual({ submit: [{ to: name }, { to: 'done' }] });
  });

  it('removes a step with the connections into it, and points problems at the step', () => {
    const def = removeStep(threeSteps(), 'approve2');
    expect(def.states.director!.on).toEqual({ reject: 'end1' });
    const problems = validateDefinition(def).problems;
    expect(problems.some((p) => stateOfPointer(p.pointer) === 'director')).toBe(true);
    expect(stateOfPointer('/states/director/on/approve/0/to')).toBe('director');
    expect(stateOfPointer('/initial')).toBe('');
  });

  it('simulates the draft: each person decides, the 3-working-day deadline falls on Thursday at 17:00 Beijing time', () => {
    const def = threeSteps();
    let sim = startSimulation(def, {
      initiator: { id: 'zongheke1', unitId: 'secretariat' },
      people: { director: ['zhuren'], approve2: ['fuxianzhang1', 'fuxianzhang2'] },
      now: new Date('2026-03-02T01:00:00Z'),
    });
    expect(sim.open.map((t) => [t.state, t.people])).toEqual([['draft', ['zongheke1']]]);
    sim = completeSlot(sim, sim.open[0]!.slot, 'submit');
    expect(sim.open.map((t) => [t.state, t.people])).toEqual([['director', ['zhuren']]]);
    expect(sim.timers.map((t) => [t.kind, t.at.toISOString()])).toEqual([['due', '2026-03-05T09:00:00.000Z']]);
    sim = completeSlot(sim, sim.open[0]!.slot, 'approve');
    expect(sim.open.map((t) => t.people[0])).toEqual(['fuxianzhang1', 'fuxianzhang2']);
    sim = completeSlot(sim, sim.open[0]!.slot, 'approve');
    expect(sim.result).toBeNull();
    sim = completeSlot(sim, sim.open[0]!.slot, 'approve');
    expect(sim.result).toBe('completed');
    expect(sim.visited).toEqual(['draft', 'director', 'approve2', 'done']);
  });

  it('records a refused step in the log instead of failing, and moves the clock', () => {
    const def = threeSteps();
    let sim = startSimulation(def, { initiator: { id: 'u1', unitId: 'x' }, people: {}, now: new Date('2026-03-02T01:00:00Z') });
    sim = completeSlot(sim, sim.open[0]!.slot, 'submit');
    expect(sim.log.at(-1)).toMatchObject({ error: true });
    expect(sim.log.at(-1)!.text['zh-CN']).toContain('assign.empty');
    const later = advanceClock(sim, new Date('2026-03-10T01:00:00Z'));
    expect(later.now.toISOString()).toBe('2026-03-10T01:00:00.000Z');
  });

  it('renaming a step follows the standing actions that name it', () => {
    const a = { ...threeSteps(), actions: { spotCheck: { title: '下达抽查', who: [{ initiator: true as const }], to: 'director', in: ['director', 'done'] } } };
    const b = renameStep(a, 'director', 'leader');
    expect(b.actions?.spotCheck).toMatchObject({ to: 'leader', in: ['leader', 'done'] });
  });

  it('compares two versions structurally', () => {
    const a = threeSteps();
    const b = renameStep(connect(disconnect(a, 'director', 'approve'), 'director', 'approve', 'done'), 'approve2', 'leader');
    const d = diffVersions(a, b);
    expect(d.addedStates).toEqual(['leader']);
    expect(d.removedStates).toEqual(['approve2']);
    expect(d.addedTransitions).toContain('director —approve→ done');
    expect(d.removedTransitions).toContain('director —approve→ approve2');
  });

  it('writes guards as JSON Logic and reads them back as rows', () => {
    const rule = toLogic({
      join: 'and',
      rows: [
        { path: 'data.draft.days', op: '>', value: '3' },
        { path: 'data.draft.urgent', op: 'truthy', value: '' },
      ],
    });
    expect(rule).toEqual({ and: [{ '>': [{ var: 'data.draft.days' }, 3] }, { '!!': [{ var: 'data.draft.urgent' }] }] });
    expect(fromLogic(rule)).toEqual({
      join: 'and',
      rows: [
        { path: 'data.draft.days', op: '>', value: '3' },
        { path: 'data.draft.urgent', op: 'truthy', value: '' },
      ],
    });
    expect(fromLogic({ if: [1, 2, 3] })).toBeNull();
  });

  it('writes a standard JSON Schema and UI schema for designed fields, and reads them back', () => {
    const fields: FieldDef[] = [
      { name: 'reason', type: 'textarea', labelZh: '事由', labelEn: 'Reason', required: true, maxLength: 500, width: 'full' },
      { name: 'days', type: 'integer', labelZh: '天数', minimum: 1, maximum: 30, width: 'half' },
      {
        name: 'kind',
        type: 'radio',
        labelZh: '类别',
        options: [
          { value: 'annual', zh: '年休假', en: 'Annual' },
          { value: 'sick', zh: '病假', en: 'Sick' },
        ],
        width: 'half',
      },
      { name: 'proof', type: 'text', labelZh: '证明', showWhen: { '==': [{ var: 'data.kind' }, 'sick'] }, width: 'full' },
    ];
    const { schema, uiSchema } = toSchemas(fields);
    expect(schema).toMatchObject({
      type: 'object',
      required: ['reason'],
      properties: {
        reason: { type: 'string', title: '事由', minLength: 1, maxLength: 500 },
        days: { type: 'integer', minimum: 1, maximum: 30 },
        kind: { type: 'string', enum: ['annual', 'sick'] },
      },
    });
    expect(uiSchema).toMatchObject({
      layout: { type: 'group', items: ['/reason', { type: 'columns', columns: 2, items: ['/days', '/kind'] }, '/proof'] },
      fields: { '/kind': { widget: 'radio', options: { annual: { 'zh-CN': '年休假', en: 'Annual' } } }, '/proof': { rules: [{ effect: 'show' }] } },
    });
    expect(fromSchemas(schema, uiSchema)).toEqual(fields);
  });
});
