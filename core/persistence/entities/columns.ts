/**
 * Column builders the entities share, written so MikroORM's schema generator describes exactly
 * what the migrations build (defaults, PostgreSQL's own constraint names, rules on delete).
 */
import { randomUUID } from 'node:crypto';
import { p } from '@mikro-orm/core';

/** A uuid primary key (the application makes the ids). */
export const uuidId = () =>
  p
    .uuid()
    .primary()
    .onCreate(() => randomUUID());

/** `timestamptz`, nullable unless chained otherwise. */
export const timestamp = () => p.datetime().columnType('timestamptz');

/** `timestamptz NOT NULL DEFAULT now()`. */
export const createdAt = () =>
  p
    .datetime()
    .columnType('timestamptz')
    .defaultRaw('now()')
    .onCreate(() => new Date());

/** PostgreSQL's name for the foreign key a `REFERENCES` clause on `table.column` creates. */
export const fk = (table: string, column: string) => `${table}_${column}_fkey`;
