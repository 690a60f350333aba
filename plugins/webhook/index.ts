/**
 * `webhook.post`: POSTs JSON to another government system, signed with HMAC-SHA256 and a
 * timestamp, with the request's idempotency key; retried on network errors, 429 and 5xx; the
 * answer (status and JSON body) is the result the definition maps into the case. Only reachable
 * targets per the SSRF policy (see `outbound/safe-fetch.ts`).
 */
import { ChanceryError, checkJsonLimits, isStorableText, MAX_BODY_DEPTH } from '../../core/index.js';
import { definePlugin, PermanentActionError } from '../define-plugin.js';
import type { PluginHost } from '../host.js';
import { safeFetch } from '../outbound/safe-fetch.js';
import { signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './sign.js';

export { signWebhook, verifyWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './sign.js';

interface PostParams {
  url: string;
  body?: unknown;
  event?: string;
  /** Name of the secret (granted to `webhook`) that signs the delivery. */
  secret?: string;
  headers?: Record<string, string>;
}

/**
 * The answer as the case may keep it: JSON within the API's own limits (nesting, text PostgreSQL
 * can store), else the first 10,000 characters as text with unstorable characters replaced —
 * a hostile receiver must not make the outcome unwritable (and the action retried forever).
 */
export function storableAnswer(text: string): unknown {
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    checkJsonLimits(parsed, MAX_BODY_DEPTH);
    return parsed;
  } catch {
    const head = text.slice(0, 10_000);
    return isStorableText(head) ? head : Array.from(head, (ch) => (ch === '\u0000' || !isStorableText(ch) ? '\ufffd' : ch)).join('');
  }
}

export function webhookPlugin(host: Pick<PluginHost, 'settings'>) {
  return definePlugin({
    name: 'webhook',
    version: '1.0.0',
    title: { 'zh-CN': 'Webhook 推送', en: 'Webhooks' },
    actions: {
      post: {
        title: { 'zh-CN': '推送到外部系统', en: 'Post to another system' },
        description: { 'zh-CN': '以 JSON 推送，带 HMAC-SHA256 签名和时间戳', en: 'POSTs JSON signed with HMAC-SHA256 and a timestamp' },
        params: {
          type: 'object',
          additionalProperties: false,
          required: ['url'],
          properties: {
            url: { type: 'string', format: 'uri', pattern: '^https?://', title: '地址 / URL' },
            event: { type: 'string', maxLength: 100 },
            body: { title: '内容 / Body' },
            secret: { type: 'string', title: '签名密钥名 / Signing secret name' },
            headers: {
              type: 'object',
              additionalProperties: { type: 'string' },
              propertyNames: {
                pattern: '^[A-Za-z0-9-]+$',
                not: { pattern: '^([Hh][Oo][Ss][Tt]|[Cc]ontent-[A-Za-z]+|[Ii]dempotency-[Kk]ey|[Xx]-[Cc]hancery-.*)$' },
              },
            },
          },
        },
        result: { type: 'object', required: ['status'], properties: { status: { type: 'integer' }, body: {} } },
        retry: { limit: 5, delaySeconds: 2 },
        timeoutMs: 20_000,
        async run(ctx) {
          const p = ctx.params as unknown as PostParams;
          const body = JSON.stringify({
            event: p.event ?? 'chancery.action',
            instanceId: ctx.instance.id,
            definition: ctx.instance.definition,
            state: ctx.instance.state,
            idempotencyKey: ctx.idempotencyKey,
            data: p.body ?? null,
          });
          const timestamp = Math.floor(Date.now() / 1000);
          const headers: Record<string, string> = {
            ...p.headers,
            'content-type': 'application/json; charset=utf-8',
            'idempotency-key': ctx.idempotencyKey,
            [TIMESTAMP_HEADER]: String(timestamp),
          };
          if (p.secret) headers[SIGNATURE_HEADER] = signWebhook(await ctx.secret(p.secret), timestamp, body);
          const res = await safeFetch(p.url, { method: 'POST', headers, body, signal: ctx.signal, timeoutMs: 15_000 }, host.settings.outbound ?? {});
          if (res.status === 429 || res.status >= 500) throw new ChanceryError('outbound.bad_status', { host: new URL(p.url).host, status: res.status });
          if (res.status >= 400) throw new PermanentActionError(`${new URL(p.url).host} answered ${res.status}: ${res.text().slice(0, 200)}`);
          return { status: res.status, body: storableAnswer(res.text()) };
        },
      },
    },
  });
}
