/**
 * Hash routing (`#/tasks/42`): works from any static host and inside the API server's fallback
 * page, keeps the browser's back button, and needs no server rule per screen.
 */
export interface Match<R> {
  route: R;
  params: Record<string, string>;
}

/** The path and query of a location hash: `#/cases/9?print=1` → `/cases/9`, `print=1`. */
export function parseHash(hash: string): { path: string; query: URLSearchParams } {
  const raw = hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = raw.split('?');
  return { path: path.startsWith('/') ? path : `/${path}`, query: new URLSearchParams(query) };
}

/**
 * The first route whose pattern matches the path; `:name` segments become params.
 *
 * @example matchRoute([{ path: '/tasks/:id' }], '/tasks/42') // { route, params: { id: '42' } }
 */
export function matchRoute<R extends { path: string }>(routes: readonly R[], path: string): Match<R> | undefined {
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (const [i, seg] of pattern.entries()) {
      const part = parts[i]!;
      if (seg.startsWith(':')) {
        try {
          params[seg.slice(1)] = decodeURIComponent(part);
        } catch {
          ok = false;
        }
      } else if (seg !== part) ok = false;
      if (!ok) break;
    }
    if (ok) return { route, params };
  }
  return undefined;
}
