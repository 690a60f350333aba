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
import { assertPortFree, portInUse } from './port-check.js';
import { trackResponses } from './graceful-stop.js';
import { both, type Out } from './output.js';
import { packageRoot, packageVersion } from './paths.js';
import { mountStaticFiles } from './static-files.js';

export async function serveCommand(io: Out, config: Config): Promise<number> {
  await assertPortFree(config.host, config.port);
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

  const http = serve({ fetch: server.app.fetch, port: config.port, hostname: config.host });
  await new Promise<void>((resolve, reject) => {
    http.once('listening', resolve);
    http.once('error', reject);
  }).catch(async (e: unknown) => {
    await server.close();
    release();
    // Taken between the check and now: the same answer as the check's.
    throw (e as NodeJS.ErrnoException).code === 'EADDRINUSE' ? portInUse(config.host, config.port, e) : e;
  });
  const { port } = http.address() as AddressInfo;
  // The address people can open: this machine's name when only it is served, else the bound one.
  const loopback = ['127.0.0.1', '::1', 'localhost'].includes(config.host);
  const shown = loopback ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  const database = config.databaseUrl ? 'PostgreSQL' : `PGlite (${join(config.dataDir, 'db')})`;
  io.out(both(`Chancery 已启动：http://${shown}:${port}`, `Chancery is listening on http://${shown}:${port}`));
  if (config.host === '0.0.0.0' || config.host === '::')
    io.out(both(`  监听所有网络接口（HOST=${config.host}）`, `  listening on every network interface (HOST=${config.host})`));
  else if (loopback)
    io.out(
      both(
        '  仅本机可访问（HOST=127.0.0.1）；对外提供服务请设置 HOST=0.0.0.0',
        '  reachable from this machine only (HOST=127.0.0.1); set HOST=0.0.0.0 to serve the network',
      ),
    );
  io.out(both(`  数据库：${database}`, `  database: ${database}`));
  io.out(both(`  接口文档：http://${shown}:${port}/docs`, `  API docs: http://${shown}:${port}/docs`));

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
      const force = setTimeout(
        () => {
          io.err(both('停止超时，强制退出', 'Stopping timed out; exiting'));
          process.exit(1);
        },
        2 * config.graceSeconds * 1000,
      );
      force.unref();
      let code = 0;
      try {
        const { forced } = await drain(config.graceSeconds * 1000);
        if (forced) {
          consoleLogger.warn('requests still running after the grace period were cut off / 宽限期满仍未完成的请求已被中断', {
            graceSeconds: config.graceSeconds,
          });
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
