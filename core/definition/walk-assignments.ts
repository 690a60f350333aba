/**
 * Every place a definition names people: work assignments, reminder and escalation targets,
 * empty-assignee fallbacks, CC lists, starters, urge/CC policies and standing actions' `who`.
 */
import { isRecord, pointerOf } from './problems.js';
import type { Assignment, WorkflowDefinition } from './types.js';
import { allActionCalls, standingActionsOf, walkStates, workOf } from './walk.js';

export interface AssignmentEntry {
  assignment: Assignment;
  pointer: string;
}

/**
 * Every assignment in the definition with its pointer.
 *
 * @example
 * [...walkAssignments(def)].map((a) => a.pointer); // ['/states/register/task/assign', ...]
 */
export function* walkAssignments(def: WorkflowDefinition): Generator<AssignmentEntry> {
  yield* listed(def.starters, '/starters');
  if (isRecord(def.policies)) {
    yield* listed(def.policies.urge, '/policies/urge');
    yield* listed(def.policies.cc, '/policies/cc');
  }
  for (const { spec, pointer } of standingActionsOf(def)) yield* listed(spec.who, pointerOf(pointer, 'who'));
  for (const { call, pointer } of allActionCalls(def)) {
    if (call.action === 'case.start' && isRecord(call.with)) yield* one(call.with['initiator'], pointerOf(pointer, 'with', 'initiator'));
  }
  if (isRecord(def.defaults)) yield* fallback(def.defaults.emptyAssignee, '/defaults/emptyAssignee');
  for (const { state, pointer } of walkStates(def)) {
    for (const work of workOf(state, pointer)) {
      yield* one(work.spec.assign, pointerOf(work.pointer, 'assign'));
      yield* fallback(work.spec.emptyAssignee, pointerOf(work.pointer, 'emptyAssignee'));
      if (Array.isArray(work.spec.remind)) {
        for (const [i, reminder] of work.spec.remind.entries()) {
          if (isRecord(reminder)) yield* one(reminder.to, pointerOf(work.pointer, 'remind', i, 'to'));
        }
      }
      const escalate = work.spec.escalate;
      const escalations = Array.isArray(escalate) ? escalate.map((e, i) => [e, i] as const) : [[escalate, undefined] as const];
      for (const [escalation, i] of escalations) {
        if (!isRecord(escalation)) continue;
        const base = i === undefined ? pointerOf(work.pointer, 'escalate') : pointerOf(work.pointer, 'escalate', i);
        yield* one(escalation.notify, pointerOf(base, 'notify'));
        yield* one(escalation.reassign, pointerOf(base, 'reassign'));
      }
    }
    yield* listed(state.cc, pointerOf(pointer, 'cc'));
  }
}

function* one(value: unknown, pointer: string): Generator<AssignmentEntry> {
  if (isRecord(value)) yield { assignment: value as unknown as Assignment, pointer };
}

function* listed(value: unknown, pointer: string): Generator<AssignmentEntry> {
  if (!Array.isArray(value)) return;
  for (const [i, item] of value.entries()) yield* one(item, pointerOf(pointer, i));
}

function* fallback(policy: unknown, pointer: string): Generator<AssignmentEntry> {
  if (!isRecord(policy)) return;
  if (Array.isArray(policy.assign)) yield* listed(policy.assign, pointerOf(pointer, 'assign'));
  else yield* one(policy.assign, pointerOf(pointer, 'assign'));
}
