/**
 * The form designer's model: an ordered list of field definitions, written as a standard JSON
 * Schema (2020-12) and a UI schema that `<chancery-form>` renders, and read back from them.
 */
export const FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'integer',
  'date',
  'select',
  'radio',
  'checkbox',
  'multi',
  'opinion',
  'user',
  'unit',
  'file',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldDef {
  name: string;
  type: FieldType;
  labelZh: string;
  labelEn?: string;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  /** The choices, each with a generated value kept out of sight and its labels. */
  options?: Choice[];
  /** JSON Logic: the field shows only while it holds. */
  showWhen?: unknown;
  width?: 'full' | 'half';
}

type Schema = Record<string, unknown>;

export const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/** One choice of a select, radio or multi-select field: the stored value and what people see. */
export interface Choice {
  value: string;
  zh: string;
  en?: string;
}

/** A choice with the first free generated value (`opt1`, `opt2`, …). */
export function newChoice(taken: Choice[], zh: string, en?: string): Choice {
  let i = 1;
  while (taken.some((c) => c.value === `opt${i}`)) i++;
  return { value: `opt${i}`, zh, ...(en ? { en } : {}) };
}

export function newField(type: FieldType, taken: string[]): FieldDef {
  let i = 1;
  while (taken.includes(`${type}${i}`)) i++;
  const base: FieldDef = { name: `${type}${i}`, type, labelZh: '', width: 'full' };
  if (type === 'select' || type === 'radio' || type === 'multi')
    base.options = [
      { value: 'opt1', zh: '选项一', en: 'Option 1' },
      { value: 'opt2', zh: '选项二', en: 'Option 2' },
    ];
  return base;
}

function propertyOf(f: FieldDef): Schema {
  const title = f.labelZh || f.name;
  const opts = f.options ?? [];
  const num = (s: Schema) => ({ ...s, ...(f.minimum !== undefined ? { minimum: f.minimum } : {}), ...(f.maximum !== undefined ? { maximum: f.maximum } : {}) });
  const str = (s: Schema) => ({
    ...s,
    ...(f.minLength !== undefined ? { minLength: f.minLength } : f.required ? { minLength: 1 } : {}),
    ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
    ...(f.pattern ? { pattern: f.pattern } : {}),
  });
  switch (f.type) {
    case 'text':
    case 'textarea':
    case 'opinion':
      return str({ type: 'string', title });
    case 'number':
      return num({ type: 'number', title });
    case 'integer':
      return num({ type: 'integer', title });
    case 'date':
      return { type: 'string', format: 'date', title };
    case 'select':
    case 'radio':
      return { type: 'string', title, enum: opts.map((o) => o.value) };
    case 'checkbox':
      return { type: 'boolean', title };
    case 'multi':
      return { type: 'array', title, uniqueItems: true, items: { enum: opts.map((o) => o.value) }, ...(f.required ? { minItems: 1 } : {}) };
    case 'user':
    case 'unit':
      return { type: 'string', title };
    case 'file':
      return { type: 'array', title, 'x-chancery': 'file', items: { type: 'object' } };
  }
}

const widgetOf: Partial<Record<FieldType, string>> = {
  textarea: 'textarea',
  select: 'select',
  radio: 'radio',
  multi: 'multi-select',
  opinion: 'opinion',
  user: 'user',
  unit: 'unit',
  file: 'file',
  checkbox: 'checkbox',
};

/** The JSON Schema and UI schema of a list of fields. */
export function toSchemas(fields: FieldDef[], title?: { 'zh-CN': string; en?: string }) {
  const properties: Record<string, Schema> = {};
  const uiFields: Record<string, Schema> = {};
  for (const f of fields) {
    properties[f.name] = propertyOf(f);
    const ui: Schema = {};
    if (widgetOf[f.type]) ui.widget = widgetOf[f.type];
    if (f.labelEn) ui.label = { 'zh-CN': f.labelZh || f.name, en: f.labelEn };
    const opts = f.options ?? [];
    if (opts.length && (f.type === 'select' || f.type === 'radio' || f.type === 'multi'))
      ui.options = Object.fromEntries(opts.map((o) => [o.value, { 'zh-CN': o.zh || o.value, en: o.en || o.zh || o.value }]));
    if (f.showWhen !== undefined) ui.rules = [{ effect: 'show', when: f.showWhen }];
    if (Object.keys(ui).length) uiFields[`/${f.name}`] = ui;
  }
  // Neighbouring half-width fields share a row.
  const items: unknown[] = [];
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const g = fields[i + 1];
    if (f.width === 'half' && g?.width === 'half') {
      items.push({ type: 'columns', columns: 2, items: [`/${f.name}`, `/${g.name}`] });
      i++;
    } else items.push(`/${f.name}`);
  }
  const required = fields.filter((f) => f.required).map((f) => f.name);
  const schema: Schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    ...(title ? { title: title['zh-CN'] } : {}),
    properties,
    ...(required.length ? { required } : {}),
  };
  const uiSchema: Schema = { layout: { type: 'group', items }, ...(Object.keys(uiFields).length ? { fields: uiFields } : {}) };
  return { schema, uiSchema };
}

/** The fields of a schema the designer wrote (others are read as plain text fields). */
export function fromSchemas(schema: Schema | undefined, uiSchema: Schema | undefined): FieldDef[] {
  const props = (schema?.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema?.required ?? []) as string[]);
  const ui = (uiSchema?.fields ?? {}) as Record<string, Schema>;
  const halves = new Set<string>();
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    const node = n as { type?: string; items?: unknown[] };
    if (node.type === 'columns') for (const it of node.items ?? []) if (typeof it === 'string') halves.add(it.slice(1));
    for (const it of node.items ?? []) walk(it);
  };
  walk(uiSchema?.layout);
  return Object.entries(props).map(([name, p]) => {
    const u = ui[`/${name}`] ?? {};
    const label = u.label as { en?: string } | undefined;
    const labels = (u.options ?? {}) as Record<string, { 'zh-CN'?: string; en?: string }>;
    const enumOf = (p.enum ?? (p.items as Schema | undefined)?.enum) as unknown[] | undefined;
    const type: FieldType =
      p['x-chancery'] === 'file'
        ? 'file'
        : u.widget === 'textarea'
          ? 'textarea'
          : u.widget === 'opinion'
            ? 'opinion'
            : u.widget === 'user'
              ? 'user'
              : u.widget === 'unit'
                ? 'unit'
                : p.type === 'array'
                  ? 'multi'
                  : enumOf
                    ? u.widget === 'radio'
                      ? 'radio'
                      : 'select'
                    : p.type === 'boolean'
                      ? 'checkbox'
                      : p.type === 'integer'
                        ? 'integer'
                        : p.type === 'number'
                          ? 'number'
                          : p.format === 'date'
                            ? 'date'
                            : 'text';
    const f: FieldDef = { name, type, labelZh: String(p.title ?? ''), width: halves.has(name) ? 'half' : 'full' };
    if (label?.en) f.labelEn = label.en;
    if (required.has(name)) f.required = true;
    for (const k of ['minLength', 'maxLength', 'minimum', 'maximum'] as const)
      if (typeof p[k] === 'number' && !(k === 'minLength' && p[k] === 1 && f.required)) f[k] = p[k] as number;
    if (typeof p.pattern === 'string') f.pattern = p.pattern;
    if (enumOf)
      f.options = enumOf.map((v) => {
        const l = labels[String(v)];
        return { value: String(v), zh: l?.['zh-CN'] ?? String(v), ...(l?.en ? { en: l.en } : {}) };
      });
    const rules = u.rules as Array<{ effect: string; when: unknown }> | undefined;
    const show = rules?.find((r) => r.effect === 'show');
    if (show) f.showWhen = show.when;
    return f;
  });
}
