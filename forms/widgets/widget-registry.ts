import type { FieldModel } from '../model/types.js';
import type { WidgetEntry } from './types.js';

/** A ranked set of widgets: the highest-ranking tester wins; a later entry wins a tie. */
export interface WidgetRegistry {
  readonly entries: readonly WidgetEntry[];
  /** The best widget for a field, or undefined when no tester accepts it. */
  pick(field: FieldModel): WidgetEntry | undefined;
  /** A new registry with more entries: how a plugin adds or outranks widgets. */
  with(entries: readonly WidgetEntry[]): WidgetRegistry;
}

/**
 * Build a widget registry from ranked `{ tester, render }` entries. Registries are values:
 * give one to `<chancery-form>.widgets`; nothing is registered globally.
 *
 * @example
 * ```ts
 * const stamp = { name: 'stamp', tester: (f) => (f.widget === 'stamp' ? 100 : -1), render: (p) => html`…` };
 * form.widgets = builtinWidgets.with([stamp]);
 * ```
 */
export function createWidgetRegistry(entries: readonly WidgetEntry[]): WidgetRegistry {
  const list = [...entries];
  // Testers only read the schema and UI settings, which are fixed per node: cache per uiPointer+schema.
  const cache = new WeakMap<object, WidgetEntry | null>();
  return {
    entries: list,
    pick(field) {
      const hit = cache.get(field.schema);
      if (hit !== undefined && field.ui.widget === undefined) return hit ?? undefined;
      let best: WidgetEntry | undefined;
      let bestRank = -1;
      for (const entry of list) {
        const rank = entry.tester(field);
        if (rank >= 0 && rank >= bestRank) {
          best = entry;
          bestRank = rank;
        }
      }
      if (field.ui.widget === undefined) cache.set(field.schema, best ?? null);
      return best;
    },
    with(more) {
      return createWidgetRegistry([...list, ...more]);
    },
  };
}

/** The schema's type, ignoring `null` in a type union. */
export function schemaType(field: FieldModel): string | undefined {
  const type = field.schema.type;
  if (Array.isArray(type)) return type.find((t): t is string => typeof t === 'string' && t !== 'null');
  return typeof type === 'string' ? type : undefined;
}

/**
 * A tester: 100 when the UI schema names the widget, 10 when the model derived that name,
 * `base` when `matches` holds, otherwise -1.
 */
export function rankBy(names: string | readonly string[], base: number, matches: (field: FieldModel) => boolean = () => false) {
  const list = typeof names === 'string' ? [names] : names;
  return (field: FieldModel): number => {
    if (field.ui.widget !== undefined && list.includes(field.ui.widget)) return 100;
    if (list.includes(field.widget)) return 10;
    return matches(field) ? base : -1;
  };
}
