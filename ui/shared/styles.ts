/**
 * The look shared by the app and the embedded elements: a clean, high-contrast government
 * service with 44 px touch targets. Every colour and size is a `--chancery-*` custom property
 * (the same names `<chancery-form>` uses), so a host page re-themes everything from outside.
 */
import { css } from 'lit';

export const baseStyles = css`
  :host {
    --_primary: var(--chancery-primary, #c8161d);
    --_primary-ink: var(--chancery-primary-ink, #ffffff);
    --_primary-soft: var(--chancery-primary-soft, #fdecec);
    --_ink: var(--chancery-ink, #1a1a1a);
    --_muted: var(--chancery-muted, #595959);
    --_surface: var(--chancery-surface, #ffffff);
    --_page: var(--chancery-page, #f3f4f6);
    --_subtle: var(--chancery-subtle, #f5f6f8);
    --_line: var(--chancery-line, #8c8c8c);
    --_hairline: var(--chancery-hairline, #dcdfe4);
    --_link: var(--chancery-link, #0b5cad);
    --_danger: var(--chancery-danger, #b3261e);
    --_danger-soft: var(--chancery-danger-soft, #fde8e7);
    --_warn: var(--chancery-warn, #8a5300);
    --_warn-soft: var(--chancery-warn-soft, #fff3d6);
    --_ok: var(--chancery-ok, #1e6b34);
    --_ok-soft: var(--chancery-ok-soft, #e5f4e9);
    --_focus: var(--chancery-focus, #0b5cad);
    --_radius: var(--chancery-radius, 6px);
    --_gap: var(--chancery-gap, 16px);
    --_target: var(--chancery-target, 44px);
    --_font: var(--chancery-font, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', system-ui, sans-serif);
    display: block;
    font-family: var(--_font);
    font-size: var(--chancery-font-size, 16px);
    line-height: 1.6;
    color: var(--_ink);
    container-type: inline-size;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3 {
    line-height: 1.3;
    margin: 0;
  }
  h1 {
    font-size: 1.5rem;
  }
  h2 {
    font-size: 1.2rem;
  }
  h3 {
    font-size: 1.05rem;
  }
  p {
    margin: 0;
  }
  a {
    color: var(--_link);
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    min-height: var(--_target);
    padding: 8px 18px;
    border-radius: var(--_radius);
    border: 1px solid var(--_line);
    background: var(--_surface);
    color: var(--_ink);
    font-weight: 600;
    cursor: pointer;
    text-decoration: none;
    white-space: nowrap;
  }
  .btn:hover {
    background: var(--_subtle);
  }
  .btn.primary {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_primary-ink);
  }
  .btn.primary:hover {
    filter: brightness(0.92);
  }
  .btn.danger {
    color: var(--_danger);
    border-color: var(--_danger);
  }
  .btn.small {
    min-height: 36px;
    padding: 4px 12px;
    font-size: 0.9rem;
  }
  .btn[disabled],
  .btn[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .link {
    background: none;
    border: 0;
    padding: 0;
    color: var(--_link);
    text-decoration: underline;
    cursor: pointer;
    font: inherit;
    text-align: start;
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
    min-height: 96px;
    resize: vertical;
  }
  input[type='checkbox'] {
    width: 20px;
    height: 20px;
    accent-color: var(--_primary);
  }
  label {
    font-weight: 600;
  }
  .field {
    display: grid;
    gap: 6px;
  }
  .field-error {
    color: var(--_danger);
    font-weight: 600;
    font-size: 0.9rem;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger) !important;
    box-shadow: inset 0 0 0 1px var(--_danger);
  }
  .hint {
    color: var(--_muted);
    font-size: 0.9rem;
  }
  .card {
    background: var(--_surface);
    border: 1px solid var(--_hairline);
    border-radius: calc(var(--_radius) + 2px);
    padding: var(--_gap);
  }
  .stack {
    display: grid;
    gap: var(--_gap);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 12px;
    align-items: center;
  }
  .spread {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
    justify-content: space-between;
  }
  .alert {
    border: 1px solid var(--_danger);
    border-inline-start-width: 6px;
    background: var(--_danger-soft);
    color: var(--_ink);
    padding: 12px 16px;
    border-radius: var(--_radius);
  }
  .alert ul {
    margin: 6px 0 0;
    padding-inline-start: 20px;
  }
  .notice {
    border: 1px solid var(--_ok);
    border-inline-start-width: 6px;
    background: var(--_ok-soft);
    padding: 12px 16px;
    border-radius: var(--_radius);
  }
  .badge {
    display: inline-block;
    padding: 1px 8px;
    border-radius: 999px;
    font-size: 0.85rem;
    font-weight: 600;
    border: 1px solid currentColor;
    white-space: nowrap;
  }
  .due-overdue {
    color: var(--_danger);
    background: var(--_danger-soft);
  }
  .due-soon {
    color: var(--_warn);
    background: var(--_warn-soft);
  }
  .due-ok {
    color: var(--_ok);
    background: var(--_ok-soft);
  }
  .due-none {
    color: var(--_muted);
    background: var(--_subtle);
  }
  .muted {
    color: var(--_muted);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .empty {
    padding: 32px 16px;
    text-align: center;
    color: var(--_muted);
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 16px;
    margin: 0;
  }
  dl.facts dt {
    color: var(--_muted);
  }
  dl.facts dd {
    margin: 0;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  @container (max-width: 520px) {
    dl.facts {
      grid-template-columns: 1fr;
    }
    dl.facts dd {
      margin-bottom: 6px;
    }
  }
`;
