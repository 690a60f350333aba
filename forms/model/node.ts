/**
 * Building field nodes from the schema, the UI schema and the data. A node is the mutable
 * internal twin of `FieldModel`; the model updates nodes in place and bumps `revision`.
 */
import { applyDefaults } from './defaults.js';
import { entryKeys, entrySchema, isOpenObject, type RegExpFactory } from './open-object.js';
import { childPointer, equalJson } from './pointer.js';
import {
  constProperties,
  emptyValue,
  enumValues,
  isSchema,
  itemSchema,
  kindOf,
  objectAlternatives,
  propertySchema,
  refTargets,
  requiredNames,
  resolveSchema,
} from './schema.js';
import type { FieldModel, FieldOption, FieldPermission, FieldRule, Issue, JsonLogic, JsonSchema, Lang, Permissions, Pointer, UiSchema } from './types.js';
import { fieldUi, fillTemplate, permissionOf, text } from './ui.js';
import { defaultWidget } from './widget.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface FieldNode extends Mutable<FieldModel> {
  children: FieldNode[];
  errors: Issue[];
  parent: FieldNode | undefined;
  /** Property name, or array index for items. */
  name: string | number | undefined;
  /** Path of the innermost array item containing this node (itself for an item). */
  itemPath: (string | number)[] | undefined;
  permission: FieldPermission;
  schemaRequired: boolean;
  rules: FieldRule[];
  computedRule: JsonLogic | undefined;
  /** Whether this node's own rules show / enable / require it. */
  ruleVisible: boolean;
  ruleEnabled: boolean;
  ruleRequired: boolean;
  /** Hidden by a rule here or above: its value is pruned on submit. */
  pruned: boolean;
  /** For object alternatives: each alternative merged with the surrounding schema, and its own title. */
  alternativeSchemas: JsonSchema[] | undefined;
  alternativeTitles: (string | undefined)[] | undefined;
  /** The schemas this node and its ancestors were reached through by `$ref` (and the root): meeting one again is recursion. */
  refs: ReadonlySet<object>;
  /** For open objects: entries a person added that have no value yet (kept as fields until removed). */
  pendingEntries: string[];
}

export interface BuildContext {
  root: JsonSchema;
  uiSchema: UiSchema | undefined;
  lang: Lang;
  permissions: Permissions | undefined;
  readonly: boolean;
  /** How many more fields without data one build may create (reset per build). */
  emptyBudget: number;
  /** The regular expressions of `patternProperties` (the server passes its linear-time engine). */
  regExp: RegExpFactory | undefined;
}

const MAX_EMPTY_DEPTH = 12;

/**
 * Fields without data one build may create. A plain form has a few hundred; a schema whose
 * reused (not recursive) parts multiply would otherwise grow exponentially. Past it, objects
 * without data are collapsed and open one level at a time.
 */
export const EMPTY_FIELD_BUDGET = 2000;

/** Builds the node at `path` and its whole subtree. */
export function buildNode(
  ctx: BuildContext,
  rawSchema: unknown,
  path: (string | number)[],
  uiPointer: Pointer,
  parent: FieldNode | undefined,
  value: unknown,
  schemaRequired: boolean,
  depth = 0,
  entry = false,
): FieldNode {
  const schema = resolveSchema(rawSchema, ctx.root);
  const alternatives = objectAlternatives(rawSchema, ctx.root);
  const kind = alternatives ? 'object' : kindOf(schema);
  const ui = fieldUi(ctx.uiSchema, uiPointer);
  const name = path[path.length - 1];
  const isItem = parent?.kind === 'array';
  const targets = parent ? refTargets(rawSchema, ctx.root) : [ctx.root];
  const recursive = parent !== undefined && targets.some((t) => parent.refs.has(t));
  if (value === undefined) ctx.emptyBudget -= 1;
  const node: FieldNode = {
    pointer: parent ? childPointer(parent.pointer, name ?? '') : '',
    path,
    uiPointer,
    schema,
    kind,
    widget: ui.widget ?? (alternatives ? 'alternatives' : defaultWidget(schema, kind, value)),
    label: '',
    help: undefined,
    placeholder: undefined,
    options: undefined,
    alternatives: undefined,
    alternative: undefined,
    itemTitle: undefined,
    required: schemaRequired,
    visible: true,
    enabled: true,
    readOnly: false,
    computed: ui.computed !== undefined,
    value,
    errors: [],
    touched: false,
    children: [],
    ui,
    revision: 0,
    parent,
    name,
    itemPath: isItem ? path : parent?.itemPath,
    permission: permissionOf(ctx.permissions, uiPointer),
    schemaRequired,
    rules: ui.rules ?? [],
    computedRule: ui.computed,
    ruleVisible: true,
    ruleEnabled: true,
    ruleRequired: false,
    pruned: false,
    alternativeSchemas: alternatives?.options,
    alternativeTitles: alternatives?.titles,
    refs: targets.length > 0 && !recursive ? new Set([...(parent?.refs ?? []), ...targets]) : (parent?.refs ?? new Set()),
    // Without data, a schema met again below itself (or past the budget) is not expanded: the
    // person opens it, or the data brings it.
    collapsed: kind === 'object' && value === undefined && (recursive || ctx.emptyBudget < 0),
    open: false,
    entry,
    pendingEntries: [],
  };
  relabel(node, ctx);
  node.children = buildChildren(ctx, node, depth);
  return node;
}

/** The schema an object node's properties come from: its chosen alternative, or its own. */
export function objectSchema(node: FieldNode): JsonSchema {
  return (node.alternative === undefined ? undefined : node.alternativeSchemas?.[node.alternative]) ?? node.schema;
}

/** (Re)builds the children of an object or array node from its current value. */
export function buildChildren(ctx: BuildContext, node: FieldNode, depth = node.path.length): FieldNode[] {
  const { value } = node;
  let schema = node.schema;
  let fixed: Record<string, unknown> = {};
  if (node.alternativeSchemas) {
    node.alternative = chooseAlternative(node.alternativeSchemas, value, node.alternative);
    schema = node.alternativeSchemas[node.alternative] ?? schema;
    // The choice itself sets the discriminators: they are not fields of their own.
    fixed = constProperties(schema);
  }
  if (node.kind === 'object') {
    if (node.value === undefined && node.collapsed) return [];
    const props = isSchema(schema['properties']) ? Object.keys(schema['properties']).filter((name) => !Object.hasOwn(fixed, name)) : [];
    if (value === undefined && depth >= MAX_EMPTY_DEPTH) return [];
    const required = requiredNames(schema);
    const record = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    const declared = orderNames(props, node.ui.order ?? (node.pointer === '' ? ctx.uiSchema?.order : undefined)).map((name) =>
      buildNode(
        ctx,
        propertySchema(schema, name),
        [...node.path, name],
        childPointer(node.uiPointer, name),
        node,
        Object.hasOwn(record, name) ? record[name] : undefined,
        required.has(name),
        depth + 1,
      ),
    );
    node.open = isOpenObject(schema);
    if (!node.open) return declared;
    // Entries: the keys the data has beyond `properties`, then those a person added without a value yet.
    const keys = entryKeys(schema, record, ctx.regExp);
    node.pendingEntries = node.pendingEntries.filter(
      (key) => !keys.includes(key) && !Object.hasOwn(fixed, key) && entrySchema(schema, key, ctx.regExp) !== undefined && !props.includes(key),
    );
    const entries = [...keys, ...node.pendingEntries].map((key) =>
      buildNode(
        ctx,
        entrySchema(schema, key, ctx.regExp),
        [...node.path, key],
        childPointer(node.uiPointer, key),
        node,
        Object.hasOwn(record, key) ? record[key] : undefined,
        required.has(key),
        depth + 1,
        true,
      ),
    );
    return [...declared, ...entries];
  }
  if (node.kind === 'array' && node.widget !== 'multi-select' && Array.isArray(value)) {
    return value.map((item, index) => buildNode(ctx, itemSchema(schema, index), [...node.path, index], node.uiPointer + '/*', node, item, false, depth + 1));
  }
  return [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Which alternative the value is: the first whose discriminating `const` properties it has, else
 * the one with most properties only it (among the alternatives) defines, else `sticky` (the
 * last choice), else the first.
 */
export function chooseAlternative(options: readonly JsonSchema[], value: unknown, sticky: number | undefined): number {
  const record = isRecord(value) ? value : {};
  for (const [i, option] of options.entries()) {
    const fixed = Object.entries(constProperties(option));
    if (fixed.length > 0 && fixed.every(([k, v]) => Object.hasOwn(record, k) && equalJson(record[k], v))) return i;
  }
  const names = options.map((o) => new Set(isSchema(o['properties']) ? Object.keys(o['properties']) : []));
  const keys = Object.keys(record).filter((k) => names.some((own) => !own.has(k)));
  const scores = names.map((own) => keys.filter((k) => own.has(k)).length);
  const bestScore = Math.max(...scores);
  const current = sticky !== undefined && sticky < options.length ? sticky : 0;
  // A tie keeps the current choice; fields only another alternative has move to it.
  return bestScore === 0 || scores[current] === bestScore ? current : scores.indexOf(bestScore);
}

/** The data an alternative starts from: the kept properties it also has, plus its discriminators. */
export function alternativeValue(option: JsonSchema, previous: unknown, root: JsonSchema = option): Record<string, unknown> {
  const props = isSchema(option['properties']) ? option['properties'] : {};
  const kept = isRecord(previous) ? Object.entries(previous).filter(([k]) => Object.hasOwn(props, k)) : [];
  return applyDefaults(option, { ...Object.fromEntries(kept), ...constProperties(option) }, root) as Record<string, unknown>;
}

function orderNames(names: string[], order: string[] | undefined): string[] {
  if (!order) return names;
  const first = order.filter((n) => names.includes(n));
  return [...first, ...names.filter((n) => !first.includes(n))];
}

/** Sets the language-dependent texts of a node (not of its children). */
export function relabel(node: FieldNode, ctx: BuildContext): void {
  const { lang, uiSchema } = ctx;
  const { ui, schema, parent, name } = node;
  node.help = text(ui.help, lang) ?? (typeof schema['description'] === 'string' ? schema['description'] : undefined);
  node.placeholder = text(ui.placeholder, lang);
  node.options = optionsOf(node, lang, ctx.root);
  if (node.alternativeSchemas) {
    node.alternatives = node.alternativeSchemas.map((option, i) => {
      const fixed = Object.values(constProperties(option));
      return {
        value: i,
        label:
          text(ui.options?.[String(i)], lang) ??
          node.alternativeTitles?.[i] ??
          (fixed.length === 1 ? String(fixed[0]) : `${lang === 'en' ? 'Option' : '选项'} ${i + 1}`),
      };
    });
  }
  if (parent?.kind === 'array' && typeof name === 'number') {
    const template = text(parent.ui.itemTitle, lang);
    node.itemTitle = template ? fillTemplate(template, node.value, name) : `${parent.label} ${name + 1}`;
  }
  // An entry of an open object is named by its key, which the person chose.
  node.label = node.entry
    ? String(name)
    : (text(ui.label, lang) ??
      (typeof schema['title'] === 'string' ? schema['title'] : undefined) ??
      node.itemTitle ??
      (name === undefined ? (text(uiSchema?.title, lang) ?? '') : typeof name === 'number' ? String(name) : humanize(name)));
}

function optionsOf(node: FieldNode, lang: Lang, root: JsonSchema): FieldOption[] | undefined {
  const source = node.kind === 'array' ? resolveSchema(itemSchema(node.schema), root) : node.schema;
  const values = enumValues(source);
  if (!values) return undefined;
  return values.map(({ value, title }) => ({
    value,
    label: text(node.ui.options?.[String(value)], lang) ?? title ?? String(value),
  }));
}

/** A new item for the array node: the item schema's default or an empty container. */
export function newItem(node: FieldNode, root: JsonSchema): unknown {
  const items = itemSchema(node.schema, Array.isArray(node.value) ? node.value.length : 0);
  return applyDefaults(items, emptyValue(resolveSchema(items, root)), root);
}

/** Visits the node and its descendants, parents first. */
export function walk(node: FieldNode, visit: (node: FieldNode) => void): void {
  visit(node);
  for (const child of node.children) walk(child, visit);
}

/**
 * A property name as a label when the schema has no title: `firstName` / `first_name` → `First name`.
 *
 * @example
 * humanize('postalCode'); // 'Postal code'
 */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .split(/\s+/)
    .map((w, i) => (i > 0 && !/^[A-Z0-9]{2,}$/.test(w) ? w.toLowerCase() : w));
  const text = words.join(' ');
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : name;
}
