/** Precompiled form validator modules, content-addressed, so every node serves what any node compiled. */
import { defineEntity, p } from '@mikro-orm/core';
import { createdAt } from './columns.js';

export const FormValidatorModule = defineEntity({
  name: 'FormValidatorModule',
  tableName: 'form_validator',
  properties: {
    /** sha256 of the form's schema and UI schema (the module's URL). */
    hash: p.text().primary(),
    /** The ES module's source (ajv standalone code, no imports). */
    code: p.text(),
    createdAt: createdAt(),
  },
});
