/**
 * Integrator pages for the browser tests, talking to the real Chancery server started by the
 * browser project's `globalSetup`: a plain HTML page that loads `embed.js` from the server, and a
 * React page built with Vite that bundles the form components itself. Both take the server
 * address and a token from their query string.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const root = process.cwd();
const reactSource = join(root, 'tests/forms/pages/react');
const reactOut = join(root, 'node_modules/.cache/chancery-forms-react-page');
export const REACT_BASE = '/__chancery/embed/react/';

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Only a local test server is accepted as `api` (the page is a test fixture, not an open redirect). */
function localApi(value: string | null): string {
  if (!value || !/^http:\/\/127\.0\.0\.1:\d{2,5}$/.test(value)) throw new Error('api must be http://127.0.0.1:<port>');
  return value;
}

/** The plain HTML page of docs/embedding.md's form example: one script tag, one element, one listener. */
export function plainPage(query: URLSearchParams): string {
  const api = escapeAttr(localApi(query.get('api')));
  const token = escapeAttr(query.get('token') ?? '');
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>民政局门户 · 会议申请</title>
  <script type="module" src="${api}/embed.js"></script>
</head>
<body>
  <h1>民政局门户 · 会议申请</h1>
  <p id="status" role="status">请填写会议申请</p>
  <chancery-form src="${api}/api/forms/meeting-request/request" api="${api}" token="${token}" lang="zh-CN"></chancery-form>
  <script type="module">
    const form = document.querySelector('chancery-form');
    window.plainSubmitted = [];
    form.addEventListener('chancery-submit', (e) => {
      window.plainSubmitted.push(e.detail);
      document.getElementById('status').textContent = '已提交：' + e.detail.data.topic;
    });
  </script>
</body>
</html>`;
}

function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
}

let building: Promise<void> | undefined;

/** Builds the React page with Vite (once per process, and only when its sources or forms/ changed). */
export function buildReactPage(): Promise<void> {
  building ??= (async () => {
    const stamp = join(reactOut, 'index.html');
    if (existsSync(stamp) && statSync(stamp).mtimeMs > Math.max(newest(reactSource), newest(join(root, 'forms')))) return;
    const { build } = await import('vite');
    await build({
      configFile: false,
      root: reactSource,
      base: REACT_BASE,
      logLevel: 'warn',
      // Lit's production build, as integrators ship it.
      resolve: { conditions: ['module', 'browser', 'production'] },
      build: { outDir: reactOut, emptyOutDir: true, target: 'es2022', modulePreload: false },
    });
  })();
  return building;
}

const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** A file of the built React page, or undefined. */
export async function reactFile(path: string): Promise<{ type: string; body: Buffer } | undefined> {
  await buildReactPage();
  const rel = path.slice(REACT_BASE.length) || 'index.html';
  const file = normalize(join(reactOut, rel));
  if (!file.startsWith(reactOut + sep) || !existsSync(file) || !statSync(file).isFile()) return undefined;
  return { type: types[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) };
}
