/**
 * Step-level consistency: quorum approvals need a quorum, outcomes need transitions, guarded
 * candidates need an unguarded fallback, a step done by starting the case is the initiator's first.
 */
import { isRecord, pointerOf, problem } from './problems.js';
import type { DefinitionProblem, StateSpec, WorkflowDefinition } from './types.js';
import { walkStates } from './walk.js';

/** Step problems of every state. */
export function checkSteps(def: WorkflowDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const { name, state, pointer } of walkStates(def)) {
    problems.push(...checkOutcomes(name, state, pointer), ...checkFallbacks(state, pointer));
    if (isRecord(state.task) && state.task.doneAtStart === true) problems.push(...checkDoneAtStart(def, name, state, pointer));
    const approval = state.approval;
    if (isRecord(approval) && approval.mode === 'quorum' && typeof approval.quorum !== 'number') {
      problems.push(problem('definition.quorum_required', pointerOf(pointer, 'approval'), { state: name }));
    }
  }
  return problems;
}

function checkOutcomes(name: string, state: StateSpec, pointer: string): DefinitionProblem[] {
  const on = isRecord(state.on) ? state.on : {};
  const problems: DefinitionProblem[] = [];
  const need = (outcome: string, at: string, severity: 'error' | 'warning') => {
    if (!Object.hasOwn(on, outcome)) problems.push(problem('definition.bad_outcome', at, { state: name, outcome }, severity));
  };
  if (isRecord(state.task)) {
    const outcomes = Array.isArray(state.task.outcomes) ? state.task.outcomes : undefined;
    if (outcomes) {
      outcomes.forEach((outcome, i) => {
        if (typeof outcome === 'string') need(outcome, pointerOf(pointer, 'task', 'outcomes', i), 'warning');
      });
    } else {
      need('submit', pointerOf(pointer, 'task'), 'warning');
    }
  }
  // Without `approve` an approval can never move on.
  if (isRecord(state.approval)) need('approve', pointerOf(pointer, 'approval'), 'error');
  // A foreach step sends `done` once every item is done.
  if (isRecord(state.foreach)) need('done', pointerOf(pointer, 'foreach'), 'warning');
  return problems;
}

/** A step done by starting the case is the initiator's own first step: the initial one, theirs, with the start form to do. */
function checkDoneAtStart(def: WorkflowDefinition, name: string, state: StateSpec, pointer: string): DefinitionProblem[] {
  const assign = state.task?.assign as Record<string, unknown> | undefined;
  const theirs = isRecord(assign) && Object.keys(assign).length === 1 && assign['initiator'] === true;
  const ok = pointer === pointerOf('/states', name) && def.initial === name && theirs && typeof def.startForm === 'string';
  return ok ? [] : [problem('definition.done_at_start_misplaced', pointerOf(pointer, 'task', 'doneAtStart'), { state: name })];
}

function checkFallbacks(state: StateSpec, pointer: string): DefinitionProblem[] {
  const lists: Array<[unknown, string]> = [
    [state.always, pointerOf(pointer, 'always')],
    [state.onDone, pointerOf(pointer, 'onDone')],
    ...Object.entries(isRecord(state.on) ? state.on : {}).map(([event, target]) => [target, pointerOf(pointer, 'on', event)] as [unknown, string]),
  ];
  const problems: DefinitionProblem[] = [];
  for (const [target, at] of lists) {
    if (!Array.isArray(target) || target.length === 0) continue;
    const last: unknown = target[target.length - 1];
    if (isRecord(last) && last['if'] !== undefined) {
      problems.push(problem('definition.unguarded_fallback', at, {}, 'warning'));
    }
  }
  return problems;
}
