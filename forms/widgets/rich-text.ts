import { LitElement, html, nothing } from 'lit';
import type { Editor } from '@tiptap/core';
import { t } from './messages.js';
import { rankBy } from './widget-registry.js';
import type { WidgetEntry, WidgetProps } from './types.js';

/** A rich-text value as stored: the HTML (sanitised again by the server) and its plain text for search. */
export interface RichText {
  html: string;
  text: string;
}

function isRichText(value: unknown): value is RichText {
  return value !== null && typeof value === 'object' && typeof (value as RichText).html === 'string';
}

type Mark = { key: 'bold' | 'italic' | 'bulletList' | 'orderedList'; label: 'bold' | 'italic' | 'bulletList' | 'orderedList'; run: (e: Editor) => void };

const MARKS: Mark[] = [
  { key: 'bold', label: 'bold', run: (e) => e.chain().focus().toggleBold().run() },
  { key: 'italic', label: 'italic', run: (e) => e.chain().focus().toggleItalic().run() },
  { key: 'bulletList', label: 'bulletList', run: (e) => e.chain().focus().toggleBulletList().run() },
  { key: 'orderedList', label: 'orderedList', run: (e) => e.chain().focus().toggleOrderedList().run() },
];

/**
 * Rich text for document bodies and replies (Tiptap / ProseMirror, loaded when the first one is
 * shown). Stores `{ html, text }`; the server sanitises the HTML with an allow-list and derives
 * the text from it again, so neither is taken on trust.
 */
export class ChanceryRichText extends LitElement {
  static properties = { props: { attribute: false }, ready: { state: true } };
  declare props: WidgetProps | undefined;
  declare ready: boolean;
  private editor: Editor | undefined;
  private shown = '';

  constructor() {
    super();
    this.props = undefined;
    this.ready = false;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.editor) void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.editor?.destroy();
    this.editor = undefined;
    this.ready = false;
  }

  private async start(): Promise<void> {
    await this.updateComplete;
    const [{ Editor }, { StarterKit }] = await Promise.all([import('@tiptap/core'), import('@tiptap/starter-kit')]);
    const p = this.props;
    const host = this.querySelector<HTMLElement>('.rich-text-host');
    if (!p || !host || this.editor || !this.isConnected) return;
    const value = isRichText(p.field.value) ? p.field.value.html : '';
    this.shown = value;
    this.editor = new Editor({
      element: host,
      // No <style> injected into the page (strict CSP): the theme carries the few rules needed.
      injectCSS: false,
      editable: !p.locked,
      extensions: [StarterKit.configure({ link: { openOnClick: false, protocols: ['http', 'https', 'mailto'] } })],
      content: value,
      editorProps: {
        attributes: {
          id: p.id,
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': `${p.id}-legend`,
          ...(p.describedBy ? { 'aria-describedby': p.describedBy } : {}),
          'aria-invalid': p.invalid ? 'true' : 'false',
          part: 'input rich-text',
        },
      },
      onUpdate: ({ editor }) => {
        const props = this.props;
        if (!props) return;
        this.shown = editor.getHTML();
        props.set(editor.isEmpty ? undefined : { html: this.shown, text: editor.getText({ blockSeparator: '\n' }) });
        this.requestUpdate();
      },
      onBlur: () => this.props?.touch(),
      onSelectionUpdate: () => this.requestUpdate(),
    });
    this.ready = true;
  }

  protected override updated(): void {
    const p = this.props;
    const editor = this.editor;
    if (!p || !editor) return;
    editor.setEditable(!p.locked, false);
    const dom = editor.view.dom;
    dom.setAttribute('aria-invalid', p.invalid ? 'true' : 'false');
    if (p.describedBy) dom.setAttribute('aria-describedby', p.describedBy);
    else dom.removeAttribute('aria-describedby');
    // The data changed from outside (a draft restored, a reset): show it.
    const value = isRichText(p.field.value) ? p.field.value.html : '';
    if (value !== this.shown && !(value === '' && editor.isEmpty)) {
      this.shown = value;
      editor.commands.setContent(value, { emitUpdate: false });
    }
  }

  protected override render() {
    const p = this.props;
    if (!p) return nothing;
    const editor = this.editor;
    return html`${
        p.locked
          ? nothing
          : html`<div class="rich-text-tools" role="toolbar" aria-label=${t(p.lang, 'formatting')} part="toolbar">
              ${MARKS.map(
                (m) =>
                  html`<button
                    type="button"
                    part="tool"
                    aria-pressed=${editor?.isActive(m.key) ? 'true' : 'false'}
                    ?disabled=${!this.ready}
                    @mousedown=${(e: Event) => e.preventDefault()}
                    @click=${() => editor && m.run(editor)}
                  >
                    ${t(p.lang, m.label)}
                  </button>`,
              )}
            </div>`
      }
      <div class="rich-text-host" part="rich-text-frame" aria-busy=${this.ready ? 'false' : 'true'}></div>`;
  }
}

/** `x-chancery: "richtext"` (or widget `richtext`): a `{ html, text }` value edited as rich text. */
export const richTextWidget: WidgetEntry = {
  name: 'richtext',
  tester: rankBy(['richtext', 'rich-text'], 20, (f) => f.schema['x-chancery'] === 'richtext'),
  render: (p) => html`<chancery-rich-text .props=${p}></chancery-rich-text>`,
  frame: 'legend',
};
