import { createServerDrafts, DraftRefused, localDrafts, type Draft } from './draft-store.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The notice the form shows about drafts. */
export type DraftNotice =
  | { kind: 'restored' }
  | { kind: 'newer'; server: Draft }
  | { kind: 'offline' }
  | { kind: 'saved' }
  | { kind: 'local' }
  | { kind: 'refused'; reason: string }
  | undefined;

interface DraftHost extends ReactiveControllerHost, EventTarget {
  draftKey: string | null;
  api: string | null;
  /** `fetch` with the element's credentials. */
  readonly requestFetch: typeof fetch;
  draftDelay: number;
  /** Replace the form data with a restored draft. */
  restoreDraft(data: unknown): void;
}

/**
 * Drafts for `<chancery-form draft-key api>`: restore on load (the local copy, noting when the
 * server's is newer), autosave after a pause in typing to the server, and to IndexedDB when the
 * server cannot be reached; unsynced local copies go up when the browser is back online. Each
 * save ends with a `chancery-draft-saved` event, `{ key, notice }` (`saved` on the server,
 * `offline`, `refused` by the server, or `local` when the form has no `api`).
 */
export class DraftController implements ReactiveController {
  notice: DraftNotice = undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: unknown;
  private readonly onOnline = () => void this.pushLocal();

  constructor(private readonly host: DraftHost) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('online', this.onOnline);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.onOnline);
    if (this.timer) void this.flush();
  }

  /** The server's drafts: `api=""` is this page's own origin, only a missing `api` means none. */
  private get server() {
    const { api, requestFetch } = this.host;
    return api === null || api === undefined ? undefined : createServerDrafts(api, requestFetch);
  }

  /** Look for drafts to restore; resolves when done (tests await it). */
  async restore(): Promise<void> {
    const key = this.host.draftKey;
    if (!key) return;
    const [local, server] = await Promise.all([localDrafts.get(key).catch(() => undefined), this.server?.get(key).catch(() => undefined)]);
    const best = local ?? server;
    if (!best) return;
    this.host.restoreDraft(best.data);
    this.notice = local && server && server.savedAt > local.savedAt ? { kind: 'newer', server } : { kind: 'restored' };
    this.host.requestUpdate();
  }

  /** Note a change; it is saved once typing pauses. */
  schedule(data: unknown): void {
    if (!this.host.draftKey) return;
    this.pending = data;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.host.draftDelay);
  }

  /** Save the pending change now. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const key = this.host.draftKey;
    if (!key) return;
    const draft: Draft = { data: this.pending, savedAt: new Date().toISOString(), synced: false };
    const server = this.server;
    // Only a request that never reached the server is "offline"; a refusal says what it was.
    let notice: NonNullable<DraftNotice> = { kind: 'local' };
    if (server) {
      notice = !navigator.onLine
        ? { kind: 'offline' }
        : await server.put(key, draft).then(
            (): NonNullable<DraftNotice> => ({ kind: 'saved' }),
            (e: unknown): NonNullable<DraftNotice> => (e instanceof DraftRefused ? { kind: 'refused', reason: e.message } : { kind: 'offline' }),
          );
    }
    await localDrafts.put(key, { ...draft, synced: notice.kind === 'saved' }).catch(() => undefined);
    this.notice = notice;
    this.host.requestUpdate();
    // Hosts (and tests) can wait for the save instead of guessing how long the pause is.
    this.host.dispatchEvent(new CustomEvent('chancery-draft-saved', { detail: { key, notice: notice.kind }, bubbles: true, composed: true }));
  }

  /** Forget the drafts (after a successful submit). */
  async clear(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const key = this.host.draftKey;
    // Both copies go: a draft left on the server would come back on the next device.
    if (key) await Promise.all([localDrafts.delete(key).catch(() => undefined), this.server?.delete(key).catch(() => undefined)]);
    this.notice = undefined;
  }

  useServer(): void {
    if (this.notice?.kind !== 'newer') return;
    const data = this.notice.server.data;
    this.host.restoreDraft(data);
    this.notice = undefined;
    this.schedule(data);
    this.host.requestUpdate();
  }

  dismiss(): void {
    this.notice = undefined;
    this.host.requestUpdate();
  }

  private async pushLocal(): Promise<void> {
    const key = this.host.draftKey;
    const server = this.server;
    if (!key || !server) return;
    const local = await localDrafts.get(key).catch(() => undefined);
    if (!local || local.synced) return;
    if (
      await server.put(key, local).then(
        () => true,
        () => false,
      )
    ) {
      await localDrafts.put(key, { ...local, synced: true });
      this.notice = { kind: 'saved' };
      this.host.requestUpdate();
    }
  }
}
