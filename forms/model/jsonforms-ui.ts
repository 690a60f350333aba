/**
 * JSON Forms' UI schema (the de-facto standard admins and integrators already write) read as
 * Chancery's own: layouts, controls by `scope`, labels, a few options, and SHOW / HIDE / ENABLE /
 * DISABLE rules over a JSON Schema condition, turned into the same layout and JSON Logic rules.
 * What cannot be mapped is reported with its pointer, never silently dropped.
 */
import { childPointer, parsePointer } from './pointer.js';
import type { FieldRule, FieldUi, JsonLogic, LayoutItem, LayoutNode, Pointer, UiSchema } from './types.js';

export interface UiSchemaProblem {
  /** Where in the JSON Forms UI schema. */
  pointer: Pointer;
  message: { 'zh-CN': string; en: string };
}

type Element = Record<string, unknown>;

const FORMAT_WIDGETS: Record<string, string> = { radio: 'radio', date: 'date', time: 'time', 'date-time': 'datetime', textarea: 'textarea' };

/** Control options that only change how a field looks: taken, not needed. */
const PRESENTATION = new Set([
  'showUnfocusedDescription',
  'trim',
  'restrict',
  'focus',
  'hideRequiredAsterisk',
  'showSortButtons',
  'slider',
  'suggestion',
  'autocomplete',
  'hideArraySummaryValidation',
  'showNavButtons',
  'variant',
  'labelRef',
  'childLabelProp',
  'dateFormat',
  'dateSaveFormat',
  'timeFormat',
  'timeSaveFormat',
  'dateTimeFormat',
  'dateTimeSaveFormat',
  'ampm',
  'views',
  'clearLabel',
  'cancelLabel',
  'okLabel',
  'displayLabel',
  'collapsed',
  'showTooltip',
  'hideRequired',
  'stepper',
  'step',
  'clearable',
  'orientation',
  'format',
]);

const LAYOUTS: Record<string, LayoutNode['type']> = {
  VerticalLayout: 'group',
  Group: 'group',
  HorizontalLayout: 'columns',
  Categorization: 'tabs',
  Category: 'group',
};

/** Whether a UI schema is in JSON Forms' format (a root element with `type` and `elements`, or a Control). */
export function isJsonFormsUi(ui: unknown): ui is Element {
  if (ui === null || typeof ui !== 'object' || Array.isArray(ui)) return false;
  const type = (ui as Element)['type'];
  return typeof type === 'string' && (type in LAYOUTS || type === 'Control' || type === 'Label');
}

/**
 * @example
 * fromJsonFormsUi({ type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/name' }] });
 * // { uiSchema: { layout: { type: 'group', items: ['/name'] }, fields: {} }, problems: [] }
 */
export function fromJsonFormsUi(ui: Element): { uiSchema: UiSchema; problems: UiSchemaProblem[] } {
  const fields: Record<Pointer, FieldUi> = {};
  const problems: UiSchemaProblem[] = [];
  const problem = (pointer: Pointer, en: string, zh: string) => problems.push({ pointer, message: { 'zh-CN': zh, en } });
  const field = (pointer: Pointer): FieldUi => (fields[pointer] ??= {});

  function element(el: unknown, at: Pointer, inherited: FieldRule[]): LayoutItem | undefined {
    if (el === null || typeof el !== 'object' || Array.isArray(el)) {
      problem(at, 'an element must be an object', '元素必须是对象');
      return undefined;
    }
    const e = el as Element;
    const type = e['type'];
    const rules = [...inherited, ...rule(e['rule'], `${at}/rule`)];
    // A list with a detail view is an array control whose items open one at a time.
    if (type === 'Control' || type === 'ListWithDetail') return control(e, at, rules);
    if (type === 'Label') {
      // A text line in the layout: a group with a title and nothing in it.
      return { type: 'group', title: typeof e['text'] === 'string' ? e['text'] : '', items: [] };
    }
    const kind = typeof type === 'string' ? LAYOUTS[type] : undefined;
    if (!kind) {
      problem(`${at}/type`, `unknown element type ${JSON.stringify(type)}`, `无法识别的元素类型 ${JSON.stringify(type)}`);
      return undefined;
    }
    const elements = Array.isArray(e['elements']) ? e['elements'] : [];
    const items = elements.map((child, i) => element(child, `${at}/elements/${i}`, rules)).filter((x): x is LayoutItem => x !== undefined);
    const node: LayoutNode = { type: kind, items };
    if (typeof e['label'] === 'string') node.title = e['label'];
    if (kind === 'columns') node.columns = Math.max(items.length, 1);
    return node;
  }

  function control(e: Element, at: Pointer, rules: FieldRule[]): LayoutItem | undefined {
    const pointer = scopePointer(e['scope']);
    if (pointer === undefined) {
      problem(`${at}/scope`, 'a Control needs a scope such as "#/properties/name"', '控件需要 scope，例如 "#/properties/name"');
      return undefined;
    }
    const ui = field(pointer);
    const label = e['label'];
    if (typeof label === 'string') ui.label = label;
    else if (label !== null && typeof label === 'object' && typeof (label as Element)['text'] === 'string') ui.label = (label as Element)['text'] as string;
    const options = (e['options'] ?? {}) as Element;
    for (const [key, value] of Object.entries(options)) {
      if (key === 'multi' && value === true) ui.widget = 'textarea';
      else if (key === 'format' && typeof value === 'string' && FORMAT_WIDGETS[value]) ui.widget = FORMAT_WIDGETS[value];
      else if (key === 'placeholder' && typeof value === 'string') ui.placeholder = value;
      else if ((key === 'readonly' || key === 'readOnly') && value === true) rules = [...rules, { effect: 'disable', when: true }];
      else if (key === 'toggle' && value === true) ui.widget = 'checkbox';
      else if (key === 'elementLabelProp' && typeof value === 'string') ui.itemTitle = `{{${value}}}`;
      else if (key === 'detail') detail(value, pointer, `${at}/options/detail`);
      else if (PRESENTATION.has(key))
        continue; // how it looks, never what is stored or checked
      else problem(`${at}/options/${key}`, `option "${key}" is not supported`, `不支持选项「${key}」`);
    }
    if (e['readonly'] === true) rules = [...rules, { effect: 'disable', when: true }];
    if (rules.length > 0) ui.rules = [...(ui.rules ?? []), ...rules];
    return pointer;
  }

  /** An array's item layout: scopes inside it are relative to the item. */
  function detail(value: unknown, arrayPointer: Pointer, at: Pointer): void {
    if (value === 'DEFAULT' || value === 'GENERATED' || value === 'REGISTERED') return;
    if (value === null || typeof value !== 'object') {
      problem(at, 'detail must be DEFAULT, GENERATED, REGISTERED or a UI schema', 'detail 必须是 DEFAULT、GENERATED、REGISTERED 或 UI schema');
      return;
    }
    const inner = fromJsonFormsUi(value as Element);
    for (const p of inner.problems) problems.push({ ...p, pointer: at + p.pointer });
    for (const [rel, ui] of Object.entries(inner.uiSchema.fields ?? {})) fields[`${arrayPointer}/*${rel}`] = { ...fields[`${arrayPointer}/*${rel}`], ...ui };
    if (inner.uiSchema.layout) field(arrayPointer).layout = inner.uiSchema.layout;
  }

  function rule(raw: unknown, at: Pointer): FieldRule[] {
    if (raw === undefined) return [];
    const r = (raw ?? {}) as Element;
    const effect = typeof r['effect'] === 'string' ? r['effect'].toLowerCase() : '';
    if (effect !== 'show' && effect !== 'hide' && effect !== 'enable' && effect !== 'disable') {
      problem(`${at}/effect`, 'effect must be SHOW, HIDE, ENABLE or DISABLE', 'effect 必须是 SHOW、HIDE、ENABLE 或 DISABLE');
      return [];
    }
    const when = condition(r['condition'], `${at}/condition`);
    return when === undefined ? [] : [{ effect, when }];
  }

  function condition(raw: unknown, at: Pointer): JsonLogic | undefined {
    const c = (raw ?? {}) as Element;
    if (c['type'] === 'OR' || c['type'] === 'AND') {
      const parts = (Array.isArray(c['conditions']) ? c['conditions'] : []).map((x, i) => condition(x, `${at}/conditions/${i}`));
      if (parts.some((p) => p === undefined)) return undefined;
      return { [c['type'] === 'OR' ? 'or' : 'and']: parts as JsonLogic[] };
    }
    const pointer = scopePointer(c['scope']);
    if (pointer === undefined) {
      problem(`${at}/scope`, 'a condition needs a scope', '条件需要 scope');
      return undefined;
    }
    const value: JsonLogic = { var: pointer === '' ? 'data' : `data.${parsePointer(pointer).join('.')}` };
    if (c['type'] === 'LEAF' || 'expectedValue' in c) return { '==': [value, c['expectedValue'] as JsonLogic] };
    // No schema: JSON Forms validates against `{}`, which everything passes.
    const logic = c['schema'] === undefined ? true : schemaCondition(c['schema'], value);
    if (logic === undefined)
      problem(
        `${at}/schema`,
        'this condition schema cannot be turned into a rule (use const, enum, not, minimum/maximum, type: boolean)',
        '此条件无法转换为规则（可用 const、enum、not、minimum/maximum、type: boolean）',
      );
    if (logic === undefined) return undefined;
    // `failWhenUndefined`: a missing value fails the condition whatever the schema says.
    return c['failWhenUndefined'] === true ? { and: [{ '!=': [value, null] }, logic] } : logic;
  }

  const layout = element(ui, '', []);
  const uiSchema: UiSchema = { fields };
  if (layout !== undefined) uiSchema.layout = typeof layout === 'string' ? { type: 'group', items: [layout] } : layout;
  return { uiSchema, problems };
}

/**
 * `#/properties/a/properties/b` → `/a/b` (a leading `#` may be left out). Steps through
 * `allOf`/`anyOf`/`oneOf` members and `then`/`else` are skipped: the model merges their
 * properties into the object around them. Undefined for a scope it cannot place.
 */
function scopePointer(scope: unknown): Pointer | undefined {
  if (typeof scope !== 'string' || !(scope.startsWith('#') || scope.startsWith('/'))) return undefined;
  const text = scope.startsWith('#') ? scope.slice(1) : scope;
  const segments = parsePointer(decodeURIComponent(text).replace(/\/$/, ''));
  let pointer: Pointer = '';
  for (let i = 0; i < segments.length;) {
    const segment = segments[i];
    if (segment === 'allOf' || segment === 'anyOf' || segment === 'oneOf') i += 2;
    else if (segment === 'then' || segment === 'else') i += 1;
    else if (segment === 'properties' && segments[i + 1] !== undefined) {
      pointer = childPointer(pointer, segments[i + 1] as string);
      i += 2;
    } else return undefined;
  }
  return pointer;
}

/** A JSON Schema condition on one value as JSON Logic, for the keywords conditions use. */
function schemaCondition(raw: unknown, value: JsonLogic): JsonLogic | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const s = raw as Element;
  const parts: JsonLogic[] = [];
  for (const [key, v] of Object.entries(s)) {
    switch (key) {
      case 'const':
        parts.push({ '==': [value, v as JsonLogic] });
        break;
      case 'enum':
        if (!Array.isArray(v)) return undefined;
        parts.push({ in: [value, v as JsonLogic[]] });
        break;
      case 'not': {
        const inner = schemaCondition(v, value);
        if (inner === undefined) return undefined;
        parts.push({ '!': inner });
        break;
      }
      case 'minimum':
        parts.push({ '>=': [value, v as JsonLogic] });
        break;
      case 'maximum':
        parts.push({ '<=': [value, v as JsonLogic] });
        break;
      case 'exclusiveMinimum':
        parts.push({ '>': [value, v as JsonLogic] });
        break;
      case 'exclusiveMaximum':
        parts.push({ '<': [value, v as JsonLogic] });
        break;
      case 'type':
        if (v === 'boolean') parts.push({ in: [value, [true, false]] });
        else return undefined;
        break;
      case 'title':
      case 'description':
      case '$comment':
        break;
      default:
        return undefined;
    }
  }
  return parts.length === 1 ? parts[0] : { and: parts };
}

/** A JSON Forms UI schema that cannot be read as a whole; `problems` say where and why. */
export class UiSchemaError extends Error {
  constructor(readonly problems: UiSchemaProblem[]) {
    super(`UI schema: ${problems.map((p) => `${p.pointer || '/'} ${p.message.en}`).join('; ')}`);
    this.name = 'UiSchemaError';
  }
}

const converted = new WeakMap<object, UiSchema>();

/**
 * The UI schema in Chancery's format: our own as it is, JSON Forms' converted (once per object).
 * Throws `UiSchemaError` for parts that cannot be honoured.
 */
export function normalizeUiSchema(ui: UiSchema | undefined): UiSchema | undefined {
  if (!isJsonFormsUi(ui)) return ui;
  const hit = converted.get(ui);
  if (hit) return hit;
  const { uiSchema, problems } = fromJsonFormsUi(ui);
  if (problems.length > 0) throw new UiSchemaError(problems);
  converted.set(ui, uiSchema);
  return uiSchema;
}
