/**
 * What an outcome is called on its button and in the history: the definition's `outcomeTitles`,
 * or the built-in name of a common outcome. People never see an outcome's key (`answerDirectly`),
 * so a task offering an outcome with neither is a publish error (`definition.outcome_untitled`).
 */
import type { Lang } from '../errors.js';
import { isRecord, pointerOf, problem } from './problems.js';
import type { DefinitionProblem, I18nText, WorkflowDefinition } from './types.js';
import { walkStates, workOf } from './walk.js';

/** The outcomes every definition may use without naming them. */
export const BUILTIN_OUTCOME_TITLES: Readonly<Record<string, { 'zh-CN': string; en: string }>> = {
  submit: { 'zh-CN': '提交', en: 'Submit' },
  approve: { 'zh-CN': '同意', en: 'Approve' },
  reject: { 'zh-CN': '不同意', en: 'Reject' },
  pass: { 'zh-CN': '审核通过', en: 'Pass' },
  sendBack: { 'zh-CN': '退回修改', en: 'Send back for revision' },
  resubmit: { 'zh-CN': '重新提交', en: 'Resubmit' },
  done: { 'zh-CN': '办结', en: 'Close' },
  accept: { 'zh-CN': '受理', en: 'Accept' },
  return: { 'zh-CN': '退回', en: 'Return' },
};

function pick(text: I18nText, lang: Lang): string {
  if (typeof text === 'string') return text;
  return lang === 'en' ? (text.en ?? text['zh-CN']) : text['zh-CN'];
}

/**
 * The outcome's name in `lang`: the definition's own title first, then the built-in one; `null`
 * when neither names it (the validator refuses such a definition).
 *
 * @example
 * outcomeTitle({ outcomeTitles: { assign: { 'zh-CN': '交办', en: 'Assign' } } }, 'assign', 'en') // 'Assign'
 */
export function outcomeTitle(def: { outcomeTitles?: Record<string, I18nText> } | undefined, outcome: string, lang: Lang): string | null {
  const own = def?.outcomeTitles && Object.hasOwn(def.outcomeTitles, outcome) ? def.outcomeTitles[outcome] : undefined;
  if (own !== undefined) return pick(own, lang);
  const builtin = Object.hasOwn(BUILTIN_OUTCOME_TITLES, outcome) ? BUILTIN_OUTCOME_TITLES[outcome] : undefined;
  return builtin ? builtin[lang] : null;
}

/** Every outcome a task or per-item step offers that has no title, at its pointer. */
export function checkOutcomeTitles(def: WorkflowDefinition): DefinitionProblem[] {
  const titles = isRecord(def.outcomeTitles) ? (def.outcomeTitles as Record<string, I18nText>) : undefined;
  const problems: DefinitionProblem[] = [];
  for (const { name, state, pointer } of walkStates(def)) {
    for (const work of workOf(state, pointer)) {
      const outcomes = (work.spec as { outcomes?: unknown }).outcomes;
      if (!Array.isArray(outcomes)) continue;
      outcomes.forEach((o, i) => {
        if (typeof o === 'string' && outcomeTitle({ ...(titles ? { outcomeTitles: titles } : {}) }, o, 'zh-CN') === null) {
          problems.push(problem('definition.outcome_untitled', pointerOf(work.pointer, 'outcomes', i), { state: name, outcome: o }));
        }
      });
    }
  }
  return problems;
}
