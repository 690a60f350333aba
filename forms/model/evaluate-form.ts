/**
 * The one submission path, pure: recompute computed values, run the rules, prune the fields
 * hidden by rules, validate. `FormState.submit()` and the server's `validateSubmission` both
 * call it, so they agree on validity and on the pruned data byte for byte.
 */
import { collectIssues } from './issues.js';
import { applyAllRules, applyComputed, buildTree, computedNodes, pruneData, ruledNodes } from './tree.js';
import type { FormOptions, JsonSchema, Permissions, SubmitResult, UiSchema } from './types.js';

/**
 * Evaluates a submission.
 *
 * @example
 * const { valid, data, errors } = evaluateForm(schema, uiSchema, input, { lang: 'en', validator });
 */
export function evaluateForm(schema: JsonSchema, uiSchema: UiSchema | undefined, data: unknown, options: FormOptions = {}): SubmitResult {
  const tree = buildTree(schema, uiSchema, data, options);
  const computed = applyComputed(tree, computedNodes(tree.root), data, options.context);
  applyAllRules(tree, computed.data, options.context);
  const pruned = pruneData(tree.root, computed.data);
  const errors = collectIssues(ruledNodes(tree.root), tree.index, pruned, options.validator, options.lang ?? 'zh-CN');
  return { valid: errors.length === 0, data: pruned, errors };
}

/**
 * The data with computed values recomputed and the values of fields hidden by rules removed.
 *
 * @example
 * pruneHidden(schema, uiSchema, { anonymous: true, phone: '13800000000' }, undefined); // { anonymous: true }
 */
export function pruneHidden(
  schema: JsonSchema,
  uiSchema: UiSchema | undefined,
  data: unknown,
  permissions: Permissions | undefined,
  context?: Record<string, unknown>,
): unknown {
  return evaluateForm(schema, uiSchema, data, { ...(permissions ? { permissions } : {}), ...(context ? { context } : {}) }).data;
}
