/**
 * `<chancery-app>`: the staff workspace at `/`. Signs people in (a short-lived access token and
 * a refresh token in sessionStorage, so closing the browser signs out; an expired access token is
 * refreshed transparently), holds the one API client every screen
 * shares, routes `#/…` hashes to the screens in `routes.ts`, switches zh-CN / en (remembered),
 * and turns the screens' events (`chancery-open-task`, `chancery-open-case`,
 * `chancery-task-done`, `chancery-navigate`, …) into navigation.
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import { createApiClient, type ApiClient } from '../shared/api-client.js';
import { createTokenSession, type SignInAnswer } from '../shared/token-session.js';
import { pickLang } from '../../core/errors.js';
import { textOf } from '../shared/i18n.js';
import { t } from '../shared/messages.js';
import { baseStyles } from '../shared/styles.js';
import type { Me } from '../shared/types.js';
import { ChanceryElement } from '../shared/chancery-element.js';
import { LiveController } from '../shared/live-controller.js';
import { matchRoute, parseHash } from './router.js';
import { mayOpen, routes as defaultRoutes, type AppRoute } from './routes.js';

const LANG_KEY = 'chancery.lang';

export class ChanceryApp extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        min-height: 100vh;
        background: var(--_page);
      }
      .skip {
        position: absolute;
        left: 8px;
        top: -60px;
        z-index: 50;
        background: var(--_surface);
        padding: 8px 12px;
        border-radius: var(--_radius);
      }
      .skip:focus {
        top: 8px;
      }
      header.bar {
        background: var(--chancery-header, #9f1b1f);
        color: #fff;
      }
      /* The bar spans the window (an admin's nine screens fit at 1366 px); the page below stays 1200 px. */
      .bar-inner {
        max-width: 1440px;
        margin: 0 auto;
        padding: 0 16px;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0 16px;
        min-height: 60px;
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 10px;
        color: #fff;
        text-decoration: none;
        font-weight: 700;
        font-size: 1.15rem;
        padding: 8px 0;
      }
      .brand .seal {
        width: 30px;
        height: 30px;
        border-radius: 50%;
        background: #fff;
        color: #9f1b1f;
        display: grid;
        place-items: center;
        font-size: 0.95rem;
      }
      /* The seal is a mark, not text: the same in both languages. */
      .brand .seal::before {
        content: '政';
      }
      .brand small {
        display: block;
        font-weight: 400;
        font-size: 0.75rem;
        opacity: 0.9;
      }
      nav ul {
        list-style: none;
        display: flex;
        gap: 2px;
        margin: 0;
        padding: 0;
      }
      nav a {
        display: flex;
        align-items: center;
        gap: 6px;
        min-height: 60px;
        padding: 0 11px;
        color: #fff;
        text-decoration: none;
        font-weight: 600;
        border-bottom: 4px solid transparent;
        white-space: nowrap;
      }
      nav a:hover {
        background: rgb(255 255 255 / 0.1);
      }
      nav a[aria-current='page'] {
        border-bottom-color: #fff;
        background: rgb(0 0 0 / 0.15);
      }
      nav a:focus-visible,
      .tools .btn:focus-visible,
      .brand:focus-visible {
        outline: 3px solid #fff;
        outline-offset: -3px;
      }
      .count {
        background: #fff;
        color: #9f1b1f;
        border-radius: 999px;
        padding: 0 7px;
        font-size: 0.8rem;
        line-height: 1.5;
      }
      .tools {
        margin-inline-start: auto;
        display: flex;
        align-items: center;
        gap: 8px;
      }
      .tools .who {
        font-size: 0.9rem;
        opacity: 0.95;
      }
      .tools .btn {
        background: transparent;
        color: #fff;
        border-color: rgb(255 255 255 / 0.7);
        min-height: 38px;
        padding: 4px 12px;
      }
      .tools .btn:hover {
        background: rgb(255 255 255 / 0.12);
      }
      main {
        max-width: 1200px;
        margin: 0 auto;
        padding: 24px 16px 48px;
        outline: none;
      }
      .login {
        max-width: 420px;
        margin: 8vh auto;
      }
      .flash {
        margin-bottom: 16px;
      }
      .admin-nav {
        max-width: 1200px;
        margin: 0 auto;
        padding: 8px 16px 0;
      }
      /* With the admin screens the tagline would push the bar onto two rows. */
      :host([admin]) .brand small {
        display: none;
      }
      @container (max-width: 1440px) {
        :host([admin]) .tools .who {
          display: none;
        }
        :host([admin]) nav a {
          padding: 0 9px;
        }
      }
      @container (max-width: 1100px) {
        .brand small {
          display: none;
        }
      }
      /* A phone: one slim bar (seal, short name, language, sign out), the screens in a row below
         that wraps rather than hiding the last ones off-screen. */
      @container (max-width: 760px) {
        .bar-inner {
          padding: 0 10px;
          gap: 0 8px;
          min-height: 44px;
        }
        .brand {
          font-size: 1rem;
          padding: 4px 0;
          gap: 8px;
        }
        .brand .seal {
          width: 26px;
          height: 26px;
          font-size: 0.85rem;
        }
        .tools {
          gap: 6px;
        }
        .tools .who {
          display: none;
        }
        .tools .btn {
          min-height: 34px;
          padding: 2px 8px;
          font-size: 0.9rem;
        }
        nav {
          order: 3;
          width: calc(100% + 20px);
          margin: 0 -10px;
          background: rgb(0 0 0 / 0.12);
        }
        nav ul {
          flex-wrap: wrap;
        }
        nav a {
          min-height: 40px;
          padding: 0 9px;
          font-size: 0.92rem;
          border-bottom-width: 3px;
        }
        main {
          padding: 10px 10px 40px;
        }
        .flash {
          margin-bottom: 8px;
        }
      }
      @media print {
        header.bar,
        .skip,
        .flash {
          display: none;
        }
        :host {
          background: #fff;
        }
        main {
          padding: 0;
          max-width: none;
        }
      }
    `,
  ];
  static override properties = {
    ...ChanceryElement.properties,
    me: { state: true },
    path: { state: true },
    query: { state: true },
    flash: { state: true },
    unread: { state: true },
    ready: { state: true },
    routes: { attribute: false },
  };
  declare me: Me | undefined;
  declare path: string;
  declare query: URLSearchParams;
  declare flash: string;
  declare unread: number;
  declare ready: boolean;
  /** The screens (defaults to `routes.ts`; tests and integrators may pass their own). */
  declare routes: AppRoute[];
  private readonly appClient: ApiClient;
  /** The app's own sign-in (access and refresh token), kept in sessionStorage. */
  private readonly session = createTokenSession(() => this.api ?? '', sessionStorage);
  private loaded = new Set<AppRoute>();
  private flashPath = '';
  private firstRoute = true;

  constructor() {
    super();
    this.me = undefined;
    const { path, query } = parseHash(location.hash);
    this.path = path;
    this.query = query;
    this.flash = '';
    this.unread = 0;
    this.ready = false;
    this.routes = defaultRoutes;
    // zh-CN unless this person chose English here before.
    this.lang = pickLang(localStorage.getItem(LANG_KEY));
    this.appClient = createApiClient({
      base: () => this.api ?? '',
      lang: () => this.lang,
      credentials: () => ({ token: this.token ?? this.session.token() }),
      // A token given as an attribute belongs to the page; only the app's own sign-in is refreshed here.
      refresh: async () => {
        if (this.token) return null;
        const token = await this.session.refresh();
        return token ? { token } : null;
      },
    });
  }

  private readonly onHash = () => {
    const { path, query } = parseHash(location.hash);
    this.path = path;
    this.query = query;
  };

  /** One stream for the shell while signed in: the unread badge, and open screens told of news. */
  private live = new LiveController(this, {
    client: () => this.appClient,
    enabled: () => Boolean(this.me),
    intervalMs: () => 60_000,
    onChange: () => {
      void this.refreshUnread();
      // Open screens (a case page, inside this shell's shadow root) check whether what they show changed.
      window.dispatchEvent(new CustomEvent('chancery-live'));
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    this.addEventListener('chancery-open-task', this.onOpenTask as EventListener);
    this.addEventListener('chancery-open-case', this.onOpenCase as EventListener);
    this.addEventListener('chancery-task-done', this.onTaskDone as EventListener);
    this.addEventListener('chancery-case-started', this.onCaseStarted as EventListener);
    this.addEventListener('chancery-navigate', this.onNavigate as EventListener);
    this.addEventListener('chancery-unread', ((e: CustomEvent<{ count: number }>) => {
      this.unread = e.detail.count;
    }) as EventListener);
    this.addEventListener('chancery-error', ((e: CustomEvent<{ status: number }>) => {
      if (e.detail.status === 401 && this.me) this.signOut();
    }) as EventListener);
    void this.restore();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
  }

  /** The client every screen uses (base URL from `api`, the signed-in token, the language). */
  get shared(): ApiClient {
    return this.appClient;
  }

  private async restore(): Promise<void> {
    if (this.token || this.session.token()) {
      this.me = await this.appClient.get<Me>('/api/auth/me').catch(() => {
        void this.session.signOut();
        return undefined;
      });
      if (this.me) void this.refreshUnread();
    }
    this.ready = true;
  }

  private async refreshUnread(): Promise<void> {
    const res = await this.appClient.get<{ unread: number }>('/api/notifications', { unread: true }).catch(() => undefined);
    if (res) this.unread = res.unread;
  }

  navigate(path: string): void {
    const target = `#${path}`;
    if (location.hash === target) this.onHash();
    else location.hash = target;
  }

  private onOpenTask = (e: CustomEvent<{ taskId: string }>) => {
    e.preventDefault();
    this.navigate(`/tasks/${encodeURIComponent(e.detail.taskId)}`);
  };
  private onOpenCase = (e: CustomEvent<{ instanceId: string }>) => {
    e.preventDefault();
    this.navigate(`/cases/${encodeURIComponent(e.detail.instanceId)}`);
  };
  private onTaskDone = (e: CustomEvent<{ message: string }>) => {
    this.show(e.detail.message, '/');
  };
  private onCaseStarted = (e: CustomEvent<{ instanceId: string; title: string; resendOf?: string }>) => {
    this.show(t(this.lang, e.detail.resendOf ? 'resendDone' : 'startDone', { title: e.detail.title }), `/cases/${encodeURIComponent(e.detail.instanceId)}`);
  };
  /** Navigates and shows a confirmation at the top of the next screen. */
  private show(message: string, path: string): void {
    this.flash = message;
    this.flashPath = path;
    this.navigate(path);
  }
  private onNavigate = (e: CustomEvent<{ path: string }>) => this.navigate(e.detail.path);

  private signedIn(e: CustomEvent<SignInAnswer>): void {
    this.session.save(e.detail);
    void this.restore().then(() => this.focusMain());
  }

  signOut(): void {
    void this.session.signOut();
    this.me = undefined;
    this.flash = '';
  }

  private toggleLang(): void {
    this.lang = this.lang === 'en' ? 'zh-CN' : 'en';
    localStorage.setItem(LANG_KEY, this.lang);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang')) document.documentElement.lang = this.lang;
    if (changed.has('me')) this.toggleAttribute('admin', !!this.me?.isAdmin);
    // A confirmation lives on the screen it was shown on: leaving that screen clears it.
    if (changed.has('path') && this.flash && this.path !== this.flashPath) this.flash = '';
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Signed in or out: the shell's live stream follows.
    if (changed.has('me') && Boolean(changed.get('me')) !== Boolean(this.me)) this.live.restart();
    if (changed.has('path') && this.me) {
      if (!this.firstRoute) this.focusMain();
      this.firstRoute = false;
    }
    // Signed out, every address shows the sign-in form: the title says so, not the route's name.
    const m = this.me ? this.current() : undefined;
    const screen = this.me ? (m ? textOf(m.route.title, this.lang) : '') : this.ready ? t(this.lang, 'signIn') : '';
    document.title = `${screen ? `${screen} · ` : ''}${t(this.lang, 'appName')}`;
  }

  private focusMain(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('main')?.focus({ preventScroll: false }));
  }

  private current() {
    return matchRoute(this.routes, this.path);
  }

  private renderOutlet() {
    const m = this.current();
    // Role-gated screens stay reachable by link: their API answers with a clear message why not.
    if (!m || (m.route.admin && !this.me?.isAdmin)) {
      return html`<div class="card stack">
        <p>${t(this.lang, 'notFound')}</p>
        <p><a href="#/">${t(this.lang, 'backToInbox')}</a></p>
      </div>`;
    }
    if (m.route.load && !this.loaded.has(m.route)) {
      void m.route.load().then(() => {
        this.loaded.add(m.route);
        this.requestUpdate();
      });
      return html`<p class="muted" aria-busy="true">${t(this.lang, 'loading')}</p>`;
    }
    return m.route.render({ params: m.params, query: this.query, client: this.appClient, lang: this.lang, me: this.me!, navigate: (p) => this.navigate(p) });
  }

  private renderNav(group: 'main' | 'admin') {
    const m = this.current();
    const items = this.routes.filter((r) => r.nav && (r.nav.group ?? 'main') === group && mayOpen(r, this.me)).sort((a, b) => a.nav!.order - b.nav!.order);
    return items.map((r) => {
      const active = m?.route === r || (r.path !== '/' && this.path.startsWith(`${r.path}/`));
      return html`<li>
        <a href="#${r.path}" aria-current=${active ? 'page' : nothing}
          >${textOf(r.nav!.label ?? r.title, this.lang)}${
            r.path === '/notifications' && this.unread
              ? html` <span class="count" aria-label=${t(this.lang, 'unreadCount', { n: this.unread })}>${this.unread}</span>`
              : nothing
          }</a
        >
      </li>`;
    });
  }

  protected override render() {
    const langBtn = html`<button
      type="button"
      class="btn"
      lang=${this.lang === 'en' ? 'zh-CN' : 'en'}
      title=${t(this.lang, 'languageLabel')}
      @click=${this.toggleLang}
    >
      ${t(this.lang, 'language')}
    </button>`;
    const brand = html`<a class="brand" href="#/"
      ><span class="seal" aria-hidden="true"></span><span>${t(this.lang, 'appName')}<small>${t(this.lang, 'appTagline')}</small></span></a
    >`;
    if (!this.ready) return html`<main><p class="muted" aria-busy="true">${t(this.lang, 'loading')}</p></main>`;
    if (!this.me) {
      return html`<header class="bar">
          <div class="bar-inner">
            ${brand}
            <div class="tools">${langBtn}</div>
          </div>
        </header>
        <main id="main" tabindex="-1">
          <div class="login card"><chancery-login .client=${this.appClient} lang=${this.lang} @chancery-signed-in=${this.signedIn}></chancery-login></div>
        </main>`;
    }
    const admin = this.renderNav('admin');
    return html`<a class="skip" href="#main" @click=${(e: Event) => (e.preventDefault(), this.focusMain())}>${t(this.lang, 'skip')}</a>
      <header class="bar">
        <div class="bar-inner">
          ${brand}
          <nav aria-label=${t(this.lang, 'navMain')}>
            <ul>
              ${this.renderNav('main')}${admin}
            </ul>
          </nav>
          <div class="tools">
            <span class="who">${this.lang === 'en' && this.me.displayNameEn ? this.me.displayNameEn : this.me.displayName}</span>
            ${langBtn}
            <button type="button" class="btn" @click=${() => this.signOut()}>${t(this.lang, 'signOut')}</button>
          </div>
        </div>
      </header>
      <main id="main" tabindex="-1">${this.flash ? html`<p class="notice flash" role="status">${this.flash}</p>` : nothing} ${this.renderOutlet()}</main>`;
  }
}
