/**
 * `chancery/server`: the composition root as a library — open the database, start the queue and
 * its workers, load plugins, publish the shipped workflows and get the HTTP app.
 *
 * @example
 * import { createServer, loadConfig } from 'chancery/server';
 * import { serve } from '@hono/node-server';
 * const server = await createServer({ config: loadConfig() });
 * serve({ fetch: server.app.fetch, port: 3000 });
 */
export { createServer, consoleLogger, type Server, type ServerOptions } from './server.js';
export { loadConfig, type Config } from '../core/index.js';
export type { Logger } from '../core/index.js';
