/**
 * Reading the app as a person sees it, for the scans of the internal-name and English tests:
 * mount `<chancery-app>` signed in as someone in a language, wait until the screen stops
 * changing, and collect its text — every rendered text node through the shadow roots, plus the
 * accessible names people hear (aria-label, title, placeholder, alt) and select options.
 */
import { expect } from 'vitest';
import { API, call, tokenOf } from './support.js';
import type { ChanceryApp } from '../../ui/app/chancery-app.js';

export type Lang = 'zh-CN' | 'en';

/** `<chancery-app>` at `hash`, signed in as `username`, in `lang`. */
export async function mountAs(username: string, hash: string, lang: Lang): Promise<ChanceryApp> {
  document.body.replaceChildren();
  sessionStorage.clear();
  sessionStorage.setItem('chancery.token', await tokenOf(username));
  localStorage.setItem('chancery.lang', lang);
  history.replaceState(null, '', hash);
  const app = document.createElement('chancery-app') as ChanceryApp;
  app.setAttribute('api', API);
  document.body.append(app);
  await app.updateComplete;
  return app;
}

const ATTRS = ['aria-label', 'title', 'placeholder', 'alt'];

function collect(root: Node, out: string[]): void {
  for (const node of root.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!text || !parent) continue;
      if (parent.closest('style, script, template')) continue;
      // Text marked as Chinese (the language switch, a column of Chinese names) is meant to be.
      if (parent.closest('[lang]')?.getAttribute('lang')?.startsWith('zh') && document.documentElement.lang === 'en') continue;
      if (parent.tagName === 'OPTION' || parent.checkVisibility?.({ visibilityProperty: true }) !== false) out.push(text);
      continue;
    }
    if (!(node instanceof Element)) continue;
    if (node.tagName === 'STYLE' || node.tagName === 'SCRIPT') continue;
    for (const a of ATTRS) {
      const v = node.getAttribute(a);
      if (v?.trim()) out.push(v.trim());
    }
    if (node.shadowRoot) collect(node.shadowRoot, out);
    collect(node, out);
  }
}

/** The screen's text, one entry per text node or accessible name. */
export function screenText(root: Node = document.body): string[] {
  const out: string[] = [];
  collect(root, out);
  return out;
}

function busy(root: ParentNode): boolean {
  for (const el of root.querySelectorAll('*')) {
    if (el.getAttribute('aria-busy') === 'true') return true;
    if (el.shadowRoot && busy(el.shadowRoot)) return true;
  }
  return false;
}

/** Waits until nothing is loading and the text is the same on three looks in a row, and `text` (if given) is shown. */
export async function settled(text?: string, what = 'the screen'): Promise<string[]> {
  let last = '';
  let same = 0;
  await expect
    .poll(
      () => {
        const now = screenText().join('\n');
        same = now === last && !busy(document.body) && (!text || now.includes(text)) ? same + 1 : 0;
        last = now;
        return same >= 3;
      },
      { timeout: 40_000, interval: 150, message: `${what} settles${text ? ` showing “${text}”` : ''}` },
    )
    .toBe(true);
  return screenText();
}

/** The username of someone who can work an open task (its assignee, or a member of its pool). */
export async function workerOf(task: { assigneeId: string | null; pool: { role: string; unitId: string | null } | null }): Promise<string> {
  if (task.assigneeId) return (await call<{ username: string }>('GET', `/api/directory/users/${task.assigneeId}`, 'admin')).username;
  const people = await call<{ items: Array<{ username: string }> }>('GET', `/api/directory/users?role=${task.pool!.role}&unit=${task.pool!.unitId}`, 'admin');
  return people.items[0]!.username;
}
