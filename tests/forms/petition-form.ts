/** The petition intake fixture and a validator for it, shared by the form tests. */
import { readFileSync } from 'node:fs';
import { createAjv } from '../../forms/validation/create-ajv.js';
import type { JsonSchema, UiSchema, ValidateFunction } from '../../forms/model/types.js';

const read = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/forms/${name}`, import.meta.url), 'utf8'));

export const petitionSchema = read('petition-intake.schema.json') as JsonSchema;
export const petitionUi = read('petition-intake.ui.json') as UiSchema;

export function validatorFor(schema: JsonSchema): ValidateFunction {
  return createAjv().compile(schema) as ValidateFunction;
}

export const validIntake = {
  source: '来访',
  realName: true,
  name: '张三',
  phone: '13800138000',
  issues: [{ category: '土地征收', description: '征地补偿款至今未发放' }],
};
