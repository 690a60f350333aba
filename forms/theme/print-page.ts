import { printPageCss } from './default-theme.js';

const added = new WeakSet<Document>();

/** Add the A4 `@page` rule to a document once (shadow roots cannot carry `@page`). */
export function ensurePrintPage(doc: Document): void {
  if (added.has(doc)) return;
  added.add(doc);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(printPageCss);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}
