/**
 * Live updates for a list: reads the server's event stream (`GET /api/notifications/stream`,
 * Server-Sent Events over `fetch`, so the bearer token or API key travels in a header) and calls
 * `onChange` on every event, and polls every `intervalMs` as well — a stream can be up and
 * silent (a proxy that buffers, a change the server does not announce), so polling is the floor
 * and the stream only makes news faster. Where the server has no stream (404) or it drops, the
 * stream is tried again later. A node that stops sends a last `reconnect` event: then the stream
 * is opened again after a second (on another node). Polling pauses while the page is hidden.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiClient } from './api-client.js';

export interface LiveOptions {
  client(): ApiClient;
  onChange(): void;
  /** Polling interval, read each time polling starts. */
  intervalMs?(): number;
  streamPath?: string;
  /** Whether to listen at all now (the app shell: only while someone is signed in); see `restart()`. */
  enabled?(): boolean;
}

export class LiveController implements ReactiveController {
  private abort: AbortController | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private connected = false;
  private current: 'stream' | 'poll' | 'off' = 'off';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: LiveOptions,
  ) {
    host.addController(this);
  }

  /**
   * `stream` once the server said the stream is ready, `poll` when polling only, `off` when not
   * listening. Shown on the element as `data-live` (for the page, and for tests that wait for it).
   */
  get mode(): 'stream' | 'poll' | 'off' {
    return this.current;
  }
  private set mode(mode: 'stream' | 'poll' | 'off') {
    this.current = mode;
    // A host that is an element shows it (Node tests drive the controller without a DOM).
    if (typeof HTMLElement !== 'undefined' && this.host instanceof HTMLElement) this.host.dataset.live = mode;
  }

  hostConnected(): void {
    this.connected = true;
    this.start();
  }

  private start(): void {
    if (this.options.enabled && !this.options.enabled()) return;
    this.poll();
    void this.openStream();
  }

  /** Stops, and starts again if still wanted (after a sign-in or sign-out). */
  restart(): void {
    this.stop();
    if (this.connected) this.start();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop();
  }

  private stop(): void {
    this.abort?.abort();
    clearInterval(this.timer);
    clearTimeout(this.retry);
    this.timer = undefined;
    this.mode = 'off';
  }

  private poll(): void {
    if (this.timer || !this.connected) return;
    this.timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') this.options.onChange();
    }, this.options.intervalMs?.() ?? 30_000);
  }

  /** Polling runs on; the stream is tried again in a few minutes (a server upgrade may have added it, or it came back). */
  private streamLost(): void {
    if (!this.connected) return;
    this.mode = 'poll';
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.openStream(), 5 * 60_000);
  }

  /** Restarts polling at the current interval (after the page changed `poll-seconds`). */
  restartPolling(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.poll();
  }

  private async openStream(): Promise<void> {
    if (!this.connected) return;
    const abort = new AbortController();
    this.abort = abort;
    try {
      const client = this.options.client();
      const res = await client.authedFetch(client.url(this.options.streamPath ?? '/api/notifications/stream'), {
        headers: { Accept: 'text/event-stream' },
        signal: abort.signal,
      });
      if (!res.ok || !res.body || !(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
        await res.body?.cancel().catch(() => {});
        this.streamLost();
        return;
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      let reconnect = false;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          // The server listens for this person's news from here on.
          if (lines.includes('event: ready')) this.mode = 'stream';
          // The node is stopping: come straight back (the load balancer picks another node).
          if (lines.includes('event: reconnect')) reconnect = true;
          // Comments (`: ping`) keep the connection open; anything else is news.
          else if (lines.some((l) => l.startsWith('data:') || l.startsWith('event:'))) this.options.onChange();
        }
      }
      if (reconnect && this.connected) {
        this.retry = setTimeout(() => void this.openStream(), 1000);
        return;
      }
      this.streamLost();
    } catch {
      if (!abort.signal.aborted) this.streamLost();
    }
  }
}
