/**
 * The web pages beside the API: the built UI from `dist/public/` at `/` (and `/assets/…`), the
 * swagger-ui files for `/docs` from the `swagger-ui-dist` package (no CDN), and a landing page
 * when no UI has been built. Paths never leave their folder; `/api/…` misses stay JSON 404s.
 * Text files go out brotli- or gzip-compressed as the browser accepts; content-hashed chunks are
 * cached for a year (`immutable`), everything else (index.html, app.js) is revalidated every time
 * (`no-cache`, answered 304 by ETag when unchanged).
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { Context, Hono } from 'hono';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The swagger-ui files `/docs` loads, and the script that starts it on our OpenAPI document. */
const swaggerFiles = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui.css.map', 'swagger-ui-bundle.js.map']);
const docsInit = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`;

/** A file under `base` for a URL path, or undefined when the path would leave it. */
export function safeJoin(base: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const path = normalize(join(base, decoded));
  return path.startsWith(base + sep) ? path : undefined;
}

/** Text worth compressing (images other than SVG and fonts are compressed already). */
const compressible = (type: string) => /^(text\/|application\/json|image\/svg)/.test(type);

/** The encoding to answer with: brotli, then gzip, when the client accepts it (and not `;q=0`). */
export function pickEncoding(accept: string | undefined): 'br' | 'gzip' | undefined {
  const offered = new Map(
    (accept ?? '').split(',').map((part) => {
      const [name = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return [name.trim(), q ? Number(q.slice(2)) : 1] as const;
    }),
  );
  const ok = (name: string) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : undefined;
}

/**
 * Compressed copies, made once per file version (path, size and time) on each node: they are
 * derived from the files, so a node that has none just makes its own.
 */
const compressed = new Map<string, Promise<Buffer>>();
function compressedCopy(key: string, body: Buffer, encoding: 'br' | 'gzip'): Promise<Buffer> {
  const id = `${key}|${encoding}`;
  let hit = compressed.get(id);
  if (!hit) {
    if (compressed.size >= 500) compressed.delete(compressed.keys().next().value!);
    hit =
      encoding === 'br'
        ? brotli(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } })
        : gzipAsync(body, { level: 9 });
    compressed.set(id, hit);
  }
  return hit;
}

async function sendFile(c: Context, file: string | undefined, cache: string): Promise<Response | undefined> {
  if (!file) return undefined;
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const type = types[extname(file)] ?? 'application/octet-stream';
  const version = `${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}`;
  const encoding = compressible(type) && info.size > 512 ? pickEncoding(c.req.header('accept-encoding')) : undefined;
  // One tag per representation: a cache must not answer a gzip request with the brotli bytes.
  const etag = `"${version}${encoding ? `-${encoding}` : ''}"`;
  const headers: Record<string, string> = {
    'content-type': type,
    'cache-control': cache,
    'last-modified': info.mtime.toUTCString(),
    etag,
    'x-content-type-options': 'nosniff',
    // Portals on other origins load embed.js and its chunks as ES modules, which needs CORS.
    ...(/\.(m?js|css|map)$/.test(file) ? { 'access-control-allow-origin': '*' } : {}),
    ...(compressible(type) ? { vary: 'Accept-Encoding' } : {}),
  };
  const match = c.req.header('if-none-match');
  if (match && match.split(',').some((m) => m.trim() === etag || m.trim() === `W/${etag}`)) return c.body(null, 304, headers);
  const body = await readFile(file);
  if (!encoding) return c.body(body, 200, headers);
  const packed = await compressedCopy(`${file}|${version}`, body, encoding);
  return c.body(new Uint8Array(packed), 200, { ...headers, 'content-encoding': encoding });
}

const landingPage = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chancery 政务流程与表单引擎</title>
<style>body{font:16px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2328}a{color:#0b57d0}</style>
</head><body>
<h1>Chancery</h1>
<p>政务流程与表单引擎正在运行。<br>The workflow and form engine is running.</p>
<ul>
<li><a href="/docs">接口文档 / API documentation</a></li>
<li><a href="/openapi.json">OpenAPI 3.1</a></li>
<li><a href="/health">运行状态 / health</a></li>
</ul>
<p>界面尚未构建：运行 <code>npm run build</code>。<br>The web app has not been built: run <code>npm run build</code>.</p>
</body></html>`;

/**
 * Adds the static routes to the app, after the API routes (which therefore win).
 *
 * @example
 * mountStaticFiles(server.app, { publicDir: join(root, 'dist/public') });
 */
export function mountStaticFiles(app: Hono<any>, options: { publicDir: string }): void {
  const { publicDir } = options;
  const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const index = join(publicDir, 'index.html');
  const cacheOf = (file: string) => (file.includes(`${sep}chunks${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');

  app.get('/docs/assets/docs-init.js', (c) => c.body(docsInit, 200, { 'content-type': types['.js']!, 'cache-control': 'no-cache' }));
  app.get('/docs/assets/:file', async (c) => {
    const name = c.req.param('file');
    if (!swaggerFiles.has(name)) return c.notFound();
    return (await sendFile(c, join(swaggerDir, name), 'public, max-age=86400')) ?? c.notFound();
  });
  app.get('/assets/*', async (c) => {
    const file = safeJoin(publicDir, c.req.path.slice('/assets'.length));
    return (await sendFile(c, file, file ? cacheOf(file) : 'no-cache')) ?? c.notFound();
  });
  app.get('/', async (c) => (await sendFile(c, index, 'no-cache')) ?? c.html(landingPage));
  app.get('*', async (c) => {
    const path = c.req.path;
    if (path.startsWith('/api/') || path === '/api') return c.notFound();
    const file = safeJoin(publicDir, path);
    const hit = await sendFile(c, file, file ? cacheOf(file) : 'no-cache');
    if (hit) return hit;
    // Client-side routes of the app (no file extension) get the app's page.
    if (!extname(path) && (c.req.header('accept') ?? '').includes('text/html') && existsSync(index)) return sendFile(c, index, 'no-cache') as Promise<Response>;
    return c.notFound();
  });
}
