import type { I18nText } from '../definition/types.js';
import type { Lang } from '../errors.js';

/** Picks a language from an I18nText (zh-CN is always there; English falls back to it). */
export function textOf(text: I18nText | undefined, lang: Lang = 'zh-CN'): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return lang === 'en' ? (text.en ?? text['zh-CN']) : text['zh-CN'];
}
