/**
 * Ajv errors → problems: branches of `oneOf`/`anyOf` that clearly do not apply are dropped (so a
 * typo in an assignment reports the typo, not eight failed alternatives), and every message is
 * given in zh-CN (ajv-i18n) and en (ajv's own). Needs ajv's `verbose` option (for `parentSchema`).
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import { suggestProperty } from './ajv-typos.js';
import { escapeToken } from './problems.js';

type Localize = (errors: ErrorObject[]) => void;
/** ajv-i18n's zh-CN messages (the module is CommonJS; its default export differs by loader). */
export const localizeZh = ((localizeZhModule as unknown as { default?: Localize }).default ?? (localizeZhModule as unknown as Localize)) as Localize;

export interface MappedError {
  error: ErrorObject;
  /** `instancePath`, extended by the property for `required`, `additionalProperties`, `propertyNames`. */
  pointer: string;
  message: { 'zh-CN': string; en: string };
}

/** Keywords whose failure is better told by the schema's own `x-error` than by ajv. */
const EXPLAINED = new Set(['oneOf', 'anyOf', 'not', 'pattern', 'format', 'enum', 'minItems']);

/** Drops errors of `oneOf`/`anyOf` branches that do not apply, and the umbrella error when a branch explains it. */
export function collapseAlternatives(errors: readonly ErrorObject[]): ErrorObject[] {
  const drop = new Set<ErrorObject>();
  for (const umbrella of errors) {
    if (umbrella.keyword !== 'oneOf' && umbrella.keyword !== 'anyOf') continue;
    if (umbrella.params && (umbrella.params as { passingSchemas?: unknown }).passingSchemas != null) continue;
    const at = umbrella.instancePath;
    const prefix = `${umbrella.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    let remaining = 0;
    for (const error of errors) {
      if (error === umbrella || !(error.instancePath === at || error.instancePath.startsWith(`${at}/`))) continue;
      if (error.schemaPath.startsWith(prefix)) {
        const branch = error.schemaPath.slice(prefix.length).split('/')[0] ?? '';
        branches.set(branch, [...(branches.get(branch) ?? []), error]);
      } else if (error.instancePath === at && error.keyword === 'type') {
        drop.add(error); // a $ref'd alternative of another type
      } else {
        remaining += 1;
      }
    }
    for (const list of branches.values()) {
      const inapplicable = list.some((e) => e.instancePath === at && (e.keyword === 'type' || e.keyword === 'required' || e.keyword === 'const'));
      if (inapplicable) list.forEach((e) => drop.add(e));
      else remaining += list.length;
    }
    if (remaining > 0) drop.add(umbrella);
  }
  // `propertyNames` repeats, without the name, what the error about the name itself says.
  return errors.filter((error) => !drop.has(error) && error.keyword !== 'propertyNames');
}

/** Pointers and messages in both languages for (already collapsed) ajv errors. */
export function mapAjvErrors(errors: readonly ErrorObject[]): MappedError[] {
  const zh = errors.map((error) => ({ ...error }));
  localizeZh(zh);
  return errors.map((error, i) => ({
    error,
    pointer: pointerFor(error),
    message: messageFor(error, zh[i]?.message ?? error.message ?? error.keyword),
  }));
}

function isMessage(value: unknown): value is { 'zh-CN': string; en: string } {
  const v = value as Record<string, unknown> | null | undefined;
  return typeof v?.['zh-CN'] === 'string' && typeof v['en'] === 'string';
}

function pointerFor(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const property =
    error.keyword === 'required' ? params['missingProperty'] : error.keyword === 'additionalProperties' ? params['additionalProperty'] : error.propertyName;
  return typeof property === 'string' ? `${error.instancePath}/${escapeToken(property)}` : error.instancePath;
}

/**
 * A property written where the DSL does not take it, though it takes the idea elsewhere: the
 * message says where. Levels (不得越级) are one ordered list at the top of the definition, not a
 * number on each step, so the whole order is written (and proven) in one place.
 */
function declaredElsewhere(error: ErrorObject): { 'zh-CN': string; en: string } | undefined {
  const property = (error.params as { additionalProperty?: unknown }).additionalProperty;
  const parent = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (property === 'level' && parent && 'task' in parent && 'approval' in parent) {
    return {
      'zh-CN': '环节上不能写「level」：审批层级在流程顶层按顺序列出，例如 "levels": ["proofread", "director", "deputy", "head"]',
      en: 'A step takes no "level": list the levels in order at the top of the definition, e.g. "levels": ["proofread", "director", "deputy", "head"]',
    };
  }
  return undefined;
}

function messageFor(error: ErrorObject, zhDefault: string): { 'zh-CN': string; en: string } {
  const params = error.params as Record<string, unknown>;
  // Alternatives and patterns explain themselves through the schema's `x-error`.
  const friendly = (error.parentSchema as Record<string, unknown> | undefined)?.['x-error'];
  if (EXPLAINED.has(error.keyword) && isMessage(friendly)) {
    if (error.propertyName === undefined) return friendly;
    return { 'zh-CN': `「${error.propertyName}」：${friendly['zh-CN']}`, en: `"${error.propertyName}": ${friendly.en}` };
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const elsewhere = declaredElsewhere(error);
      if (elsewhere) return elsewhere;
      const meant = suggestProperty(error);
      return meant
        ? {
            'zh-CN': `不认识的属性「${String(params['additionalProperty'])}」，是否应为「${meant}」？`,
            en: `Unknown property "${String(params['additionalProperty'])}": did you mean "${meant}"?`,
          }
        : {
            'zh-CN': `不认识的属性「${String(params['additionalProperty'])}」（是否拼写错误？）`,
            en: `Unknown property "${String(params['additionalProperty'])}" (a typo?)`,
          };
    }
    case 'required':
      return {
        'zh-CN': `缺少必填属性「${String(params['missingProperty'])}」`,
        en: `Missing required property "${String(params['missingProperty'])}"`,
      };
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[] | undefined)?.map((v) => JSON.stringify(v)).join(', ') ?? '';
      return { 'zh-CN': `应为以下之一：${allowed}`, en: `Must be one of: ${allowed}` };
    }
    default: {
      const subject = error.propertyName === undefined ? '' : `「${error.propertyName}」`;
      const en = error.propertyName === undefined ? '' : `"${error.propertyName}" `;
      return { 'zh-CN': `${subject}${zhDefault}`, en: `${en}${error.message ?? error.keyword}` };
    }
  }
}
