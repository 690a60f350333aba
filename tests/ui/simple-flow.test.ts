/**
 * The simple (vertical) designer's model: every flow it can build is a definition that validates
 * and runs on the engine's own core, reads back to the same flow, and a definition of another shape
 * is left to the graph designer.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../core/definition/index.js';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { completeSlot, startSimulation, type Simulation } from '../../core/machine/simulation.js';
import {
  addBranch,
  emptyFlow,
  findNode,
  fromDefinition,
  insertNode,
  newNode,
  removeBranch,
  removeNode,
  toDefinition,
  updateNode,
  type ApproverNode,
  type BranchGroup,
  type FlowNode,
  type ParallelGroup,
  type SimpleFlow,
} from '../../ui/admin/simple-flow.js';

const costForm = {
  schema: { type: 'object', required: ['cost'], properties: { reason: { type: 'string', title: '事由' }, cost: { type: 'number', title: '费用' } } },
  uiSchema: { fields: { '/cost': { label: { 'zh-CN': '费用', en: 'Cost' } } } },
};

function approver(flow: SimpleFlow, title: string, who: ApproverNode['who'], mode: ApproverNode['mode'] = 'any'): ApproverNode {
  return { ...(newNode(flow, 'approver') as ApproverNode), title: { 'zh-CN': title }, who, mode };
}

/** 用车申请: the director approves; above 1000 yuan the deputy head too; the supervision office is CC'd. */
function carRequest(): SimpleFlow {
  let flow: SimpleFlow = {
    ...emptyFlow('car-request', { 'zh-CN': '用车申请', en: 'Car request' }),
    form: costForm,
    caseTitle: ['用车：', { field: 'reason' }],
  };
  flow = insertNode(flow, [], 0, approver(flow, '主管审批', { kind: 'manager', level: 1 }));
  const group = newNode(flow, 'branch') as BranchGroup;
  flow = insertNode(flow, [], 1, { ...group, branches: [{ when: { join: 'and', rows: [{ path: 'cost', op: '>', value: '1000' }] }, nodes: [] }] });
  flow = insertNode(flow, [group.id, 0], 0, approver(flow, '分管领导', { kind: 'role', role: 'deputy-head', unit: 'county' }));
  flow = insertNode(flow, [], 2, {
    ...newNode(flow, 'cc'),
    title: { 'zh-CN': '抄送督查室' },
    who: { kind: 'role', role: 'supervision-officer', unit: 'supervision' },
  } as FlowNode);
  return flow;
}

function run(def: WorkflowDefinition, data: Record<string, unknown>, decide: (sim: Simulation) => string | null): Simulation {
  // Somebody holds every step, nested lanes' steps too.
  const people = new Proxy({}, { get: (_t, state) => [`${String(state)}-person`] }) as Record<string, string[]>;
  let sim = startSimulation(def, { initiator: { id: 'zongheke1', unitId: 'secretariat' }, people, now: new Date('2026-03-02T01:00:00Z'), data });
  for (let i = 0; i < 20 && !sim.result && sim.open.length; i++) sim = completeSlot(sim, sim.open[0]!.slot, decide(sim) ?? 'approve');
  return sim;
}

function valid(def: WorkflowDefinition): void {
  const r = validateDefinition(def);
  expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
}

describe('simple flow ⇄ definition', () => {
  it('writes 用车申请 as a definition that validates, titles cases from the form, and takes the extra approval only above 1000', () => {
    const def = toDefinition(carRequest());
    valid(def);
    expect(def.startForm).toBe('apply');
    expect(def.caseTitle).toEqual({ cat: ['用车：', { var: ['data.apply.reason', ''] }] });
    const cheap = run(def, { apply: { reason: '下乡调研', cost: 300 } }, () => 'approve');
    expect(cheap.result).toBe('completed');
    expect(cheap.visited).toEqual(['approve1', 'cond1', 'cc1', 'done']);
    const dear = run(def, { apply: { reason: '赴省汇报', cost: 3000 } }, () => 'approve');
    expect(dear.result).toBe('completed');
    expect(dear.visited).toEqual(['approve1', 'cond1', 'approve2', 'cc1', 'done']);
    expect(dear.snapshot.context.cc.map((c) => c.state)).toEqual(['cc1']);
  });

  it('ends the case as not approved when an approver rejects', () => {
    const def = toDefinition(carRequest());
    const sim = run(def, { apply: { cost: 3000 } }, (s) => (s.open[0]!.state === 'approve2' ? 'reject' : 'approve'));
    expect(sim.result).toBe('rejected');
  });

  it('reads every flow it wrote back to the same flow', () => {
    const flow = carRequest();
    expect(fromDefinition(toDefinition(flow))).toEqual(flow);
  });

  it('builds parallel lanes and nested conditions that validate, run and read back', () => {
    let flow = carRequest();
    const par = newNode(flow, 'parallel') as ParallelGroup;
    flow = insertNode(flow, [], 1, par);
    flow = insertNode(flow, [par.id, 0], 0, approver(flow, '财务审核', { kind: 'users', users: ['zhuren'] }, 'all'));
    flow = insertNode(flow, [par.id, 1], 0, approver(flow, '车队确认', { kind: 'head' }, 'sequential'));
    const inner = newNode(flow, 'branch') as BranchGroup;
    flow = insertNode(flow, ['cond1', 1], 0, inner); // in 「其他情况」 of the cost condition
    flow = addBranch(flow, inner.id);
    flow = updateNode(flow, {
      ...(findNode(flow, inner.id) as BranchGroup),
      branches: [
        {
          when: {
            join: 'or',
            rows: [
              { path: 'reason', op: '==', value: '紧急' },
              { path: 'cost', op: '<', value: '10' },
            ],
          },
          nodes: [],
        },
        { when: { join: 'and', rows: [{ path: 'reason', op: 'truthy', value: '' }] }, nodes: [] },
      ],
    });
    flow = insertNode(flow, [inner.id, 2], 0, approver(flow, '其他审批', { kind: 'initiator' }));
    const def = toDefinition(flow);
    valid(def);
    expect(fromDefinition(def)).toEqual(flow);
    const sim = run(def, { apply: { reason: '', cost: 500 } }, () => 'approve');
    expect(sim.result).toBe('completed');
    expect(sim.visited).toContain('par1.lane1.approve3');
    expect(sim.visited).toContain(`${inner.id}`);
    expect(sim.visited).toContain('approve5');
  });

  it('validates the empty flow and every single node kind', () => {
    const empty = emptyFlow('x', { 'zh-CN': '空流程' });
    valid(toDefinition(empty));
    expect(fromDefinition(toDefinition(empty))).toEqual(empty);
    for (const type of ['approver', 'cc', 'branch', 'parallel'] as const) {
      let node = newNode(empty, type);
      if (node.type === 'branch') {
        // A condition left empty publishes nothing: its 「其他情况」 branch could never be taken.
        const unfinished = validateDefinition(toDefinition(insertNode(empty, [], 0, node))).problems.map((p) => p.code);
        expect(unfinished).toEqual(expect.arrayContaining(['definition.constant_condition', 'definition.unreachable_transition']));
        node = {
          ...node,
          branches: node.branches.map((b) => ({ ...b, when: { join: 'and' as const, rows: [{ path: 'reason', op: 'truthy' as const, value: '' }] } })),
        };
      }
      const flow = insertNode(empty, [], 0, node);
      const def = toDefinition(flow);
      valid(def);
      expect(fromDefinition(def)).toEqual(flow);
      expect(run(def, { apply: {} }, () => 'approve').result).toBe('completed');
    }
  });

  it('removes nodes, conditions and lanes (a group left with one way dissolves into it)', () => {
    let flow = carRequest();
    flow = removeBranch(flow, 'cond1', 0);
    expect(flow.nodes.map((n) => n.type)).toEqual(['approver', 'cc']);
    flow = removeNode(flow, 'cc1');
    valid(toDefinition(flow));
    expect(toDefinition(flow).states.rejected).toBeDefined();
    flow = removeNode(flow, 'approve1');
    expect(toDefinition(flow).states.rejected).toBeUndefined();
  });

  it('writes where an approver may send the case back to (退回) and reads it back', () => {
    let flow = carRequest();
    const second = findNode(flow, 'approve2') as ApproverNode;
    flow = updateNode(flow, { ...second, returnTo: 'previous' });
    flow = updateNode(flow, { ...(findNode(flow, 'approve1') as ApproverNode), returnTo: 'visited' });
    expect(toDefinition(flow).initial).toBe('approve1');
    const def = toDefinition(flow);
    valid(def);
    expect(def.states.approve2!.return).toEqual({ to: 'previous' });
    expect(def.states.approve1!.return).toEqual({ to: 'visited' });
    expect(fromDefinition(def)).toEqual(flow);
  });

  it('gives the flow a 发起人 step done by starting the case when an approver may send it back to the initiator', () => {
    const base = carRequest();
    const second = findNode(base, 'approve2') as ApproverNode;
    const flow = updateNode(base, { ...second, returnTo: 'initiator' });
    const def = toDefinition(flow);
    valid(def);
    expect(def.initial).toBe('start');
    expect(def.states.start).toEqual({
      title: { 'zh-CN': '发起人', en: 'Initiator' },
      task: { assign: { initiator: true }, form: 'apply', doneAtStart: true },
      on: { submit: 'approve1' },
    });
    expect(def.states.approve2!.return).toEqual({ to: ['start'] });
    expect(fromDefinition(def)).toEqual(flow);
    // Starting the case does the initiator's step: the first task is the manager's
    const sim = run(def, { apply: { cost: 3000 } }, () => 'approve');
    expect(sim.result).toBe('completed');
    expect(sim.visited).toEqual(['start', 'approve1', 'cond1', 'approve2', 'cc1', 'done']);
    // No approver sends it back to the initiator: no 发起人 step
    expect(toDefinition(updateNode(flow, second)).initial).toBe('approve1');
  });

  it('writes who may start: everyone, departments, roles or people, and reads them back', () => {
    const base = carRequest();
    expect(toDefinition(base).starters).toBeUndefined();
    const cases: Array<[SimpleFlow['starters'], unknown]> = [
      [{ kind: 'units', units: ['secretariat', 'supervision'] }, [{ members: 'secretariat' }, { members: 'supervision' }]],
      [{ kind: 'roles', roles: ['secretariat-clerk'] }, [{ role: 'secretariat-clerk' }]],
      [{ kind: 'users', users: ['zongheke1', 'ducha1'] }, [{ users: ['zongheke1', 'ducha1'] }]],
    ];
    for (const [starters, written] of cases) {
      const flow = { ...base, starters };
      const def = toDefinition(flow);
      valid(def);
      expect(def.starters).toEqual(written);
      expect(fromDefinition(def)).toEqual(flow);
    }
    // Nothing chosen yet is not "everyone": publishing refuses it, at /starters
    const none = validateDefinition(toDefinition({ ...base, starters: { kind: 'units', units: [] } }));
    expect(none.problems.map((p) => p.pointer)).toContain('/starters');
    // A list the simple view cannot show is kept as it is
    const other = { ...toDefinition(base), starters: [{ role: 'secretariat-clerk', unit: 'secretariat' }] } as WorkflowDefinition;
    const read = fromDefinition(other)!;
    expect(read.starters).toBeNull();
    expect(toDefinition(read).starters).toEqual([{ role: 'secretariat-clerk', unit: 'secretariat' }]);
  });

  it('leaves a definition of another shape to the graph designer', () => {
    for (const key of ['document-signoff', 'meeting-request', 'petition-case']) {
      const def = JSON.parse(readFileSync(new URL(`../../workflows/${key}/workflow.json`, import.meta.url), 'utf8')) as WorkflowDefinition;
      expect(fromDefinition(def)).toBeNull();
    }
    const def = toDefinition(carRequest());
    expect(fromDefinition({ ...def, states: { ...def.states, approve1: { ...def.states.approve1!, return: { to: ['approve1'] } } } })).toBeNull();
    expect(fromDefinition({ ...def, states: { ...def.states, extra: { final: true } } })).toBeNull();
  });
});
