/**
 * HTTP conventions the route table gets for free: `Location` on a creation and `Allow` for an
 * address asked with a method it does not take.
 */
import type { AnyRoute } from './route.js';

/** Methods the route table answers on `path` (HEAD with GET), in a stable order; none: no such address. */
export function allowedMethods(routes: ReadonlyArray<{ method: string; path: string }>, path: string): string[] {
  const found = new Set<string>();
  for (const r of routes) if (patternOf(r.path).test(path)) found.add(r.method);
  if (found.has('GET')) found.add('HEAD');
  return ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => found.has(m));
}

const patterns = new Map<string, RegExp>();
function patternOf(routePath: string): RegExp {
  let p = patterns.get(routePath);
  if (!p) {
    const source = routePath
      .split('/')
      .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    patterns.set(routePath, (p = new RegExp(`^${source}/?$`)));
  }
  return p;
}

/**
 * Where a 201 response's created thing lives (its `Location`): what the route declares, otherwise
 * `<collection>/<id>` from the body's `id`; none for an answer that is not JSON or has no `id`.
 */
export async function locationOf(
  route: Pick<AnyRoute, 'location'>,
  requestPath: string,
  params: Record<string, string>,
  res: Response,
): Promise<string | undefined> {
  if (!(res.headers.get('content-type') ?? '').includes('json')) return undefined;
  const body = (await res
    .clone()
    .json()
    .catch(() => null)) as { readonly [field: string]: unknown } | null;
  if (body === null || typeof body !== 'object') return undefined;
  if (route.location) return route.location(body, params);
  if (typeof body.id !== 'string' || body.id === '') return undefined;
  return `${requestPath.replace(/\/$/, '')}/${encodeURIComponent(body.id)}`;
}
