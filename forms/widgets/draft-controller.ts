import { createServerDrafts, localDrafts, type Draft } from './draft-store.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The notice the form shows about drafts. */
export type DraftNotice = { kind: 'restored' } | { kind: 'newer'; server: Draft } | { kind: 'offline' } | { kind: 'saved' } | undefined;

interface DraftHost extends ReactiveControllerHost {
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
 * server cannot be reached; unsynced local copies go up when the browser is back online.
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

  private get server() {
    const { api, requestFetch } = this.host;
    return api ? createServerDrafts(api, requestFetch) : undefined;
  }

  /** Look for drafts to restore; resolves when done (tests await it). */
  async restore(): Promise<void> {
    const key = this.host.draftKey;
    if (!key) return;
    const [local, server] = await Promise.all([
      localDrafts.get(key).catch(() => undefined),
      this.server?.get(key).catch(() => undefined),
    ]);
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
    let synced = false;
    if (this.server && navigator.onLine) {
      synced = await this.server.put(key, draft).then(() => true, () => false);
    }
    await localDrafts.put(key, { ...draft, synced }).catch(() => undefined);
    this.notice = synced ? { kind: 'saved' } : { kind: 'offline' };
    this.host.requestUpdate();
  }

  /** Forget the drafts (after a successful submit). */
  async clear(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.host.draftKey) await localDrafts.delete(this.host.draftKey).catch(() => undefined);
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
    if (await server.put(key, local).then(() => true, () => false)) {
      await localDrafts.put(key, { ...local, synced: true });
      this.notice = { kind: 'saved' };
      this.host.requestUpdate();
    }
  }
}
