/**
 * What a name is found by when typed in pinyin (拼音检索): its full pinyin and its initials, each
 * preceded by a space so a search matches from the start of either ("liuyang", "liu", "ly" →
 * 刘洋). Stored beside the name when it is written (`name_pinyin`), so searches only compare text.
 */
import { pinyin } from 'pinyin-pro';
import type { Executor } from '../persistence/types.js';

/**
 * @example
 * pinyinKeys('刘洋'); // ' liuyang ly'
 */
export function pinyinKeys(name: string, options: { person?: boolean } = {}): string {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'removed', ...(options.person ? { surname: 'head' as const } : {}) })
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (syllables.length === 0) return '';
  return ` ${syllables.join('')} ${syllables.map((s) => s[0]).join('')}`;
}

/** The condition and its parameter for a pinyin search of `column` (the text as typed, lower-cased, spaces dropped). */
export function pinyinMatch(query: string): string | undefined {
  const q = query.toLowerCase().replace(/\s+/g, '');
  return /^[a-z]+$/.test(q) ? `% ${q}%` : undefined;
}

/** Fills `name_pinyin` where it is missing (rows written before it existed, or by other tools). */
export async function fillPinyin(db: Executor): Promise<void> {
  const users = await db.execute<{ id: string; display_name: string }>(`SELECT id, display_name FROM app_user WHERE name_pinyin = ''`);
  for (const u of users) await db.execute('UPDATE app_user SET name_pinyin = $2 WHERE id = $1', [u.id, pinyinKeys(u.display_name, { person: true }) || ' ']);
  const units = await db.execute<{ id: string; name: string }>(`SELECT id, name FROM org_unit WHERE name_pinyin = ''`);
  for (const u of units) await db.execute('UPDATE org_unit SET name_pinyin = $2 WHERE id = $1', [u.id, pinyinKeys(u.name) || ' ']);
}
