/**
 * What a person may only read (or may not see) comes back from the stored data, whatever the
 * submission says: the server never trusts the browser with read-only or hidden fields.
 */
import type { FieldNode } from '../model/node.js';
import { getIn, setIn } from '../model/pointer.js';
import { buildTree } from '../model/tree.js';
import { linearRegExp } from '../validation/linear-regexp.js';
import type { JsonSchema, Permissions, UiSchema } from '../model/types.js';

function hasEditableBelow(permissions: Permissions, uiPointer: string): boolean {
  return Object.entries(permissions).some(([key, p]) => p === 'editable' && key.startsWith(uiPointer + '/'));
}

/**
 * Copies read-only and permission-hidden fields from `previous` into `data` (removing them
 * when `previous` has none). A protected object or array whose descendants include editable
 * fields is restored field by field instead of as a whole.
 *
 * @example
 * restoreProtected(schema, ui, { name: 'x', no: 'forged' }, { no: 'A-1' }, { '/no': 'readonly' }); // { name: 'x', no: 'A-1' }
 */
export function restoreProtected(
  schema: JsonSchema,
  uiSchema: UiSchema | undefined,
  data: unknown,
  previous: unknown,
  permissions: Permissions | undefined,
): unknown {
  if (!permissions) return data;
  const tree = buildTree(schema, uiSchema, data, { permissions, regExp: linearRegExp });
  let out = data;
  const visit = (node: FieldNode): void => {
    if (node.permission !== 'editable' && !hasEditableBelow(permissions, node.uiPointer)) {
      const before = getIn(previous, node.path);
      if (node.parent) out = setIn(out, node.path, before === undefined ? undefined : structuredClone(before));
      else out = before === undefined ? undefined : structuredClone(before);
      return;
    }
    if (node.permission !== 'editable' && Array.isArray(getIn(out, node.path))) {
      // A read-only list with editable fields in its items: the items themselves are fixed,
      // so the list keeps the stored length (nobody adds or removes items they may only read).
      const stored = getIn(previous, node.path);
      const kept = Array.isArray(stored) ? stored : [];
      const sent = getIn(out, node.path) as unknown[];
      out = setIn(
        out,
        node.path,
        kept.map((item, i) => (i < sent.length ? sent[i] : structuredClone(item))),
      );
      node.children.filter((child) => typeof child.name === 'number' && child.name < kept.length).forEach(visit);
      return;
    }
    node.children.forEach(visit);
  };
  visit(tree.root);
  return out;
}
