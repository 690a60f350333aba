/**
 * A structural comparison of two workflow versions: steps added, removed and changed (which of
 * their fields), and transitions added and removed, named by `from —event→ to`. What an admin
 * needs before publishing or migrating, rather than a textual JSON diff.
 */
import type { StateSpec, WorkflowDefinition } from '../../core/definition/types.js';
import { transitionsOf } from './draft-model.js';

export interface VersionDiff {
  addedStates: string[];
  removedStates: string[];
  changedStates: Array<{ state: string; fields: string[] }>;
  addedTransitions: string[];
  removedTransitions: string[];
  /** Top-level fields other than `states` that differ (title, forms, initial, ...). */
  changedFields: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, sorted(x)]),
    );
  return v;
}

function edges(states: Record<string, StateSpec>): Set<string> {
  const out = new Set<string>();
  for (const [name, s] of Object.entries(states)) {
    for (const t of transitionsOf(s)) out.add(`${name} —${t.event || 'always'}${t.spec.if === undefined ? '' : '?'}→ ${t.spec.to ?? name}`);
  }
  return out;
}

export function diffVersions(a: WorkflowDefinition, b: WorkflowDefinition): VersionDiff {
  const sa = a.states ?? {};
  const sb = b.states ?? {};
  const changedStates: VersionDiff['changedStates'] = [];
  for (const name of Object.keys(sb)) {
    if (!(name in sa)) continue;
    const x = sa[name] as Record<string, unknown>;
    const y = sb[name] as Record<string, unknown>;
    const fields = [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((k) => k !== 'on' && k !== 'always' && !same(x[k], y[k]));
    if (fields.length) changedStates.push({ state: name, fields: fields.sort() });
  }
  const ea = edges(sa);
  const eb = edges(sb);
  const skip = new Set(['states', 'version', '$schema']);
  const top = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (k) => !skip.has(k) && !same((a as unknown as Record<string, unknown>)[k], (b as unknown as Record<string, unknown>)[k]),
  );
  return {
    addedStates: Object.keys(sb).filter((n) => !(n in sa)),
    removedStates: Object.keys(sa).filter((n) => !(n in sb)),
    changedStates,
    addedTransitions: [...eb].filter((e) => !ea.has(e)),
    removedTransitions: [...ea].filter((e) => !eb.has(e)),
    changedFields: top.sort(),
  };
}

export function isEmptyDiff(d: VersionDiff): boolean {
  return (
    !d.addedStates.length &&
    !d.removedStates.length &&
    !d.changedStates.length &&
    !d.addedTransitions.length &&
    !d.removedTransitions.length &&
    !d.changedFields.length
  );
}
