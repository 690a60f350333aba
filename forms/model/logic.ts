/**
 * How form rules and computed values meet `core/logic`: the scope they run in, and which data
 * pointers they depend on (so an update re-runs only the rules that read what changed).
 */
import { collectVars, evaluate, truthy } from '../../core/logic/index.js';
import { childPointer, getIn } from './pointer.js';
import type { JsonLogic, Pointer } from './types.js';

export interface RuleScope {
  data: unknown;
  context: Record<string, unknown> | undefined;
  /** Path of the innermost array item the field sits in (the item itself for an item field). */
  itemPath: readonly (string | number)[] | undefined;
}

function scopeObject(scope: RuleScope): Record<string, unknown> {
  const out: Record<string, unknown> = { ...scope.context, data: scope.data };
  if (scope.itemPath) {
    out['item'] = getIn(scope.data, scope.itemPath);
    out['index'] = scope.itemPath[scope.itemPath.length - 1];
  }
  return out;
}

/** The rule's value; a rule that fails to run (a bad rule) yields `undefined`. */
export function runRule(rule: JsonLogic, scope: RuleScope): unknown {
  try {
    return evaluate(rule, scopeObject(scope));
  } catch {
    return undefined;
  }
}

export function ruleHolds(rule: JsonLogic, scope: RuleScope): boolean {
  return truthy(runRule(rule, scope));
}

/**
 * Data pointers a rule reads: `data.a.b` → `/a/b`, `item.x` → `<item pointer>/x`,
 * `index` → the item pointer. Context variables never change, so they add nothing;
 * a path known only at run time depends on the whole data (`''`).
 */
export function ruleDependencies(rule: JsonLogic, itemPointer: Pointer | undefined): Pointer[] {
  const out = new Set<Pointer>();
  for (const path of collectVars(rule)) {
    if (path === '') {
      out.add('');
      continue;
    }
    const [head, ...rest] = path.split('.');
    let base: Pointer | undefined;
    if (head === 'data') base = '';
    else if ((head === 'item' || head === 'index') && itemPointer !== undefined) base = itemPointer;
    if (base === undefined) continue;
    out.add(head === 'index' ? base : rest.reduce<Pointer>((p, s) => childPointer(p, s), base));
  }
  return [...out];
}
