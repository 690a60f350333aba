/**
 * Evaluating a node's rules and computed value, and deriving its flags from its own rules,
 * its permission and its parent. Shared by the pure submission path and the live model.
 */
import type { BuildContext, FieldNode } from './node.js';
import type { JsonSchema } from './types.js';
import { ruleHolds, runRule, type RuleScope } from './logic.js';

/** Re-runs the node's rules against `data`; returns whether any rule outcome changed. */
export function evaluateRules(node: FieldNode, data: unknown, context: Record<string, unknown> | undefined): boolean {
  if (node.rules.length === 0) return false;
  const scope: RuleScope = { data, context, itemPath: node.itemPath };
  let show: boolean | undefined;
  let hide = false;
  let enable: boolean | undefined;
  let disable = false;
  let require = false;
  for (const rule of node.rules) {
    const holds = ruleHolds(rule.when, scope);
    switch (rule.effect) {
      case 'show':
        show = (show ?? false) || holds;
        break;
      case 'hide':
        hide ||= holds;
        break;
      case 'enable':
        enable = (enable ?? false) || holds;
        break;
      case 'disable':
        disable ||= holds;
        break;
      case 'require':
        require ||= holds;
        break;
    }
  }
  const visible = (show ?? true) && !hide;
  const enabled = (enable ?? true) && !disable;
  const changed = visible !== node.ruleVisible || enabled !== node.ruleEnabled || require !== node.ruleRequired;
  node.ruleVisible = visible;
  node.ruleEnabled = enabled;
  node.ruleRequired = require;
  return changed;
}

/** The computed value of a node against `data` (only call for nodes with a computed rule). */
export function computeValue(node: FieldNode, data: unknown, context: Record<string, unknown> | undefined): unknown {
  const value = runRule(node.computedRule, { data, context, itemPath: node.itemPath });
  return value === null ? undefined : value;
}

/** Derives visible / enabled / readOnly / required / pruned from the node's parts and its parent; returns whether any changed. */
export function deriveFlags(node: FieldNode, ctx: Pick<BuildContext, 'readonly'>): boolean {
  const parent = node.parent;
  const pruned = (parent?.pruned ?? false) || !node.ruleVisible;
  const visible = (parent?.visible ?? true) && node.permission !== 'hidden' && node.ruleVisible;
  const enabled = (parent?.enabled ?? true) && node.ruleEnabled;
  const readOnly = ctx.readonly || node.permission === 'readonly' || node.computed || schemaFixed(node.schema) || (parent?.readOnly ?? false);
  const required = node.schemaRequired || node.ruleRequired;
  const changed = pruned !== node.pruned || visible !== node.visible || enabled !== node.enabled || readOnly !== node.readOnly || required !== node.required;
  node.pruned = pruned;
  node.visible = visible;
  node.enabled = enabled;
  node.readOnly = readOnly;
  node.required = required;
  return changed;
}

/** The schema itself fixes the value: `readOnly: true`, or a `const`. */
function schemaFixed(schema: JsonSchema): boolean {
  return schema['readOnly'] === true || Object.hasOwn(schema, 'const');
}
