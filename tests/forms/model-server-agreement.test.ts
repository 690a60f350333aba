import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFormState } from '../../forms/model/create-form-state.js';
import type { JsonSchema, Permissions, UiSchema, ValidateFunction } from '../../forms/model/types.js';
import { createFormService } from '../../forms/server/form-service.js';
import { petitionSchema, petitionUi } from './petition-form.js';
import { replySchema, replyUi } from './reply-form.js';

/** A second form: a leave request with a conditional reason, computed days, dependentRequired. */
const leaveSchema: JsonSchema = {
  type: 'object',
  required: ['kind', 'days'],
  properties: {
    kind: { enum: ['annual', 'sick', 'other'] },
    days: { type: 'integer', minimum: 1, maximum: 30 },
    reason: { type: 'string', minLength: 2 },
    doctor: { type: 'string' },
    certificate: { type: 'string' },
    total: { type: 'number' },
    approver: { type: 'string', readOnly: true },
  },
  dependentRequired: { doctor: ['certificate'] },
  if: { properties: { kind: { const: 'other' } }, required: ['kind'] },
  then: { required: ['reason'] },
};
const leaveUi: UiSchema = {
  fields: {
    '/reason': { label: '事由', rules: [{ effect: 'show', when: { '==': [{ var: 'data.kind' }, 'other'] } }] },
    '/doctor': {
      rules: [
        { effect: 'hide', when: { '!=': [{ var: 'data.kind' }, 'sick'] } },
        { effect: 'require', when: { '>': [{ var: 'data.days' }, 3] } },
      ],
    },
    '/certificate': { rules: [{ effect: 'hide', when: { '!': { var: 'data.doctor' } } }] },
    '/total': { computed: { '*': [{ var: 'data.days' }, 8] } },
  },
};

const text = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('张三', '13800138000', '1380013800', '其他', ''));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const petitionData = fc.record(
  {
    source: fc.oneof(fc.constantFrom('来信', '来访', '电话', '县长信箱', '领导批示'), text),
    receivedOn: fc.oneof(fc.constantFrom('2024-02-29', '2023-02-29'), text),
    realName: fc.oneof(fc.boolean(), fc.constant('yes')),
    name: text,
    phone: text,
    summary: text,
    issues: fc.oneof(
      fc.array(
        fc.record(
          {
            category: fc.oneof(fc.constantFrom('土地征收', '劳动社保', '城乡建设', '环境保护', '其他'), text),
            otherCategory: text,
            description: fc.oneof(text, fc.constant('征地补偿款至今未发放')),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
      text,
    ),
  },
  { requiredKeys: [] },
);

const leaveData = fc.record(
  {
    kind: fc.oneof(fc.constantFrom('annual', 'sick', 'other'), text),
    days: fc.oneof(fc.integer({ min: -2, max: 40 }), fc.double({ noNaN: true }), text),
    reason: text,
    doctor: text,
    certificate: text,
    total: fc.integer(),
    approver: text,
  },
  { requiredKeys: [] },
);

const replyData = fc.record(
  {
    subject: text,
    reply: fc.oneof(
      fc.record(
        { kind: fc.constantFrom('phone', 'post', 'fax'), phone: text, address: fc.oneof(text, fc.constant('城关镇人民路 1 号')), note: text },
        { requiredKeys: [] },
      ),
      text,
    ),
  },
  { requiredKeys: [] },
);

const permissions = fc.constantFrom<Permissions | undefined>(
  undefined,
  { '/phone': 'readonly' },
  { '/approver': 'readonly', '/certificate': 'hidden' },
  { '*': 'readonly', '/issues': 'editable', '/kind': 'editable' },
);

describe('the headless model and the server agree', () => {
  const service = createFormService();
  const browserValidators = new Map<JsonSchema, ValidateFunction>();

  beforeAll(async () => {
    // The model uses the precompiled module, as in the browser; the server uses ajv in-process.
    for (const [key, schema] of [
      ['petition', petitionSchema],
      ['leave', leaveSchema],
      ['reply', replySchema],
    ] as const) {
      const code = service.formBundle(key, { schema }).validatorModule;
      const mod = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as { default: ValidateFunction };
      browserValidators.set(schema, mod.default);
    }
  });

  const forms: [string, JsonSchema, UiSchema, fc.Arbitrary<Record<string, unknown>>][] = [
    ['petition intake', petitionSchema, petitionUi, petitionData],
    ['leave request', leaveSchema, leaveUi, leaveData],
    ['reply channel (oneOf of objects)', replySchema, replyUi, replyData],
  ];

  for (const [name, schema, uiSchema, data] of forms) {
    it(`on validity, issues and pruned data for generated ${name} submissions`, () => {
      fc.assert(
        fc.property(data, permissions, fc.constantFrom<'zh-CN' | 'en'>('zh-CN', 'en'), (input, perms, lang) => {
          const validator = browserValidators.get(schema);
          const model = createFormState(schema, uiSchema, input, { lang, validator, ...(perms ? { permissions: perms } : {}) });
          const browser = model.submit();
          const server = service.validateSubmission({ schema, uiSchema }, input, {
            lang,
            previousData: input,
            ...(perms ? { permissions: perms } : {}),
          });
          expect(browser.valid).toBe(server.valid);
          expect(JSON.stringify(browser.data)).toBe(JSON.stringify(server.data));
          expect(browser.errors.map((e) => e.message).sort()).toEqual(server.issues.map((e) => e.message).sort());
        }),
        { numRuns: 400 },
      );
    });
  }

  it('after edits in the model, the server accepts exactly what the model accepts', () => {
    const edits = fc.array(
      fc.tuple(
        fc.constantFrom('/kind', '/days', '/reason', '/doctor', '/certificate'),
        fc.oneof(text, fc.integer({ min: 0, max: 35 }), fc.constantFrom('sick', 'other')),
      ),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(leaveData, edits, (input, steps) => {
        const model = createFormState(leaveSchema, leaveUi, input, { validator: browserValidators.get(leaveSchema) });
        for (const [pointer, value] of steps) model.setValue(pointer, value);
        const liveValid = model.errors.length === 0;
        const browser = model.submit();
        const server = service.validateSubmission({ schema: leaveSchema, uiSchema: leaveUi }, model.data, { previousData: model.data });
        expect(browser.valid).toBe(server.valid);
        expect(liveValid).toBe(server.valid);
        expect(JSON.stringify(browser.data)).toBe(JSON.stringify(server.data));
      }),
      { numRuns: 300 },
    );
  });

  it('after choosing alternatives and typing, the server accepts exactly what the model accepts', () => {
    const steps = fc.array(
      fc.oneof(
        fc.tuple(fc.constant('choose'), fc.integer({ min: 0, max: 1 })),
        fc.tuple(
          fc.constantFrom('/subject', '/reply/phone', '/reply/address', '/reply/note'),
          fc.oneof(text, fc.constant('13912345678'), fc.constant('城关镇人民路 1 号')),
        ),
      ),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(replyData, steps, (input, edits) => {
        const model = createFormState(replySchema, replyUi, input, { validator: browserValidators.get(replySchema) });
        for (const [what, value] of edits) {
          if (what === 'choose') model.chooseAlternative('/reply', value as number);
          else model.setValue(what, value);
        }
        const liveValid = model.errors.length === 0;
        const browser = model.submit();
        const server = service.validateSubmission({ schema: replySchema, uiSchema: replyUi }, model.data, { previousData: model.data });
        expect(browser.valid).toBe(server.valid);
        expect(liveValid).toBe(server.valid);
        expect(JSON.stringify(browser.data)).toBe(JSON.stringify(server.data));
      }),
      { numRuns: 300 },
    );
  });
});
