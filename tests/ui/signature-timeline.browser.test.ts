/**
 * A handwritten signature (签批) given with an approval shows as its image in the case timeline
 * and in the print view of the real app.
 */
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { API, call, mountApp, signInAs, taskOf, tokenOf } from './support.js';

const definition = {
  key: 'signed-notice-ui',
  title: { 'zh-CN': '通知签发（签批）', en: 'Notice sign-off (signed)' },
  startForm: 'draft',
  forms: {
    draft: { schema: { type: 'object', required: ['subject'], properties: { subject: { type: 'string', title: '标题' } } } },
    review: { schema: { type: 'object', required: ['sign'], properties: { sign: { type: 'object', title: '签批', 'x-chancery': 'signature' } } } },
  },
  initial: 'director',
  states: {
    director: {
      title: '签发',
      approval: { assign: { role: 'office-director', unit: 'office' }, mode: 'any', form: 'review' },
      on: { approve: 'done', reject: 'done' },
    },
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

describe('signature in the case timeline', () => {
  it('shows the signature a director gave as an image in the timeline and the print view', async () => {
    await call('POST', `/api/definitions/${definition.key}/publish`, 'admin', { definition });
    const { id } = await call<{ id: string }>('POST', '/api/instances', 'zongheke1', {
      definition: definition.key,
      data: { subject: `签批测试 ${Date.now() % 100000}` },
    });
    const body = new FormData();
    body.set('file', new File([await signaturePng()], '签名.png', { type: 'image/png' }));
    const uploaded = await fetch(`${API}/api/files`, { method: 'POST', body, headers: { authorization: `Bearer ${await tokenOf('zhuren')}` } });
    expect(uploaded.status).toBe(201);
    const sign = await uploaded.json();
    await call('POST', `/api/tasks/${await taskOf('zhuren', id)}/complete`, 'zhuren', { outcome: 'approve', data: { sign } });

    await mountApp();
    await signInAs('zongheke1');
    location.hash = `#/cases/${id}`;
    const image = page.getByRole('img', { name: '手写签名（签名.png）' });
    await expect.element(image).toBeVisible();
    await expect.poll(() => (image.element() as HTMLImageElement).naturalWidth).toBe(40);

    location.hash = `#/cases/${id}/print`;
    await expect.element(page.getByRole('img', { name: '签批', exact: true })).toBeVisible();
  });
});
