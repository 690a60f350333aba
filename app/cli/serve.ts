/**
 * `chancery serve`: the composed server on `config.port`, the web pages beside the API, the
 * accounts of a first start printed once, and a graceful stop on SIGINT/SIGTERM (stop taking
 * connections, finish the requests in flight, end event streams, then stop the workers, the queue
 * and the database; see graceful-stop.ts).
 */
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { Config } from '../../core/config.js';
import { consoleLogger, createServer } from '../server.js';
import { holdDataDir, printCreatedAccounts } from './context.js';
import { trackResponses } from './graceful-stop.js';
import { both, type Out } from './output.js';
import { packageRoot, packageVersion } from './paths.js';
import { mountStaticFiles } from './static-files.js';

export async function serveCommand(io: Out, config: Config): Promise<number> {
  const release = holdDataDir(config);
  let server: Awaited<ReturnType<typeof createServer>>;
  try {
    server = await createServer({ config, logger: consoleLogger, version: packageVersion() });
  } catch (e) {
    release();
    throw e;
  }
  mountStaticFiles(server.app, { publicDir: join(packageRoot(), 'dist', 'public') });
  printCreatedAccounts(io, config, server.seeded);

  const http = serve({ fetch: server.app.fetch, port: config.port });
  await new Promise<void>((resolve, reject) => {
    http.once('listening', resolve);
    http.once('error', reject);
  }).catch(async (e: unknown) => {
    await server.close();
    release();
    throw e;
  });
  const { port } = http.address() as AddressInfo;
  const database = config.databaseUrl ? 'PostgreSQL' : `PGlite (${join(config.dataDir, 'db')})`;
  io.out(both(`Chancery 已启动：http://localhost:${port}`, `Chancery is listening on http://localhost:${port}`));
  io.out(both(`  数据库：${database}`, `  database: ${database}`));
  io.out(both(`  接口文档：http://localhost:${port}/docs`, `  API docs: http://localhost:${port}/docs`));

  const drain = trackResponses({ http: http as HttpServer, lifecycle: server.services.lifecycle! });
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) {
        io.err(both('再次收到信号，立即退出', 'Second signal: exiting now'));
        process.exit(1);
      }
      stopping = true;
      io.out(both(`收到 ${signal}，正在停止……`, `${signal} received, stopping…`));
      // In-flight requests get the grace period; stopping the workers and the pool gets as long again.
      const force = setTimeout(() => {
        io.err(both('停止超时，强制退出', 'Stopping timed out; exiting'));
        process.exit(1);
      }, 2 * config.graceSeconds * 1000);
      force.unref();
      let code = 0;
      try {
        const { forced } = await drain(config.graceSeconds * 1000);
        if (forced) {
          consoleLogger.warn('requests still running after the grace period were cut off / 宽限期满仍未完成的请求已被中断', { graceSeconds: config.graceSeconds });
        }
        await server.close();
      } catch (e) {
        consoleLogger.error('error while stopping', { error: e instanceof Error ? e.stack : String(e) });
        code = 1;
      } finally {
        release();
        clearTimeout(force);
      }
      io.out(both('已停止', 'Stopped'));
      resolve(code);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  });
}
