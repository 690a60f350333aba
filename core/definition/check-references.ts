/**
 * Names that must exist outside the flow graph: forms (in `forms`), roles, plugin actions and
 * assignee resolvers (in the validation context, when given), and steps named by `previous`.
 */
import { allStateNames } from './check-graph.js';
import { checkActionParams } from './check-action-params.js';
import { isRecord, pointerOf, problem } from './problems.js';
import type { DefinitionProblem, ValidationContext, WorkflowDefinition } from './types.js';
import { walkAssignments } from './walk-assignments.js';
import { BUILTIN_ACTIONS } from './check-linked-cases.js';
import { allActionCalls, standingActionsOf, walkStates, workOf } from './walk.js';

/** Reference problems: unknown forms, roles, actions, resolvers, bad action parameters. */
export function checkReferences(def: WorkflowDefinition, ctx: ValidationContext): DefinitionProblem[] {
  return [...checkForms(def), ...checkFormPatterns(def, ctx), ...checkAssignments(def, ctx), ...checkActions(def, ctx)];
}

/** Form patterns the server could only run on a backtracking engine are refused, not published. */
function checkFormPatterns(def: WorkflowDefinition, ctx: ValidationContext): DefinitionProblem[] {
  if (!ctx.unsupportedPatterns || !isRecord(def.forms)) return [];
  const problems: DefinitionProblem[] = [];
  for (const [key, form] of Object.entries(def.forms)) {
    if (!isRecord(form) || !isRecord(form['schema'])) continue;
    for (const p of ctx.unsupportedPatterns(form['schema'])) {
      problems.push(problem('definition.unsupported_pattern', pointerOf('/forms', key, 'schema') + p.pointer, { pattern: p.pattern, reason: p.reason }));
    }
  }
  return problems;
}

function checkForms(def: WorkflowDefinition): DefinitionProblem[] {
  const forms = isRecord(def.forms) ? def.forms : {};
  const problems: DefinitionProblem[] = [];
  const check = (form: unknown, pointer: string) => {
    if (typeof form === 'string' && !Object.hasOwn(forms, form)) {
      problems.push(problem('definition.unknown_form', pointer, { form }));
    }
  };
  check(def.startForm, '/startForm');
  for (const { state, pointer } of walkStates(def)) {
    for (const work of workOf(state, pointer)) check(work.spec.form, pointerOf(work.pointer, 'form'));
  }
  for (const { spec, pointer } of standingActionsOf(def)) check(spec.form, pointerOf(pointer, 'form'));
  return problems;
}

function checkAssignments(def: WorkflowDefinition, ctx: ValidationContext): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const states = allStateNames(def);
  for (const { assignment, pointer } of walkAssignments(def)) {
    const a = assignment as Record<string, unknown>;
    if (ctx.roles && typeof a['role'] === 'string' && !ctx.roles.has(a['role'])) {
      problems.push(problem('definition.unknown_role', pointerOf(pointer, 'role'), { role: a['role'] }));
    }
    if (ctx.resolvers && typeof a['plugin'] === 'string' && !ctx.resolvers.has(a['plugin'])) {
      problems.push(problem('definition.unknown_resolver', pointerOf(pointer, 'plugin'), { resolver: a['plugin'] }));
    }
    const previous = a['previous'];
    if (isRecord(previous) && typeof previous['state'] === 'string' && !states.has(previous['state'])) {
      problems.push(problem('definition.unknown_target', pointerOf(pointer, 'previous', 'state'), { target: previous['state'] }));
    }
  }
  return problems;
}

function checkActions(def: WorkflowDefinition, ctx: ValidationContext): DefinitionProblem[] {
  if (!ctx.actions) return [];
  const problems: DefinitionProblem[] = [];
  for (const { call, pointer: callPointer } of allActionCalls(def)) {
    // Built-in actions (case.start, case.signal) are checked by check-linked-cases.
    if (typeof call.action !== 'string' || Object.hasOwn(BUILTIN_ACTIONS, call.action)) continue;
    const action = ctx.actions.get(call.action);
    if (!action) {
      problems.push(problem('definition.unknown_action', pointerOf(callPointer, 'action'), { action: call.action }));
    } else if (action.params) {
      problems.push(...checkActionParams(call, action.params, callPointer));
    }
  }
  return problems;
}
