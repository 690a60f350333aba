import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { localize, type LocalizedText } from './messages.js';
import { rankBy } from './widget-registry.js';
import type { WidgetEntry, WidgetProps } from './types.js';

/** The usual quick phrases of an approval opinion (意见). */
export const defaultPhrases: LocalizedText[] = [
  { 'zh-CN': '同意', en: 'Agreed' },
  { 'zh-CN': '拟同意', en: 'Agreed in principle' },
  { 'zh-CN': '请阅处', en: 'Please review and handle' },
  { 'zh-CN': '退回修改', en: 'Returned for revision' },
];

function renderOpinion(p: WidgetProps) {
  const phrases = Array.isArray(p.field.ui.props?.phrases) ? (p.field.ui.props.phrases as LocalizedText[]) : defaultPhrases;
  const text = typeof p.field.value === 'string' ? p.field.value : '';
  const insert = (phrase: string) => {
    // A phrase replaces an empty opinion and is appended to a written one.
    p.set(text.trim() ? `${text.replace(/[，。；\s]+$/u, '')}；${phrase}` : phrase);
    p.touch();
  };
  return html`<div class="phrases" role="group" aria-label=${p.lang === 'en' ? `Quick phrases for ${p.field.label}` : `${p.field.label}常用语`}>
      ${phrases.map((ph) => {
        const label = localize(ph, p.lang);
        return html`<button type="button" part="phrase" ?disabled=${p.locked} @click=${() => insert(label)}>${label}</button>`;
      })}
    </div>
    <textarea
      id=${p.id}
      part="input textarea opinion"
      rows="4"
      .value=${live(text)}
      ?required=${p.field.required}
      ?readonly=${p.field.readOnly}
      ?disabled=${!p.field.enabled}
      aria-invalid=${p.invalid ? 'true' : 'false'}
      aria-describedby=${p.describedBy || nothing}
      @input=${(e: Event) => p.set((e.target as HTMLTextAreaElement).value || undefined)}
      @blur=${() => p.touch()}
    ></textarea>`;
}

/** Approval opinion (意见): free text plus quick phrases 同意 / 拟同意 / 请阅处 / 退回修改. */
export const opinionWidget: WidgetEntry = { name: 'opinion', tester: rankBy(['opinion', 'approval-opinion'], -1), render: renderOpinion };
