/**
 * A node's life as the HTTP layer sees it: running, then stopping. When the process is told to
 * stop, `/ready` turns away the load balancer and long-lived responses (event streams) are told
 * to end, so the node can drain.
 */
export interface Lifecycle {
  readonly stopping: boolean;
  /** Marks the node as stopping and calls every `onStop` callback once. */
  stop(): void;
  /** Calls `fn` when the node begins to stop (at once if it already has); returns the unsubscribe function. */
  onStop(fn: () => void): () => void;
}

/**
 * @example
 * const lifecycle = createLifecycle();
 * const off = lifecycle.onStop(() => stream.close());
 * process.once('SIGTERM', () => lifecycle.stop());
 */
export function createLifecycle(): Lifecycle {
  const callbacks = new Set<() => void>();
  let stopping = false;
  return {
    get stopping() {
      return stopping;
    },
    stop() {
      if (stopping) return;
      stopping = true;
      for (const fn of [...callbacks]) fn();
      callbacks.clear();
    },
    onStop(fn) {
      if (stopping) {
        fn();
        return () => {};
      }
      callbacks.add(fn);
      return () => void callbacks.delete(fn);
    },
  };
}
