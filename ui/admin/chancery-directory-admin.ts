/**
 * `<chancery-directory-admin>`: the org unit tree, people and their posts (role in a unit), roles
 * and out-of-office delegations, over the directory routes. Every write goes through the API,
 * whose problems are shown next to the field they name.
 */
import { css, html, nothing } from 'lit';
import { ChanceryElement } from '../shared/chancery-element.js';
import { baseStyles } from '../shared/styles.js';
import { paren } from '../shared/i18n.js';
import { at, type AdminKey } from './messages.js';

interface Unit {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  kind: string;
  parentId: string | null;
  active?: boolean;
  children?: Unit[];
}
interface User {
  id: string;
  username: string;
  displayName: string;
  displayNameEn?: string;
  unitId: string | null;
  active: boolean;
  isAdmin: boolean;
  roles?: Array<{ role: string; unitCode: string; unitName: string }>;
}
interface Role {
  key: string;
  name: string;
  nameEn: string;
}
interface Delegation {
  id: string;
  fromUserId: string;
  toUserId: string;
  startsAt: string;
  endsAt: string;
  definitionKey: string | null;
  fromName?: string;
  toName?: string;
}

type Section = 'units' | 'people' | 'rolesTitle' | 'delegations';

const formValues = (e: Event) => Object.fromEntries(new FormData(e.target as HTMLFormElement)) as Record<string, string>;

export class ChanceryDirectoryAdmin extends ChanceryElement {
  static override styles = [
    baseStyles,
    css`
      nav {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
      }
      nav button[aria-current='page'] {
        background: var(--_primary);
        color: var(--_primary-ink);
        border-color: var(--_primary);
      }
      ul.tree,
      ul.tree ul {
        list-style: none;
        padding-inline-start: 18px;
        margin: 0;
      }
      ul.tree li {
        padding: 2px 0;
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        text-align: start;
        padding: 6px 8px;
        border-bottom: 1px solid var(--_hairline);
        vertical-align: top;
      }
      form {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(170px, 1fr));
        gap: 8px;
        align-items: end;
      }
      .cols {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: 16px;
      }
      @container (max-width: 760px) {
        .cols {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];
  static override properties = {
    ...ChanceryElement.properties,
    section: { state: true },
    units: { state: true },
    tree: { state: true },
    users: { state: true },
    roles: { state: true },
    delegations: { state: true },
    q: { state: true },
    person: { state: true },
  };
  declare section: Section;
  declare units: Unit[];
  declare tree: Unit[];
  declare users: User[];
  declare roles: Role[];
  declare delegations: Delegation[];
  declare q: string;
  declare person: User | undefined;

  constructor() {
    super();
    this.section = 'units';
    this.units = [];
    this.tree = [];
    this.users = [];
    this.roles = [];
    this.delegations = [];
    this.q = '';
    this.person = undefined;
  }

  private L(k: AdminKey) {
    return at(this.lang, k);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    await this.http.run(async (api) => {
      const [flat, tree, roles, users, dels] = await Promise.all([
        api.get<{ items: Unit[] }>('/api/directory/units', { includeInactive: true }),
        api.get<{ items: Unit[] }>('/api/directory/units', { tree: true, includeInactive: true }),
        api.get<{ items: Role[] }>('/api/directory/roles'),
        api.get<{ items: User[] }>('/api/directory/users', { q: this.q, pageSize: 100, includeInactive: true }),
        api.get<{ items: Delegation[] }>('/api/directory/delegations'),
      ]);
      this.units = flat.items;
      this.tree = tree.items;
      this.roles = roles.items;
      this.users = users.items;
      this.delegations = dels.items;
    });
  }

  private async write(run: () => Promise<unknown>, form?: HTMLFormElement): Promise<void> {
    const ok = await this.http.run(async () => {
      await run();
      return true;
    });
    if (ok) {
      form?.reset();
      await this.load();
      if (this.person) await this.pick(this.person.id);
    }
  }

  private async pick(id: string): Promise<void> {
    this.person = await this.http.run((api) => api.get<User>(`/api/directory/users/${id}`));
  }

  private unitName(id: string | null): string {
    const u = this.units.find((x) => x.id === id);
    return u ? (this.lang === 'en' && u.nameEn ? u.nameEn : u.name) : '—';
  }

  private unitOptions() {
    return this.units
      .filter((u) => u.active !== false)
      .map((u) => html`<option value=${u.code}>${this.lang === 'en' && u.nameEn ? u.nameEn : u.name}</option>`);
  }

  private renderTree(nodes: Unit[]): unknown {
    return html`<ul class="tree" role=${nodes === this.tree ? 'tree' : 'group'} aria-label=${this.L('units')}>
      ${nodes.map(
        (u) =>
          html`<li role="treeitem" aria-expanded=${u.children?.length ? 'true' : (nothing as never)}>
            <span class=${u.active === false ? 'muted' : ''}>${this.lang === 'en' && u.nameEn ? u.nameEn : u.name}</span>
            <code class="muted">${u.code}</code>
            ${u.active === false ? html`<span class="badge due-none">${this.L('inactive')}</span>` : html`<button class="link" type="button" aria-label="${this.L('deactivate')} ${this.unitName(u.id)}" @click=${() => this.write(() => this.http.client.command('DELETE', `/api/directory/units/${u.id}`))}>${this.L('deactivate')}</button>`}
            ${u.children?.length ? this.renderTree(u.children) : nothing}
          </li>`,
      )}
    </ul>`;
  }

  private renderUnits() {
    return html`<div class="cols">
      <section class="card">${this.renderTree(this.tree)}</section>
      <form
        class="card"
        aria-label=${this.L('addUnit')}
        @submit=${(e: Event) => {
          e.preventDefault();
          const v = formValues(e);
          void this.write(
            () =>
              this.http.client.command('POST', '/api/directory/units', {
                code: v.code,
                name: v.name,
                ...(v.nameEn ? { nameEn: v.nameEn } : {}),
                kind: v.kind,
                ...(v.parentId ? { parentId: v.parentId } : {}),
              }),
            e.target as HTMLFormElement,
          );
        }}
      >
        <h3>${this.L('addUnit')}</h3>
        <label class="field"
          >${this.L('code')}<input
            name="code"
            required
            pattern="^[a-z0-9][a-z0-9\\-]{0,62}$"
            aria-invalid=${this.http.issue('/code') ? 'true' : 'false'} /></label
        >${this.http.fieldError('/code', 'unit-code-err')}
        <label class="field">${this.L('name')}<input name="name" required /></label>
        <label class="field">${this.L('nameEn')}<input name="nameEn" lang="en" /></label>
        <label class="field"
          >${this.L('unitKind')}<select name="kind">
            ${['section', 'department', 'township', 'office', 'county'].map((k) => html`<option value=${k}>${k}</option>`)}
          </select></label
        >
        <label class="field"
          >${this.L('parent')}<select name="parentId">
            <option value=""></option>
            ${this.unitOptions()}
          </select></label
        >
        <div><button class="btn primary" type="submit">${this.L('addUnit')}</button></div>
      </form>
    </div>`;
  }

  private renderPeople() {
    const p = this.person;
    return html`<div class="cols">
      <section class="stack">
        <form
          role="search"
          @submit=${(e: Event) => {
            e.preventDefault();
            this.q = formValues(e).q ?? '';
            void this.load();
          }}
        >
          <label class="field">${this.L('search')}<input name="q" type="search" .value=${this.q} /></label>
          <div><button class="btn" type="submit">${this.L('search')}</button></div>
        </form>
        <table>
          <thead>
            <tr>
              <th>${this.L('displayName')}</th>
              <th>${this.L('username')}</th>
              <th>${this.L('unit')}</th>
            </tr>
          </thead>
          <tbody>
            ${this.users.map(
              (u) =>
                html`<tr>
                  <td>
                    <button class="link" type="button" @click=${() => this.pick(u.id)}>${u.displayName}</button
                    >${u.active ? nothing : html` <span class="badge due-none">${this.L('inactive')}</span>`}
                  </td>
                  <td>${u.username}</td>
                  <td>${this.unitName(u.unitId)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section class="stack">
        ${
          p
            ? html`<div class="card stack">
                <h3>${this.lang === 'en' && p.displayNameEn ? p.displayNameEn : p.displayName}${paren(this.lang, p.username)}</h3>
                <h4>${this.L('memberships')}</h4>
                <ul>
                  ${(p.roles ?? []).map((r) => html`<li>${r.role} @ ${r.unitName} <button class="link" type="button" @click=${() => this.write(() => this.http.client.command('DELETE', `/api/directory/users/${p.id}/memberships/${r.role}/${r.unitCode}`))}>${this.L('remove')}</button></li>`)}
                </ul>
                <form
                  aria-label=${this.L('addMembership')}
                  @submit=${(e: Event) => {
                    e.preventDefault();
                    const v = formValues(e);
                    void this.write(
                      () => this.http.client.command('POST', `/api/directory/users/${p.id}/memberships`, { role: v.role, unit: v.unit }),
                      e.target as HTMLFormElement,
                    );
                  }}
                >
                  <label class="field"
                    >${this.L('role')}<select name="role">
                      ${this.roles.map((r) => html`<option value=${r.key}>${this.lang === 'en' && r.nameEn ? r.nameEn : r.name}</option>`)}
                    </select></label
                  >
                  <label class="field"
                    >${this.L('unit')}<select name="unit">
                      ${this.unitOptions()}
                    </select></label
                  >
                  <div><button class="btn" type="submit">${this.L('addMembership')}</button></div>
                </form>
              </div>`
            : html`<p class="hint">${this.L('selectUser')}</p>`
        }
        <form
          class="card"
          aria-label=${this.L('addUser')}
          @submit=${(e: Event) => {
            e.preventDefault();
            const v = formValues(e);
            void this.write(
              () =>
                this.http.client.command('POST', '/api/directory/users', {
                  username: v.username,
                  displayName: v.displayName,
                  password: v.password,
                  ...(v.unitId ? { unitId: v.unitId } : {}),
                }),
              e.target as HTMLFormElement,
            );
          }}
        >
          <h3>${this.L('addUser')}</h3>
          <label class="field">${this.L('username')}<input name="username" required autocomplete="off" /></label
          >${this.http.fieldError('/username', 'user-name-err')}
          <label class="field">${this.L('displayName')}<input name="displayName" required /></label>
          <label class="field">${this.L('password')}<input name="password" type="password" minlength="8" required autocomplete="new-password" /></label
          >${this.http.fieldError('/password', 'user-pw-err')}
          <label class="field"
            >${this.L('unit')}<select name="unitId">
              <option value=""></option>
              ${this.unitOptions()}
            </select></label
          >
          <div><button class="btn primary" type="submit">${this.L('addUser')}</button></div>
        </form>
      </section>
    </div>`;
  }

  private renderRoles() {
    return html`<div class="cols">
      <table>
        <thead>
          <tr>
            <th>${this.L('code')}</th>
            <th>${this.L('name')}</th>
            <th>${this.L('nameEn')}</th>
          </tr>
        </thead>
        <tbody>
          ${this.roles.map(
            (r) =>
              html`<tr>
                <td><code>${r.key}</code></td>
                <td lang="zh-CN">${r.name}</td>
                <td lang="en">${r.nameEn}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <form
        class="card"
        aria-label=${this.L('addRole')}
        @submit=${(e: Event) => {
          e.preventDefault();
          const v = formValues(e);
          void this.write(
            () => this.http.client.command('POST', '/api/directory/roles', { key: v.key, name: v.name, ...(v.nameEn ? { nameEn: v.nameEn } : {}) }),
            e.target as HTMLFormElement,
          );
        }}
      >
        <h3>${this.L('addRole')}</h3>
        <label class="field">${this.L('code')}<input name="key" required pattern="^[a-z][a-z0-9\\-]{0,62}$" /></label>
        <label class="field">${this.L('name')}<input name="name" required /></label
        ><label class="field">${this.L('nameEn')}<input name="nameEn" lang="en" /></label>
        <div><button class="btn primary" type="submit">${this.L('addRole')}</button></div>
      </form>
    </div>`;
  }

  private renderDelegations() {
    const name = (id: string) => this.users.find((u) => u.id === id)?.displayName ?? id.slice(0, 8);
    return html`<div class="stack">
      <table>
        <thead>
          <tr>
            <th>${this.L('from')}</th>
            <th>${this.L('to')}</th>
            <th>${this.L('startsAt')}</th>
            <th>${this.L('endsAt')}</th>
            <th>${this.L('definitionKey')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${this.delegations.map(
            (d) =>
              html`<tr>
                <td>${d.fromName ?? name(d.fromUserId)}</td>
                <td>${d.toName ?? name(d.toUserId)}</td>
                <td>${new Date(d.startsAt).toLocaleString(this.lang)}</td>
                <td>${new Date(d.endsAt).toLocaleString(this.lang)}</td>
                <td>${d.definitionKey ?? '—'}</td>
                <td>
                  <button class="link" type="button" @click=${() => this.write(() => this.http.client.command('DELETE', `/api/directory/delegations/${d.id}`))}>
                    ${this.L('remove')}
                  </button>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      <form
        class="card"
        aria-label=${this.L('addDelegation')}
        @submit=${(e: Event) => {
          e.preventDefault();
          const v = formValues(e);
          void this.write(
            () =>
              this.http.client.command('POST', '/api/directory/delegations', {
                from: v.from,
                to: v.to,
                startsAt: new Date(v.startsAt!).toISOString(),
                endsAt: new Date(v.endsAt!).toISOString(),
                ...(v.definitionKey ? { definitionKey: v.definitionKey } : {}),
              }),
            e.target as HTMLFormElement,
          );
        }}
      >
        <h3>${this.L('addDelegation')}</h3>
        <label class="field">${this.L('from')}<input name="from" required placeholder="zhuren" /></label>${this.http.fieldError('/from', 'del-from-err')}
        <label class="field">${this.L('to')}<input name="to" required placeholder="zongheke1" /></label>${this.http.fieldError('/to', 'del-to-err')}
        <label class="field">${this.L('startsAt')}<input name="startsAt" type="datetime-local" required /></label>
        <label class="field">${this.L('endsAt')}<input name="endsAt" type="datetime-local" required /></label>${this.http.fieldError('/endsAt', 'del-end-err')}
        <label class="field">${this.L('definitionKey')}<input name="definitionKey" /></label>
        <div><button class="btn primary" type="submit">${this.L('addDelegation')}</button></div>
      </form>
    </div>`;
  }

  protected override render() {
    const sections: Section[] = ['units', 'people', 'rolesTitle', 'delegations'];
    const body = {
      units: () => this.renderUnits(),
      people: () => this.renderPeople(),
      rolesTitle: () => this.renderRoles(),
      delegations: () => this.renderDelegations(),
    }[this.section];
    return html`<div class="stack">
      <h1>${this.L('directory')}</h1>
      <nav aria-label=${this.L('directory')}>
        ${sections.map((s) => html`<button class="btn small" type="button" aria-current=${this.section === s ? 'page' : 'false'} @click=${() => (this.section = s)}>${this.L(s)}</button>`)}
      </nav>
      ${this.http.alert(['/code', '/username', '/password', '/from', '/to', '/endsAt'])} ${body()}
    </div>`;
  }
}
