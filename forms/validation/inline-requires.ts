/**
 * Makes ajv's standalone output self-contained. Even with `code.esm`, ajv emits
 * `require("ajv/dist/runtime/ucs2length")`, `require("ajv-formats/dist/formats")` and the like
 * for its runtime helpers; a browser can load none of them. We read those CommonJS files from
 * node_modules (with their own requires, recursively) and wrap each in a function behind a tiny
 * module table, so the module imports nothing. Server only: it uses the file system.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const REQUIRE_CALL = /\brequire\(\s*"([^"]+)"\s*\)/g;

interface Collected {
  /** Resolved file → its index in the module table. */
  ids: Map<string, number>;
  sources: string[];
  /** Per module: the specifiers it requires → their indexes. */
  links: Map<string, number>[];
}

function collect(specifier: string, from: NodeJS.Require, seen: Collected): number {
  const file = from.resolve(specifier);
  const known = seen.ids.get(file);
  if (known !== undefined) return known;
  const id = seen.sources.length;
  seen.ids.set(file, id);
  const source = readFileSync(file, 'utf8')
    .replace(/^\/\/# sourceMappingURL=.*$/gm, '')
    // `helper.code = 'require("…")'` only tells ajv's code generator how to import the helper.
    .replace(/^[\w.]+\.code = '[^'\n]*';$/gm, '');
  seen.sources.push(source);
  const links = new Map<string, number>();
  seen.links.push(links);
  const local = createRequire(file);
  for (const [, dep] of source.matchAll(REQUIRE_CALL)) {
    if (dep === undefined || links.has(dep)) continue;
    try {
      links.set(dep, collect(dep, local, seen));
    } catch {
      // optional dependencies (re2) that are not installed stay unresolved
    }
  }
  return id;
}

/**
 * Rewrites `require("x")` in ajv's generated ESM code to a bundled module table.
 *
 * @example
 * inlineRequires(standaloneCode(ajv, validate)); // no `require(` left outside the table
 */
export function inlineRequires(code: string): string {
  const host = createRequire(import.meta.url);
  const seen: Collected = { ids: new Map(), sources: [], links: [] };
  const top = new Map<string, number>();
  for (const [, spec] of code.matchAll(REQUIRE_CALL)) {
    if (spec !== undefined && !top.has(spec)) top.set(spec, collect(spec, host, seen));
  }
  if (top.size === 0) return code;
  const table = seen.sources
    .map((source, i) => {
      const links = JSON.stringify(Object.fromEntries(seen.links[i] ?? []));
      const body = source.replace(REQUIRE_CALL, (_whole, spec: string) => `__req(${JSON.stringify(spec)})`);
      return `[function (module, exports, __req) {\n${body}\n}, ${links}]`;
    })
    .join(',\n');
  const runtime = `const __modules = [\n${table}\n];
const __cache = [];
function __load(i) {
  if (__cache[i]) return __cache[i].exports;
  const module = { exports: {} };
  __cache[i] = module;
  const entry = __modules[i];
  entry[0].call(module.exports, module, module.exports, (name) => {
    const target = entry[1][name];
    if (target === undefined) throw new Error('Cannot find module ' + name);
    return __load(target);
  });
  return module.exports;
}
const __top = ${JSON.stringify(Object.fromEntries(top))};
const __require = (name) => __load(__top[name]);
`;
  return `${runtime}${code.replace(REQUIRE_CALL, (_whole, spec: string) => `__require(${JSON.stringify(spec)})`)}`;
}
