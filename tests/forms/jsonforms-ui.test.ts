/** JSON Forms' UI schema, read as Chancery's: layouts, controls, rules — and refusals with pointers. */
import { describe, expect, it } from 'vitest';
import { createFormState } from '../../forms/model/create-form-state.js';
import { fromJsonFormsUi, UiSchemaError } from '../../forms/model/jsonforms-ui.js';
import type { JsonSchema, UiSchema } from '../../forms/model/types.js';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    vegetarian: { type: 'boolean' },
    kind: { type: 'string', enum: ['a', 'b'] },
    dish: { type: 'string' },
    notes: { type: 'string' },
    people: { type: 'array', items: { type: 'object', properties: { first: { type: 'string' }, last: { type: 'string' } } } },
  },
};

const ui = {
  type: 'Categorization',
  elements: [
    {
      type: 'Category',
      label: '基本',
      elements: [
        {
          type: 'HorizontalLayout',
          elements: [
            { type: 'Control', scope: '#/properties/name', label: '姓名' },
            { type: 'Control', scope: '#/properties/vegetarian' },
          ],
        },
        { type: 'Control', scope: '#/properties/dish', rule: { effect: 'HIDE', condition: { scope: '#/properties/vegetarian', schema: { const: true } } } },
        {
          type: 'Control',
          scope: '#/properties/notes',
          options: { multi: true },
          rule: { effect: 'DISABLE', condition: { scope: '#/properties/kind', schema: { enum: ['b'] } } },
        },
      ],
    },
    {
      type: 'Category',
      label: '人员',
      elements: [
        {
          type: 'Control',
          scope: '#/properties/people',
          options: {
            elementLabelProp: 'first',
            detail: { type: 'HorizontalLayout', elements: [{ type: 'Control', scope: '#/properties/first', label: '名' }] },
          },
        },
      ],
    },
  ],
};

describe('JSON Forms UI schema', () => {
  it('maps layouts, labels and options onto the same model', () => {
    const form = createFormState(schema, ui as unknown as UiSchema, {});
    expect(form.layout.kind).toBe('tabs');
    expect(form.get('/name')?.label).toBe('姓名');
    expect(form.get('/notes')?.widget).toBe('textarea');
    const { uiSchema } = fromJsonFormsUi(ui);
    expect(uiSchema.fields?.['/people']?.itemTitle).toBe('{{first}}');
    expect(uiSchema.fields?.['/people/*/first']?.label).toBe('名');
    expect(uiSchema.fields?.['/people']?.layout?.type).toBe('columns');
  });

  it('runs SHOW/HIDE/ENABLE/DISABLE rules over their schema condition', () => {
    const form = createFormState(schema, ui as unknown as UiSchema, { vegetarian: false, kind: 'a' });
    expect(form.get('/dish')?.visible).toBe(true);
    form.setValue('/vegetarian', true);
    expect(form.get('/dish')?.visible).toBe(false);
    expect(form.get('/notes')?.enabled).toBe(true);
    form.setValue('/kind', 'b');
    expect(form.get('/notes')?.enabled).toBe(false);
  });

  it('refuses what it cannot honour, with the pointer into the UI schema', () => {
    const bad = {
      type: 'VerticalLayout',
      elements: [
        { type: 'Control', scope: '#/properties/name', options: { customThing: 1 } },
        { type: 'Control', scope: '#/properties/dish', rule: { effect: 'SHOW', condition: { scope: '#/properties/name', schema: { pattern: '^a' } } } },
        { type: 'Carousel', elements: [] },
      ],
    };
    const { problems } = fromJsonFormsUi(bad);
    expect(problems.map((p) => p.pointer)).toEqual(['/elements/0/options/customThing', '/elements/1/rule/condition/schema', '/elements/2/type']);
    expect(problems[0]?.message['zh-CN']).toContain('customThing');
    expect(() => createFormState(schema, bad as unknown as UiSchema, {})).toThrow(UiSchemaError);
  });
});

describe('JSON Forms UI schema on the server', () => {
  it('refuses a UI schema part it cannot honour, pointing into the UI schema', async () => {
    const { createFormService } = await import('../../forms/server/form-service.js');
    const bad = { type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/name', options: { customThing: 1 } }] };
    expect(() => createFormService().check(schema, bad as unknown as UiSchema)).toThrow(
      expect.objectContaining({ code: 'form.bundle_invalid', pointer: '/uiSchema/elements/0/options/customThing' }),
    );
    expect(createFormService().check(schema, ui as unknown as UiSchema).warnings).toEqual([]);
  });
});
