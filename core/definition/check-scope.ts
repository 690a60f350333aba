/**
 * Every `var` a rule reads must resolve in the scope where the rule is evaluated: `data`,
 * `initiator`, `now` and `state` everywhere in a step; `event` and `actor` on transitions; the
 * item (`as`, `item`, `index`) only inside a per-item step's own fields. A reference that cannot
 * resolve would evaluate to nothing and reach nobody, so it is a publish error with its pointer.
 */
import { collectVars, validateRule } from '../logic/index.js';
import { isRecord, pointerOf, problem } from './problems.js';
import type { DefinitionProblem, WorkflowDefinition } from './types.js';
import { allActionCalls, standingActionsOf, walkStates, walkTransitions, workOf } from './walk.js';

const CASE = ['data', 'initiator', 'now', 'state'];
const TRANSITION = [...CASE, 'event', 'actor'];

interface Scoped {
  rule: unknown;
  pointer: string;
  names: readonly string[];
}

/** `definition.unknown_variable` for each rule reading a name its scope does not have. */
export function checkScope(def: WorkflowDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const { rule, pointer, names } of scopedRules(def)) {
    // A rule that is itself invalid is reported once, by the logic check.
    if (validateRule(rule).length > 0) continue;
    const seen = new Set<string>();
    for (const path of collectVars(rule)) {
      if (path === '') continue;
      const root = path.split('.')[0]!;
      if (names.includes(root) || seen.has(root)) continue;
      seen.add(root);
      problems.push(problem('definition.unknown_variable', pointer, { variable: path, available: names.join(', ') }));
    }
  }
  return problems;
}

function* scopedRules(def: WorkflowDefinition): Generator<Scoped> {
  if (isRecord(def.policies)) {
    for (const key of ['urge', 'cc'] as const) {
      const list = def.policies[key];
      if (Array.isArray(list)) for (const [i, a] of list.entries()) yield* assignmentRules(a, pointerOf('/policies', key, i), CASE);
    }
  }
  for (const { spec, pointer } of standingActionsOf(def)) {
    if (Array.isArray(spec.who)) for (const [i, a] of spec.who.entries()) yield* assignmentRules(a, pointerOf(pointer, 'who', i), CASE);
    if (isRecord(spec.set)) for (const [k, v] of Object.entries(spec.set)) yield { rule: v, pointer: pointerOf(pointer, 'set', k), names: TRANSITION };
  }
  for (const { call, pointer: at } of allActionCalls(def)) {
    const w = call.with;
    if (call.action === 'case.start' && isRecord(w)) yield* assignmentRules(w['initiator'], pointerOf(at, 'with', 'initiator'), TRANSITION);
    // case.start with `forEach`: its data mapping sees each item (under `as`, `item`, `index`).
    if (call.action === 'case.start' && isRecord(w) && w['forEach'] !== undefined) {
      yield* paramRules(w['forEach'], pointerOf(at, 'with', 'forEach'), TRANSITION);
      const as = typeof w['as'] === 'string' ? w['as'] : 'item';
      const { forEach: _items, initiator: _who, ...rest } = w;
      yield* paramRules(rest, pointerOf(at, 'with'), [...TRANSITION, as, 'item', 'index']);
    } else if (call.action === 'case.start' && isRecord(w)) {
      const { initiator: _who, ...rest } = w;
      yield* paramRules(rest, pointerOf(at, 'with'), TRANSITION);
    } else yield* paramRules(w, pointerOf(at, 'with'), TRANSITION);
  }
  if (def.caseTitle !== undefined) yield { rule: def.caseTitle, pointer: '/caseTitle', names: ['data', 'initiator'] };
  if (def.urgency !== undefined) yield { rule: def.urgency, pointer: '/urgency', names: ['data', 'initiator'] };
  if (isRecord(def.computed))
    for (const [k, v] of Object.entries(def.computed)) yield { rule: v, pointer: pointerOf('/computed', k), names: ['data', 'initiator', 'now'] };
  for (const { state, pointer } of walkStates(def)) {
    if (isRecord(state.set)) for (const [k, v] of Object.entries(state.set)) yield { rule: v, pointer: pointerOf(pointer, 'set', k), names: CASE };
    for (const t of walkTransitions(state, pointer)) {
      if (t.spec.if !== undefined) yield { rule: t.spec.if, pointer: pointerOf(t.pointer, 'if'), names: TRANSITION };
      if (isRecord(t.spec.set)) for (const [k, v] of Object.entries(t.spec.set)) yield { rule: v, pointer: pointerOf(t.pointer, 'set', k), names: TRANSITION };
    }
    if (Array.isArray(state.schedule)) {
      for (const [i, s] of state.schedule.entries())
        if (isRecord(s) && s.until !== undefined) yield { rule: s.until, pointer: pointerOf(pointer, 'schedule', i, 'until'), names: ['data', 'initiator'] };
    }
    if (Array.isArray(state.cc)) for (const [i, a] of state.cc.entries()) yield* assignmentRules(a, pointerOf(pointer, 'cc', i), CASE);

    for (const work of workOf(state, pointer)) {
      const spec = work.spec as unknown as Record<string, unknown>;
      const names = work.kind === 'foreach' ? [...CASE, typeof spec['as'] === 'string' ? spec['as'] : 'item', 'item', 'index'] : CASE;
      if (work.kind === 'foreach') yield { rule: spec['items'], pointer: pointerOf(work.pointer, 'items'), names: CASE };
      yield* workRules(spec, work.pointer, names);
    }
  }
}

/** The rules inside a step's own fields: assignment, fallbacks, deadline, reminders, escalation. */
function* workRules(spec: Record<string, unknown>, at: string, names: readonly string[]): Generator<Scoped> {
  yield* assignmentRules(spec['assign'], pointerOf(at, 'assign'), names);
  const empty = spec['emptyAssignee'];
  if (isRecord(empty)) {
    const list = Array.isArray(empty['assign']) ? empty['assign'] : [empty['assign']];
    for (const [i, a] of list.entries())
      yield* assignmentRules(a, Array.isArray(empty['assign']) ? pointerOf(at, 'emptyAssignee', 'assign', i) : pointerOf(at, 'emptyAssignee', 'assign'), names);
  }
  const due = spec['due'];
  if (isRecord(due)) {
    if (due['from'] !== undefined) yield { rule: due['from'], pointer: pointerOf(at, 'due', 'from'), names };
    if (isRecord(due['after'])) yield { rule: due['after'], pointer: pointerOf(at, 'due', 'after'), names };
  }
  if (Array.isArray(spec['remind'])) {
    for (const [i, r] of spec['remind'].entries()) {
      if (!isRecord(r)) continue;
      if (isRecord(r['at'])) yield { rule: r['at'], pointer: pointerOf(at, 'remind', i, 'at'), names };
      yield* assignmentRules(r['to'], pointerOf(at, 'remind', i, 'to'), names);
    }
  }
  const escalate = spec['escalate'];
  const list = Array.isArray(escalate) ? escalate : escalate === undefined ? [] : [escalate];
  for (const [i, e] of list.entries()) {
    if (!isRecord(e)) continue;
    const base = Array.isArray(escalate) ? pointerOf(at, 'escalate', i) : pointerOf(at, 'escalate');
    yield* assignmentRules(e['notify'], pointerOf(base, 'notify'), names);
    yield* assignmentRules(e['reassign'], pointerOf(base, 'reassign'), names);
  }
  if (spec['itemTitle'] !== undefined) yield { rule: spec['itemTitle'], pointer: pointerOf(at, 'itemTitle'), names };
  if (isRecord(spec['prefill'])) for (const [k, v] of Object.entries(spec['prefill'])) yield { rule: v, pointer: pointerOf(at, 'prefill', k), names };
}

function* assignmentRules(a: unknown, at: string, names: readonly string[]): Generator<Scoped> {
  if (!isRecord(a)) return;
  if (a['user'] !== undefined) yield { rule: a['user'], pointer: pointerOf(at, 'user'), names };
  for (const key of ['unit', 'head', 'members']) {
    const sel = a[key];
    if (isRecord(sel) && !Object.hasOwn(sel, 'initiator')) yield { rule: sel, pointer: pointerOf(at, key), names };
  }
  if (isRecord(a['with'])) yield* paramRules(a['with'], pointerOf(at, 'with'), names);
}

/** `{{path}}` templates and `{ "$logic": rule }` in action or resolver parameters. */
function* paramRules(value: unknown, at: string, names: readonly string[]): Generator<Scoped> {
  if (typeof value === 'string') {
    for (const m of value.matchAll(/\{\{\s*([\w.[\]-]+)\s*\}\}/g)) yield { rule: { var: m[1] }, pointer: at, names };
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* paramRules(v, pointerOf(at, i), names);
  } else if (isRecord(value)) {
    if (Object.keys(value).length === 1 && Object.hasOwn(value, '$logic')) {
      yield { rule: value['$logic'], pointer: pointerOf(at, '$logic'), names };
      return;
    }
    for (const [k, v] of Object.entries(value)) yield* paramRules(v, pointerOf(at, k), names);
  }
}
