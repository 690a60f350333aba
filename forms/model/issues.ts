/**
 * Issues of a form: the validator's errors, localized, plus `require` rules; only for fields
 * that are shown (a hidden field's issue cannot be fixed by the person filling the form).
 */
import { localizeError, localizeErrors, type FieldLookup } from '../validation/localize.js';
import type { FieldNode } from './node.js';
import { getIn } from './pointer.js';
import type { Issue, Lang, Pointer, ValidateFunction } from './types.js';

/** The node at `pointer`, or its nearest existing ancestor. */
export function nearestNode(index: ReadonlyMap<Pointer, FieldNode>, pointer: Pointer): FieldNode | undefined {
  let p = pointer;
  for (;;) {
    const node = index.get(p);
    if (node) return node;
    if (p === '') return undefined;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

export function lookupFor(index: ReadonlyMap<Pointer, FieldNode>): FieldLookup {
  return {
    label(pointer) {
      const node = index.get(pointer);
      if (node) return node.label;
      const last = pointer.slice(pointer.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
      return last || (nearestNode(index, pointer)?.label ?? '');
    },
    schema: (pointer) => index.get(pointer)?.schema,
  };
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Every issue of `data` (already pruned), in no particular order; `nodes` are the nodes with rules. */
export function collectIssues(
  nodes: Iterable<FieldNode>,
  index: ReadonlyMap<Pointer, FieldNode>,
  data: unknown,
  validator: ValidateFunction | undefined,
  lang: Lang,
): Issue[] {
  const lookup = lookupFor(index);
  const issues: Issue[] = [];
  if (validator) issues.push(...runValidator(validator, data, lang, lookup));
  const required = new Set(issues.filter((i) => i.keyword === 'required').map((i) => i.pointer));
  for (const node of nodes) {
    if (!node.ruleRequired || !node.visible || required.has(node.pointer)) continue;
    if (!isEmpty(getIn(data, node.path))) continue;
    const error = {
      keyword: 'required',
      instancePath: node.parent?.pointer ?? '',
      schemaPath: '#/x-rules/require',
      params: { missingProperty: String(node.name ?? '') },
    };
    issues.push({ ...localizeError(error, lang, lookup), pointer: node.pointer });
  }
  return issues.filter((issue) => nearestNode(index, issue.pointer)?.visible ?? true);
}

/** A validator that throws (ajv's deep-equal on hostile objects) rejects the data instead of failing the request. */
function runValidator(validator: ValidateFunction, data: unknown, lang: Lang, lookup: FieldLookup): Issue[] {
  let valid: boolean;
  try {
    valid = validator(data);
  } catch (error) {
    const failure = { keyword: 'exception', instancePath: '', schemaPath: '#', params: { reason: String(error) } };
    return [localizeError(failure, lang, lookup)];
  }
  return valid ? [] : localizeErrors(validator.errors ?? [], lang, lookup);
}
