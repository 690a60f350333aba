import type { TemplateResult } from 'lit';
import type { FieldModel, FormState, Lang, LayoutView, Pointer } from '../model/types.js';
import type { DirectoryClient } from './directory-client.js';
import type { FileRef } from '../../core/runtime/file-refs.js';

/** A stored upload, as kept in the form data (never the bytes). */
export type { FileRef };

/** Things a widget may need from outside, injected so tests can fake them. */
export interface WidgetServices {
  directory: DirectoryClient;
  upload(file: File): Promise<FileRef>;
  /** The bytes of a stored file (to show a signature or an image), with the page's credentials. */
  download(ref: FileRef): Promise<Blob>;
  /** Render a nested field (object properties, array item properties). */
  renderField(pointer: Pointer): TemplateResult;
  /** Render a nested layout (an object's or array item's `ui.layout`); `key` must be unique in the form. */
  renderLayout(layout: LayoutView, key: string): TemplateResult;
  /** A stored file's address and opening it with the form's credentials (a download, or a preview for images and PDF). */
  files?: { href(ref: FileRef): string; open(ref: FileRef): Promise<void> };
  /** Say something in the polite live region. */
  announce(message: string): void;
  /** The form state, for array operations (add / remove / move). */
  state: FormState;
}

/** Everything a widget's render function receives. */
export interface WidgetProps {
  field: FieldModel;
  /** DOM id of the focusable control: the label's `for` and the error summary's link target. */
  id: string;
  /** Show the field as invalid (it has errors and was touched, or the form was submitted). */
  invalid: boolean;
  /** Space-separated ids of the help and error text, for `aria-describedby`. */
  describedBy: string;
  /** Read-only or disabled for any reason (permissions, rules, computed, review mode). */
  locked: boolean;
  lang: Lang;
  services: WidgetServices;
  set(value: unknown): void;
  touch(): void;
}

/** One registry entry: rank a field (negative = not applicable) and render it. */
export interface WidgetEntry {
  name: string;
  tester(field: FieldModel): number;
  render(props: WidgetProps): TemplateResult;
  /**
   * How the field frame names the control: `label` (default) a `<label for>`; `legend` a
   * `<fieldset>` + `<legend>` (radio groups, objects, arrays); `none` when the widget labels itself.
   */
  frame?: 'label' | 'legend' | 'none';
}
