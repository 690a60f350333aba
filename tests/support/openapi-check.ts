/**
 * Checks real responses against the served OpenAPI document, so the document and the code
 * cannot drift: every `call()` of the HTTP test server goes through `checkResponse`, and a
 * response whose status, media type, body or error code the document does not declare fails
 * the test that made it.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { escapeToken } from '../../core/json-pointer.js';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };

interface Operation {
  template: string;
  pattern: RegExp;
  literals: number;
  method: string;
}

export interface ResponseChecker {
  /** A sentence saying what does not match, or undefined when the response is as documented. */
  check(method: string, url: string, status: number, contentType: string | null, body: unknown): string | undefined;
}

export function createResponseChecker(doc: Doc): ResponseChecker {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  ajv.addSchema(doc as object, 'openapi.json');
  const ops: Operation[] = [];
  for (const [template, methods] of Object.entries(doc.paths)) {
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '[^/]+')}$`);
    for (const method of Object.keys(methods))
      ops.push({ template, pattern, method, literals: template.split('/').filter((p) => p && !p.startsWith('{')).length });
  }
  const validators = new Map<string, ValidateFunction>();
  const validatorOf = (pointer: string) => {
    let v = validators.get(pointer);
    if (!v) {
      const found = ajv.getSchema(`openapi.json#${pointer}`);
      if (!found) throw new Error(`no schema at ${pointer}`);
      validators.set(pointer, (v = found));
    }
    return v;
  };

  return {
    check(method, url, status, contentType, body) {
      const path = new URL(url, 'http://test').pathname;
      const op = ops.filter((o) => o.method === method.toLowerCase() && o.pattern.test(path)).sort((a, b) => b.literals - a.literals)[0];
      if (!op) return undefined; // not a documented operation (static files, /health, a wrong method)
      const responses = doc.paths[op.template]![op.method]!.responses;
      const key = responses[String(status)] ? String(status) : status >= 500 && responses['5XX'] ? '5XX' : undefined;
      const where = `${method.toUpperCase()} ${op.template} → ${status}`;
      if (!key) return `${where}: the OpenAPI document declares no ${status} response (body: ${JSON.stringify(body).slice(0, 300)})`;
      const content = responses[key]!.content ?? {};
      const media = (contentType ?? '').split(';')[0]!.trim();
      const declared = Object.keys(content);
      if (declared.length === 0 && !media && (body === null || body === undefined || body === '')) return undefined;
      const match = declared.find((d) => d === media || d === '*/*');
      if (!match) return `${where}: answered ${media || 'no content type'}, the document declares ${declared.join(', ') || 'no content'}`;
      if (match !== 'application/json') return undefined;
      const pointer = `/paths/${escapeToken(op.template)}/${op.method}/responses/${key}/content/${escapeToken(match)}/schema`;
      const v = validatorOf(pointer);
      if (v(body)) return undefined;
      return `${where}: the body does not match the documented schema: ${ajv.errorsText(v.errors, { separator: '; ' })} (body: ${JSON.stringify(body).slice(0, 500)})`;
    },
  };
}

const checkers = new Map<string, ResponseChecker>();

/** One checker per distinct document (test files start many servers with the same routes). */
export function responseCheckerFor(docText: string): ResponseChecker {
  let c = checkers.get(docText);
  if (!c) checkers.set(docText, (c = createResponseChecker(JSON.parse(docText) as Doc)));
  return c;
}
