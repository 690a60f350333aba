import type { Plugin, ViteDevServer } from 'vite';
import { plainPage, reactFile, REACT_BASE } from './embed-pages.js';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'";

const cspPage = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>CSP</title>
<script type="module" src="/tests/forms/pages/csp-entry.ts"></script></head>
<body>
<chancery-form src="/__chancery/api/forms/visit"></chancery-form>
</body>
</html>`;

async function load<T>(server: ViteDevServer, path: string): Promise<T> {
  return (await server.ssrLoadModule(path)) as T;
}

/**
 * Test-only pages and a fake form API for the browser project: `GET /__chancery/api/forms/visit`
 * (the bundle), `/__chancery/validators/visit.js` (the precompiled ajv module) and
 * `/__chancery/csp.html`, a page served with `Content-Security-Policy: script-src 'self'`; and
 * integrator pages for the real server of `globalSetup`: `/__chancery/embed/plain.html` (plain
 * HTML loading `embed.js`) and `/__chancery/embed/react/` (a React page built with Vite).
 */
export function chanceryTestPages(): Plugin {
  return {
    name: 'chancery-test-pages',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const url = req.url?.split('?')[0] ?? '';
        if (!url.startsWith('/__chancery/')) return next();
        try {
          if (url === '/__chancery/embed/plain.html') {
            res.setHeader('content-type', 'text/html; charset=utf-8');
            res.end(plainPage(new URL(req.url ?? '', 'http://x').searchParams));
            return;
          }
          if (url.startsWith(REACT_BASE)) {
            const file = await reactFile(url);
            res.statusCode = file ? 200 : 404;
            res.setHeader('content-type', file?.type ?? 'text/plain');
            res.end(file?.body ?? 'not found');
            return;
          }
          const { visitSchema, visitUi } = await load<typeof import('./visit-form.js')>(server, '/tests/forms/pages/visit-form.ts');
          if (url === '/__chancery/api/forms/visit') {
            res.setHeader('content-type', 'application/json');
            res.end(JSON.stringify({ schema: visitSchema, uiSchema: visitUi, validatorModule: '/__chancery/validators/visit.js' }));
          } else if (url === '/__chancery/validators/visit.js') {
            const { compileStandalone } = await load<typeof import('../../../forms/validation/compile-standalone.js')>(
              server,
              '/forms/validation/compile-standalone.ts',
            );
            res.setHeader('content-type', 'text/javascript');
            res.end(compileStandalone(visitSchema));
          } else if (url === '/__chancery/csp.html') {
            res.setHeader('content-type', 'text/html; charset=utf-8');
            res.setHeader('content-security-policy', CSP);
            res.end(cspPage);
          } else {
            res.statusCode = 404;
            res.end('not found');
          }
        } catch (err) {
          res.statusCode = 500;
          res.end(String(err instanceof Error ? err.stack : err));
        }
      });
    },
  };
}
