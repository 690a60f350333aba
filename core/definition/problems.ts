/** Building `DefinitionProblem`s: codes and messages come from the error catalogue. */
import type { ErrorCode } from '../error-messages.js';
import { messages } from '../error-messages.js';
import { format } from '../errors.js';
import type { DefinitionProblem } from './types.js';

/** The codes `validateDefinition` reports. */
export type ProblemCode = Extract<ErrorCode, `definition.${string}`>;

/** A problem whose message is the catalogue entry for `code`, filled from `details`. */
export function problem(
  code: ProblemCode,
  pointer: string,
  details: Record<string, unknown> = {},
  severity: DefinitionProblem['severity'] = 'error',
): DefinitionProblem {
  const entry = messages[code];
  return {
    code,
    pointer,
    severity,
    message: { 'zh-CN': format(entry['zh-CN'], details), en: format(entry.en, details) },
    ...(Object.keys(details).length > 0 ? { details } : {}),
  };
}

/** A problem whose `{reason}` differs per language (ajv messages, logic problems). */
export function problemWithReason(
  code: ProblemCode,
  pointer: string,
  reason: { 'zh-CN': string; en: string },
  details: Record<string, unknown> = {},
  severity: DefinitionProblem['severity'] = 'error',
): DefinitionProblem {
  const entry = messages[code];
  return {
    ...problem(code, pointer, details, severity),
    message: {
      'zh-CN': format(entry['zh-CN'], { ...details, reason: reason['zh-CN'] }),
      en: format(entry.en, { ...details, reason: reason.en }),
    },
  };
}

// The checks build their pointers with these (one copy, in core/json-pointer.ts).
export { escapeToken, pointerOf } from '../json-pointer.js';

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
