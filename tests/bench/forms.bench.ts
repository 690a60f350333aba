/**
 * Forms benchmark: first render and one keystroke for flat schemas of 100, 500 and 1,000 fields
 * and for an array of 500 objects, in headless Chromium (Debian's), for `<chancery-form>` beside
 * `@rjsf/core` + `@rjsf/validator-ajv8` and `@jsonforms/react` + vanilla renderers rendering the
 * same JSON Schemas with their default UI; plus each one's gzipped bundle.
 *
 * "First render" is on a fresh page (the library's code still cold: parse, compile, first styles);
 * "render again" mounts the same form again on that page, as a staff member opening the next task.
 * Every page is built with esbuild (minified, production React and Lit) and served from a local
 * HTTP server. Rounds interleave the libraries on fresh pages; medians are reported. Timing ends
 * after the library's pending work (microtasks and one macrotask) and a forced layout.
 * Our form validates on every keystroke with the precompiled validator the server would serve;
 * JSON Forms validates on every change with ajv compiled in the page; rjsf (default props)
 * validates on submit only.
 *
 * `npx tsx tests/bench/forms.bench.ts [--rounds=5] [--keystrokes=20]` prints a table.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright';
import { compileStandalone } from '../../forms/validation/compile-standalone.js';
import type { JsonSchema } from '../../forms/model/types.js';
import { sizeEntries } from './forms-pages/sizes.js';

export const LIBRARIES = ['chancery', 'rjsf', 'jsonforms'] as const;
export type Library = (typeof LIBRARIES)[number];

export interface FormsBenchRow {
  /** `first render, 500 fields`, `keystroke, array of 500 objects`, `bundle (gzip)`. */
  measure: string;
  unit: 'ms' | 'kB';
  /** Median per library. */
  chancery: number;
  rjsf: number;
  jsonforms: number;
}

export interface FormsBenchOptions {
  rounds?: number;
  keystrokes?: number;
  log?: (line: string) => void;
}

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const pagesDir = join(here, 'forms-pages');
const outDir = join(root, 'node_modules/.cache/chancery-forms-bench');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const KINDS = ['收文', '发文', '信访', '督办', '会议'];

/** A flat form: text, integer, select and checkbox fields in turn, every tenth required. */
export function flatSchema(fields: number): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (let i = 0; i < fields; i += 1) {
    const title = `字段 ${i + 1}`;
    const name = `f${i}`;
    if (i % 4 === 0) properties[name] = { type: 'string', title, maxLength: 100 };
    else if (i % 4 === 1) properties[name] = { type: 'integer', title, minimum: 0, maximum: 1000 };
    else if (i % 4 === 2) properties[name] = { type: 'string', title, enum: KINDS };
    else properties[name] = { type: 'boolean', title };
    if (i % 10 === 0) required.push(name);
  }
  return { type: 'object', required, properties };
}

export function arraySchema(): JsonSchema {
  return {
    type: 'object',
    properties: {
      items: {
        type: 'array',
        title: '清单',
        items: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', title: '名称', maxLength: 100 },
            count: { type: 'integer', title: '数量', minimum: 0 },
            kind: { type: 'string', title: '类别', enum: KINDS },
          },
        },
      },
    },
  };
}

interface BenchCase {
  name: string;
  label: string;
  schema: JsonSchema;
  data: unknown;
}

export function benchCases(): BenchCase[] {
  const items = Array.from({ length: 500 }, (_, i) => ({ name: `物品 ${i + 1}`, count: i, kind: KINDS[i % KINDS.length] }));
  return [
    { name: 'flat100', label: '100 fields', schema: flatSchema(100), data: {} },
    { name: 'flat500', label: '500 fields', schema: flatSchema(500), data: {} },
    { name: 'flat1000', label: '1,000 fields', schema: flatSchema(1000), data: {} },
    { name: 'array500', label: 'array of 500 objects', schema: arraySchema(), data: { items } },
  ];
}

const buildOptions = {
  bundle: true,
  format: 'esm' as const,
  platform: 'browser' as const,
  target: 'es2022',
  minify: true,
  legalComments: 'none' as const,
  conditions: ['module', 'browser', 'production'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'error' as const,
};

/** Builds the three pages and the precompiled validators into the cache folder. */
async function buildPages(cases: BenchCase[]): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  // Split as the app's own bundles are (scripts/build.mjs): widgets loaded on first use (rich text,
  // signature) are chunks a form without them never fetches.
  await build({ ...buildOptions, entryPoints: LIBRARIES.map((l) => join(pagesDir, `${l}.ts`)), outdir: outDir, splitting: true, chunkNames: 'chunk-[hash]' });
  for (const c of cases) writeFileSync(join(outDir, `validator-${c.name}.js`), compileStandalone(c.schema));
  for (const lib of LIBRARIES) {
    writeFileSync(
      join(outDir, `${lib}.html`),
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${lib}</title></head><body><div id="root"></div><script type="module" src="/${lib}.js"></script></body></html>`,
    );
  }
}

/**
 * Gzipped size (level 9) in kB of each library as a page ships it on first load (the entry and
 * the chunks it imports statically), and of React alone. Chunks loaded only on first use (dynamic
 * `import()`, e.g. the rich-text editor) are not fetched by a form without those widgets:
 * `lazy` gives their size.
 */
export async function bundleSizes(): Promise<Record<keyof typeof sizeEntries, number> & { lazy: Record<keyof typeof sizeEntries, number> }> {
  const out = { lazy: {} } as Record<keyof typeof sizeEntries, number> & { lazy: Record<keyof typeof sizeEntries, number> };
  for (const [name, contents] of Object.entries(sizeEntries) as [keyof typeof sizeEntries, string][]) {
    const result = await build({
      ...buildOptions,
      stdin: { contents, resolveDir: pagesDir, loader: 'ts', sourcefile: `${name}-entry.ts` },
      write: false,
      splitting: true,
      outdir: '/virtual',
      metafile: true,
    });
    const gz = new Map(result.outputFiles.map((f) => [basename(f.path), gzipSync(f.contents, { level: 9 }).length / 1024]));
    const outputs = result.metafile!.outputs;
    const entry = Object.keys(outputs).find((k) => outputs[k]!.entryPoint !== undefined)!;
    const first = new Set<string>();
    const visit = (file: string) => {
      if (first.has(file)) return;
      first.add(file);
      for (const i of outputs[file]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) visit(i.path);
    };
    visit(entry);
    const size = (file: string) => gz.get(basename(file)) ?? 0;
    out[name] = [...first].reduce((sum, f) => sum + size(f), 0);
    out.lazy[name] = Object.keys(outputs)
      .filter((f) => f.endsWith('.js') && !first.has(f))
      .reduce((sum, f) => sum + size(f), 0);
  }
  return out;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

function serve(dir: string): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const name = (req.url ?? '/').split('?')[0]!.replace(/^\//, '');
    if (!/^[\w.-]+\.(html|js)$/.test(name)) return void res.writeHead(404).end();
    try {
      const body = readFileSync(join(dir, name));
      res.writeHead(200, { 'content-type': name.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) }),
    ),
  );
}

export async function runFormsBench(options: FormsBenchOptions = {}): Promise<FormsBenchRow[]> {
  const rounds = options.rounds ?? 5;
  const keystrokes = options.keystrokes ?? 20;
  const log = options.log ?? (() => {});
  const cases = benchCases();
  await buildPages(cases);
  const sizes = await bundleSizes();
  const server = await serve(outDir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const render = new Map<string, number[]>();
  const warm = new Map<string, number[]>();
  const keys = new Map<string, number[]>();
  const push = (m: Map<string, number[]>, k: string, v: number) => m.set(k, [...(m.get(k) ?? []), v]);
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    for (let round = 0; round < rounds; round += 1) {
      for (const c of cases) {
        // A different library goes first each round, so load spikes do not favour one.
        const order = LIBRARIES.map((_, i) => LIBRARIES[(i + round) % LIBRARIES.length]!);
        for (const lib of order) {
          const page = await context.newPage();
          await page.goto(`${server.origin}/${lib}.html`);
          await page.waitForFunction(() => 'formsBench' in window);
          const result = await page.evaluate(
            async ({ name, schema, data, keystrokes: n }) => {
              const bench = (window as unknown as { formsBench: import('./forms-pages/harness.js').BenchPage }).formsBench;
              await bench.prepare(name);
              const renderMs = await bench.render(schema, data);
              // Again on the same page: the code is compiled and warm now (a form opened after another).
              const warmMs = await bench.render(schema, data);
              const controls = bench.controls();
              const keyMs: number[] = [];
              for (let i = 0; i < n; i += 1) keyMs.push(await bench.keystroke(i));
              return { renderMs, warmMs, controls, keyMs };
            },
            { name: c.name, schema: c.schema, data: c.data, keystrokes },
          );
          await page.close();
          if (result.controls < 10) throw new Error(`${lib} rendered only ${result.controls} controls for ${c.name}`);
          push(render, `${c.name}/${lib}`, result.renderMs);
          push(warm, `${c.name}/${lib}`, result.warmMs);
          // The first keystroke warms the handlers up; the rest are the steady state.
          push(keys, `${c.name}/${lib}`, median(result.keyMs.slice(1)));
          log(
            `round ${round + 1}/${rounds} ${c.name} ${lib}: render ${result.renderMs.toFixed(1)} ms (warm ${result.warmMs.toFixed(1)} ms), keystroke ${median(result.keyMs.slice(1)).toFixed(2)} ms, ${result.controls} controls`,
          );
        }
      }
    }
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
  const row = (measure: string, from: Map<string, number[]>, name: string): FormsBenchRow => ({
    measure,
    unit: 'ms',
    chancery: median(from.get(`${name}/chancery`) ?? []),
    rjsf: median(from.get(`${name}/rjsf`) ?? []),
    jsonforms: median(from.get(`${name}/jsonforms`) ?? []),
  });
  return [
    ...cases.map((c) => row(`first render (fresh page), ${c.label}`, render, c.name)),
    ...cases.map((c) => row(`render again (warm), ${c.label}`, warm, c.name)),
    ...cases.map((c) => row(`keystroke, ${c.label}`, keys, c.name)),
    {
      measure: `bundle on first load, gzip (rjsf and JSON Forms include React; React alone: ${sizes.react.toFixed(1)} kB; loaded on first use: chancery ${sizes.lazy.chancery.toFixed(1)} kB for rich text and signature)`,
      unit: 'kB',
      chancery: sizes.chancery,
      rjsf: sizes.rjsf,
      jsonforms: sizes.jsonforms,
    },
  ];
}

/** A Markdown table: medians and how many times slower (or bigger) each library is than ours. */
export function formatFormsBench(rows: FormsBenchRow[]): string {
  const fmt = (v: number, unit: string) => (unit === 'kB' ? `${v.toFixed(1)} kB` : v < 10 ? `${v.toFixed(2)} ms` : `${v.toFixed(0)} ms`);
  const ratio = (v: number, ours: number) => `${(v / ours).toFixed(1)}×`;
  const lines = ['| measure | chancery | @rjsf/core | JSON Forms (vanilla) |', '|---|---:|---:|---:|'];
  for (const r of rows)
    lines.push(
      `| ${r.measure} | ${fmt(r.chancery, r.unit)} | ${fmt(r.rjsf, r.unit)} (${ratio(r.rjsf, r.chancery)}) | ${fmt(r.jsonforms, r.unit)} (${ratio(r.jsonforms, r.chancery)}) |`,
    );
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  const rows = await runFormsBench({ rounds: arg('rounds', 5), keystrokes: arg('keystrokes', 20), log: (l) => console.error(l) });
  console.log(formatFormsBench(rows));
}
