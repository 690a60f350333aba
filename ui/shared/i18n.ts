/**
 * Language for the app: zh-CN first, English beside it. Catalogues are plain objects per area
 * (`ui/staff/messages.ts`, the admin and dashboard ones) so each area owns its strings.
 */
import type { Lang } from '../../core/errors.js';

export type { Lang };

/** A text in both languages, or one string for both. */
export type I18nText = string | { 'zh-CN': string; en?: string };

export type Catalogue<K extends string> = Record<Lang, Record<K, string>>;

/** The string for `lang`, falling back to zh-CN, with `{name}` placeholders filled in. */
export function translate<K extends string>(cat: Catalogue<K>, lang: Lang, key: K, params: Record<string, unknown> = {}): string {
  const raw = cat[lang]?.[key] ?? cat['zh-CN'][key] ?? key;
  return raw.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The text of an `I18nText` (or any unknown value from the API) in `lang`. */
export function textOf(value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    const hit = v[lang] ?? v['zh-CN'] ?? v.en;
    return typeof hit === 'string' ? hit : '';
  }
  return String(value);
}

/** The colon after a label: full-width in Chinese, ASCII (and a space) in English. */
export function colon(lang: Lang): string {
  return lang === 'en' ? ': ' : '：';
}

/** Words in brackets: full-width in Chinese, ASCII with a space before it in English. */
export function paren(lang: Lang, text: string): string {
  return lang === 'en' ? ` (${text})` : `（${text}）`;
}
