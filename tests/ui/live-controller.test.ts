/**
 * The app's live list updates when a node stops: its last `reconnect` event sends the client
 * straight back to the stream (through the load balancer, to another node) instead of polling.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../ui/shared/api-client.js';
import { LiveController } from '../../ui/shared/live-controller.js';

/** An event stream answering `text`, then ending (or staying open). */
function sse(text: string, end = true): Response {
  const body = new ReadableStream({
    start(c) {
      c.enqueue(new TextEncoder().encode(text));
      if (end) c.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

describe('live updates', () => {
  let live: LiveController | undefined;
  afterEach(() => live?.hostDisconnected());

  it('opens the event stream again at once when a stopping node says reconnect, without falling back to polling', async () => {
    const opened: number[] = [];
    const answers = [
      sse('event: ready\ndata: {"unread":0}\n\nevent: reconnect\ndata: {"code":"system.stopping"}\nretry: 1000\n\n'),
      sse('event: ready\ndata: {"unread":0}\n\n', false),
    ];
    const client = {
      url: (p: string) => `http://node.test${p}`,
      authedFetch: (async () => {
        opened.push(Date.now());
        return answers.shift()!;
      }) as typeof fetch,
    } as unknown as ApiClient;
    live = new LiveController({ addController() {} } as never, { client: () => client, onChange() {} });
    live.hostConnected();
    await expect.poll(() => opened.length, { timeout: 5_000 }).toBe(2);
    expect(live.mode).toBe('stream');
  });
});
