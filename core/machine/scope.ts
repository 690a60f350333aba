/**
 * JSON Logic evaluation over a case: the variables a rule sees, templated action parameters,
 * and assignments with their expressions evaluated to plain values.
 */
import { evaluate } from '../logic/index.js';
import type { Assignment, JsonLogic } from '../definition/types.js';
import type { EngineContext } from './context.js';
import { isPlainObject, setDataPath } from './data-path.js';

export interface Scope {
  data: Record<string, unknown>;
  initiator: { id: string; unitId: string };
  state?: string;
  item?: unknown;
  actor?: string;
  event?: Record<string, unknown>;
  [name: string]: unknown;
}

/** The variables a rule sees at a step of the case: its data, its initiator, and what the caller adds. */
export function ruleScopeOf(ctx: EngineContext, extra?: Partial<Scope>): Scope {
  return { data: ctx.data, initiator: ctx.initiator, ...extra };
}

export function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

export function evalRule(rule: JsonLogic, scope: Scope): unknown {
  return evaluate(rule, scope);
}

/** Applies `{ path: rule }` value assignments to the data, in order. */
export function applySet(data: Record<string, unknown>, set: Record<string, JsonLogic> | undefined, scope: Scope): Record<string, unknown> {
  if (!set) return data;
  let next = data;
  for (const [path, rule] of Object.entries(set)) {
    next = setDataPath(next, path, evaluate(rule, { ...scope, data: next }));
  }
  return next;
}

const TEMPLATE = /\{\{\s*([\w.[\]-]+)\s*\}\}/g;

/**
 * Resolves action parameters against the case: `{{data.x}}` in strings is replaced by the value
 * (a string that is only a template keeps the value's type), `{ "$logic": rule }` is evaluated.
 */
export function resolveParams(value: unknown, scope: Scope): unknown {
  if (typeof value === 'string') {
    const whole = /^\{\{\s*([\w.[\]-]+)\s*\}\}$/.exec(value);
    if (whole) return evaluate({ var: whole[1] }, scope) ?? null;
    return value.replace(TEMPLATE, (_m, path: string) => {
      const v = evaluate({ var: path }, scope);
      return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    });
  }
  if (Array.isArray(value)) return value.map((v) => resolveParams(v, scope));
  if (isPlainObject(value)) {
    if (Object.keys(value).length === 1 && Object.hasOwn(value, '$logic')) return evaluate(value.$logic, scope);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveParams(v, scope);
    return out;
  }
  return value;
}

/** Evaluates the expressions inside an assignment, leaving a plain description for the directory. */
export function evaluateAssignment(a: Assignment, scope: Scope): Assignment {
  const unit = (u: unknown): unknown => {
    if (u === undefined || typeof u === 'string') return u;
    if (isPlainObject(u) && u.initiator === true) return scope.initiator.unitId;
    const v = evaluate(u, scope);
    return v === undefined || v === null ? undefined : String(v);
  };
  if ('role' in a) {
    const u = unit(a.unit);
    return u === undefined ? { role: a.role, unit: scope.initiator.unitId } : { role: a.role, unit: u as string };
  }
  if ('head' in a) return { head: (unit(a.head) as string | undefined) ?? scope.initiator.unitId };
  if ('members' in a) return { members: (unit(a.members) as string | undefined) ?? scope.initiator.unitId };
  if ('user' in a) {
    const v = evaluate(a.user, scope);
    return { users: Array.isArray(v) ? v.map(String) : v === undefined || v === null || v === '' ? [] : [String(v)] };
  }
  if ('plugin' in a && a.with) return { plugin: a.plugin, with: resolveParams(a.with, scope) as Record<string, unknown> };
  return a;
}
