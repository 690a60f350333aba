/**
 * The 意见栏 as on a 发文稿纸, on the task page and the case page: per opinion the step, who, the
 * opinion, when, and the handwritten signature the signer gave in their form's signature field.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { API, call, taskOf, tokenOf } from './support.js';
import { mountAs, settled } from './scan.js';

const definition = {
  key: 'signed-sheet-ui',
  title: { 'zh-CN': '发文稿纸（意见栏）', en: 'Document sheet (opinions)' },
  startForm: 'draft',
  forms: {
    draft: { schema: { type: 'object', required: ['subject'], properties: { subject: { type: 'string', title: '标题' } } } },
    review: { schema: { type: 'object', required: ['sign'], properties: { sign: { type: 'object', title: '签批', 'x-chancery': 'signature' } } } },
  },
  initial: 'check',
  states: {
    check: { title: { 'zh-CN': '核稿', en: 'Proofread' }, task: { assign: { user: 'zongheke2' } }, on: { submit: 'director' } },
    director: {
      title: { 'zh-CN': '签发', en: 'Sign-off' },
      approval: { assign: { user: 'zhuren' }, mode: 'any', form: 'review' },
      on: { approve: 'file', reject: 'done' },
    },
    file: { title: { 'zh-CN': '归档', en: 'File' }, task: { assign: { initiator: true } }, on: { submit: 'done' } },
    done: { final: true },
  },
};

/** A real 40×20 PNG with a stroke on it, as the signature pad would save. */
async function signaturePng(): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = 40;
  canvas.height = 20;
  const ctx = canvas.getContext('2d')!;
  ctx.moveTo(2, 10);
  ctx.lineTo(38, 12);
  ctx.stroke();
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
}

afterEach(() => {
  document.body.replaceChildren();
  localStorage.removeItem('chancery.lang');
});

describe('the 意见栏 with signatures', () => {
  it('shows each opinion with its step, signer, time and the handwritten signature, on the task and the case page', { timeout: 120_000 }, async () => {
    await call('POST', `/api/definitions/${definition.key}/publish`, 'admin', { definition });
    const subject = `意见栏签名测试 ${Date.now() % 100000}`;
    const { id } = await call<{ id: string }>('POST', '/api/instances', 'zongheke1', { definition: definition.key, data: { subject } });
    await call('POST', `/api/tasks/${await taskOf('zongheke2', id)}/complete`, 'zongheke2', { opinion: '文字已核。' });
    const body = new FormData();
    body.set('file', new File([await signaturePng()], '签名.png', { type: 'image/png' }));
    const uploaded = await fetch(`${API}/api/files`, { method: 'POST', body, headers: { authorization: `Bearer ${await tokenOf('zhuren')}` } });
    expect(uploaded.status).toBe(201);
    await call('POST', `/api/tasks/${await taskOf('zhuren', id)}/complete`, 'zhuren', {
      outcome: 'approve',
      data: { sign: await uploaded.json() },
      opinion: '同意印发。',
    });

    // The drafter files it: the task page's 意见栏
    await mountAs('zongheke1', `#/tasks/${await taskOf('zongheke1', id)}`, 'zh-CN');
    await settled('同意印发。', 'the task');
    for (const where of ['task', 'case']) {
      const sheet = page.getByRole('region', { name: '意见栏' });
      await expect.element(sheet.getByRole('columnheader', { name: '签名' }), { message: where }).toBeVisible();
      const signed = sheet.getByRole('row').filter({ hasText: '同意印发。' });
      await expect.element(signed.getByRole('rowheader', { name: '签发' })).toBeVisible();
      await expect.element(signed.getByText('陈刚')).toBeVisible();
      const image = signed.getByRole('img', { name: '陈刚的手写签名' });
      await expect.element(image).toBeVisible();
      await expect.poll(() => (image.element() as HTMLImageElement).naturalWidth).toBe(40);
      // the proofreader gave an opinion and no signature
      const proofread = sheet.getByRole('row').filter({ hasText: '文字已核。' });
      await expect.element(proofread.getByRole('rowheader', { name: '核稿' })).toBeVisible();
      expect(proofread.getByRole('img').elements()).toHaveLength(0);
      if (where === 'task') {
        await mountAs('zongheke1', `#/cases/${id}`, 'zh-CN');
        await settled('同意印发。', 'the case');
      }
    }

    await mountAs('zongheke1', `#/cases/${id}`, 'en');
    await settled('同意印发。', 'the case in English');
    const sheet = page.getByRole('region', { name: 'Opinions so far' });
    await expect.element(sheet.getByRole('columnheader', { name: 'Signature' })).toBeVisible();
    await expect.element(sheet.getByRole('img', { name: 'Handwritten signature of Chen Gang (office director)' })).toBeVisible();
  });
});
