/**
 * Options for select widgets fetched from another system (a portal's list of towns, a
 * department's catalogue). Only URLs under an allowlisted prefix are fetched, through the
 * SSRF-safe client; answers are cached briefly. Exposed to forms as
 * `GET /api/form-data/options?url=…&items=/data&value=/id&label=/name`, and as an action that
 * copies the options into the case.
 */
import { ChanceryError, readPointer } from '../../core/index.js';
import { definePlugin } from '../define-plugin.js';
import type { PluginHost } from '../host.js';
import { safeFetch } from '../outbound/safe-fetch.js';

export interface OptionsQuery {
  url: string;
  /** JSON pointer to the array in the answer (default: the answer itself). */
  items?: string;
  /** JSON pointers inside one item (default `/value`, `/label`). */
  value?: string;
  label?: string;
}

export interface SelectOption {
  value: string | number;
  label: string;
}

export function createFormDataSource(host: Pick<PluginHost, 'settings' | 'clock'>) {
  const cache = new Map<string, { at: number; options: SelectOption[] }>();
  const ttl = (host.settings.httpFormData?.cacheSeconds ?? 60) * 1000;

  function allowedUrl(url: string): boolean {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return false;
    }
    return (host.settings.httpFormData?.allow ?? []).some((prefix) => u.href.startsWith(prefix) && new URL(prefix).origin === u.origin);
  }

  return {
    allowedUrl,
    async fetchOptions(q: OptionsQuery, signal?: AbortSignal): Promise<SelectOption[]> {
      // The first URL and every redirect must stay under an allowlisted prefix.
      const refuse = (href: string) =>
        new ChanceryError('outbound.refused', { host: href.slice(0, 200), address: '-', reason: 'not on the httpFormData allowlist / 不在表单数据源白名单中' });
      if (!allowedUrl(q.url)) throw refuse(q.url);
      const checkUrl = (u: URL) => {
        if (!allowedUrl(u.href)) throw refuse(u.href);
      };
      const key = JSON.stringify(q);
      const hit = cache.get(key);
      if (hit && host.clock().getTime() - hit.at < ttl) return hit.options;
      const res = await safeFetch(
        q.url,
        { method: 'GET', headers: { accept: 'application/json' }, ...(signal ? { signal } : {}), maxBytes: 2 * 1024 * 1024, checkUrl },
        host.settings.outbound ?? {},
      );
      if (res.status >= 400) throw new ChanceryError('outbound.bad_status', { host: new URL(q.url).host, status: res.status });
      let body: unknown;
      try {
        body = res.json();
      } catch {
        throw new ChanceryError('outbound.failed', { host: new URL(q.url).host, reason: 'the answer is not JSON' });
      }
      const list = readPointer(body, q.items ?? '');
      if (!Array.isArray(list)) throw new ChanceryError('outbound.failed', { host: new URL(q.url).host, reason: `no array at ${q.items ?? '/'}` });
      const options = list.slice(0, 5000).flatMap((item): SelectOption[] => {
        const value = readPointer(item, q.value ?? '/value');
        const label = readPointer(item, q.label ?? '/label');
        if (typeof value !== 'string' && typeof value !== 'number') return [];
        return [{ value, label: typeof label === 'string' ? label : String(value) }];
      });
      cache.set(key, { at: host.clock().getTime(), options });
      return options;
    },
  };
}

export type FormDataSource = ReturnType<typeof createFormDataSource>;

export function httpFormDataPlugin(source: FormDataSource) {
  return definePlugin({
    name: 'http-form-data',
    version: '1.0.0',
    title: { 'zh-CN': '外部表单数据', en: 'Form data from other systems' },
    actions: {
      fetch: {
        title: { 'zh-CN': '获取选项列表', en: 'Fetch a list of options' },
        params: {
          type: 'object',
          additionalProperties: false,
          required: ['url'],
          properties: {
            url: { type: 'string', format: 'uri', pattern: '^https?://' },
            items: { type: 'string' },
            value: { type: 'string' },
            label: { type: 'string' },
          },
        },
        result: { type: 'object', required: ['options'], properties: { options: { type: 'array' } } },
        async run(ctx) {
          return { options: await source.fetchOptions(ctx.params as unknown as OptionsQuery, ctx.signal) };
        },
      },
    },
  });
}
