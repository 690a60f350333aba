import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { rankBy, schemaType } from './widget-registry.js';
import type { FieldModel } from '../model/types.js';
import type { WidgetEntry, WidgetProps } from './types.js';

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** Attributes every native control shares (aria wiring, states). */
function inputOf(
  p: WidgetProps,
  type: string,
  value: string,
  parse: (raw: string) => unknown,
  extra: { step?: string; min?: string; max?: string; inputmode?: string } = {},
) {
  return html`<input
    id=${p.id}
    part="input"
    type=${type}
    .value=${live(value)}
    placeholder=${ifDefined(p.field.placeholder || undefined)}
    ?required=${p.field.required}
    ?readonly=${p.field.readOnly}
    ?disabled=${!p.field.enabled}
    step=${ifDefined(extra.step)}
    min=${ifDefined(extra.min)}
    max=${ifDefined(extra.max)}
    maxlength=${ifDefined(typeof p.field.schema.maxLength === 'number' ? (p.field.schema.maxLength as number) : undefined)}
    inputmode=${ifDefined(extra.inputmode)}
    aria-invalid=${p.invalid ? 'true' : 'false'}
    aria-describedby=${ifDefined(p.describedBy || undefined)}
    @input=${(e: Event) => p.set(parse((e.target as HTMLInputElement).value))}
    @blur=${() => p.touch()}
  />`;
}

const emptyToUndefined = (raw: string): unknown => (raw === '' ? undefined : raw);

/** Keeps what the user typed when it is not a number yet, so validation can say so. */
function parseNumber(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : raw;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** ISO date-time → the `YYYY-MM-DDTHH:mm` a datetime-local input shows, in local time. */
function toLocalInput(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function fromLocalInput(raw: string): unknown {
  if (raw === '') return undefined;
  const d = new Date(raw);
  return Number.isNaN(d.getTime()) ? raw : d.toISOString();
}

/** `HH:mm` from the input → RFC 3339 `HH:mm:ss` that the `time` format accepts without an offset. */
function fromTimeInput(raw: string): unknown {
  if (raw === '') return undefined;
  return raw.length === 5 ? `${raw}:00` : raw;
}

const isString = (format: string) => (f: FieldModel) => schemaType(f) === 'string' && f.schema.format === format;

/** Text, textarea, number, integer, date, datetime and time. */
export const inputWidgets: WidgetEntry[] = [
  {
    name: 'text',
    tester: rankBy(['text', 'email', 'url'], 1, (f) => schemaType(f) === 'string'),
    render: (p) => inputOf(p, p.field.widget === 'email' || p.field.widget === 'url' ? p.field.widget : 'text', text(p.field.value), emptyToUndefined),
  },
  {
    name: 'textarea',
    tester: rankBy('textarea', 2, (f) => schemaType(f) === 'string' && Number(f.schema.maxLength ?? 0) > 200),
    render: (p) =>
      html`<textarea
        id=${p.id}
        part="input textarea"
        rows=${Number(p.field.ui.props?.rows ?? 4)}
        .value=${live(text(p.field.value))}
        placeholder=${ifDefined(p.field.placeholder || undefined)}
        ?required=${p.field.required}
        ?readonly=${p.field.readOnly}
        ?disabled=${!p.field.enabled}
        aria-invalid=${p.invalid ? 'true' : 'false'}
        aria-describedby=${ifDefined(p.describedBy || undefined)}
        @input=${(e: Event) => p.set(emptyToUndefined((e.target as HTMLTextAreaElement).value))}
        @blur=${() => p.touch()}
      ></textarea>`,
  },
  {
    name: 'number',
    tester: rankBy('number', 1, (f) => schemaType(f) === 'number'),
    render: (p) => inputOf(p, 'number', text(p.field.value), parseNumber, { step: 'any', inputmode: 'decimal', ...bounds(p) }),
  },
  {
    name: 'integer',
    tester: rankBy('integer', 1, (f) => schemaType(f) === 'integer'),
    render: (p) => inputOf(p, 'number', text(p.field.value), parseNumber, { step: '1', inputmode: 'numeric', ...bounds(p) }),
  },
  { name: 'date', tester: rankBy('date', 5, isString('date')), render: (p) => inputOf(p, 'date', text(p.field.value), emptyToUndefined) },
  {
    name: 'datetime',
    tester: rankBy(['datetime', 'date-time'], 5, isString('date-time')),
    render: (p) => inputOf(p, 'datetime-local', toLocalInput(p.field.value), fromLocalInput),
  },
  {
    name: 'time',
    tester: rankBy('time', 5, isString('time')),
    render: (p) => inputOf(p, 'time', text(p.field.value).slice(0, 5), fromTimeInput),
  },
];

function bounds(p: WidgetProps): { min?: string; max?: string } {
  const { minimum, maximum } = p.field.schema;
  return {
    ...(typeof minimum === 'number' ? { min: String(minimum) } : {}),
    ...(typeof maximum === 'number' ? { max: String(maximum) } : {}),
  };
}
