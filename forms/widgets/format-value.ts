import { t, type Lang } from './messages.js';
import type { FieldModel } from '../model/types.js';

function one(field: FieldModel, value: unknown, lang: Lang): string {
  if (value === undefined || value === null || value === '') return '';
  const option = field.options?.find((o) => o.value === value);
  if (option) return option.label;
  if (typeof value === 'boolean') return t(lang, value ? 'yes' : 'no');
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    // Rich text shows as its plain text: the review and the printout never render stored HTML.
    if (typeof v.html === 'string' && typeof v.text === 'string') return v.text;
    // File refs, picked users and units all carry a name.
    if (typeof v.name === 'string') return v.name;
    return JSON.stringify(value);
  }
  if (field.widget === 'datetime' && typeof value === 'string') {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) return d.toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
  }
  return String(value);
}

/**
 * A field's value as text for review, print and diff views: option labels, 是/否, file and
 * person names; `（未填写）` / `(empty)` when there is none.
 */
export function formatValue(field: FieldModel, value: unknown, lang: Lang): string {
  const text = Array.isArray(value)
    ? value
        .map((v) => one(field, v, lang))
        .filter(Boolean)
        .join('、')
    : one(field, value, lang);
  return text || t(lang, 'empty');
}
