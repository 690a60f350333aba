/** Server-Sent Events read from a streaming response, for tests of live streams. */

/** Reads Server-Sent Events from a streaming response. */
export function sseReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(event: string, timeoutMs = 15_000): Promise<{ id?: string; data: any }> {
      const until = Date.now() + timeoutMs;
      for (;;) {
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((l) => !l.startsWith(':'))
              .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
          );
          if (fields.event === event) return { id: fields.id, data: JSON.parse(fields.data ?? 'null') };
        }
        const left = until - Date.now();
        if (left <= 0) throw new Error(`no "${event}" event`);
        const chunk = await Promise.race([reader.read(), new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`no "${event}" event`)), left))]);
        if (chunk.done) throw new Error('stream ended');
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    close: () => reader.cancel(),
  };
}
