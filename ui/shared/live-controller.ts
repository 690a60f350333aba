/**
 * Live updates for a list: reads the server's event stream (`GET /api/notifications/stream`,
 * Server-Sent Events over `fetch`, so the bearer token or API key travels in a header) and calls
 * `onChange` on every event; where the server has no stream (404) or it drops, falls back to
 * polling every `intervalMs`, and tries the stream again later. A node that stops sends a last
 * `reconnect` event: then the stream is opened again after a second (on another node). Paused
 * while the page is hidden.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiClient } from './api-client.js';

export interface LiveOptions {
  client(): ApiClient;
  onChange(): void;
  /** Polling interval, read each time polling starts. */
  intervalMs?(): number;
  streamPath?: string;
}

export class LiveController implements ReactiveController {
  private abort: AbortController | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private connected = false;
  /** `stream` while the event stream is open, `poll` when polling. */
  mode: 'stream' | 'poll' | 'off' = 'off';

  constructor(host: ReactiveControllerHost, private readonly options: LiveOptions) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    void this.openStream();
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
    this.mode = 'poll';
    this.timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') this.options.onChange();
    }, this.options.intervalMs?.() ?? 30_000);
    // Try the stream again in a few minutes (a server upgrade may have added it, or it came back).
    this.retry = setTimeout(() => {
      clearInterval(this.timer);
      this.timer = undefined;
      void this.openStream();
    }, 5 * 60_000);
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
        this.poll();
        return;
      }
      this.mode = 'stream';
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
      if (this.connected) this.poll();
    } catch {
      if (!abort.signal.aborted) this.poll();
    }
  }
}
