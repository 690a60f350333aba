/**
 * The real server in a child process for crash tests: configuration from the environment,
 * listening on PORT, printing `listening <port>` when ready. Killed with SIGKILL by the test.
 */
import { serve } from '@hono/node-server';
import { loadConfig } from '../../core/config.js';
import { createServer } from '../../app/server.js';

const config = loadConfig(process.env, process.cwd());
const server = await createServer({
  config,
  logger: { debug() {}, info() {}, warn: (m, d) => console.error('warn', m, JSON.stringify(d)), error: (m, d) => console.error('error', m, JSON.stringify(d)) },
});
const http = serve({ fetch: server.app.fetch, port: config.port, hostname: '127.0.0.1' }, (info) => {
  console.log(`listening ${info.port}`);
});
process.on('SIGTERM', () => {
  http.close();
  void server.close().then(() => process.exit(0));
});
