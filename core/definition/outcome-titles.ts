/**
 * What an outcome is called on its button and in the history: the definition's `outcomeTitles`,
 * or the built-in name of a common outcome. People never see an outcome's key (`answerDirectly`),
 * so a task offering an outcome with neither is a publish error (`check-outcome-titles.ts`). Type-only
 * imports: the staff screens load this file.
 */
import type { Lang } from '../errors.js';
import type { I18nText } from './types.js';

/** The outcomes every definition may use without naming them. */
const BUILTIN_OUTCOME_TITLES: Readonly<Record<string, { 'zh-CN': string; en: string }>> = {
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
