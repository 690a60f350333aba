/**
 * `embed.js`: one ES module for portals. Loading it defines `<chancery-form>`, `<chancery-inbox>`,
 * `<chancery-task>`, `<chancery-start>`, `<chancery-case>` (and the pickers and diagram they use).
 * Each is configured by attributes — `api` (the Chancery server), `token` or `api-key` (or answer
 * the `chancery-token-request` event), `lang` — and talks to the page with DOM events. See
 * docs/embedding.md.
 *
 * @example
 * <script type="module" src="https://oa.example.gov.cn/embed.js"></script>
 * <chancery-inbox api="https://oa.example.gov.cn" api-key="chk_…" lang="zh-CN"></chancery-inbox>
 */
import { defineChanceryElements } from '../forms/components.js';
import { defineStaffElements } from './staff/elements.js';

export { createApiClient, ApiError } from './shared/api-client.js';
export type { TokenRequestDetail } from './shared/api-controller.js';

defineChanceryElements();
defineStaffElements();
