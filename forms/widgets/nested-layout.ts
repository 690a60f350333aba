import { resolveLayout } from '../model/layout.js';
import type { FieldNode } from '../model/node.js';
import type { FieldModel, Lang, LayoutView } from '../model/types.js';

/**
 * The resolved layout of an object's (or an array item's) fields, or undefined without one.
 * `resolveLayout` reads only `pointer` and `children` of the node, which every FieldModel has.
 */
export function nestedLayout(base: FieldModel, layoutOwner: FieldModel, lang: Lang): LayoutView | undefined {
  const layout = layoutOwner.ui.layout;
  return layout ? resolveLayout(layout, base as unknown as FieldNode, lang) : undefined;
}
