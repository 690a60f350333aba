/**
 * Step-level consistency: quorum approvals need a quorum, outcomes need transitions, guarded
 * candidates need an unguarded fallback.
 */
import { isRecord, pointerOf, problem } from './problems.js';
import type { DefinitionProblem, StateSpec, WorkflowDefinition } from './types.js';
import { walkStates } from './walk.js';

/** Step problems of every state. */
export function checkSteps(def: WorkflowDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const { name, state, pointer } of walkStates(def)) {
    problems.push(...checkOutcomes(name, state, pointer), ...checkFallbacks(state, pointer));
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

function checkFallbacks(state: StateSpec, pointer: string): DefinitionProblem[] {
  const lists: Array<[unknown, string]> = [
    [state.always, pointerOf(pointer, 'always')],
    [state.onDone, pointerOf(pointer, 'onDone')],
    ...Object.entries(isRecord(state.on) ? state.on : {}).map(
      ([event, target]) => [target, pointerOf(pointer, 'on', event)] as [unknown, string],
    ),
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
