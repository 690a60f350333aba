/**
 * `<chancery-login>`: sign in with a username and password (`POST /api/auth/login`). The
 * server's problems appear under the field they point at; wrong credentials as one alert.
 * Fires `chancery-signed-in` with `{ token, expiresAt, refreshToken, refreshExpiresAt, user }`.
 */
import { css, html, nothing } from 'lit';
import { ChanceryElement } from '../shared/chancery-element.js';
import { t } from '../shared/messages.js';
import { baseStyles } from '../shared/styles.js';

export class ChanceryLogin extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
      form {
        display: grid;
        gap: 16px;
      }
      .btn {
        width: 100%;
      }
    `,
  ];
  static override properties = { ...ChanceryElement.properties, username: { state: true }, password: { state: true } };
  declare username: string;
  declare password: string;

  constructor() {
    super();
    this.username = '';
    this.password = '';
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const res = await this.http.run((api) =>
      api.command<{ token: string; expiresAt: string; refreshToken: string; refreshExpiresAt: string; user: unknown }>('POST', '/api/auth/login', {
        username: this.username.trim(),
        password: this.password,
      }),
    );
    if (!res) {
      await this.updateComplete;
      const p = this.http.error?.pointer;
      this.renderRoot.querySelector<HTMLElement>(p === '/password' ? '#password' : p === '/username' ? '#username' : '.alert')?.focus();
      return;
    }
    this.emit('chancery-signed-in', res);
  }

  private field(id: 'username' | 'password', type: string, autocomplete: string) {
    const err = this.http.issue(`/${id}`);
    return html`<div class="field">
      <label for=${id}>${t(this.lang, id)}</label>
      <input
        id=${id}
        name=${id}
        type=${type}
        autocomplete=${autocomplete}
        required
        .value=${this[id]}
        aria-invalid=${err ? 'true' : 'false'}
        aria-describedby=${err ? `${id}-err` : nothing}
        @input=${(e: Event) => (this[id] = (e.target as HTMLInputElement).value)}
      />
      ${this.http.fieldError(`/${id}`, `${id}-err`)}
    </div>`;
  }

  protected override render() {
    return html`<form novalidate @submit=${this.submit} part="form" aria-labelledby="login-h">
      <h1 id="login-h">${t(this.lang, 'signInTitle')}</h1>
      ${this.http.alert(['/username', '/password'])} ${this.field('username', 'text', 'username')} ${this.field('password', 'password', 'current-password')}
      <button type="submit" class="btn primary" ?disabled=${this.http.busy}>${this.http.busy ? t(this.lang, 'signingIn') : t(this.lang, 'signIn')}</button>
    </form>`;
  }
}
