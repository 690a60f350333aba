/**
 * The one error type. A stable dotted `code` picks the message (zh-CN and en) and the `kind`,
 * and the kind decides the HTTP status and whether the error is reported as a bug.
 *
 * @example
 * throw new ChanceryError('task.not_assignee', { taskId, userId });
 */
import { messages, type ErrorCode } from './error-messages.js';

export type ErrorKind =
  | 'user' // bad input or not allowed: 4xx, not reported
  | 'conflict' // someone else changed it first: 409
  | 'operational' // a transient failure of something we depend on: 503, logged as warning
  | 'unexpected'; // a bug: 500, logged as error

export type Lang = 'zh-CN' | 'en';

export interface ErrorBody {
  error: { code: string; kind: ErrorKind; message: string; details?: unknown; pointer?: string };
}

export class ChanceryError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  readonly pointer: string | undefined;

  constructor(code: ErrorCode, details?: Record<string, unknown>, options?: { pointer?: string; cause?: unknown }) {
    const entry: { kind: ErrorKind; status?: number; 'zh-CN': string; en: string } = messages[code];
    super(`${code}: ${format(entry.en, details, 'en')}`, { cause: options?.cause });
    this.name = 'ChanceryError';
    this.code = code;
    this.kind = entry.kind;
    this.status = entry.status ?? statusOf(entry.kind);
    this.details = details;
    this.pointer = options?.pointer;
  }

  /** The message in the caller's language. */
  localized(lang: Lang): string {
    return format(messages[this.code][lang], this.details, lang);
  }

  toBody(lang: Lang): ErrorBody {
    return {
      error: {
        code: this.code,
        kind: this.kind,
        message: this.localized(lang),
        ...(this.details === undefined ? {} : { details: this.details }),
        ...(this.pointer === undefined ? {} : { pointer: this.pointer }),
      },
    };
  }
}

function statusOf(kind: ErrorKind): number {
  switch (kind) {
    case 'user':
      return 400;
    case 'conflict':
      return 409;
    case 'operational':
      return 503;
    case 'unexpected':
      return 500;
  }
}

/** Replaces `{name}` with `details.name`; unknown names stay as they are. */
export function format(template: string, details: Record<string, unknown> | undefined, lang: Lang = 'en'): string {
  if (!details) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(details, name)) return whole;
    const value = details[name];
    // A detail given in both languages (`{ 'zh-CN': …, en: … }`) is shown in the caller's.
    if (value && typeof value === 'object' && Object.hasOwn(value, 'en') && Object.hasOwn(value, 'zh-CN'))
      return String((value as Record<Lang, unknown>)[lang]);
    return String(value);
  });
}

/**
 * The one choice of language, on the server and in the browser: the first of `choices` that names
 * zh-CN or en wins, so an explicit choice (`?lang=`, the app's stored preference) goes before an
 * `Accept-Language` header. Each choice is read like that header, by q-value (the most preferred of
 * the two wins; `q=0` means "not this one"); zh-CN when none names either or nothing was said.
 * @example pickLang('fr, en-GB;q=0.7, zh;q=0.5') // 'en'
 * @example pickLang(url.searchParams.get('lang'), req.headers.get('accept-language'))
 */
export function pickLang(...choices: Array<string | undefined | null>): Lang {
  for (const choice of choices) {
    const lang = preferredOf(choice);
    if (lang) return lang;
  }
  return 'zh-CN';
}

function preferredOf(acceptLanguage: string | undefined | null): Lang | undefined {
  if (!acceptLanguage) return undefined;
  let best: { lang: Lang; q: number } | undefined;
  for (const part of acceptLanguage.split(',')) {
    const [rawTag, ...params] = part.split(';');
    const tag = rawTag?.trim().toLowerCase() ?? '';
    const lang: Lang | undefined = tag === 'zh' || tag.startsWith('zh-') ? 'zh-CN' : tag === 'en' || tag.startsWith('en-') ? 'en' : undefined;
    if (!lang) continue;
    const qParam = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    // Earlier wins a tie, as the header lists preferences in order.
    if (!best || q > best.q) best = { lang, q };
  }
  return best?.lang;
}

export function isChanceryError(e: unknown): e is ChanceryError {
  return e instanceof ChanceryError;
}
