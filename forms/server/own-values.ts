/**
 * The server's word on Chancery's own values. Rich text (`x-chancery: "richtext"`, stored as `{ html, text }`): the HTML
 * a browser sends is cleaned with an allow-list (sanitize-html: no scripts, no event handlers, no
 * `style`, links only to http / https / mailto) and the plain text for search is derived from the
 * cleaned HTML again, never taken from the client. A signature (`x-chancery: "signature"`) must be
 * the file ref of an uploaded PNG. A value of any other shape is refused with its pointer.
 */
import sanitizeHtml from 'sanitize-html';
import { format } from '../../core/errors.js';
import { walk } from '../model/node.js';
import { setIn } from '../model/pointer.js';
import { buildTree } from '../model/tree.js';
import type { Issue, JsonSchema, Lang, UiSchema } from '../model/types.js';
import { keywordMessages } from '../validation/messages.js';
import { linearRegExp } from '../validation/linear-regexp.js';

/** The longest HTML one rich-text field takes (characters). */
export const MAX_RICH_TEXT_HTML = 200_000;

const allowList: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'hr', 'a'],
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
};

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': '\u00a0' };

/**
 * Cleans rich-text HTML and derives its plain text (one line per paragraph, list item, heading).
 *
 * @example
 * sanitizeRichText('<p onclick="x()">通知<script>alert(1)</script></p>'); // { html: '<p>通知</p>', text: '通知' }
 */
export function sanitizeRichText(html: string): { html: string; text: string } {
  const clean = sanitizeHtml(html, allowList);
  const lines = clean.replace(/<br\s*\/?>|<\/(p|li|h[1-4]|blockquote|pre)>/g, '$&\n');
  const text = sanitizeHtml(lines, { allowedTags: [], allowedAttributes: {} })
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { html: clean, text };
}

const cache = new WeakMap<object, boolean>();

const OWN = /"(rich-?text|signature(-pad)?)"/;

/** Whether the form has a rich-text or signature field anywhere (most do not: they skip the walk). */
function mentionsOwnValues(schema: JsonSchema, uiSchema: UiSchema | undefined): boolean {
  let known = cache.get(schema);
  if (known === undefined) {
    known = OWN.test(JSON.stringify(schema));
    cache.set(schema, known);
  }
  return known || (uiSchema !== undefined && OWN.test(JSON.stringify(uiSchema)));
}

/** A handwritten signature is the ref of an uploaded PNG (`file_ref` then checks the file is there and the signer may use it). */
function isSignatureRef(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const r = v as Record<string, unknown>;
  return typeof r.id === 'string' && typeof r.sha256 === 'string' && /^[0-9a-f]{64}$/i.test(r.sha256) && r.mime === 'image/png';
}

/**
 * The data with every rich-text field sanitised, or the issues of rich-text fields that are not
 * `{ html: string, text?: string }` (or whose HTML is too long) and of signatures that are not
 * the ref of a PNG.
 */
export function cleanOwnValues(schema: JsonSchema, uiSchema: UiSchema | undefined, data: unknown, lang: Lang): { data: unknown; issues: Issue[] } {
  if (!mentionsOwnValues(schema, uiSchema)) return { data, issues: [] };
  const tree = buildTree(schema, uiSchema, data, { lang, regExp: linearRegExp });
  const issues: Issue[] = [];
  let out = data;
  walk(tree.root, (node) => {
    if (node.value === undefined) return;
    if ((node.widget === 'signature' || node.widget === 'signature-pad') && !isSignatureRef(node.value)) {
      issues.push({ pointer: node.pointer, keyword: 'signature', message: format(keywordMessages['signature']![lang], { label: node.label }), params: {} });
      return;
    }
    if (node.widget !== 'richtext' && node.widget !== 'rich-text') return;
    const v = node.value as Record<string, unknown> | null;
    const shaped =
      v !== null &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      typeof v.html === 'string' &&
      (v.text === undefined || typeof v.text === 'string') &&
      Object.keys(v).every((k) => k === 'html' || k === 'text');
    if (!shaped || (v.html as string).length > MAX_RICH_TEXT_HTML) {
      const keyword = shaped ? 'richtextLength' : 'richtext';
      issues.push({
        pointer: node.pointer,
        keyword,
        message: format(keywordMessages[keyword]![lang], { label: node.label, limit: MAX_RICH_TEXT_HTML }),
        params: {},
      });
      return;
    }
    out = setIn(out, node.path, sanitizeRichText(v.html as string));
  });
  return { data: out, issues };
}
