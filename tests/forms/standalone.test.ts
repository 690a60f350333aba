import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileStandalone } from '../../forms/validation/compile-standalone.js';
import type { ValidateFunction } from '../../forms/model/types.js';
import { petitionSchema, validatorFor, validIntake } from './petition-form.js';

const importCode = async (code: string): Promise<ValidateFunction> =>
  ((await import(`data:text/javascript,${encodeURIComponent(code)}`)) as { default: ValidateFunction }).default;

const formatsSchema = {
  type: 'object',
  properties: {
    when: { type: 'string', format: 'date-time' },
    day: { type: 'string', format: 'date' },
    site: { type: 'string', format: 'uri' },
    mail: { type: 'string', format: 'email' },
    name: { type: 'string', minLength: 2, maxLength: 4 },
    tags: { type: 'array', uniqueItems: true, items: { type: 'object' } },
    fixed: { const: { a: [1, 2] } },
  },
};

describe('standalone validator module', () => {
  it('contains no eval, no new Function and no require or import', () => {
    for (const schema of [petitionSchema, formatsSchema]) {
      const code = compileStandalone(schema);
      expect(/new Function|\beval\s*\(/.test(code)).toBe(false);
      expect(/^\s*import[\s{(]|\bimport\(/m.test(code)).toBe(false);
      expect(/(?<![\w$])require\(/.test(code)).toBe(false);
    }
  });

  it('can be imported from a data: URL and from a temp file, and validates', async () => {
    const code = compileStandalone(petitionSchema);
    const fromData = await importCode(code);
    expect(fromData(validIntake)).toBe(true);
    expect(fromData({ ...validIntake, phone: '1' })).toBe(false);
    expect(fromData.errors?.[0]).toMatchObject({ instancePath: '/phone', keyword: 'pattern' });

    const dir = mkdtempSync(join(tmpdir(), 'chancery-validator-'));
    const file = join(dir, 'validator.js');
    writeFileSync(file, code);
    const fromFile = ((await import(pathToFileURL(file).href)) as { default: ValidateFunction }).default;
    expect(fromFile({ ...validIntake, issues: [] })).toBe(false);
  });

  it('agrees with in-process ajv on generated data, errors included', async () => {
    const inProcess = validatorFor(formatsSchema);
    const standalone = await importCode(compileStandalone(formatsSchema));
    const value = fc.record(
      {
        when: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.string(),
        ),
        day: fc.oneof(fc.constantFrom('2024-02-29', '2023-02-29', '2024-13-01'), fc.string()),
        site: fc.oneof(fc.webUrl(), fc.string()),
        mail: fc.oneof(fc.emailAddress(), fc.string()),
        name: fc.string({ unit: 'grapheme', maxLength: 6 }),
        tags: fc.array(fc.oneof(fc.constant({ a: 1 }), fc.object()), { maxLength: 3 }),
        fixed: fc.oneof(fc.constant({ a: [1, 2] }), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(value, (data) => {
        // Both throw alike on objects with an own `toString` in `uniqueItems` (fast-deep-equal); the model turns that into an issue.
        const run = (v: ValidateFunction) => {
          try {
            return { valid: v(data), errors: v.errors ?? null };
          } catch (error) {
            return { threw: String(error) };
          }
        };
        expect(run(standalone)).toEqual(run(inProcess));
      }),
      { numRuns: 300 },
    );
  });
});
