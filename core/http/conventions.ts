/**
 * HTTP conventions the route table gets for free: `Location` on a creation and `Allow` for an
 * address asked with a method it does not take.
 */

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
 * Where a 201 response's created thing lives: `<collection>/<id>` from the body's `id`, or the
 * route's own `Location` when it set one (a published version is `?version=N` of its definition).
 */
export async function locationOf(requestPath: string, res: Response): Promise<string | undefined> {
  if (!(res.headers.get('content-type') ?? '').includes('json')) return undefined;
  const body = (await res.clone().json().catch(() => null)) as { id?: unknown } | null;
  if (typeof body?.id !== 'string' || body.id === '') return undefined;
  return `${requestPath.replace(/\/$/, '')}/${encodeURIComponent(body.id)}`;
}
