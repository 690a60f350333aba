/**
 * A route is data: method, path, the schemas of its body and query, who may call it, and a
 * handler. The app registers routes from this table and the OpenAPI document is built from the
 * very same table, so the published contract is the validated one.
 */
import type { Context } from 'hono';
import type { AppEnv } from './auth.js';
import type { JsonSchema } from './validate-body.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec<B = unknown, Q = unknown> {
  method: Method;
  /** Hono syntax: `/api/tasks/:id`. */
  path: string;
  tag: string;
  summary: { 'zh-CN': string; en: string };
  /** `public`: no sign-in; `user`: any signed-in caller; `admin`: administrators only. */
  access: 'public' | 'user' | 'admin';
  body?: JsonSchema;
  /** How deep the body may nest; default `MAX_BODY_DEPTH` (64), definitions `MAX_DEFINITION_DEPTH`. */
  maxDepth?: number;
  query?: JsonSchema;
  /** Accepts an `Idempotency-Key` header. */
  idempotent?: boolean;
  /** Success status and (optional) response schema. */
  status?: number;
  response?: JsonSchema;
  handler(c: Context<AppEnv>, input: { body: B; query: Q }): Promise<Response>;
}

// Route handlers narrow their own inputs; the table holds them under one type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any>;

export const defineRoute = <B = unknown, Q = unknown>(r: RouteSpec<B, Q>): AnyRoute => r as AnyRoute;

export const i18n = (zh: string, en: string) => ({ 'zh-CN': zh, en });
