/**
 * Custom measures must count something that can happen: an outcome some step (or the named step)
 * offers, a numeric field a form or a computed value holds. A measure that names anything else
 * would count zero for ever, so it is refused with its pointer.
 */
import { outcomesOfWork } from './check-policies.js';
import { isRecord, pointerOf, problem } from './problems.js';
import type { DefinitionProblem, WorkflowDefinition } from './types.js';
import { walkStates, workOf } from './walk.js';

/** Problems of the `measures` section. */
export function checkMeasures(def: WorkflowDefinition): DefinitionProblem[] {
  if (!isRecord(def.measures)) return [];
  const offered = new Map<string, string[]>();
  for (const { name, state, pointer } of walkStates(def)) {
    for (const work of workOf(state, pointer))
      offered.set(name, [...(offered.get(name) ?? []), ...outcomesOfWork(work.kind, work.spec as { outcomes?: unknown })]);
  }
  const problems: DefinitionProblem[] = [];
  for (const [key, m] of Object.entries(def.measures)) {
    if (!isRecord(m)) continue;
    const at = pointerOf('/measures', key);
    if (typeof m.state === 'string' && !offered.has(m.state))
      problems.push(problem('definition.measure_unknown_state', pointerOf(at, 'state'), { state: m.state }));
    if (typeof m.outcome === 'string') {
      const allowed = [...new Set(typeof m.state === 'string' ? (offered.get(m.state) ?? []) : [...offered.values()].flat())];
      if (!allowed.includes(m.outcome) && (typeof m.state !== 'string' || offered.has(m.state))) {
        problems.push(problem('definition.measure_unknown_outcome', pointerOf(at, 'outcome'), { outcome: m.outcome, allowed: allowed.join(', ') || '—' }));
      }
    }
    if (typeof m.sum === 'string') {
      const found = fieldOf(def, m.sum);
      if (found === 'unknown') problems.push(problem('definition.measure_unknown_field', pointerOf(at, 'sum'), { path: m.sum }));
      if (found === 'not-number') problems.push(problem('definition.measure_not_number', pointerOf(at, 'sum'), { path: m.sum }));
    }
  }
  return problems;
}

/** Whether `path` (`data.<form>.<field>…`) names a numeric form field or a computed value. */
function fieldOf(def: WorkflowDefinition, path: string): 'number' | 'not-number' | 'unknown' {
  if (isRecord(def.computed) && Object.keys(def.computed).some((k) => k === path || path.startsWith(`${k}.`))) return 'number';
  const [root, form, ...fields] = path.split('.');
  const ref = root === 'data' && form && isRecord(def.forms) ? def.forms[form] : undefined;
  if (!isRecord(ref) || !isRecord(ref.schema) || fields.length === 0) return 'unknown';
  let schema: unknown = ref.schema;
  for (const f of fields) {
    const props: unknown = isRecord(schema) ? schema.properties : undefined;
    schema = isRecord(props) ? props[f] : undefined;
    if (!isRecord(schema)) return 'unknown';
  }
  const type = (schema as Record<string, unknown>).type;
  const types = Array.isArray(type) ? type : [type];
  return types.includes('number') || types.includes('integer') ? 'number' : 'not-number';
}
