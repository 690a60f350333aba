/**
 * Is the port free? Asked before the server boots (migrations, workflows, demo data take a while),
 * so a second `npm start` says so at once, in both languages, instead of failing at the end with
 * a raw EADDRINUSE stack.
 */
import { createServer } from 'node:net';
import { ChanceryError } from '../../core/errors.js';

/** Resolves when `host:port` can be listened on; refuses with `cli.port_in_use` when it cannot. Port 0 (any) is always free. */
export async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE' || e.code === 'EACCES') reject(portInUse(host, port, e));
      else reject(e);
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** The refusal for a port someone else holds (also when the race is lost after the check). */
export function portInUse(host: string, port: number, cause?: unknown): ChanceryError {
  return new ChanceryError('cli.port_in_use', { port, host }, { cause });
}
