/**
 * Candidates of one event that can never be taken. XState takes the first candidate whose
 * condition holds, so in `[{ if: a, to: x }, { to: y }, { to: z }]` the third is dead: it would
 * validate and then be silently ignored. A condition that is a constant (`if: true`, `if: 0`) is
 * refused for the same reason: it either hides every later candidate or is never taken.
 * (The simple designer used to write `if: true` for a condition branch left empty, which made its
 * 「其他情况」 branch unreachable.)
 */
import { pointerOf, problem } from './problems.js';
import type { DefinitionProblem, WorkflowDefinition } from './types.js';
import { statesOf, walkScopes, walkTransitions } from './walk.js';

/** A condition that is a literal rather than a rule: its constant truth, else undefined. */
function constantTruth(rule: unknown): boolean | undefined {
  if (rule === null || typeof rule === 'boolean' || typeof rule === 'number' || typeof rule === 'string') return Boolean(rule);
  return undefined;
}

export function checkCandidates(def: WorkflowDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const scope of walkScopes(def)) {
    for (const { name, state, pointer } of statesOf(scope)) {
      // The candidates of one event (or of `always` / `onDone`), in order.
      const lists = new Map<string, Array<{ spec: Record<string, unknown>; pointer: string }>>();
      for (const t of walkTransitions(state, pointer)) {
        const key = `${t.kind}\u0000${t.event ?? ''}`;
        lists.set(key, [...(lists.get(key) ?? []), { spec: t.spec as Record<string, unknown>, pointer: t.pointer }]);
      }
      for (const list of lists.values()) {
        let taken: string | undefined;
        for (const c of list) {
          if (taken !== undefined) {
            problems.push(problem('definition.unreachable_transition', c.pointer, { state: name, before: taken }));
            continue;
          }
          const hasIf = Object.hasOwn(c.spec, 'if');
          const constant = hasIf ? constantTruth(c.spec.if) : true;
          if (hasIf && constant !== undefined)
            problems.push(problem('definition.constant_condition', pointerOf(c.pointer, 'if'), { state: name, value: JSON.stringify(c.spec.if) }));
          if (constant === true) taken = c.pointer;
        }
      }
    }
  }
  return problems;
}
