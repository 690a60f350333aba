/** Entries whose gzipped bundles are compared: each library as a page would ship it. */
export const sizeEntries = {
  chancery: `import { defineChanceryElements } from '../../../forms/components.js'; defineChanceryElements();`,
  rjsf: `import Form from '@rjsf/core'; import validator from '@rjsf/validator-ajv8'; import { createElement } from 'react'; import { createRoot } from 'react-dom/client'; export { Form, validator, createElement, createRoot };`,
  jsonforms: `import { JsonForms } from '@jsonforms/react'; import { vanillaCells, vanillaRenderers } from '@jsonforms/vanilla-renderers'; import { createElement } from 'react'; import { createRoot } from 'react-dom/client'; export { JsonForms, vanillaCells, vanillaRenderers, createElement, createRoot };`,
  react: `import { createElement } from 'react'; import { createRoot } from 'react-dom/client'; export { createElement, createRoot };`,
} as const;
