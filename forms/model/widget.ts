/**
 * The default widget key for a field when the UI schema names none.
 */
import { enumValues, isSchema } from './schema.js';
import type { FieldKind, JsonSchema } from './types.js';

const FORMAT_WIDGETS: Record<string, string> = {
  date: 'date',
  'date-time': 'datetime',
  time: 'time',
  email: 'email',
  uri: 'url',
};

/**
 * @example
 * defaultWidget({ type: 'string', format: 'date' }, 'string'); // 'date'
 */
export function defaultWidget(schema: JsonSchema, kind: FieldKind, value?: unknown): string {
  const values = enumValues(schema);
  if (values) return values.length <= 4 ? 'radio' : 'select';
  // Chancery's own value kinds: rich text `{ html, text }` and a handwritten signature (a file ref).
  const own = schema['x-chancery'];
  if (own === 'richtext' || own === 'signature') return own;
  switch (kind) {
    case 'object':
      return 'object';
    case 'array': {
      const items = schema['items'];
      if (isSchema(items) && enumValues(items) && schema['uniqueItems'] === true) return 'multi-select';
      return 'array';
    }
    case 'boolean':
      return 'checkbox';
    case 'number':
      return 'number';
    case 'integer':
      return 'integer';
    case 'string': {
      const format = schema['format'];
      if (typeof format === 'string' && FORMAT_WIDGETS[format]) return FORMAT_WIDGETS[format];
      if (multiline(schema, value)) return 'textarea';
      const max = schema['maxLength'];
      return typeof max === 'number' && max > 200 ? 'textarea' : 'text';
    }
    default:
      return 'text';
  }
}

/** Long text: the schema says so, or the value already has a line break a one-line input would drop. */
function multiline(schema: JsonSchema, value: unknown): boolean {
  if (typeof value === 'string' && /[\r\n]/.test(value)) return true;
  if (schema['format'] === 'textarea' || schema['x-multiline'] === true) return true;
  return schema['contentMediaType'] === 'text/plain' && schema['maxLength'] === undefined;
}
