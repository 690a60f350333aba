import type { FormState, Lang, Pointer } from '../model/types.js';
import type { WidgetServices } from './types.js';
import type { WidgetRegistry } from './widget-registry.js';

/** What every field part of one form shares; the form hands the same object to all. */
export interface FormContext {
  state: FormState;
  registry: WidgetRegistry;
  services: WidgetServices;
  lang: Lang;
  /** Field parts currently on screen, by pointer, so a model change re-renders only them. */
  mounted: Map<Pointer, Set<{ refresh(): void }>>;
  /**
   * Marks a field touched (its error shows). While a pointer is pressed in the form this waits
   * for the release, so an error appearing on blur cannot move the button being clicked.
   */
  touch?: (pointer: Pointer) => void;
}

/** A DOM id for a field pointer, unique within one form's shadow root. */
export function fieldId(pointer: Pointer): string {
  return `f${pointer.replace(/[^A-Za-z0-9]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;
}
