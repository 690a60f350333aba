/**
 * Real server processes (`chancery serve`, from the sources) on one fresh PostgreSQL database with
 * one shared `CHANCERY_SECRET`: a cluster for tests. Each node has its own data folder (nothing on
 * disk is shared), and they boot together.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe, type RunningServer } from '../cli/run-cli.js';
import { reservePostgresDatabase } from '../support/db.js';

export const ADMIN_PASSWORD = 'cluster-admin-pass-2026';
export const DEMO_PASSWORD = 'cluster-demo-pass-2026';
export const SECRET = 'cluster-secret-cluster-secret-cluster-secret-0123';

export interface Cluster {
  url: string;
  nodes: RunningServer[];
  /** Signs in on `node` (default the first) and returns the bearer token. */
  token(username: string, node?: RunningServer): Promise<string>;
  call(
    node: RunningServer,
    method: string,
    path: string,
    o?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  dispose(): Promise<void>;
}

/** Boots `count` nodes at once on a new, empty database (started in `cwd`: its chancery.config.json applies). */
export async function startCluster(count = 2, env: Record<string, string> = {}, cwd?: string): Promise<Cluster> {
  const reserved = await reservePostgresDatabase(process.env.DATABASE_URL!);
  const dirs = Array.from({ length: count }, () => mkdtempSync(join(tmpdir(), 'chancery-node-')));
  const boots = await Promise.allSettled(
    dirs.map((dir) =>
      startServe(
        {
          DATABASE_URL: reserved.url,
          CHANCERY_DATA_DIR: dir,
          CHANCERY_SECRET: SECRET,
          CHANCERY_ADMIN_PASSWORD: ADMIN_PASSWORD,
          CHANCERY_DEMO_PASSWORD: DEMO_PASSWORD,
          ...env,
        },
        150_000,
        cwd,
      ),
    ),
  );
  const nodes = boots.flatMap((b) => (b.status === 'fulfilled' ? [b.value] : []));
  const dispose = async () => {
    await Promise.all(nodes.map((n) => n.stop('SIGTERM')));
    await reserved.drop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  };
  const failed = boots.find((b) => b.status === 'rejected');
  if (failed) {
    await dispose();
    throw (failed as PromiseRejectedResult).reason;
  }
  const call: Cluster['call'] = async (node, method, path, o = {}) => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
      ...(o.headers ?? {}),
    };
    const res = await fetch(node.base + path, { method, headers, ...(o.body === undefined ? {} : { body: JSON.stringify(o.body) }) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body, headers: res.headers };
  };
  return {
    url: reserved.url,
    nodes,
    call,
    async token(username, node = nodes[0]!) {
      const res = await call(node, 'POST', '/api/auth/login', { body: { username, password: username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD } });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    dispose,
  };
}
