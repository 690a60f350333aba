/**
 * The public JSON Forms examples (`@jsonforms/examples`) through the headless model: each sample's
 * schema with its UI schema builds, every Control it lays out is a field, its data shows and
 * round-trips unchanged, and the form's verdict agrees with plain ajv. A sample that does not is
 * listed below with the reason — a known, documented limitation (docs/forms.md) — and the test
 * checks the list is still true, so it cannot go stale.
 */
import { getExamples } from '@jsonforms/examples';
import { describe, expect, it } from 'vitest';
import { createFormState } from '../../forms/model/create-form-state.js';
import { isJsonFormsUi, UiSchemaError } from '../../forms/model/jsonforms-ui.js';
import type { JsonSchema, UiSchema, ValidateFunction } from '../../forms/model/types.js';
import { createFormService } from '../../forms/server/form-service.js';
import { controls, pointerOf, type Sample } from './jsonforms-samples.js';

/** Samples the model does not take whole, and why. */
const KNOWN_LIMITATIONS: Record<string, string> = {};

/** What is wrong with one sample, or undefined when it passes every check. */
function check(sample: Sample): string | undefined {
  const schema = sample.schema as JsonSchema;
  const ui = sample.uischema as UiSchema | undefined;
  let validate: ValidateFunction;
  try {
    validate = createFormService().validator(schema);
  } catch (e) {
    return `schema does not compile: ${(e as Error).message}`;
  }
  let form;
  try {
    form = createFormState(schema, isJsonFormsUi(ui) ? ui : undefined, sample.data, { validator: validate, defaults: false });
  } catch (e) {
    return e instanceof UiSchemaError ? `UI schema: ${e.message}` : `model: ${(e as Error).message}`;
  }
  for (const scope of controls(ui)) {
    if (!form.get(pointerOf(scope))) return `no field for ${scope}`;
  }
  if (sample.data !== undefined && JSON.stringify(form.data) !== JSON.stringify(sample.data)) return 'data changed on the way in';
  const expected = validate(sample.data ?? {});
  if (sample.data !== undefined && (form.validate().length === 0) !== expected) return `verdict differs from ajv (ajv: ${expected})`;
  return undefined;
}

describe('the @jsonforms/examples corpus', () => {
  const samples = (getExamples() as unknown as Sample[]).filter((s) => s.schema && typeof s.schema === 'object');

  it('takes every sample, or lists why not', () => {
    const failures = new Map<string, string>();
    for (const sample of samples) {
      const problem = check(sample);
      if (problem) failures.set(sample.name, problem);
    }
    const passed = samples.length - failures.size;
    console.info(`@jsonforms/examples: ${passed} passed, ${failures.size} failed`);
    const unexplained = [...failures].filter(([name]) => !(name in KNOWN_LIMITATIONS));
    expect(unexplained).toEqual([]);
    const stale = Object.keys(KNOWN_LIMITATIONS).filter((name) => !failures.has(name));
    expect(stale).toEqual([]);
  });
});
