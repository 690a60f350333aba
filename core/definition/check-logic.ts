/**
 * `definition.invalid_logic` and `definition.invalid_duration`: every JSON Logic rule is checked
 * with `validateRule` (never evaluated), every duration parsed with the calendar's grammar.
 */
import { parseDuration } from '../calendar/index.js';
import { validateRule } from '../logic/index.js';
import { isRecord, pointerOf, problem, problemWithReason } from './problems.js';
import type { DefinitionProblem, WorkflowDefinition } from './types.js';
import { walkAssignments } from './walk-assignments.js';
import { allActionCalls, standingActionsOf, walkStates, walkTransitions, workOf } from './walk.js';

/** Where a rule or a duration sits in the definition. */
interface Located {
  value: unknown;
  pointer: string;
}

/** Logic and duration problems. */
export function checkLogic(def: WorkflowDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const { value, pointer } of rulesOf(def)) {
    for (const found of validateRule(value)) {
      problems.push(
        problemWithReason('definition.invalid_logic', pointer + found.pointer, found.message, {
          logicCode: found.code,
          ...found.details,
        }),
      );
    }
  }
  for (const { value, pointer } of durationsOf(def)) {
    if (typeof value !== 'string') continue;
    try {
      parseDuration(value);
    } catch {
      problems.push(problem('definition.invalid_duration', pointer, { duration: value }));
    }
  }
  return problems;
}

function* entries(record: unknown, pointer: string): Generator<Located> {
  if (!isRecord(record)) return;
  for (const [key, value] of Object.entries(record)) yield { value, pointer: pointerOf(pointer, key) };
}

/** Every JSON Logic rule of the definition. */
function* rulesOf(def: WorkflowDefinition): Generator<Located> {
  if (def.caseTitle !== undefined) yield { value: def.caseTitle, pointer: '/caseTitle' };
  if (def.urgency !== undefined) yield { value: def.urgency, pointer: '/urgency' };
  yield* entries(def.computed, '/computed');
  for (const { assignment, pointer } of walkAssignments(def)) {
    const a = assignment as Record<string, unknown>;
    if (a['user'] !== undefined) yield { value: a['user'], pointer: pointerOf(pointer, 'user') };
    for (const key of ['unit', 'head', 'members']) {
      const selector = a[key];
      if (isRecord(selector) && !Object.hasOwn(selector, 'initiator')) yield { value: selector, pointer: pointerOf(pointer, key) };
    }
  }
  for (const { state, pointer } of walkStates(def)) {
    yield* entries(state.set, pointerOf(pointer, 'set'));
    for (const transition of walkTransitions(state, pointer)) {
      if (transition.spec.if !== undefined) yield { value: transition.spec.if, pointer: pointerOf(transition.pointer, 'if') };
      yield* entries(transition.spec.set, pointerOf(transition.pointer, 'set'));
    }
    if (isRecord(state.foreach)) yield { value: state.foreach.items, pointer: pointerOf(pointer, 'foreach', 'items') };
    for (const work of workOf(state, pointer)) {
      const due: unknown = work.spec.due;
      if (isRecord(due) && due.from !== undefined) yield { value: due.from, pointer: pointerOf(work.pointer, 'due', 'from') };
      if (Array.isArray(work.spec.remind)) {
        for (const [i, r] of work.spec.remind.entries())
          if (isRecord(r) && isRecord(r.at)) yield { value: r.at, pointer: pointerOf(work.pointer, 'remind', i, 'at') };
      }
    }
    if (Array.isArray(state.schedule)) {
      for (const [i, schedule] of state.schedule.entries()) {
        if (isRecord(schedule) && schedule.until !== undefined) {
          yield { value: schedule.until, pointer: pointerOf(pointer, 'schedule', i, 'until') };
        }
      }
    }
  }
  for (const { spec, pointer } of standingActionsOf(def)) yield* entries(spec.set, pointerOf(pointer, 'set'));
  for (const { call, pointer: callPointer } of allActionCalls(def)) {
    yield* logicParams(call.with, pointerOf(callPointer, 'with'));
  }
}

/** `{ "$logic": rule }` values anywhere inside action parameters. */
function* logicParams(value: unknown, pointer: string): Generator<Located> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* logicParams(item, pointerOf(pointer, i));
  } else if (isRecord(value)) {
    if (Object.keys(value).length === 1 && Object.hasOwn(value, '$logic')) {
      yield { value: value['$logic'], pointer: pointerOf(pointer, '$logic') };
      return;
    }
    for (const [key, item] of Object.entries(value)) yield* logicParams(item, pointerOf(pointer, key));
  }
}

/** Every duration of the definition. */
function* durationsOf(def: WorkflowDefinition): Generator<Located> {
  for (const { state, pointer } of walkStates(def)) {
    for (const work of workOf(state, pointer)) {
      const due: unknown = work.spec.due;
      if (isRecord(due)) yield { value: due.after, pointer: pointerOf(work.pointer, 'due', 'after') };
      else yield { value: due, pointer: pointerOf(work.pointer, 'due') };
      if (Array.isArray(work.spec.remind)) {
        for (const [i, reminder] of work.spec.remind.entries()) {
          // A reminder time taken from the data is a rule (checked with the rules), not a duration.
          const at = isRecord(reminder) ? reminder.at : reminder;
          yield { value: at, pointer: isRecord(reminder) ? pointerOf(work.pointer, 'remind', i, 'at') : pointerOf(work.pointer, 'remind', i) };
        }
      }
      const escalate = work.spec.escalate;
      if (Array.isArray(escalate)) {
        for (const [i, e] of escalate.entries()) {
          if (isRecord(e)) yield { value: e.after, pointer: pointerOf(work.pointer, 'escalate', i, 'after') };
        }
      } else if (isRecord(escalate)) {
        yield { value: escalate.after, pointer: pointerOf(work.pointer, 'escalate', 'after') };
      }
    }
    if (Array.isArray(state.schedule)) {
      for (const [i, schedule] of state.schedule.entries()) {
        if (isRecord(schedule)) yield { value: schedule.every, pointer: pointerOf(pointer, 'schedule', i, 'every') };
      }
    }
  }
}
