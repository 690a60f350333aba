import { LitElement, html, nothing } from 'lit';
import type SignaturePad from 'signature_pad';
import { t } from './messages.js';
import { rankBy } from './widget-registry.js';
import type { FileRef, WidgetEntry, WidgetProps } from './types.js';

function isFileRef(v: unknown): v is FileRef {
  return typeof v === 'object' && v !== null && typeof (v as FileRef).id === 'string' && typeof (v as FileRef).sha256 === 'string';
}

/**
 * A handwritten signature (签批): drawn on a pad (signature_pad, loaded when first shown), saved
 * as a PNG through the form's uploader (`POST /api/files`), and kept in the data as that file's
 * ref `{ id, name, size, sha256, mime }`. A saved signature is shown as its image.
 */
export class ChancerySignaturePad extends LitElement {
  static properties = { props: { attribute: false }, drawn: { state: true }, busy: { state: true }, failure: { state: true }, redo: { state: true } };
  declare props: WidgetProps | undefined;
  declare drawn: boolean;
  declare busy: boolean;
  declare failure: string;
  /** Signing again over a saved signature. */
  declare redo: boolean;
  private pad: SignaturePad | undefined;
  private canvas: HTMLCanvasElement | undefined;

  constructor() {
    super();
    this.props = undefined;
    this.drawn = false;
    this.busy = false;
    this.failure = '';
    this.redo = false;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pad?.off();
    this.pad = undefined;
    this.canvas = undefined;
  }

  protected override async updated(): Promise<void> {
    const canvas = this.querySelector<HTMLCanvasElement>('canvas');
    if (!canvas || canvas === this.canvas) return;
    this.pad?.off();
    this.canvas = canvas;
    const { default: Pad } = await import('signature_pad');
    if (this.canvas !== canvas) return;
    // Draw at the screen's pixel density so the saved PNG is sharp.
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = Math.max(canvas.offsetWidth, 1) * ratio;
    canvas.height = Math.max(canvas.offsetHeight, 1) * ratio;
    canvas.getContext('2d')?.scale(ratio, ratio);
    this.pad = new Pad(canvas, { penColor: '#000', backgroundColor: 'rgba(0,0,0,0)' });
    this.pad.addEventListener('endStroke', () => (this.drawn = !this.pad?.isEmpty()));
    this.drawn = false;
  }

  private clear(): void {
    this.pad?.clear();
    this.drawn = false;
    this.failure = '';
  }

  private async save(): Promise<void> {
    const p = this.props;
    const canvas = this.canvas;
    if (!p || !canvas || !this.pad || this.pad.isEmpty()) return;
    this.busy = true;
    this.failure = '';
    try {
      const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/png'));
      const ref = await p.services.upload(new File([blob], p.lang === 'en' ? 'signature.png' : '签名.png', { type: 'image/png' }));
      this.redo = false;
      p.set(ref);
      p.services.announce(t(p.lang, 'signatureSaved'));
    } catch (err) {
      this.failure = t(p.lang, 'uploadFailed', { name: t(p.lang, 'signature'), reason: err instanceof Error ? err.message : String(err) });
      p.services.announce(this.failure);
    } finally {
      this.busy = false;
      p.touch();
    }
  }

  protected override render() {
    const p = this.props;
    if (!p) return nothing;
    const saved = isFileRef(p.field.value) ? p.field.value : undefined;
    if (saved && !this.redo) {
      return html`<div class="signature" part="signature">
        <chancery-file-image .ref=${saved} .load=${p.services.download} alt=${t(p.lang, 'signatureOf', { label: p.field.label })}></chancery-file-image>
        ${p.locked ? nothing : html`<div class="tools"><button type="button" id=${p.id} part="button" @click=${() => (this.redo = true)}>${t(p.lang, 'signAgain')}</button></div>`}
      </div>`;
    }
    if (p.locked) return html`<p class="help">${t(p.lang, 'empty')}</p>`;
    return html`<div class="signature" part="signature">
      <canvas
        id=${p.id}
        part="signature-pad"
        class="signature-pad"
        tabindex="0"
        role="img"
        aria-label=${t(p.lang, 'signHere', { label: p.field.label })}
        aria-invalid=${p.invalid ? 'true' : 'false'}
        aria-describedby=${p.describedBy || nothing}
      ></canvas>
      <div class="tools">
        <button type="button" part="button" ?disabled=${!this.drawn || this.busy} @click=${() => this.clear()}>${t(p.lang, 'clear')}</button>
        <button
          type="button"
          part="button primary"
          class="primary"
          ?disabled=${!this.drawn || this.busy}
          aria-busy=${this.busy ? 'true' : 'false'}
          @click=${() => void this.save()}
        >
          ${this.busy ? t(p.lang, 'uploading') : t(p.lang, 'saveSignature')}
        </button>
        ${saved ? html`<button type="button" part="button" @click=${() => (this.redo = false)}>${t(p.lang, 'keepSignature')}</button>` : nothing}
      </div>
      ${this.failure ? html`<div class="error" role="alert">${this.failure}</div>` : nothing}
    </div>`;
  }
}

/** `x-chancery: "signature"` (or widget `signature`): a handwritten signature stored as an uploaded PNG's file ref. */
export const signatureWidget: WidgetEntry = {
  name: 'signature',
  tester: rankBy(['signature', 'signature-pad'], 20, (f) => f.schema['x-chancery'] === 'signature'),
  render: (p) => html`<chancery-signature-pad .props=${p}></chancery-signature-pad>`,
  frame: 'legend',
};
