/**
 * Rich text and handwritten signatures through the API: the server cleans rich text on start and on
 * completion, and a signature is an uploaded PNG's file ref that the case then holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../core/definition/types.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { publishDefinition, taskOf } from './helpers.js';

const definition: WorkflowDefinition = {
  key: 'signed-notice',
  title: { 'zh-CN': '通知签发', en: 'Notice sign-off' },
  startForm: 'draft',
  forms: {
    draft: { schema: { type: 'object', required: ['body'], properties: { body: { type: 'object', title: '正文', 'x-chancery': 'richtext' } } } },
    review: {
      schema: {
        type: 'object',
        required: ['sign'],
        properties: { opinion: { type: 'string', title: '意见' }, sign: { type: 'object', title: '签批', 'x-chancery': 'signature' } },
      },
      uiSchema: { fields: { '/opinion': { widget: 'opinion' } } },
    },
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

describe('HTTP: rich text and signatures', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await publishDefinition(s, definition);
  });
  afterAll(() => s.close());

  async function upload(as: string, bytes: Uint8Array<ArrayBuffer>, name: string, type: string) {
    const form = new FormData();
    form.set('file', new File([bytes], name, { type }));
    const res = await s.app.request('/api/files', { method: 'POST', body: form, headers: { authorization: `Bearer ${await s.token(as)}` } });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; name: string; size: number; sha256: string; mime: string };
  }
  // The eight-byte PNG signature and an empty IHDR are enough for the server's type sniffing.
  const pngBytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);

  it('stores the started case’s rich text cleaned, with its plain text derived on the server', async () => {
    const res = await s.call('POST', '/api/instances', {
      as: 'zongheke1',
      body: {
        definition: 'signed-notice',
        data: {
          body: { html: '<p onmouseover="steal()">请各单位<b>按时</b>报送<script>alert(1)</script><a href="javascript:alert(1)">链接</a></p>', text: 'forged' },
        },
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const kase = await s.call('GET', `/api/instances/${res.body.id}`, { as: 'admin' });
    expect(kase.body.data.draft.body).toEqual({
      html: '<p>请各单位<b>按时</b>报送<a rel="noopener noreferrer nofollow">链接</a></p>',
      text: '请各单位按时报送链接',
    });
  });

  it('refuses rich text sent as a bare HTML string, pointing at it, and starts nothing', async () => {
    const res = await s.call('POST', '/api/instances', {
      as: 'zongheke1',
      body: { definition: 'signed-notice', data: { body: '<p>x</p>' } },
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'form.invalid', pointer: '/data/body' });
    expect(res.body.error.details.issues[0].message).toBe('"正文" must be rich text ({ html, text })');
  });

  it('completes an approval with a signature uploaded as a PNG; the case holds the file and its readers may download it', async () => {
    const started = await s.call('POST', '/api/instances', { as: 'zongheke1', body: { definition: 'signed-notice', data: { body: { html: '<p>通知</p>' } } } });
    const id = started.body.id as string;
    const director = (
      await s.db.execute<{ username: string }>(
        `SELECT u.username FROM app_user u JOIN membership m ON m.user_id = u.id JOIN org_unit o ON o.id = m.unit_id WHERE m.role_key = 'office-director' AND o.code = 'office' LIMIT 1`,
      )
    )[0]!.username;
    const sign = await upload(director, pngBytes, '签名.png', 'image/png');
    const pdf = await upload(director, new TextEncoder().encode('%PDF-1.4\n%%EOF'), 'x.pdf', 'application/pdf');
    const taskId = await taskOf(s, director, id);
    const refused = await s.call('POST', `/api/tasks/${taskId}/complete`, { as: director, body: { outcome: 'approve', data: { opinion: '同意', sign: pdf } } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.pointer).toBe('/data/sign');
    const done = await s.call('POST', `/api/tasks/${taskId}/complete`, { as: director, body: { outcome: 'approve', data: { opinion: '同意', sign } } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const kase = await s.call('GET', `/api/instances/${id}`, { as: 'zongheke1' });
    expect(kase.body.data.review.sign).toEqual(sign);
    // The initiator may read the case, so may see the signature image.
    const image = await s.call('GET', `/api/files/${sign.id}`, { as: 'zongheke1' });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
  });
});
