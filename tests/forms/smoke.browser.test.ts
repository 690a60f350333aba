import { describe, expect, it } from 'vitest';
import { LitElement, html } from 'lit';

class SmokeEl extends LitElement {
  static properties = { name: { type: String } };
  declare name: string;
  constructor() {
    super();
    this.name = '世界';
  }
  render() {
    return html`<p>你好，${this.name}</p>`;
  }
}
customElements.define('smoke-el', SmokeEl);

describe('smoke', () => {
  it('renders a Lit element in Chromium', async () => {
    const el = document.createElement('smoke-el') as SmokeEl;
    document.body.append(el);
    await el.updateComplete;
    el.name = 'Chancery';
    await el.updateComplete;
    expect(el.shadowRoot?.textContent).toContain('你好，Chancery');
  });
});
