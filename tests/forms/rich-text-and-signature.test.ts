/** The server's word on rich text and signatures: HTML cleaned by an allow-list, text derived again, wrong shapes refused with a pointer. */
import { describe, expect, it } from 'vitest';
import { createFormService } from '../../forms/server/form-service.js';
import { sanitizeRichText } from '../../forms/server/own-values.js';
import type { JsonSchema } from '../../forms/model/types.js';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    body: { type: 'object', title: '正文', 'x-chancery': 'richtext' },
    sign: { type: 'object', title: '签批', 'x-chancery': 'signature' },
  },
};
const form = { schema };
const png = { id: '0b7c5a3e-2d1f-4e8a-9c6b-1a2b3c4d5e6f', name: '签名.png', size: 1200, sha256: 'a'.repeat(64), mime: 'image/png' };

describe('rich text on the server', () => {
  it('removes scripts, event handlers, styles and javascript: links, and derives the plain text from what is left', () => {
    const html =
      '<h2 style="color:red">关于春季防汛的通知</h2><p onclick="steal()">各乡镇：<strong>请于</strong>3 月 5 日前报送。<script>alert(1)</script></p><ul><li>一、值班</li><li>二、物资 &amp; 人员</li></ul><p><a href="javascript:alert(1)">点此</a> <a href="https://gov.example.cn/x">附件</a><img src=x onerror=alert(1)><iframe src="https://evil.example"></iframe></p>';
    const { html: clean, text } = sanitizeRichText(html);
    expect(clean).not.toMatch(/script|onclick|onerror|style=|javascript:|<img|<iframe/i);
    expect(clean).toContain('<strong>请于</strong>');
    expect(clean).toContain('<a href="https://gov.example.cn/x" rel="noopener noreferrer nofollow">附件</a>');
    expect(text).toBe('关于春季防汛的通知\n各乡镇：请于3 月 5 日前报送。\n一、值班\n二、物资 & 人员\n点此 附件');
  });

  it('stores { html, text } cleaned on every submission, whatever text the browser claimed', () => {
    const result = createFormService().validateSubmission(form, { body: { html: '<p>同意<script>x()</script></p>', text: 'forged' } });
    expect(result).toMatchObject({ valid: true, data: { body: { html: '<p>同意</p>', text: '同意' } } });
  });

  it('refuses a rich-text value of another shape with its pointer, in zh-CN and en', () => {
    const service = createFormService();
    const zh = service.validateSubmission(form, { body: '<p>raw</p>' });
    expect(zh.valid).toBe(false);
    expect(zh.issues).toMatchObject([{ pointer: '/body', keyword: 'richtext', message: '「正文」应为富文本（{ html, text }）' }]);
    const en = service.validateSubmission(form, { body: { html: '<p>x</p>', script: 1 } }, { lang: 'en' });
    expect(en.issues.map((i) => i.message)).toEqual(['"正文" must be rich text ({ html, text })']);
    const long = service.validateSubmission(form, { body: { html: `<p>${'长'.repeat(200_001)}</p>` } }, { lang: 'en' });
    expect(long.issues.map((i) => i.keyword)).toEqual(['richtextLength']);
  });
});

describe('signatures on the server', () => {
  it('takes the file ref of an uploaded PNG and refuses anything else with its pointer', () => {
    const service = createFormService();
    expect(service.validateSubmission(form, { sign: png })).toMatchObject({ valid: true, data: { sign: png } });
    const pdf = service.validateSubmission(form, { sign: { ...png, mime: 'application/pdf' } }, { lang: 'en' });
    expect(pdf.issues).toMatchObject([{ pointer: '/sign', keyword: 'signature', message: '"签批" must be an uploaded handwritten signature (PNG)' }]);
    expect(service.validateSubmission(form, { sign: 'data:image/png;base64,AAAA' }).issues.map((i) => i.pointer)).toEqual(['/sign']);
  });
});
