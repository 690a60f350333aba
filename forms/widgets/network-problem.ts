/**
 * What went wrong when a request to the Chancery server never got an answer: a page on another
 * origin that the server does not allow (CORS) fails exactly like a dropped connection, so ask the
 * server once more in `no-cors` mode: an answer there means the server is up and refusing this
 * origin, which is what the page's operator needs to hear.
 */
import type { Lang } from '../../core/errors.js';

export type { Lang };

export interface NetworkProblem {
  code: 'network.cors' | 'network.failed';
  message: string;
}

const messages = {
  cors: {
    'zh-CN': (server: string, origin: string) =>
      `Chancery 服务器（${server}）未允许本页面所在的来源 ${origin} 跨域访问（CORS）。请管理员在 CHANCERY_CORS_ORIGINS 中加入 ${origin}。`,
    en: (server: string, origin: string) =>
      `The Chancery server (${server}) does not allow this page's origin ${origin} (CORS). Ask its administrator to add ${origin} to CHANCERY_CORS_ORIGINS.`,
  },
  failed: {
    'zh-CN': '网络连接失败，请检查网络后重试',
    en: 'The network request failed; check the connection and try again',
  },
} as const;

/**
 * @example
 * catch (e) { const p = await diagnoseNetworkFailure(url, 'en'); showError(p.message); }
 */
export async function diagnoseNetworkFailure(url: string, lang: Lang, doFetch: typeof fetch = globalThis.fetch.bind(globalThis)): Promise<NetworkProblem> {
  const failed: NetworkProblem = { code: 'network.failed', message: messages.failed[lang] };
  if (typeof location === 'undefined') return failed;
  let target: URL;
  try {
    target = new URL(url, location.href);
  } catch {
    return failed;
  }
  if (target.origin === location.origin) return failed;
  try {
    // An opaque answer to a no-cors request: the server is there, it just does not allow us.
    await doFetch(`${target.origin}/health`, { mode: 'no-cors', cache: 'no-store' });
    return { code: 'network.cors', message: messages.cors[lang](target.origin, location.origin) };
  } catch {
    return failed;
  }
}
