import { ChanceryForm } from './chancery-form.js';
import { ChanceryFormDiff } from './widgets/chancery-form-diff.js';
import { ChanceryEntryEditor } from './widgets/entry-editor.js';
import { ChanceryFileInput } from './widgets/file-input.js';
import { ChanceryRichText } from './widgets/rich-text.js';
import { ChanceryFileImage } from './widgets/file-image.js';
import { ChancerySignaturePad } from './widgets/signature-pad.js';
import { ChanceryUnitPicker } from './widgets/unit-picker.js';
import { ChanceryUserPicker } from './widgets/user-picker.js';

export { ChanceryForm, type ChanceryFormDetail } from './chancery-form.js';
export { ChanceryFormDiff } from './widgets/chancery-form-diff.js';
export { builtinWidgets } from './widgets/builtin-widgets.js';
export { createWidgetRegistry, rankBy, schemaType, type WidgetRegistry } from './widgets/widget-registry.js';
export { createHttpDirectoryClient, type DirectoryClient, type DirectoryUnit, type DirectoryUser } from './widgets/directory-client.js';
export { createHttpUploader } from './widgets/file-input.js';
export { createHttpFileLoader, type FileLoader } from './widgets/file-image.js';
export { defaultTheme } from './theme/default-theme.js';
export type { FileRef, WidgetEntry, WidgetProps, WidgetServices } from './widgets/types.js';

const elements: [string, CustomElementConstructor][] = [
  ['chancery-form', ChanceryForm],
  ['chancery-form-diff', ChanceryFormDiff],
  ['chancery-file-input', ChanceryFileInput],
  ['chancery-entry-editor', ChanceryEntryEditor],
  ['chancery-rich-text', ChanceryRichText],
  ['chancery-signature-pad', ChancerySignaturePad],
  ['chancery-file-image', ChanceryFileImage],
  ['chancery-user-picker', ChanceryUserPicker],
  ['chancery-unit-picker', ChanceryUnitPicker],
];

/**
 * Define the Chancery form elements (idempotent). `embed.js` calls it; pages that bundle the
 * components themselves call it once.
 *
 * @example import { defineChanceryElements } from 'chancery/forms/components.js'; defineChanceryElements();
 */
export function defineChanceryElements(registry: CustomElementRegistry = customElements): void {
  for (const [name, ctor] of elements) if (!registry.get(name)) registry.define(name, ctor);
}
