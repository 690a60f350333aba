import { defineChanceryElements, type ChanceryForm } from '../../../forms/components.js';
import type { ValidateFunction } from '../../../forms/model/types.js';
import { CONTROLS, deepAll, install, settled, TEXT_INPUT, typeInto } from './harness.js';

defineChanceryElements();
const root = document.getElementById('root') as HTMLElement;
let validator: ValidateFunction | undefined;
let input: HTMLInputElement | undefined;

install({
  async prepare(caseName) {
    // The server precompiles each form's validator; the page imports it (no ajv in the page).
    validator = ((await import(/* @vite-ignore */ `/validator-${caseName}.js`)) as { default: ValidateFunction }).default;
  },
  async render(schema, data) {
    root.replaceChildren();
    input = undefined;
    const t0 = performance.now();
    const form = document.createElement('chancery-form') as ChanceryForm;
    if (validator) form.validator = validator;
    form.schema = schema as ChanceryForm['schema'];
    form.data = data;
    root.append(form);
    await form.updateComplete;
    return settled(t0);
  },
  async keystroke(n) {
    input ??= deepAll(root, TEXT_INPUT)[0] as HTMLInputElement;
    const t0 = performance.now();
    typeInto(input, `x${n}`);
    return settled(t0);
  },
  controls: () => deepAll(root, CONTROLS).length,
});
