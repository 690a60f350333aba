import { html } from 'lit';
import { arrayWidget } from './array-widget.js';
import { choiceWidgets } from './choice-widgets.js';
import { inputWidgets } from './input-widgets.js';
import { alternativesWidget, objectWidget } from './object-widget.js';
import { opinionWidget } from './opinion-widget.js';
import { richTextWidget } from './rich-text.js';
import { signatureWidget } from './signature-pad.js';
import { createWidgetRegistry, rankBy } from './widget-registry.js';
import type { WidgetEntry } from './types.js';

const isFile = (f: Parameters<WidgetEntry['tester']>[0]) => f.schema.format === 'file' || f.schema['x-chancery'] === 'file';

/** Widgets backed by small stateful elements (upload, directory pickers). */
const elementWidgets: WidgetEntry[] = [
  {
    name: 'file',
    tester: rankBy(['file', 'upload'], 20, isFile),
    render: (p) => html`<chancery-file-input .props=${p}></chancery-file-input>`,
  },
  {
    name: 'user',
    tester: rankBy(['user', 'user-picker'], -1),
    render: (p) => html`<chancery-user-picker .props=${p}></chancery-user-picker>`,
  },
  {
    name: 'unit',
    tester: rankBy(['unit', 'org-unit', 'unit-picker'], -1),
    render: (p) => html`<chancery-unit-picker .props=${p}></chancery-unit-picker>`,
  },
];

/**
 * Every built-in widget as one registry. Extend it with `.with([...])`.
 *
 * @example form.widgets = builtinWidgets.with([myStampWidget]);
 */
export const builtinWidgets = createWidgetRegistry([
  objectWidget,
  alternativesWidget,
  arrayWidget,
  ...inputWidgets,
  ...choiceWidgets,
  opinionWidget,
  richTextWidget,
  signatureWidget,
  ...elementWidgets,
]);
