#!/usr/bin/env node
/**
 * The `chancery` command line.
 *
 *   chancery serve                       run the server (PORT, DATABASE_URL, … see docs/configuration.md)
 *   chancery validate <workflow.json>    check a definition: every problem with its JSON pointer
 *   chancery publish <workflow.json>     publish it as the next version in the configured database
 *   chancery migrate --key K --from N --to M [--map old=new …] [--instance id …] [--apply]
 *   chancery audit verify [--instance id]
 *   chancery seed demo
 */
import { printError, stdio } from './output.js';
import { run } from './run.js';

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // pg-boss and PGlite may leave timers behind after close(): once the command is done, leave.
    setTimeout(() => process.exit(code), 100).unref();
  },
  (e: unknown) => {
    process.exitCode = printError(stdio, e);
  },
);
