/**
 * `definition.invalid_action_params`: an action call's `with` against the action's parameter
 * schema. Values only known at run time — `{{data.x}}` templates and `{ "$logic": rule }` — are
 * not held to the schema's types (their rules are checked by `check-logic`).
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { definitionAjv } from './ajv.js';
import { collapseAlternatives, mapAjvErrors } from './ajv-problems.js';
import { isRecord, pointerOf, problemWithReason } from './problems.js';
import type { ActionCall, DefinitionProblem } from './types.js';
import { unescapeToken } from '../json-pointer.js';

const compiledParams = new WeakMap<object, ValidateFunction>();

/** Problems of one call's parameters, pointing into its `with`. */
export function checkActionParams(call: ActionCall, params: Record<string, unknown>, callPointer: string): DefinitionProblem[] {
  let validate = compiledParams.get(params);
  if (!validate) {
    try {
      validate = definitionAjv().compile(params);
    } catch (cause) {
      // A plugin bug, normally caught when the server boots; do not blame the definition.
      const reason = cause instanceof Error ? cause.message : String(cause);
      return [
        problemWithReason(
          'definition.invalid_action_params',
          pointerOf(callPointer, 'action'),
          { 'zh-CN': `插件的参数定义无法使用：${reason}`, en: `the plugin's parameter schema is unusable: ${reason}` },
          { action: call.action },
          'warning',
        ),
      ];
    }
    compiledParams.set(params, validate);
  }
  const given = call.with ?? {};
  if (validate(given)) return [];
  const base = pointerOf(callPointer, 'with');
  const errors = collapseAlternatives(validate.errors ?? []).filter((error) => !isDynamic(given, error.instancePath));
  return mapAjvErrors(errors).map(({ error, pointer, message }) =>
    problemWithReason('definition.invalid_action_params', base + pointer, message, {
      action: call.action,
      keyword: error.keyword,
    }),
  );
}

/** Whether the value at `instancePath` (or one of its parents) is filled in at run time. */
function isDynamic(root: unknown, instancePath: string): boolean {
  let current: unknown = root;
  const tokens = instancePath === '' ? [] : instancePath.slice(1).split('/');
  for (const token of ['', ...tokens]) {
    if (token !== '') {
      const key = unescapeToken(token);
      if (!isRecord(current) && !Array.isArray(current)) return false;
      if (!Object.hasOwn(current, key)) return false;
      current = (current as Record<string, unknown>)[key];
    }
    if (typeof current === 'string' && current.includes('{{')) return true;
    if (isRecord(current) && Object.keys(current).length === 1 && Object.hasOwn(current, '$logic')) return true;
  }
  return false;
}
