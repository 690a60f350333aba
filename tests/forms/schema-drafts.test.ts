/**
 * The server takes the JSON Schemas people already have: draft-07 and 2019-09 beside 2020-12
 * (picked by `$schema`), valid schemas that ajv's strict mode dislikes, and formats it does not
 * know — each accepted with a warning, never refused; a draft it cannot take is refused by name.
 */
import { describe, expect, it } from 'vitest';
import { ChanceryError } from '../../core/errors.js';
import { createFormService } from '../../forms/server/form-service.js';
import type { JsonSchema } from '../../forms/model/types.js';

describe('schema drafts on the server', () => {
  it('validates a draft-07 tuple by position', () => {
    const schema: JsonSchema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { pair: { type: 'array', items: [{ type: 'boolean' }, { type: 'number' }], additionalItems: false } },
    };
    const forms = createFormService();
    expect(forms.validateSubmission({ schema }, { pair: [true, 123] }).valid).toBe(true);
    expect(forms.validateSubmission({ schema }, { pair: ['true', '123'] }).valid).toBe(false);
    expect(forms.validateSubmission({ schema }, { pair: [true, 1, 2] }).valid).toBe(false);
    expect(forms.formBundle('pair', { schema }).validatorModule).toContain('export default');
  });

  it('validates a 2019-09 schema', () => {
    const schema: JsonSchema = {
      $schema: 'https://json-schema.org/draft/2019-09/schema',
      type: 'object',
      properties: { n: { type: 'integer', minimum: 1 } },
      dependentRequired: { n: ['m'] },
    };
    const forms = createFormService();
    expect(forms.validateSubmission({ schema }, { n: 2, m: 1 }).valid).toBe(true);
    expect(forms.validateSubmission({ schema }, { n: 2 }).valid).toBe(false);
  });

  it('refuses a draft it cannot take, naming the drafts it can', () => {
    const schema: JsonSchema = { $schema: 'http://json-schema.org/draft-03/schema#', type: 'object' };
    try {
      createFormService().check(schema);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ChanceryError);
      expect((e as ChanceryError).code).toBe('form.bundle_invalid');
      expect(JSON.stringify((e as ChanceryError).details)).toContain('2020-12, 2019-09, draft-07');
    }
  });

  it('accepts annotations, strictness notes and unknown formats with warnings', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { attachment: { type: 'string', 'x-chancery': 'file' }, photo: { type: 'string', format: 'data-url' }, a1: { type: 'string' } },
      patternProperties: { '^a[0-9]$': { type: 'string' } },
    };
    const forms = createFormService();
    const { warnings } = forms.check(schema);
    expect(warnings.join('\n')).toContain('data-url');
    expect(warnings.length).toBeGreaterThanOrEqual(2);
    expect(forms.validateSubmission({ schema }, { attachment: 'f', photo: 'data:,x', a1: 'x' }).valid).toBe(true);
  });
});
