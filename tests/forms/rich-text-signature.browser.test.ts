/** Rich text (Tiptap) and handwritten signatures (signature_pad) in `<chancery-form>`. */
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { fakeUpload, mountForm, shadow } from './pages/fixtures.js';
import type { FileRef } from '../../forms/widgets/types.js';
import type { JsonSchema } from '../../forms/model/types.js';

const schema: JsonSchema = {
  type: 'object',
  required: ['body'],
  properties: {
    body: { type: 'object', title: '正文', 'x-chancery': 'richtext' },
    sign: { type: 'object', title: '签批', 'x-chancery': 'signature' },
  },
};

async function seriousViolations(context: Element) {
  const result = await axe.run(context, { resultTypes: ['violations'] });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('rich text', () => {
  it('edits with formatting and stores { html, text }', async () => {
    const form = await mountForm({ schema });
    const box = page.getByRole('textbox', { name: '正文' });
    await expect.element(box).toBeVisible();
    await userEvent.click(box);
    await userEvent.keyboard('请各单位');
    await userEvent.click(page.getByRole('button', { name: '加粗' }));
    await userEvent.keyboard('按时报送');
    await expect.poll(() => (form.data as { body?: { html: string } }).body?.html).toBe('<p>请各单位<strong>按时报送</strong></p>');
    expect(form.data).toEqual({ body: { html: '<p>请各单位<strong>按时报送</strong></p>', text: '请各单位按时报送' } });
    await expect.element(page.getByRole('button', { name: '加粗' })).toHaveAttribute('aria-pressed', 'true');
    expect(await seriousViolations(form)).toEqual([]);
  });

  it('shows stored rich text without running markup the editor does not know, and reviews as plain text', async () => {
    const html = '<p>已有<em>正文</em><img src=x onerror="window.__pwned=1"></p>';
    const form = await mountForm({ schema, data: { body: { html, text: '已有正文' } } });
    await expect.element(page.getByRole('textbox', { name: '正文' })).toHaveTextContent('已有正文');
    expect(shadow(form).querySelector('.ProseMirror em')?.textContent).toBe('正文');
    expect(shadow(form).querySelectorAll('img')).toHaveLength(0);
    const review = await mountForm({ schema, data: { body: { html, text: '已有正文' } }, readonly: true });
    expect(shadow(review).querySelector('[data-pointer="/body"]')?.textContent).toBe('已有正文');
    expect(shadow(review).querySelectorAll('em, img')).toHaveLength(0);
  });

  it('a required empty editor is an error named by its label', async () => {
    const form = await mountForm({ schema, lang: 'en' });
    await expect.element(page.getByRole('textbox', { name: '正文' })).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Submit' }));
    expect(form.errors.map((e) => e.message)).toContain('"正文" is required');
  });
});

describe('handwritten signature', () => {
  function draw(canvas: HTMLCanvasElement) {
    const box = canvas.getBoundingClientRect();
    const at = (x: number, y: number, type: string, buttons: number) =>
      canvas.dispatchEvent(
        new PointerEvent(type, {
          clientX: box.left + x,
          clientY: box.top + y,
          pointerId: 1,
          pointerType: 'mouse',
          isPrimary: true,
          button: 0,
          buttons,
          bubbles: true,
          composed: true,
        }),
      );
    at(20, 40, 'pointerdown', 1);
    for (let i = 1; i <= 20; i += 1) at(20 + i * 8, 40 + (i % 5) * 10, 'pointermove', 1);
    at(180, 60, 'pointerup', 0);
  }

  it('is drawn, uploaded as a PNG through the form’s uploader, and kept as that file’s ref; the saved image shows', async () => {
    const uploaded: File[] = [];
    const loaded: string[] = [];
    const form = await mountForm({
      schema,
      uploader: async (file: File) => {
        uploaded.push(file);
        return fakeUpload(file);
      },
      downloader: async (ref: FileRef) => {
        loaded.push(ref.id);
        return uploaded[0] ?? new Blob();
      },
    });
    await expect.element(page.getByRole('button', { name: '确认签名' })).toBeDisabled();
    const canvas = await expect
      .poll(() => shadow(form).querySelector<HTMLCanvasElement>('canvas.signature-pad'))
      .toBeTruthy()
      .then(() => shadow(form).querySelector<HTMLCanvasElement>('canvas.signature-pad')!);
    await expect.poll(() => canvas.width).toBeGreaterThan(1);
    draw(canvas);
    await expect.element(page.getByRole('button', { name: '确认签名' })).toBeEnabled();
    await userEvent.click(page.getByRole('button', { name: '确认签名' }));
    await expect.poll(() => (form.data as { sign?: FileRef }).sign?.mime).toBe('image/png');
    expect(uploaded.map((f) => [f.name, f.type])).toEqual([['签名.png', 'image/png']]);
    const bytes = new Uint8Array(await uploaded[0]!.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await expect.poll(() => shadow(form).querySelector('chancery-file-image img')?.getAttribute('src') ?? '').toMatch(/^blob:/);
    expect(loaded).toEqual([(form.data as { sign: FileRef }).sign.id]);
    await expect.element(page.getByRole('img', { name: '「签批」手写签名' })).toBeVisible();
    expect(await seriousViolations(form)).toEqual([]);
  });

  it('shows as an image in review and print', async () => {
    const ref = await fakeUpload(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], '签名.png', { type: 'image/png' }));
    const review = await mountForm({
      schema,
      data: { body: { html: '<p>x</p>', text: 'x' }, sign: ref },
      readonly: true,
      downloader: async () => new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }),
    });
    await expect.poll(() => shadow(review).querySelector('[data-pointer="/sign"] img')?.getAttribute('alt')).toBe('签批');
  });
});
