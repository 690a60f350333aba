/** Dates and deadlines as people read them. */
import type { Lang } from './i18n.js';

export type DueStatus = 'overdue' | 'soon' | 'ok' | 'none';

/** Within this many hours a deadline is shown as close. */
const SOON_HOURS = 48;

export function dueStatus(dueAt: string | Date | null | undefined, now: Date = new Date()): DueStatus {
  if (!dueAt) return 'none';
  const t = new Date(dueAt).getTime();
  if (Number.isNaN(t)) return 'none';
  if (t < now.getTime()) return 'overdue';
  if (t - now.getTime() < SOON_HOURS * 3600_000) return 'soon';
  return 'ok';
}

const formats = new Map<string, Intl.DateTimeFormat>();
function fmt(lang: Lang, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}|${withTime}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
    });
    formats.set(key, f);
  }
  return f;
}

export function formatDateTime(value: string | Date | null | undefined, lang: Lang): string {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : fmt(lang, true).format(d);
}
