/** Every step's title in a language, by the id the engine uses (`review`, `prepare.venue.book`). */
import { textOf, type Lang } from './i18n.js';
import { statusLabel, t } from './messages.js';
import type { StateLike } from './types.js';

/** A step without a title is named by what it is, never by its key. */
export function untitledStep(s: StateLike, lang: Lang): string {
  if (s.final) return statusLabel(lang, s.result === 'rejected' || s.result === 'cancelled' ? s.result : 'completed');
  return t(lang, 'step');
}

export function stateTitles(states: Record<string, StateLike> | undefined, lang: Lang, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [name, s] of Object.entries(states ?? {})) {
    const id = prefix ? `${prefix}.${name}` : name;
    out.set(id, textOf(s.title, lang) || untitledStep(s, lang));
    for (const [region, r] of Object.entries(s.parallel ?? {})) stateTitles(r.states, lang, `${id}.${region}`, out);
  }
  return out;
}
