/**
 * `validateDefinition`: the schema check and every static check, all problems at once.
 */
import { checkCandidates } from './check-candidates.js';
import { checkForms } from './check-forms.js';
import { checkGraph } from './check-graph.js';
import { checkLevels } from './check-levels.js';
import { checkLinkedCases } from './check-linked-cases.js';
import { checkLogic } from './check-logic.js';
import { checkMeasures } from './check-measures.js';
import { checkPolicies } from './check-policies.js';
import { checkReferences } from './check-references.js';
import { checkOutcomeTitles } from './check-outcome-titles.js';
import { checkSchema } from './check-schema.js';
import { checkScope } from './check-scope.js';
import { checkSteps } from './check-steps.js';
import { checkUnits } from './check-units.js';
import { messages, type ErrorCode } from '../error-messages.js';
import { format } from '../errors.js';
import { isRecord } from './problems.js';
import { walkStates } from './walk.js';
import type { DefinitionProblem, ValidationContext, WorkflowDefinition } from './types.js';

/** The outcome of `validateDefinition`. */
export interface DefinitionValidation {
  /** No problem of severity `error` (warnings allowed). */
  ok: boolean;
  problems: DefinitionProblem[];
  /** The input, typed, when `ok`. */
  definition?: WorkflowDefinition;
}

/**
 * Checks a definition against the JSON Schema and the static rules (targets, reachability, a way
 * to a final state, forms, roles, plugin actions and their parameters, JSON Logic, durations,
 * quorum, outcomes and their titles, fallbacks) and returns every problem with its JSON pointer, code and
 * message in zh-CN and en. Never throws for bad input.
 *
 * @example
 * const { ok, problems } = validateDefinition(json, { roles: new Set(['handler']) });
 * if (!ok) throw new ChanceryError('definition.invalid', { count: problems.length });
 */
export function validateDefinition(def: unknown, ctx: ValidationContext = {}): DefinitionValidation {
  const problems = checkSchema(def);
  if (isRecord(def)) {
    const typed = def as unknown as WorkflowDefinition;
    problems.push(
      ...checkGraph(typed),
      ...checkCandidates(typed),
      ...checkReferences(typed, ctx),
      ...checkLogic(typed),
      ...checkSteps(typed),
      ...checkLevels(typed),
    );
    problems.push(
      ...checkForms(typed, ctx),
      ...checkUnits(typed, ctx),
      ...checkPolicies(typed),
      ...checkScope(typed),
      ...checkMeasures(typed),
      ...checkLinkedCases(typed, ctx),
      ...checkOutcomeTitles(typed),
    );
  }
  const named = isRecord(def) ? byTitle(def as unknown as WorkflowDefinition, problems) : problems;
  const ok = !named.some((p) => p.severity === 'error');
  return ok ? { ok, problems: named, definition: def as WorkflowDefinition } : { ok, problems: named };
}

/**
 * Messages name a step by its title in each language, as the designers show it, not by its key
 * (`approve1`, `cond1` are generated and hidden there); the key stays in `details` and the pointer.
 * Only messages that are the catalogue's own text are rewritten.
 */
function byTitle(def: WorkflowDefinition, problems: DefinitionProblem[]): DefinitionProblem[] {
  const titles = new Map<string, { 'zh-CN': string; en: string }>();
  try {
    for (const { name, state } of walkStates(def)) {
      const t = (state as { title?: unknown }).title;
      if (typeof t === 'string' && t.trim()) titles.set(name, { 'zh-CN': t, en: t });
      else if (isRecord(t) && typeof t['zh-CN'] === 'string') titles.set(name, { 'zh-CN': t['zh-CN'], en: typeof t.en === 'string' ? t.en : t['zh-CN'] });
    }
  } catch {
    return problems; // a shape the schema already refused
  }
  return problems.map((p) => {
    const key = p.details?.state;
    const title = typeof key === 'string' ? titles.get(key) : undefined;
    const entry = messages[p.code as ErrorCode];
    if (!title || !entry || p.message['zh-CN'] !== format(entry['zh-CN'], p.details ?? {}) || p.message.en !== format(entry.en, p.details ?? {})) return p;
    return {
      ...p,
      message: { 'zh-CN': format(entry['zh-CN'], { ...p.details, state: title['zh-CN'] }), en: format(entry.en, { ...p.details, state: title.en }) },
    };
  });
}
