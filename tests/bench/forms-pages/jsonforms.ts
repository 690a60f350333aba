import { JsonForms } from '@jsonforms/react';
import { vanillaCells, vanillaRenderers } from '@jsonforms/vanilla-renderers';
import { createElement as h } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { CONTROLS, install, settled, TEXT_INPUT, typeInto } from './harness.js';

const host = document.getElementById('root') as HTMLElement;
let root: Root | undefined;
let input: HTMLInputElement | undefined;

install({
  async prepare() {},
  async render(schema, data) {
    root?.unmount();
    input = undefined;
    const t0 = performance.now();
    root = createRoot(host);
    flushSync(() => root?.render(h(JsonForms, { schema: schema as never, data, renderers: vanillaRenderers, cells: vanillaCells })));
    return settled(t0);
  },
  async keystroke(n) {
    input ??= host.querySelector(TEXT_INPUT) as HTMLInputElement;
    const t0 = performance.now();
    typeInto(input, `x${n}`);
    return settled(t0);
  },
  controls: () => host.querySelectorAll(CONTROLS).length,
});
