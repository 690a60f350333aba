/**
 * The headless form model's contract: what a UI schema may say, what the model exposes to
 * renderers (the Lit components, tests, the server, scripts), and what an issue looks like.
 *
 * Addressing: every field is named by a JSON pointer into the form data (RFC 6901), e.g.
 * `/applicant/name`; `''` is the root. In the UI schema and in permissions, `*` stands for any
 * array index: `/issues/*\/category` addresses the category of every issue. Concrete pointers
 * (`/issues/0/category`) are what `FieldModel.pointer`, `Issue.pointer` and the `FormState`
 * methods take and return.
 *
 * Rules and computed values are JSON Logic evaluated by `core/logic`. Variables:
 * `data` (this form's data: `{ "var": "data.realName" }`), `item` and `index` (the innermost
 * array item a field sits in, and its index), plus whatever `context` the caller supplies
 * (`actor`, `initiator`, `state`, `now`, ...).
 */
import type { FieldPermission, FieldPermissions, I18nText, JsonLogic } from '../../core/definition/types.js';
import type { Lang } from '../../core/errors.js';

export type { FieldPermission, I18nText, JsonLogic, Lang };

/** A JSON pointer into the form data (`/applicant/name`); `''` is the root. */
export type Pointer = string;

/** A JSON Schema (2020-12) object; booleans are allowed where JSON Schema allows them. */
export type JsonSchema = { [keyword: string]: unknown };

// ---------------------------------------------------------------------------------------------
// UI schema
// ---------------------------------------------------------------------------------------------

export type LayoutType = 'group' | 'columns' | 'tabs' | 'steps';

/**
 * A layout node. For `tabs` and `steps`, each item is normally a `group` whose title is the
 * tab's or step's title. A string item is a field pointer (with `*` for array items only inside
 * an array's own `layout`).
 */
export interface LayoutNode {
  type: LayoutType;
  title?: I18nText;
  description?: I18nText;
  /** For `columns`: how many columns on wide screens (default: the number of items). */
  columns?: number;
  items: LayoutItem[];
}

export type LayoutItem = Pointer | LayoutNode;

/** When a rule's condition holds, its effect applies; rules on one field combine (hide wins over show). */
export interface FieldRule {
  effect: 'show' | 'hide' | 'enable' | 'disable' | 'require';
  when: JsonLogic;
}

/** Per-field UI settings, keyed in `UiSchema.fields` by pointer (`*` for array indexes). */
export interface FieldUi {
  /** Widget key in the widget registry (`text`, `textarea`, `select`, `radio`, `file`, ...). */
  widget?: string;
  label?: I18nText;
  help?: I18nText;
  placeholder?: I18nText;
  /** Labels of enum values, keyed by the value as a string. */
  options?: Record<string, I18nText>;
  /** For arrays: the title of each item, a template over the item: `{{category}}：{{description}}`. `{{#}}` is the 1-based index. */
  itemTitle?: I18nText;
  /** For arrays: the text of the add button. */
  addLabel?: I18nText;
  /** For objects: the order of its properties (names); unnamed ones follow in schema order. */
  order?: string[];
  /** For objects and arrays of objects: the layout of the object's (or each item's) fields, pointers relative to it. */
  layout?: LayoutNode;
  rules?: FieldRule[];
  /** The field's value is this JSON Logic expression; the field is read-only. */
  computed?: JsonLogic;
  /** Anything else a widget needs (rows, quick phrases, accept, ...); passed through untouched. */
  props?: Record<string, unknown>;
}

export interface UiSchema {
  /** The form's layout; fields it does not mention follow at the end in `order`/schema order. */
  layout?: LayoutNode;
  /** A flat order of top-level property names when there is no layout. */
  order?: string[];
  fields?: Record<Pointer, FieldUi>;
  /** A title for the whole form. */
  title?: I18nText;
  /** Text of the submit button. */
  submitLabel?: I18nText;
}

/** Pointer (with `*` for array indexes) or `*` (the default) → permission; the nearest entry wins. */
export type Permissions = FieldPermissions;

// ---------------------------------------------------------------------------------------------
// Issues
// ---------------------------------------------------------------------------------------------

/** A validation problem, named after the field's label in the form's language. */
export interface Issue {
  /** The field the issue belongs to (for `required`, the missing field itself). */
  pointer: Pointer;
  /** The JSON Schema keyword (`required`, `pattern`, ...), or `errorMessage` for an ajv-errors message. */
  keyword: string;
  /** «「信访人姓名」为必填项» / «"Petitioner name" is required». */
  message: string;
  params: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Field model
// ---------------------------------------------------------------------------------------------

export type FieldKind = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'unknown';

export interface FieldOption {
  value: unknown;
  label: string;
}

/**
 * One field of the form as a renderer sees it. Nodes are reused across updates; `revision`
 * increases whenever anything on the node changes, so a renderer may skip unchanged nodes.
 */
export interface FieldModel {
  /** Concrete pointer into the data: `/issues/0/category`. */
  readonly pointer: Pointer;
  /** The same as path segments: `['issues', 0, 'category']`. */
  readonly path: readonly (string | number)[];
  /** The UI schema / permissions key of this field: `/issues/*\/category`. */
  readonly uiPointer: Pointer;
  /** The schema fragment, `$ref` resolved and `allOf` / `then` / `else` properties merged in. */
  readonly schema: JsonSchema;
  readonly kind: FieldKind;
  /** Widget key: from the UI schema, otherwise derived from the schema (`text`, `select`, `date`, `array`, ...). */
  readonly widget: string;
  /** In the form's language; falls back to the schema `title`, then the property name. */
  readonly label: string;
  readonly help: string | undefined;
  readonly placeholder: string | undefined;
  /** For enums (and arrays of enums): the choices with their labels. */
  readonly options: readonly FieldOption[] | undefined;
  /**
   * For a choice between object alternatives (`oneOf` / `anyOf` whose branches are objects): the
   * alternatives, labelled from `ui.options` (keyed by index), the branch `title`, or its
   * discriminating `const`; `value` is the index. Children are the chosen alternative's fields.
   */
  readonly alternatives: readonly FieldOption[] | undefined;
  /** The chosen alternative: the one the data's `const` properties or own properties match, else the last chosen (first by default). */
  readonly alternative: number | undefined;
  /** For items of an array: the title from the array's `itemTitle` template. */
  readonly itemTitle: string | undefined;
  /** Required by the schema or by a `require` rule. */
  readonly required: boolean;
  /** False when hidden by a rule or by permissions (then it is also pruned on submit if hidden by a rule). */
  readonly visible: boolean;
  /** False when disabled by a rule (the value is kept but cannot be changed). */
  readonly enabled: boolean;
  /** Read-only by permissions, by the form's `readonly` option, or because it is computed. */
  readonly readOnly: boolean;
  readonly computed: boolean;
  readonly value: unknown;
  /** All current issues of this field (also before it is touched). */
  readonly errors: readonly Issue[];
  readonly touched: boolean;
  /**
   * An object with no data whose fields are not built yet: a recursive schema (a `$ref` back to a
   * schema above it) or past the form's budget of empty fields. It shows an "add" button; setting
   * a value (`{}`) builds one more level. Model size follows the data, never the schema.
   */
  readonly collapsed: boolean;
  /**
   * For objects: keys beyond `properties` may be added (`additionalProperties` is a schema or
   * `true`, or there are `patternProperties`): a key–value editor with `addEntry`.
   */
  readonly open: boolean;
  /** An entry of an open object (a key not among `properties`): its key can be renamed and it can be removed. */
  readonly entry: boolean;
  /** Object properties in display order, or array items. */
  readonly children: readonly FieldModel[];
  /** The field's UI settings (for `props`, `addLabel`, `layout`, ...). */
  readonly ui: FieldUi;
  readonly revision: number;
}

// ---------------------------------------------------------------------------------------------
// Layout as rendered
// ---------------------------------------------------------------------------------------------

/** The UI schema layout with titles resolved; field items are concrete pointers. */
export type LayoutView =
  | { kind: 'field'; pointer: Pointer }
  | {
      kind: LayoutType;
      title: string | undefined;
      description: string | undefined;
      columns: number | undefined;
      items: LayoutView[];
      /** Every field pointer under this node (for a step's or tab's error count and `touchAll`). */
      pointers: Pointer[];
    };

// ---------------------------------------------------------------------------------------------
// Form state
// ---------------------------------------------------------------------------------------------

/** An ajv validate function (in-process or loaded from the precompiled standalone module). */
export interface ValidateFunction {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}

/** The part of ajv's `ErrorObject` the localizer reads. */
export interface AjvError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
}

export interface FormOptions {
  /** Default `zh-CN`. */
  lang?: Lang;
  permissions?: Permissions;
  /** Validates the (pruned) data; without it only `require` rules and schema `required` are checked. */
  validator?: ValidateFunction;
  /** Extra variables for rules and computed values (`actor`, `initiator`, `state`, `now`, ...). */
  context?: Record<string, unknown>;
  /** The whole form is read-only (review mode). */
  readonly?: boolean;
  /** Fill the schema's `default`s into a new (empty) form; default true, never in read-only mode. */
  defaults?: boolean;
  /** How `patternProperties` / `propertyNames` patterns are run (default: `RegExp`; the server passes RE2). */
  regExp?: (pattern: string, flags: string) => { test(s: string): boolean };
}

export interface SubmitResult {
  valid: boolean;
  /** Hidden fields pruned, computed values recomputed. */
  data: unknown;
  errors: Issue[];
}

/** What changed in one update; `pointers` are the nodes whose `revision` increased. */
export interface FormChange {
  pointers: Pointer[];
  /** Fields were added or removed (array items, or a whole object replaced). */
  structural: boolean;
}

export type FormListener = (change: FormChange, state: FormState) => void;

export interface FormState {
  readonly lang: Lang;
  /** The current data (replaced, never mutated, on every change). */
  readonly data: unknown;
  /** The root field (kind `object` for an object schema). */
  readonly fields: FieldModel;
  readonly layout: LayoutView;
  /** Every current issue, touched or not. */
  readonly errors: readonly Issue[];
  /** Issues of touched fields, or all after `submit()`. */
  readonly visibleErrors: readonly Issue[];
  readonly submitted: boolean;
  get(pointer: Pointer): FieldModel | undefined;
  /** Ignored for read-only, disabled or computed fields. `undefined` (and `''` for strings) removes the value. */
  setValue(pointer: Pointer, value: unknown): void;
  touch(pointer: Pointer): void;
  /** Touches every field, or the fields under the given pointers (a wizard step). */
  touchAll(pointers?: readonly Pointer[]): void;
  /** Appends an item (default: an empty value for the item schema) to the array at `pointer`. */
  addItem(pointer: Pointer, item?: unknown): void;
  removeItem(pointer: Pointer, index: number): void;
  moveItem(pointer: Pointer, from: number, to: number): void;
  /**
   * Adds an entry `key` (value: `value`, or the entry schema's default / empty value) to the open
   * object at `pointer`. A key the schema does not allow (`patternProperties`, `propertyNames`),
   * a declared property's name or one already present is refused: the issue says why, nothing changes.
   */
  addEntry(pointer: Pointer, key: string, value?: unknown): Issue | undefined;
  /** Renames entry `from` of the open object at `pointer` to `to`, in place; refused like `addEntry`. */
  renameEntry(pointer: Pointer, from: string, to: string): Issue | undefined;
  removeEntry(pointer: Pointer, key: string): void;
  /** Whether `key` could be added to the open object at `pointer` (`renaming`: the entry's current key). */
  checkKey(pointer: Pointer, key: string, renaming?: string): Issue | undefined;
  /**
   * Switches an object-alternatives field (`alternatives`) to alternative `index`: keeps the values
   * of properties the new alternative also has and sets its discriminating `const` values.
   */
  chooseAlternative(pointer: Pointer, index: number): void;
  /**
   * The resolved layout of a nested object's fields (its `ui.layout`) or of an array item's
   * fields (the array's `ui.layout`), pointers made concrete; undefined when there is none.
   */
  layoutOf(pointer: Pointer): LayoutView | undefined;
  /** Full validation now; returns all issues. */
  validate(): Issue[];
  /** Issues of the fields under the given pointers (a step or a tab). */
  errorsIn(pointers: readonly Pointer[]): Issue[];
  submit(): SubmitResult;
  setLang(lang: Lang): void;
  subscribe(listener: FormListener): () => void;
}

/** `createFormState(schema, uiSchema, data, options)`, see `forms/model/create-form-state.ts`. */
export type CreateFormState = (schema: JsonSchema, uiSchema: UiSchema | undefined, data: unknown, options?: FormOptions) => FormState;
