/**
 * A flat index of a definition's states by full id (`review`, `branches.legal.check`),
 * with the scope each lives in — the compiler, the engine and the static checks share it.
 */
import type { StateSpec, WorkflowDefinition } from '../definition/types.js';
import type { WorkSpecOf } from './work.js';
import { escapeToken as escapePointer } from '../json-pointer.js';

export interface StateInfo {
  id: string;
  key: string;
  /** Id of the parallel region holding the state ('' at the top level). */
  scope: string;
  pointer: string;
  spec: StateSpec;
  work?: WorkSpecOf;
}

export function workOf(spec: StateSpec): WorkSpecOf | undefined {
  if (spec.approval) return { kind: 'approval', spec: spec.approval };
  if (spec.foreach) return { kind: 'item', spec: spec.foreach };
  if (spec.task) return { kind: 'task', spec: spec.task };
  return undefined;
}

export function indexStates(def: WorkflowDefinition): Map<string, StateInfo> {
  const out = new Map<string, StateInfo>();
  const visit = (states: Record<string, StateSpec>, scope: string, pointer: string) => {
    for (const [key, spec] of Object.entries(states)) {
      const id = scope ? `${scope}.${key}` : key;
      const ptr = `${pointer}/${escapePointer(key)}`;
      const work = workOf(spec);
      out.set(id, { id, key, scope, pointer: ptr, spec, ...(work ? { work } : {}) });
      if (spec.parallel) {
        for (const [region, r] of Object.entries(spec.parallel)) {
          visit(r.states, `${id}.${region}`, `${ptr}/parallel/${escapePointer(region)}/states`);
        }
      }
    }
  };
  visit(def.states, '', '/states');
  return out;
}

/**
 * Resolves a target name written inside `scope` to a full state id: a state of the same scope,
 * else of an enclosing scope (the parallel step's siblings, and so on outwards). A target outside
 * the region leaves the whole parallel step (its other branches are cancelled).
 */
export function resolveTarget(index: Map<string, StateInfo>, scope: string, name: string): string | undefined {
  for (let at: string | undefined = scope; at !== undefined; at = enclosingScope(index, at)) {
    const id = at ? `${at}.${name}` : name;
    if (index.has(id)) return id;
  }
  return undefined;
}

/** The scope holding the parallel state that owns region `scope` (`undefined` above the top level). */
function enclosingScope(index: Map<string, StateInfo>, scope: string): string | undefined {
  if (!scope) return undefined;
  const parallel = scope.slice(0, scope.lastIndexOf('.'));
  return index.get(parallel)?.scope ?? '';
}

export { escapePointer };
