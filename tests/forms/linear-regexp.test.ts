import { describe, expect, it } from 'vitest';
import { createAjv } from '../../forms/validation/create-ajv.js';
import { linearPatternProblem, toRe2Syntax, unsupportedPatterns } from '../../forms/validation/linear-regexp.js';

describe('form patterns on the server run on RE2', () => {
  it('answers ^(a+)+$ on a 40-character near-match (a backtracking engine would run for days)', () => {
    const validate = createAjv().compile({ type: 'string', pattern: '^(a+)+$' });
    expect(validate(`${'a'.repeat(40)}b`)).toBe(false);
    expect(validate('a'.repeat(40))).toBe(true);
  });

  it('applies patternProperties with the same engine', () => {
    const validate = createAjv().compile({ type: 'object', patternProperties: { '^(x+)+$': { type: 'number' } } });
    expect(validate({ [`${'x'.repeat(40)}y`]: 'not checked' })).toBe(true);
    expect(validate({ xxxx: 'text' })).toBe(false);
  });

  it('keeps each pattern its own (compiled patterns are not confused with one another)', () => {
    const validate = createAjv().compile({ type: 'object', properties: { a: { type: 'string', pattern: '^a$' }, b: { type: 'string', pattern: '^b$' } } });
    expect(validate({ a: 'a', b: 'b' })).toBe(true);
    expect(validate({ a: 'b', b: 'a' })).toBe(false);
  });

  it('refuses to compile a form whose pattern only a backtracking engine can run', () => {
    expect(() => createAjv().compile({ type: 'string', pattern: '(a)\\1' })).toThrow();
    expect(linearPatternProblem('(?<=a)b')).toBeTruthy();
    expect(linearPatternProblem('^1[3-9][0-9]{9}$')).toBeUndefined();
  });

  it('translates ECMAScript escapes, including surrogate pairs written as two escapes', () => {
    expect(toRe2Syntax('[\\u4e00-\\u9fa5]')).toBe('[\\x{4e00}-\\x{9fa5}]');
    expect(toRe2Syntax('\\ud83d\\ude00|\\u{1F600}')).toBe('\\x{1f600}|\\x{1F600}');
    const validate = createAjv().compile({ type: 'string', pattern: '^\\ud83d\\ude00$' });
    expect(validate('😀')).toBe(true);
  });

  it('lists unsupported patterns with pointers, skipping values and property names', () => {
    const found = unsupportedPatterns({
      properties: { pattern: { type: 'string', pattern: '(?=x)' }, ok: { const: { pattern: '(a)\\1' } } },
      $defs: { d: { pattern: '(a)\\1' } },
    });
    expect(found.map((f) => f.pointer).sort()).toEqual(['/$defs/d/pattern', '/properties/pattern/pattern']);
  });
});
