/**
 * The caller's language, decided once per request: `?lang=en|zh-CN` when it names one (links from
 * mails and embedding pages), otherwise `Accept-Language` by q-value, otherwise zh-CN.
 */
import type { Context } from 'hono';
import { pickLang, type Lang } from '../errors.js';

/**
 * @example const lang = requestLang(c); // 'en' for `Accept-Language: en-GB, zh;q=0.5`
 */
export function requestLang(c: Context): Lang {
  const known = c.get('lang') as Lang | undefined;
  if (known) return known;
  return pickLang(c.req.query('lang'), c.req.header('accept-language'));
}
