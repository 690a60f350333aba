/**
 * Column builders the entities share, written so MikroORM's schema generator describes exactly
 * what the migrations build (defaults, PostgreSQL's own constraint names, rules on delete).
 */
import { randomUUID } from 'node:crypto';
import { p, Type } from '@mikro-orm/core';

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

/**
 * `text[]` written as a PostgreSQL array literal with every item quoted. MikroORM's own array type
 * writes `{a,b}` unquoted, so an item spelled `null` became NULL and surrounding spaces were lost;
 * a JavaScript array cannot be bound either (knex spreads it into a list).
 */
export class TextArray extends Type<string[], string> {
  override convertToDatabaseValue(value: string[]): string {
    return `{${value.map((item) => `"${item.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
  }
  override convertToJSValue(value: string[] | string): string[] {
    // Both drivers parse text[] into an array already (sql-runner.ts gives pg its parsers).
    if (typeof value !== 'string') return value;
    throw new TypeError(`text[] arrived unparsed / text[] 未被解析: ${value.slice(0, 40)}`);
  }
  override getColumnType(): string {
    return 'text[]';
  }
}
