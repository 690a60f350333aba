import { fieldId } from './form-context.js';
import { t } from './messages.js';
import type { LayoutHost } from './layout-view.js';
import type { FormState, Issue, Lang, LayoutView, Pointer } from '../model/types.js';

type Node = Exclude<LayoutView, { kind: 'field' }>;

/** What the navigator needs from `<chancery-form>`. */
export interface NavigatorHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly state: FormState | undefined;
  readonly lang: Lang;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
  /** Re-render the form and every field part (nested layouts live inside parts). */
  refreshAll(): void;
  announce(message: string): void;
}

/**
 * Where the user is in a form: which tab is open, which wizard step is current, and how focus
 * reaches a field (opening the tab or step that holds it first).
 */
export class FormNavigator {
  private readonly positions = new Map<string, number>();

  constructor(private readonly host: NavigatorHost) {}

  /** Forget positions (a new schema). */
  reset(): void {
    this.positions.clear();
  }

  /** A layout host for `renderLayout`, rendering fields with `renderField`. */
  layoutHost(renderField: LayoutHost['renderField']): LayoutHost {
    return {
      lang: this.host.lang,
      renderField,
      position: (key) => this.positions.get(key) ?? 0,
      errorCount: (pointers) => {
        const state = this.host.state;
        return state?.submitted ? state.errorsIn(pointers).length : 0;
      },
      select: (key, index) => this.moveTo(key, index),
      step: (key, node, to) => void this.goToStep(key, node, to),
    };
  }

  /** Whether the root wizard (if any) is on its last step, where the submit button belongs. */
  isLastStep(): boolean {
    const layout = this.host.state?.layout;
    if (!layout || layout.kind !== 'steps') return true;
    return (this.positions.get('root') ?? 0) >= layout.items.length - 1;
  }

  /** The issue whose field comes first on the page. */
  firstInDocumentOrder(issues: readonly Issue[]): Pointer | undefined {
    const wanted = new Set(issues.map((i) => i.pointer));
    for (const el of this.host.renderRoot.querySelectorAll<HTMLElement>('[data-pointer]')) {
      const pointer = el.dataset.pointer;
      if (pointer !== undefined && wanted.has(pointer)) return pointer;
    }
    return issues[0]?.pointer;
  }

  /** Open the tab or step that holds a field, then focus its control (or the error summary). */
  async focusIssue(pointer: Pointer | undefined): Promise<void> {
    if (pointer === undefined) return;
    const root = this.host.renderRoot;
    const target = root.querySelector<HTMLElement>(`#${fieldId(pointer)}`);
    let changed = false;
    for (let el = target?.parentElement; el; el = el.parentElement) {
      const key = el.dataset.layout;
      if (key && el.hidden) {
        this.positions.set(key, Number(el.dataset.index));
        changed = true;
      }
    }
    if (changed) {
      this.host.refreshAll();
      await this.host.updateComplete;
    }
    (target ?? root.querySelector<HTMLElement>('.summary h2'))?.focus();
  }

  /** Open a tab or step; nested layouts re-render through their field parts. */
  moveTo(key: string, index: number): void {
    this.positions.set(key, index);
    if (key.startsWith('root')) this.host.requestUpdate();
    else this.host.refreshAll();
  }

  /** Move a wizard; going forward first validates the current step and stops at its first error. */
  async goToStep(key: string, node: Node, to: number): Promise<void> {
    const state = this.host.state;
    const current = this.positions.get(key) ?? 0;
    const step = node.items[current];
    if (!state || !step) return;
    if (to > current) {
      const pointers = step.kind === 'field' ? [step.pointer] : step.pointers;
      state.touchAll(pointers);
      const issues = state.errorsIn(pointers);
      if (issues.length) {
        this.host.announce(t(this.host.lang, 'errorsAnnounced', { n: issues.length }));
        await this.host.updateComplete;
        await this.focusIssue(this.firstInDocumentOrder(issues));
        return;
      }
    }
    this.moveTo(key, to);
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>(`[id="${key}-step-${to}"]`)?.focus();
  }
}
