/**
 * Issues of a form: the validator's errors, localized, plus `require` rules; only for fields
 * that are shown (a hidden field's issue cannot be fixed by the person filling the form).
 */
import { errorPointer, localizeError, localizeErrors, type FieldLookup } from '../validation/localize.js';
import type { FieldNode } from './node.js';
import { equalJson, getIn, parsePointer } from './pointer.js';
import { constProperties, isSchema } from './schema.js';
import type { AjvError, Issue, Lang, Pointer, ValidateFunction } from './types.js';
import { pointerOf, unescapeToken } from '../../core/json-pointer.js';

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
      const last = unescapeToken(pointer.slice(pointer.lastIndexOf('/') + 1));
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
  if (validator) issues.push(...runValidator(validator, data, lang, lookup, index));
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
function runValidator(validator: ValidateFunction, data: unknown, lang: Lang, lookup: FieldLookup, index: ReadonlyMap<Pointer, FieldNode>): Issue[] {
  let valid: boolean;
  try {
    valid = validator(data);
  } catch (error) {
    const failure = { keyword: 'exception', instancePath: '', schemaPath: '#', params: { reason: String(error) } };
    return [localizeError(failure, lang, lookup)];
  }
  if (valid) return [];
  const errors = validator.errors ?? [];
  const chosen = errors.filter((e) => !inOtherAlternative(e, index, data));
  // Never valid where the validator said invalid: fall back to every error.
  return localizeErrors(chosen.length > 0 ? chosen : errors, lang, lookup);
}

/**
 * Whether an error is about an alternative the person did not choose (ajv reports every failed
 * branch of a `oneOf`): it names a property only other alternatives have, or a discriminator the
 * data already sets right.
 */
function inOtherAlternative(error: AjvError, index: ReadonlyMap<Pointer, FieldNode>, data: unknown): boolean {
  const segments = parsePointer(errorPointer(error));
  for (let depth = segments.length - 1; depth >= 0; depth -= 1) {
    const owner = index.get(pointerOf('', ...segments.slice(0, depth)));
    const option = owner?.alternative === undefined ? undefined : owner.alternativeSchemas?.[owner.alternative];
    if (!owner || !option) continue;
    const name = segments[depth] ?? '';
    const props = isSchema(option['properties']) ? option['properties'] : {};
    if (!Object.hasOwn(props, name)) return true;
    const fixed = constProperties(option);
    return Object.hasOwn(fixed, name) && equalJson(getIn(data, [...owner.path, name]), fixed[name]);
  }
  return false;
}
