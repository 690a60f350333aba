/** Helpers over XState state values (`'review'`, `{ branches: { legal: 'check' } }`). */
import type { StateValue } from 'xstate';

/** All state ids (compound and atomic) active in a state value: `{ a: { r1: 'x' } }` → a, a.r1, a.r1.x. */
export function activeStateIds(value: StateValue, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix ? `${prefix}.${value}` : value];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const id = prefix ? `${prefix}.${k}` : k;
    out.push(id, ...activeStateIds(v as StateValue, id));
  }
  return out;
}

/** The leaf steps the case is in, for display and queries: `review` or `branches.a.x|branches.b.y`. */
export function stateLabel(value: StateValue): string {
  const ids = activeStateIds(value);
  return ids.filter((id) => !ids.some((other) => other.startsWith(`${id}.`))).join('|');
}
