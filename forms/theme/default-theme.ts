import { css } from 'lit';

/**
 * The default Chancery look: a clean, high-contrast government-service style with
 * touch targets of at least 44px. Every colour and size is a `--chancery-*` custom
 * property, so a host page re-themes the form without touching its shadow root.
 *
 * @example
 * ```css
 * chancery-form { --chancery-primary: #0b5cad; --chancery-radius: 2px; }
 * chancery-form::part(submit) { font-weight: 700; }
 * ```
 */
export const defaultTheme = css`
  :host {
    --_primary: var(--chancery-primary, #c8161d);
    --_primary-ink: var(--chancery-primary-ink, #ffffff);
    --_ink: var(--chancery-ink, #1a1a1a);
    --_muted: var(--chancery-muted, #595959);
    --_surface: var(--chancery-surface, #ffffff);
    --_subtle: var(--chancery-subtle, #f5f6f8);
    --_line: var(--chancery-line, #8c8c8c);
    --_danger: var(--chancery-danger, #b3261e);
    --_focus: var(--chancery-focus, #0b5cad);
    --_radius: var(--chancery-radius, 4px);
    --_gap: var(--chancery-gap, 16px);
    --_target: var(--chancery-target, 44px);
    --_font: var(--chancery-font, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', system-ui, sans-serif);
    display: block;
    font-family: var(--_font);
    font-size: var(--chancery-font-size, 16px);
    line-height: 1.6;
    color: var(--_ink);
    background: var(--_surface);
    container-type: inline-size;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  .form {
    display: grid;
    gap: var(--_gap);
    max-width: 100%;
  }
  .field {
    display: grid;
    gap: 6px;
    min-width: 0;
  }
  /* Long forms: the browser skips style and layout of fields far off screen until they scroll near. */
  .label {
    font-weight: 600;
  }
  .required {
    color: var(--_danger);
    margin-inline-start: 2px;
  }
  .help {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .error {
    color: var(--_danger);
    font-size: 0.875em;
    font-weight: 600;
  }
  .error:empty {
    display: none;
  }
  input,
  select,
  textarea,
  button {
    font: inherit;
    color: inherit;
  }
  input:not([type='checkbox']):not([type='radio']),
  select,
  textarea {
    width: 100%;
    min-height: var(--_target);
    padding: 8px 12px;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  textarea {
    min-height: calc(var(--_target) * 2.5);
    resize: vertical;
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 22px;
    height: 22px;
    accent-color: var(--_primary);
    margin: 0;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger) !important;
    box-shadow: inset 0 0 0 1px var(--_danger);
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  fieldset {
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    padding: 12px var(--_gap);
    margin: 0;
    min-width: 0;
  }
  legend {
    font-weight: 700;
    padding: 0 6px;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 20px;
  }
  .choice {
    display: inline-flex;
    align-items: center;
    gap: 8px;
    min-height: var(--_target);
    cursor: pointer;
  }
  button {
    min-height: var(--_target);
    min-width: var(--_target);
    padding: 8px 16px;
    cursor: pointer;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  button.primary {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_primary-ink);
    font-weight: 600;
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 12px;
    justify-content: flex-end;
  }
  .columns {
    display: grid;
    gap: var(--_gap);
    grid-template-columns: repeat(var(--cols, 2), minmax(0, 1fr));
  }
  @container (max-width: 600px) {
    .columns {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .summary {
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
    padding: 12px var(--_gap);
    background: #fff5f5;
  }
  .summary h2 {
    font-size: 1em;
    margin: 0 0 6px;
    color: var(--_danger);
  }
  .summary ul {
    margin: 0;
    padding-inline-start: 20px;
  }
  .summary a {
    color: var(--_danger);
    text-decoration: underline;
    display: inline-block;
    min-height: 28px;
  }
  .notice {
    border-inline-start: 4px solid var(--_focus);
    background: var(--_subtle);
    padding: 10px 14px;
    display: flex;
    gap: 12px;
    flex-wrap: wrap;
    align-items: center;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  [role='tablist'] {
    display: flex;
    flex-wrap: wrap;
    border-bottom: 2px solid var(--_line);
    gap: 4px;
  }
  [role='tab'] {
    border: none;
    border-bottom: 3px solid transparent;
    border-radius: 0;
    background: none;
  }
  [role='tab'][aria-selected='true'] {
    border-bottom-color: var(--_primary);
    color: var(--_primary);
    font-weight: 700;
  }
  .badge {
    color: var(--_danger);
    font-weight: 700;
  }
  .steps {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    list-style: none;
    padding: 0;
    margin: 0;
    counter-reset: step;
  }
  .steps li {
    color: var(--_muted);
  }
  .steps li[aria-current='step'] {
    color: var(--_primary);
    font-weight: 700;
  }
  .items {
    display: grid;
    gap: 12px;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .item {
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    padding: 12px;
    background: var(--_subtle);
  }
  .item.dragging {
    opacity: 0.5;
  }
  .item-head {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
    justify-content: space-between;
  }
  .item-title {
    font-weight: 700;
  }
  .item-tools {
    display: flex;
    gap: 6px;
    flex-wrap: wrap;
  }
  .drag-handle {
    cursor: grab;
  }
  .item-detail > summary {
    min-height: var(--_target);
    display: flex;
    align-items: center;
    cursor: pointer;
    color: var(--_focus);
  }
  .item-detail[open] > summary {
    margin-bottom: 8px;
  }
  .phrases {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  .picker-results {
    list-style: none;
    margin: 0;
    padding: 0;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
  }
  .picker-results li button {
    width: 100%;
    text-align: start;
    border: none;
    border-radius: 0;
  }
  .combobox {
    position: relative;
    display: grid;
    gap: 4px;
  }
  .picker-results[role='listbox'] {
    max-height: 18em;
    overflow-y: auto;
    background: var(--_surface);
  }
  .picker-results [role='option'] {
    min-height: var(--_target);
    padding: 8px 12px;
    display: flex;
    align-items: center;
    gap: 8px;
    cursor: pointer;
  }
  .picker-results [role='option'].active,
  .picker-results [role='option']:hover {
    background: var(--_subtle);
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }
  .rich-text-tools {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-bottom: 6px;
  }
  .rich-text-tools [aria-pressed='true'] {
    background: var(--_subtle);
    border-color: var(--_focus);
    font-weight: 700;
  }
  .rich-text-host .ProseMirror {
    min-height: 8em;
    padding: 8px 10px;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_surface);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .rich-text-host .ProseMirror:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 1px;
  }
  .rich-text-host .ProseMirror[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .signature {
    display: grid;
    gap: 8px;
  }
  .signature .tools {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  .signature-pad {
    width: 100%;
    max-width: 480px;
    height: 160px;
    border: 1px dashed var(--_line);
    border-radius: var(--_radius);
    background: var(--_surface);
    touch-action: none;
  }
  .file-image {
    max-width: 240px;
    max-height: 120px;
    display: block;
  }
  .entries {
    display: grid;
    gap: 8px;
  }
  .entry {
    border-inline-start: 3px solid var(--_line);
    padding-inline-start: 10px;
    display: grid;
    gap: 4px;
  }
  .entry-head,
  .entry-new {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    align-items: center;
  }
  .entry-head input,
  .entry-new input {
    flex: 1 1 12em;
    width: auto;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    background: var(--_subtle);
    border: 1px solid var(--_line);
    border-radius: 999px;
    padding: 2px 4px 2px 12px;
  }
  .switch {
    display: inline-flex;
    align-items: center;
    gap: 10px;
    min-height: var(--_target);
  }
  .switch [role='switch'] {
    width: 56px;
    min-width: 56px;
    padding: 0;
    border-radius: 999px;
    position: relative;
  }
  .switch [role='switch']::after {
    content: '';
    position: absolute;
    top: 50%;
    inset-inline-start: 6px;
    width: 22px;
    height: 22px;
    margin-top: -11px;
    border-radius: 50%;
    background: var(--_line);
    transition: inset-inline-start 0.15s;
  }
  .switch [role='switch'][aria-checked='true'] {
    background: var(--_primary);
    border-color: var(--_primary);
  }
  .switch [role='switch'][aria-checked='true']::after {
    inset-inline-start: 28px;
    background: var(--_primary-ink);
  }
  .review dl {
    display: grid;
    grid-template-columns: minmax(8em, 30%) 1fr;
    margin: 0;
    border-top: 1px solid var(--_line);
  }
  .review dt,
  .review dd {
    margin: 0;
    padding: 8px 10px;
    border-bottom: 1px solid var(--_line);
  }
  .review dt {
    font-weight: 600;
    background: var(--_subtle);
  }
  .review dd {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  @container (max-width: 480px) {
    .review dl {
      grid-template-columns: 1fr;
    }
    .review dd {
      border-bottom-width: 2px;
    }
  }
  .diff ins {
    background: #e6f4ea;
    text-decoration: none;
  }
  .diff del {
    background: #fdecea;
  }
  .diff tr.changed th {
    color: var(--_primary);
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    border: 1px solid var(--_line);
    padding: 6px 10px;
    text-align: start;
    vertical-align: top;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
    }
  }
  @media print {
    :host {
      font-size: 11pt;
      color: #000;
      background: #fff;
    }
    button,
    .actions,
    .summary,
    .notice,
    [role='tablist'],
    .steps {
      display: none !important;
    }
    [role='tabpanel'][hidden],
    .step[hidden] {
      display: block !important;
    }
    .item-detail > summary {
      display: none;
    }
    .review dl,
    table,
    .item,
    fieldset {
      break-inside: avoid;
    }
    .review dt {
      background: none;
    }
    a {
      color: inherit;
      text-decoration: none;
    }
  }
`;

/** `@page` rules must live in the document, not a shadow root: the form adds this once to the page. */
export const printPageCss = '@page { size: A4; margin: 18mm 16mm; }';
