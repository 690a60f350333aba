/**
 * Parity: a form shown without its precompiled validator (the interpretive, CSP-safe one) agrees
 * with the server's ajv on validity and on which fields are wrong, over the same fixtures.
 */
import { describe, expect, it } from 'vitest';
import { evaluateForm } from '../../forms/model/evaluate-form.js';
import type { AjvError, JsonSchema, ValidateFunction } from '../../forms/model/types.js';
import { createAjv } from '../../forms/validation/create-ajv.js';
import { createInterpretiveValidator, draftOf } from '../../forms/validation/interpretive-validator.js';
import { petitionSchema, petitionUi, validIntake } from './petition-form.js';

const office: JsonSchema = {
  type: 'object',
  required: ['name', 'count', 'kind'],
  properties: {
    name: { type: 'string', minLength: 2, maxLength: 10 },
    count: { type: 'integer', minimum: 1, maximum: 5 },
    ratio: { type: 'number', exclusiveMaximum: 1, multipleOf: 0.25 },
    kind: { enum: ['a', 'b'] },
    email: { type: 'string', format: 'email' },
    code: { type: 'string', pattern: '^[A-Z]{3}$' },
    fixed: { const: 1 },
    tags: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string' } },
    people: { type: 'array', items: { $ref: '#/$defs/person' } },
  },
  $defs: { person: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 3 } } } },
};

const samples: unknown[] = [
  { name: '张三', count: 3, kind: 'a' },
  {},
  { name: 'x', count: 9, kind: 'c', ratio: 1.5, email: 'not-mail', code: 'abc', fixed: 2, tags: [], people: [{}, { id: 'ab' }] },
  { name: '一二三四五六七八九十一', count: 0, kind: 'b', ratio: 0.3, tags: ['a', 'a'] },
  { name: '李四', count: 2.5, kind: 'a', email: 'li@example.org', code: 'ABC', people: [{ id: 'abcd' }] },
  'not an object',
];

/** The fields an error is about, as the form shows them. */
function wrongFields(validate: ValidateFunction, data: unknown): string[] {
  validate(data);
  const errors: AjvError[] = validate.errors ?? [];
  return [...new Set(errors.map((e) => (e.keyword === 'required' ? `${e.instancePath}/${String(e.params['missingProperty'])}` : e.instancePath)))].sort();
}

describe('the interpretive validator agrees with ajv', () => {
  const ajv = createAjv();
  for (const [name, schema] of [
    ['office', office],
    ['petition intake', petitionSchema],
  ] as const) {
    const strict = ajv.compile(schema) as ValidateFunction;
    const loose = createInterpretiveValidator(schema);
    const fixtures = name === 'petition intake' ? [validIntake, {}, { ...validIntake, phone: '123' }, { ...validIntake, name: '' }] : samples;
    it(`on validity and the fields in error: ${name}`, () => {
      for (const data of fixtures) {
        expect(loose(data), JSON.stringify(data)).toBe(strict(data));
        expect(wrongFields(loose, data), JSON.stringify(data)).toEqual(wrongFields(strict, data));
      }
    });
  }

  it('gives the form the same localized messages', () => {
    const data = { ...validIntake, name: '' };
    const a = evaluateForm(petitionSchema, petitionUi, data, { validator: ajv.compile(petitionSchema) as ValidateFunction });
    const b = evaluateForm(petitionSchema, petitionUi, data, { validator: createInterpretiveValidator(petitionSchema) });
    expect(b.errors.map((e) => [e.pointer, e.message])).toEqual(a.errors.map((e) => [e.pointer, e.message]));
  });

  it('picks the draft a schema declares', () => {
    expect(draftOf({ $schema: 'http://json-schema.org/draft-07/schema#' })).toBe('7');
    expect(draftOf({ $schema: 'https://json-schema.org/draft/2019-09/schema' })).toBe('2019-09');
    expect(draftOf({})).toBe('2020-12');
    const tuple = createInterpretiveValidator({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'array',
      items: [{ type: 'boolean' }, { type: 'number' }],
      additionalItems: false,
    });
    expect(tuple([true, 1])).toBe(true);
    expect(tuple([1, true])).toBe(false);
    expect(tuple([true, 1, 'extra'])).toBe(false);
  });
});
