/**
 * The server's logger behind the `Logger` port: pino, one JSON object per line (what log
 * collectors read), or pino-pretty's readable lines when a person is watching a terminal.
 * Secrets are redacted by key wherever they appear in the details.
 */
import pino, { type DestinationStream } from 'pino';
import pretty from 'pino-pretty';
import type { Logger } from '../core/runtime/ports.js';

/** Detail keys whose values never reach a log line. */
const SECRET_KEYS = ['password', 'adminPassword', 'demoPassword', 'token', 'secret', 'authorization', 'apiKey', 'access_token'];

export interface LoggerOptions {
  /** `debug`, `info` (default), `warn`, `error`. */
  level?: 'debug' | 'info' | 'warn' | 'error';
  /** Pretty lines instead of JSON; default: when stdout is a terminal. */
  pretty?: boolean;
  /** Where lines go (tests pass a stream); default stdout, or stderr with `stderr`. */
  destination?: DestinationStream;
  /** Log to stderr (commands whose stdout is their answer). */
  stderr?: boolean;
}

/**
 * @example
 * const logger = createLogger();             // JSON in production, pretty in a terminal
 * logger.info('request', { method: 'GET', route: '/api/tasks', status: 200 });
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const fd = options.stderr ? 2 : 1;
  const usePretty = options.pretty ?? Boolean((options.stderr ? process.stderr : process.stdout).isTTY);
  const destination =
    options.destination ??
    (usePretty
      ? pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', sync: true, destination: fd })
      : pino.destination({ fd, sync: true }));
  const log = pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      redact: { paths: [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`)], censor: '[redacted]' },
    },
    destination,
  );
  return {
    debug: (msg, details) => log.debug(details ?? {}, msg),
    info: (msg, details) => log.info(details ?? {}, msg),
    warn: (msg, details) => log.warn(details ?? {}, msg),
    error: (msg, details) => log.error(details ?? {}, msg),
  };
}
