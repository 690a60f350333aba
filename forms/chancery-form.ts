import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { createFormState } from './model/create-form-state.js';
import { defaultTheme } from './theme/default-theme.js';
import { ensurePrintPage } from './theme/print-page.js';
import { builtinWidgets } from './widgets/builtin-widgets.js';
import { createHttpDirectoryClient, type DirectoryClient } from './widgets/directory-client.js';
import { CredentialsController, NetworkError } from './widgets/credentials-controller.js';
import { DraftController } from './widgets/draft-controller.js';
import { renderDraftNotice, renderErrorSummary } from './widgets/form-notices.js';
import { createHttpUploader } from './widgets/file-input.js';
import { createHttpFileLoader, type FileLoader } from './widgets/file-image.js';
import { loadFormBundle } from './widgets/form-bundle.js';
import { openFile } from './widgets/open-file.js';
import { fieldPart } from './widgets/field-part.js';
import { fieldId, type FormContext } from './widgets/form-context.js';
import { FormNavigator } from './widgets/form-navigator.js';
import { renderLayout } from './widgets/layout-view.js';
import { createInterpretiveValidator } from './validation/interpretive-validator.js';
import { localize, t } from './widgets/messages.js';
import { renderReviewEntries, renderReviewLayout } from './widgets/review-view.js';
import { renderRootEntries } from './widgets/object-widget.js';
import type { FormChange, FormState, Issue, JsonSchema, Lang, Permissions, Pointer, UiSchema, ValidateFunction } from './model/types.js';
import type { FileRef } from './widgets/types.js';
import type { WidgetRegistry } from './widgets/widget-registry.js';

/** Detail of `chancery-change`, `chancery-submit` and `chancery-invalid`. */
export interface ChanceryFormDetail {
  data: unknown;
  errors: Issue[];
  valid: boolean;
}

const rebuildOn = ['schema', 'uiSchema', 'data', 'permissions', 'readonly', 'validator', 'context'] as const;

/**
 * A form generated from JSON Schema + UI schema. Works alone in any page and inside a native
 * `<form>` (it is form-associated: its value is the JSON of the data).
 *
 * @example
 * ```html
 * <chancery-form src="/api/forms/petition-intake" api="" draft-key="case-42" lang="zh-CN"></chancery-form>
 * <script type="module">
 *   document.querySelector('chancery-form').addEventListener('chancery-submit', (e) => save(e.detail.data));
 * </script>
 * ```
 */
export class ChanceryForm extends LitElement {
  static formAssociated = true;
  static override styles = defaultTheme;
  static override properties = {
    schema: { attribute: false },
    uiSchema: { attribute: false },
    data: { attribute: false, noAccessor: true },
    permissions: { attribute: false },
    lang: { reflect: true },
    readonly: { type: Boolean, reflect: true },
    src: {},
    api: {},
    token: {},
    apiKey: { attribute: 'api-key' },
    draftKey: { attribute: 'draft-key' },
    draftDelay: { attribute: 'draft-delay', type: Number },
    hideSubmit: { attribute: 'hide-submit', type: Boolean },
    widgets: { attribute: false },
    directory: { attribute: false },
    uploader: { attribute: false },
    downloader: { attribute: false },
    validator: { attribute: false },
    context: { attribute: false },
    fetch: { attribute: false },
    loadError: { state: true },
  };

  declare schema: JsonSchema | undefined;
  declare uiSchema: UiSchema | undefined;
  declare permissions: Permissions | undefined;
  declare lang: Lang;
  declare readonly: boolean;
  declare src: string | null;
  declare api: string | null;
  declare token: string | null;
  /** A portal's API key; with `token` and `chancery-token-request`, the credentials every Chancery element takes. */
  declare apiKey: string | null;
  declare draftKey: string | null;
  declare draftDelay: number;
  declare hideSubmit: boolean;
  declare widgets: WidgetRegistry;
  /** Directory lookups for the pickers; defaults to the HTTP client on `api`. */
  declare directory: DirectoryClient | undefined;
  /** File uploads; defaults to `POST ${api}/api/files`. */
  declare uploader: ((file: File) => Promise<FileRef>) | undefined;
  /** Reading stored files (signature images); defaults to `GET ${api}/api/files/:id`. */
  declare downloader: FileLoader | undefined;
  declare validator: ValidateFunction | undefined;
  declare context: Record<string, unknown> | undefined;
  /** The fetch used for the bundle, drafts, directory and uploads (tests pass a fake). */
  declare fetch: typeof fetch | undefined;
  declare loadError: string;

  /** The live form model (undefined until a schema is known). */
  state: FormState | undefined;
  readonly credentials = new CredentialsController(this);
  readonly drafts = new DraftController(this);
  private readonly nav = new FormNavigator(this);
  private initialData: unknown = undefined;
  /** What the page gave as `data` (a form reset goes back to it, not to a restored draft). */
  private pageData: unknown = undefined;
  private ctx: FormContext | undefined;
  private unsubscribe: (() => void) | undefined;
  private summaryShown = false;
  private summaryKey = '';
  private lastData: unknown;
  private loadedSrc: string | null = null;
  private readonly internals: ElementInternals;

  constructor() {
    super();
    this.internals = this.attachInternals();
    // A native <form> refused to submit because of us: show the errors as our own submit would.
    this.addEventListener('invalid', () => void this.submit());
    this.addEventListener('pointerdown', this.onPress, { capture: true });
    this.schema = undefined;
    this.uiSchema = undefined;
    this.permissions = undefined;
    this.lang = 'zh-CN';
    this.readonly = false;
    this.src = null;
    this.api = null;
    this.token = null;
    this.apiKey = null;
    this.draftKey = null;
    this.draftDelay = 800;
    this.hideSubmit = false;
    this.widgets = builtinWidgets;
    this.directory = undefined;
    this.uploader = undefined;
    this.downloader = undefined;
    this.validator = undefined;
    this.context = undefined;
    this.fetch = undefined;
    this.loadError = '';
  }

  /** The current data (what the user has entered so far). Setting it starts the form afresh. */
  get data(): unknown {
    return this.state ? this.state.data : this.initialData;
  }

  set data(value: unknown) {
    const old = this.data;
    this.initialData = value;
    this.pageData = value;
    this.requestUpdate('data', old);
  }

  /** The current issues, touched or not. */
  get errors(): readonly Issue[] {
    return this.state?.errors ?? [];
  }

  /**
   * How the form reaches the server (bundle, drafts, directory, uploads): the `fetch` its app
   * passes (which carries the app's credentials), else one that adds the element's own.
   */
  get requestFetch(): typeof fetch {
    return this.fetch ?? this.credentials.fetch;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src') && this.src && this.src !== this.loadedSrc) void this.load(this.src);
    const rebuild = rebuildOn.some((k) => changed.has(k as keyof ChanceryForm));
    if (rebuild && this.schema) this.build();
    else if (changed.has('lang') && this.state) {
      this.state.setLang(this.lang);
      this.ctx = this.makeContext(this.state);
    } else if (
      this.state &&
      ['widgets', 'directory', 'uploader', 'downloader', 'api', 'fetch', 'token', 'apiKey'].some((k) => changed.has(k as keyof ChanceryForm))
    ) {
      this.ctx = this.makeContext(this.state);
    }
    if (changed.has('readonly') && this.readonly) ensurePrintPage(document);
  }

  private async load(src: string): Promise<void> {
    this.loadedSrc = src;
    this.loadError = '';
    try {
      const { bundle, validator } = await loadFormBundle(src, this.requestFetch);
      if (this.src !== src) return;
      this.validator = validator;
      this.uiSchema = bundle.uiSchema;
      this.schema = bundle.schema;
      await this.updateComplete;
      this.dispatchEvent(new CustomEvent('chancery-load', { bubbles: true, composed: true }));
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.loadError = t(this.lang, 'loadFailed', { reason });
      const status = (err as { status?: unknown }).status;
      this.credentials.report({
        code: err instanceof NetworkError ? err.code : ((err as { code?: string }).code ?? 'form.load_failed'),
        message: reason,
        status: typeof status === 'number' ? status : 0,
      });
    }
  }

  private createState(): FormState {
    return createFormState(this.schema as JsonSchema, this.uiSchema, this.initialData, {
      lang: this.lang,
      ...(this.permissions ? { permissions: this.permissions } : {}),
      // Without a precompiled module, the interpretive validator checks every keyword (CSP-safe).
      validator: this.validator ?? interpretiveFor(this.schema as JsonSchema),
      ...(this.context ? { context: this.context } : {}),
      readonly: this.readonly,
    });
  }

  private build(restoreDrafts = true): void {
    this.unsubscribe?.();
    let state: FormState;
    try {
      state = this.createState();
    } catch (err) {
      // A UI schema part that cannot be honoured is said, not silently dropped.
      this.state = undefined;
      this.loadError = t(this.lang, 'loadFailed', { reason: err instanceof Error ? err.message : String(err) });
      this.dispatchEvent(new CustomEvent('chancery-error', { detail: { code: 'form.ui_schema', message: this.loadError }, bubbles: true, composed: true }));
      return;
    }
    this.loadError = '';
    this.state = state;
    this.lastData = state.data;
    this.summaryShown = false;
    this.ctx = this.makeContext(state);
    this.unsubscribe = state.subscribe((change) => this.onModelChange(change));
    this.syncFormValue();
    if (restoreDrafts && this.draftKey && !this.readonly) void this.drafts.restore();
  }

  private makeContext(state: FormState): FormContext {
    const api = this.api ?? '';
    const opts = { fetch: this.requestFetch };
    const mounted = this.ctx?.mounted ?? new Map();
    const ctx: FormContext = {
      state,
      registry: this.widgets,
      lang: this.lang,
      mounted,
      touch: (pointer) => (this.pressing ? this.pendingTouches.add(pointer) : state.touch(pointer)),
      services: {
        state,
        directory: this.directory ?? createHttpDirectoryClient(api, opts),
        upload: this.uploader ?? createHttpUploader(api, { ...opts, lang: this.lang }),
        download: this.downloader ?? createHttpFileLoader(api, opts),
        renderField: (pointer) => this.renderField(pointer),
        renderLayout: (layout, key) =>
          renderLayout(
            layout,
            this.nav.layoutHost((p) => this.renderField(p)),
            key,
          ),
        announce: (message) => this.announce(message),
        files: {
          href: (ref) => `${api.replace(/\/$/, '')}/api/files/${encodeURIComponent(ref.id)}`,
          open: (ref) => openFile(`${api.replace(/\/$/, '')}/api/files/${encodeURIComponent(ref.id)}`, ref.name, this.requestFetch),
        },
      },
    };
    return ctx;
  }

  /** A pointer is down inside the form: blur-time errors wait for its release (see `FormContext.touch`). */
  private pressing = false;
  private readonly pendingTouches = new Set<Pointer>();
  private readonly onPress = () => {
    this.pressing = true;
    window.addEventListener('pointerup', this.onRelease, { once: true, capture: true });
    window.addEventListener('pointercancel', this.onRelease, { once: true, capture: true });
  };
  private readonly onRelease = () => {
    // After the click that the release makes has been delivered to the button.
    setTimeout(() => {
      this.pressing = false;
      const pointers = [...this.pendingTouches];
      this.pendingTouches.clear();
      for (const p of pointers) this.state?.touch(p);
    }, 0);
  };

  /** Called by the draft controller and by `formResetCallback`. */
  restoreDraft(data: unknown): void {
    this.initialData = data;
    this.build(false);
    this.requestUpdate();
  }

  private onModelChange(change: FormChange): void {
    const state = this.state;
    if (!state) return;
    if (change.structural) this.requestUpdate();
    for (const pointer of change.pointers) this.ctx?.mounted.get(pointer)?.forEach((el) => el.refresh());
    if (this.summaryShown) {
      const key = state.visibleErrors.map((e) => `${e.pointer}\u0000${e.message}`).join('\u0001');
      if (key !== this.summaryKey) this.requestUpdate();
    }
    if (state.data !== this.lastData) {
      this.lastData = state.data;
      this.syncFormValue();
      this.emit('chancery-change');
      this.drafts.schedule(state.data);
    }
  }

  private detail(errors: readonly Issue[] = this.state?.errors ?? [], data = this.state?.data): ChanceryFormDetail {
    return { data, errors: [...errors], valid: errors.length === 0 };
  }

  private emit(type: string, detail = this.detail()): void {
    this.dispatchEvent(new CustomEvent<ChanceryFormDetail>(type, { detail, bubbles: true, composed: true }));
  }

  private syncFormValue(): void {
    const state = this.state;
    if (!state) return;
    this.internals.setFormValue(JSON.stringify(state.data ?? null));
    const first = state.errors[0];
    if (!first) {
      this.internals.setValidity({});
      return;
    }
    const anchor = this.renderRoot?.querySelector?.<HTMLElement>(`#${fieldId(first.pointer)}`) ?? undefined;
    this.internals.setValidity({ customError: true }, first.message, anchor);
  }

  /** Validate everything; fires `chancery-submit` (valid) or `chancery-invalid`, and moves focus to the first error. */
  async submit(): Promise<ChanceryFormDetail> {
    const state = this.state;
    if (!state) return this.detail([]);
    const result = state.submit();
    const detail = this.detail(result.errors, result.data);
    this.summaryShown = !result.valid;
    this.refreshAll();
    await this.updateComplete;
    if (result.valid) {
      await this.drafts.clear();
      this.emit('chancery-submit', detail);
    } else {
      this.announce(t(this.lang, 'errorsAnnounced', { n: result.errors.length }));
      this.emit('chancery-invalid', detail);
      await this.nav.focusIssue(this.nav.firstInDocumentOrder(result.errors));
    }
    return detail;
  }

  /** Say something in the form's polite live region. */
  announce(message: string): void {
    const live = this.renderRoot?.querySelector?.('#live');
    if (!live) return;
    live.textContent = '';
    // A fresh text node after a tick makes screen readers announce a repeated message too.
    setTimeout(() => (live.textContent = message), 30);
  }

  private renderField(pointer: Pointer): TemplateResult {
    return this.ctx ? html`${fieldPart(this.ctx, pointer)}` : html``;
  }

  /** Re-render the form and every field part. */
  refreshAll(): void {
    this.requestUpdate();
    for (const set of this.ctx?.mounted.values() ?? []) set.forEach((part) => part.refresh());
  }

  protected override render() {
    const live = html`<div id="live" class="sr-only" role="status" aria-live="polite"></div>`;
    if (this.loadError)
      return html`<div class="summary" role="alert" part="load-error">${this.loadError}</div>
        ${live}`;
    const state = this.state;
    if (!state || !this.ctx)
      return html`<p class="help" aria-busy="true">${t(this.lang, 'loading')}</p>
        ${live}`;
    const title = localize(this.uiSchema?.title, this.lang);
    const heading = title ? html`<h2 part="title">${title}</h2>` : nothing;
    if (this.readonly) {
      return html`<article class="review" part="review" lang=${this.lang}>
          ${heading}${renderReviewLayout(state.layout, state, this.lang, this.ctx.services.download, this.ctx.services.files)}${renderReviewEntries(state.fields, this.lang, this.ctx.services.download)}
        </article>
        ${live}`;
    }
    this.summaryKey = this.summaryShown ? state.visibleErrors.map((e) => `${e.pointer}\u0000${e.message}`).join('\u0001') : '';
    return html`<form
        class="form"
        part="form"
        novalidate
        lang=${this.lang}
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.submit();
        }}
      >
        ${heading} ${renderDraftNotice(this.drafts, this.lang)}
        ${this.summaryShown ? renderErrorSummary(state.visibleErrors, this.lang, (p) => void this.nav.focusIssue(p)) : nothing}
        ${renderLayout(
          state.layout,
          this.nav.layoutHost((p) => this.renderField(p)),
        )}
        ${state.fields.kind === 'object' && state.fields.open ? renderRootEntries(this.ctx) : nothing}
        ${
          this.hideSubmit || !this.nav.isLastStep()
            ? nothing
            : html`<div class="actions">
                <button type="submit" class="primary" part="submit">${localize(this.uiSchema?.submitLabel, this.lang) || t(this.lang, 'submit')}</button>
              </div>`
        }
      </form>
      ${live}`;
  }

  protected override updated(): void {
    this.syncFormValue();
  }

  /** The browser restores a form after back/forward navigation or autofill: take the saved JSON back. */
  formStateRestoreCallback(saved: unknown): void {
    if (typeof saved !== 'string') return;
    try {
      this.restoreDraft(JSON.parse(saved));
    } catch {
      // Not our JSON: keep what we have.
    }
  }

  formResetCallback(): void {
    this.restoreDraft(this.pageData);
  }
}

const interpreted = new WeakMap<object, ValidateFunction>();

/** One interpretive validator per schema object. */
function interpretiveFor(schema: JsonSchema): ValidateFunction {
  let validate = interpreted.get(schema);
  if (!validate) {
    validate = createInterpretiveValidator(schema);
    interpreted.set(schema, validate);
  }
  return validate;
}
