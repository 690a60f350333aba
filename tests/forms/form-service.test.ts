import { describe, expect, it } from 'vitest';
import { pruneHidden } from '../../forms/model/evaluate-form.js';
import { createFormService } from '../../forms/server/form-service.js';
import { petitionSchema, petitionUi, validIntake } from './petition-form.js';

const form = { schema: petitionSchema, uiSchema: petitionUi };

describe('form service', () => {
  it('prunes the phone of an anonymous petition and recomputes the summary on the server', () => {
    const service = createFormService();
    const result = service.validateSubmission(form, { ...validIntake, realName: false, summary: 'forged' }, { lang: 'zh-CN' });
    expect(result.valid).toBe(true);
    expect(result.data).not.toHaveProperty('phone');
    expect(result.data).not.toHaveProperty('name');
    expect(result.data).toHaveProperty('summary', '来访：匿名');
  });

  it('pruneHidden is the same pruning the submission uses', () => {
    const data = { ...validIntake, realName: false };
    expect(pruneHidden(petitionSchema, petitionUi, data, undefined)).toEqual(createFormService().validateSubmission(form, data).data);
  });

  it('reports issues named by label in the requested language', () => {
    const service = createFormService();
    const { valid, issues } = service.validateSubmission(form, { realName: true }, { lang: 'en' });
    expect(valid).toBe(false);
    expect(issues.map((i) => i.message)).toContain('"Petitioner name" is required');
  });

  it('restores read-only fields from the stored data so they cannot be changed', () => {
    const service = createFormService();
    const previousData = { ...validIntake };
    const forged = { ...validIntake, source: '领导批示', issues: [{ category: '其他', description: '被篡改的问题描述' }], name: '李四' };
    const result = service.validateSubmission(form, forged, {
      permissions: { '*': 'editable', '/source': 'readonly', '/issues': 'readonly' },
      previousData,
    });
    expect(result.data).toMatchObject({ source: '来访', issues: validIntake.issues, name: '李四' });
  });

  it('keeps hidden-by-permission fields as stored and ignores what the browser sent for them', () => {
    const service = createFormService();
    const result = service.validateSubmission(
      form,
      { ...validIntake, phone: '13900000000' },
      {
        permissions: { '/phone': 'hidden' },
        previousData: validIntake,
      },
    );
    expect(result.data).toHaveProperty('phone', validIntake.phone);
  });

  it('removes read-only fields that had no stored value', () => {
    const service = createFormService();
    const result = service.validateSubmission(
      form,
      { ...validIntake, receivedOn: '2024-01-01' },
      {
        permissions: { '/receivedOn': 'readonly' },
      },
    );
    expect(result.data).not.toHaveProperty('receivedOn');
  });

  it('restores a read-only field inside every array item while the rest stays editable', () => {
    const service = createFormService();
    const previousData = { ...validIntake, issues: [{ category: '劳动社保', description: '拖欠工资三个月未发' }] };
    const result = service.validateSubmission(
      form,
      { ...validIntake, issues: [{ category: '其他', otherCategory: 'x', description: '拖欠工资四个月未发' }] },
      { permissions: { '/issues/*/category': 'readonly' }, previousData },
    );
    expect(result.data).toMatchObject({ issues: [{ category: '劳动社保', description: '拖欠工资四个月未发' }] });
    expect((result.data as { issues: object[] }).issues[0]).not.toHaveProperty('otherCategory');
  });

  it('keeps a read-only list at its stored items when only fields inside the items are editable', () => {
    const service = createFormService();
    const stored = [
      { category: '劳动社保', description: '拖欠工资三个月未发' },
      { category: '土地征收', description: '征地补偿款至今未发放' },
    ];
    const previousData = { ...validIntake, issues: stored };
    const permissions = { '*': 'readonly', '/issues/*/description': 'editable' } as const;
    // The browser drops the second item and adds a forged third: the list keeps the two stored items.
    const added = service.validateSubmission(
      form,
      { ...validIntake, issues: [{ category: '劳动社保', description: '拖欠工资四个月未发' }, stored[1], { category: '其他', description: '伪造的问题' }] },
      { permissions, previousData },
    );
    expect((added.data as { issues: unknown[] }).issues).toEqual([{ category: '劳动社保', description: '拖欠工资四个月未发' }, stored[1]]);
    const removed = service.validateSubmission(
      form,
      { ...validIntake, issues: [{ category: '劳动社保', description: '已改' }] },
      { permissions, previousData },
    );
    expect((removed.data as { issues: unknown[] }).issues).toEqual([{ category: '劳动社保', description: '已改' }, stored[1]]);
  });

  it('serves a bundle with a standalone validator, cached by content hash', async () => {
    const service = createFormService();
    const first = service.formBundle('petition-intake', form);
    expect(service.formBundle('petition-intake', structuredClone(form))).toBe(first);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    const changed = service.formBundle('petition-intake', { ...form, uiSchema: { ...petitionUi, title: '改' } });
    expect(changed.hash).not.toBe(first.hash);
    const { default: validate } = (await import(`data:text/javascript,${encodeURIComponent(first.validatorModule)}`)) as {
      default: (d: unknown) => boolean;
    };
    expect(validate(validIntake)).toBe(true);
  });

  it('refuses an invalid form schema with a ChanceryError', () => {
    const service = createFormService();
    expect(() => service.formBundle('bad', { schema: { type: 'object', properties: { a: { type: 'nope' } } } })).toThrowError(
      expect.objectContaining({ code: 'form.bundle_invalid' }),
    );
  });

  it('rejects instead of crashing on data that makes the validator throw', () => {
    const schema = { type: 'object', properties: { tags: { type: 'array', uniqueItems: true } } };
    const result = createFormService().validateSubmission({ schema }, { tags: [{ a: 1 }, { toString: {} }] });
    expect(result.valid).toBe(false);
    expect(result.issues[0]?.keyword).toBe('exception');
  });
});
