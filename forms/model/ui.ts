/**
 * Looking things up in the UI schema and in permissions by a field's UI pointer.
 */
import type { FieldPermission, FieldUi, I18nText, Lang, Permissions, Pointer, UiSchema } from './types.js';

const EMPTY: FieldUi = Object.freeze({});

/** The text in `lang`, falling back to zh-CN (a plain string is zh-CN and serves every language). */
export function text(value: I18nText | undefined, lang: Lang): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  return (lang === 'en' ? value.en : undefined) ?? value['zh-CN'];
}

/** The UI settings of a field; `{}` when none. */
export function fieldUi(uiSchema: UiSchema | undefined, uiPointer: Pointer): FieldUi {
  return uiSchema?.fields?.[uiPointer] ?? EMPTY;
}

/**
 * The permission of a field: its own entry, else the nearest ancestor's, else `*`, else editable.
 * Keys use `*` for array indexes, like UI pointers.
 */
export function permissionOf(permissions: Permissions | undefined, uiPointer: Pointer): FieldPermission {
  if (!permissions) return 'editable';
  let pointer = uiPointer;
  for (;;) {
    const own = permissions[pointer];
    if (own !== undefined) return own;
    if (pointer === '') break;
    pointer = pointer.slice(0, pointer.lastIndexOf('/'));
  }
  return permissions['*'] ?? 'editable';
}

/** Fills `{{name}}` (a property of `item`, dotted paths allowed) and `{{#}}` (1-based index). */
export function fillTemplate(template: string, item: unknown, index: number): string {
  return template.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_whole, name: string) => {
    if (name === '#') return String(index + 1);
    let current: unknown = item;
    for (const segment of name.split('.')) {
      if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return '';
      current = (current as Record<string, unknown>)[segment];
    }
    return current === null || current === undefined || typeof current === 'object' ? '' : String(current);
  });
}
