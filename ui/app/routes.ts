/**
 * The app's screens, one entry each. To add a screen (the admin designer, the dashboard), add an
 * entry to `routes` below: its `path` (`:name` segments become `params`), a `title`, `nav` when
 * it belongs in the main navigation (`group: 'admin'` puts it in the admin menu), `admin: true`
 * when only administrators may open it, `load` to import its elements lazily (a separate chunk,
 * so the inbox loads fast), and `render`, which returns the element given the context: pass
 * `.client=${ctx.client}` and `lang=${ctx.lang}` so it shares the signed-in API client. Screens
 * move around by firing `chancery-navigate` with `{ path: '/admin/workflows' }`.
 *
 * @example
 * {
 *   path: '/admin/workflows/:key',
 *   title: { 'zh-CN': '流程设计', en: 'Workflow designer' },
 *   admin: true,
 *   load: () => import('../admin/workflow-designer.js'),
 *   render: (ctx) => html`<chancery-workflow-designer .client=${ctx.client} lang=${ctx.lang} key=${ctx.params.key}></chancery-workflow-designer>`,
 * },
 */
import { html, type TemplateResult } from 'lit';
import type { ApiClient } from '../shared/api-client.js';
import type { I18nText, Lang } from '../shared/i18n.js';
import type { Me } from '../shared/types.js';

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  client: ApiClient;
  lang: Lang;
  me: Me;
  navigate(path: string): void;
}

export interface AppRoute {
  path: string;
  title: I18nText;
  /** Shown in the navigation; lower `order` first. */
  nav?: { label?: I18nText; order: number; group?: 'main' | 'admin' };
  /** Only administrators may open it (the API checks again). */
  admin?: boolean;
  /** Offered in the navigation only to holders of one of these roles (or administrators); the API decides. */
  roles?: string[];
  /** Imports the screen's elements before the first render (a lazily loaded chunk). */
  load?: () => Promise<unknown>;
  render(ctx: RouteContext): TemplateResult;
}

/** Whether `me` may open `route`: admins everything, others what their roles allow. */
export function mayOpen(route: AppRoute, me: { isAdmin?: boolean; roles?: Array<{ role: string }> } | undefined): boolean {
  if (me?.isAdmin) return true;
  if (route.admin) return false;
  return !route.roles || (me?.roles ?? []).some((r) => route.roles!.includes(r.role));
}

/**
 * Upcoming deadlines across cases, for the same people GET /api/timers lets in (administrators and
 * the supervision office); reached from the dashboard rather than the bar, which stays one row.
 */
const timersRoute: AppRoute = {
  path: '/timers',
  title: { 'zh-CN': '即将到期', en: 'Upcoming deadlines' },
  roles: ['supervision-officer'],
  load: () => import('../dashboard/index.js'),
  render: (c) => html`<chancery-upcoming-timers .client=${c.client} lang=${c.lang} case-href="#/cases/{id}"></chancery-upcoming-timers>`,
};

export const routes: AppRoute[] = [
  {
    path: '/',
    title: { 'zh-CN': '待办', en: 'Inbox' },
    nav: { order: 10 },
    render: (c) => html`<chancery-inbox .client=${c.client} lang=${c.lang} task-href="#/tasks/{id}" scope=${c.query.get('scope') ?? 'all'}></chancery-inbox>`,
  },
  {
    path: '/start',
    title: { 'zh-CN': '发起', en: 'Start' },
    nav: { order: 20 },
    render: (c) => html`<chancery-start .client=${c.client} lang=${c.lang} case-href="#/cases/{id}"></chancery-start>`,
  },
  {
    path: '/start/:key',
    title: { 'zh-CN': '发起', en: 'Start' },
    render: (c) => html`<chancery-start .client=${c.client} lang=${c.lang} definition=${c.params.key ?? ''} case-href="#/cases/{id}"></chancery-start>`,
  },
  {
    path: '/cases',
    title: { 'zh-CN': '我的案件', en: 'My cases' },
    nav: { order: 30 },
    render: (c) => html`<chancery-case-list .client=${c.client} lang=${c.lang} case-href="#/cases/{id}"></chancery-case-list>`,
  },
  {
    path: '/tasks/:id',
    title: { 'zh-CN': '办理', en: 'Task' },
    render: (c) => html`<chancery-task .client=${c.client} lang=${c.lang} task-id=${c.params.id ?? ''} case-href="#/cases/{id}"></chancery-task>`,
  },
  {
    path: '/cases/:id',
    title: { 'zh-CN': '案件详情', en: 'Case' },
    render: (c) =>
      html`<chancery-case
        .client=${c.client}
        lang=${c.lang}
        .me=${c.me}
        instance-id=${c.params.id ?? ''}
        print-href="#/cases/{id}/print"
        resend-href="#/cases/{id}/resend"
      ></chancery-case>`,
  },
  {
    path: '/cases/:id/resend',
    title: { 'zh-CN': '修改后重新提交', en: 'Edit and resend' },
    render: (c) => html`<chancery-start .client=${c.client} lang=${c.lang} resend-of=${c.params.id ?? ''} case-href="#/cases/{id}"></chancery-start>`,
  },
  {
    path: '/cases/:id/print',
    title: { 'zh-CN': '案件办理单', en: 'Case record' },
    render: (c) => html`<chancery-case print .client=${c.client} lang=${c.lang} .me=${c.me} instance-id=${c.params.id ?? ''}></chancery-case>`,
  },
  {
    path: '/notifications',
    title: { 'zh-CN': '通知', en: 'Notifications' },
    nav: { order: 40 },
    render: (c) => html`<chancery-notifications .client=${c.client} lang=${c.lang}></chancery-notifications>`,
  },
  {
    path: '/delegations',
    title: { 'zh-CN': '外出委托', en: 'Out of office' },
    nav: { order: 50 },
    render: (c) => html`<chancery-delegations .client=${c.client} lang=${c.lang}></chancery-delegations>`,
  },
  // ---- admin designer (ui/admin/) and supervision dashboard (ui/dashboard/): add entries below ----
  {
    path: '/admin/workflows',
    title: { 'zh-CN': '流程管理', en: 'Workflows' },
    nav: { order: 10, group: 'admin' },
    admin: true,
    load: () => import('../admin/index.js'),
    render: (c) =>
      html`<chancery-workflow-list
        .client=${c.client}
        lang=${c.lang}
        @chancery-open-designer=${(e: Event) => (e.preventDefault(), c.navigate(`/admin/workflows/${(e as CustomEvent<{ key: string }>).detail.key}`))}
      ></chancery-workflow-list>`,
  },
  {
    path: '/admin/workflows/:key',
    title: { 'zh-CN': '流程设计', en: 'Workflow designer' },
    admin: true,
    load: () => import('../admin/index.js'),
    render: (c) => html`<chancery-designer .client=${c.client} lang=${c.lang} workflow=${c.params.key ?? ''}></chancery-designer>`,
  },
  {
    path: '/admin/directory',
    title: { 'zh-CN': '组织机构', en: 'Directory' },
    nav: { order: 20, group: 'admin' },
    admin: true,
    load: () => import('../admin/index.js'),
    render: (c) => html`<chancery-directory-admin .client=${c.client} lang=${c.lang}></chancery-directory-admin>`,
  },
  {
    path: '/admin/calendar',
    title: { 'zh-CN': '工作日历', en: 'Business calendar' },
    nav: { order: 30, group: 'admin' },
    admin: true,
    load: () => import('../admin/index.js'),
    render: (c) => html`<chancery-calendar-admin .client=${c.client} lang=${c.lang}></chancery-calendar-admin>`,
  },
  {
    path: '/dashboard',
    title: { 'zh-CN': '督查统计', en: 'Dashboard' },
    nav: { order: 60 },
    // The same people the stats API lets in (core/measures/access.ts).
    roles: ['county-head', 'deputy-head', 'office-director', 'supervision-officer', 'target-officer', 'head'],
    load: () => import('../dashboard/index.js'),
    render: (c) =>
      html`<chancery-dashboard .client=${c.client} lang=${c.lang} timers-href=${mayOpen(timersRoute, c.me) ? '#/timers' : ''}></chancery-dashboard>`,
  },
  timersRoute,
];
