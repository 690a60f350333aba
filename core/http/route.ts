/**
 * A route is data: method, path, the JSON Schemas of its params, query, body and responses, the
 * error codes it can answer with, who may call it, and a handler. Each schema is written once:
 * the handler's input types are computed from it (`FromSchema`), the app validates with it (ajv),
 * and the OpenAPI document publishes it — so the published contract is the enforced one.
 */
import type { Context } from 'hono';
import type { ErrorCode } from '../error-messages.js';
import type { AppEnv } from './auth.js';
import type { JsonSchema } from './component.js';
import type { FromSchema } from './from-schema.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** `'/api/tasks/:id/signers/:signer'` → `'id' | 'signer'`. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** One schema per path parameter; a parameter not listed is a non-empty string. */
type ParamSchemas<P extends string> = { readonly [K in PathParams<P>]?: JsonSchema };

type ParamsOf<P extends string, S> = {
  [K in PathParams<P>]: S extends { readonly [Q in K]: infer X } ? (unknown extends FromSchema<X> ? string : FromSchema<X>) : string;
};

/** What a success response is: JSON with a schema, or another media type. */
export interface ResponseSpec {
  /** `application/json` (default), `text/csv`, `text/event-stream`, `text/javascript`, or `*\/*` for stored files. */
  contentType?: string;
  schema?: object;
  description?: string;
  /** Response headers worth documenting beyond the ones every route has. */
  headers?: Record<string, { description: string; schema: object }>;
}

export interface RouteSpec<P extends string = string, PS = unknown, B = unknown, Q = unknown> {
  method: Method;
  /** Hono syntax: `/api/tasks/:id`. */
  path: P;
  tag: string;
  summary: { 'zh-CN': string; en: string };
  /** `public`: no sign-in; `user`: any signed-in caller; `admin`: administrators only. */
  access: 'public' | 'user' | 'admin';
  /**
   * The route authenticates the caller itself (the notification stream also takes `?access_token=`
   * for EventSource); it is still documented with `security`, not as public.
   */
  selfAuthenticated?: boolean;
  params?: PS & ParamSchemas<P>;
  body?: B;
  /** The request body's media type when it is not JSON (the upload). */
  bodyContentType?: 'multipart/form-data';
  query?: Q;
  /** How deep the body may nest; default `MAX_BODY_DEPTH` (64), definitions `MAX_DEFINITION_DEPTH`. */
  maxDepth?: number;
  /** Accepts an `Idempotency-Key` header. */
  idempotent?: boolean;
  /** Success status (200 unless given). */
  status?: number;
  /**
   * Where a 201 answer's created thing lives, its `Location`: by default `<path>/<id>` from the
   * answer's `id` (none without one); a route whose created thing lives elsewhere says where.
   */
  location?: (created: { readonly [field: string]: unknown }, params: ParamsOf<P, PS>) => string;
  /** Other success statuses with the same body (`204`: none), and what each means (e.g. `202` for "waits for approval"). */
  alsoStatus?: Record<number, string>;
  /** The success response: a JSON schema, or `{ contentType, schema }` for other media types. */
  response?: object;
  responseSpec?: ResponseSpec;
  /**
   * The error codes the route can answer with beyond the ones every route of its kind has
   * (401 for signed-in routes, 403 `auth.admin_only` for admin routes, 422 `request.invalid`
   * where there is input). Their statuses come from the error catalogue.
   */
  errors?: readonly ErrorCode[];
  handler(
    c: Context<AppEnv>,
    input: { params: ParamsOf<P, PS>; body: FromSchema<B>; query: unknown extends FromSchema<Q> ? Record<string, never> : FromSchema<Q> },
  ): Promise<Response>;
}

/** A route with its types erased, as the route table holds it. */
export interface AnyRoute extends Omit<RouteSpec, 'handler' | 'params' | 'body' | 'query' | 'location'> {
  params?: JsonSchema;
  body?: JsonSchema;
  query?: JsonSchema;
  location?: (created: { readonly [field: string]: unknown }, params: Record<string, string>) => string;
  handler(c: Context<AppEnv>, input: { params: Record<string, string>; body: unknown; query: unknown }): Promise<Response>;
}

/**
 * Declares a route; its schemas should be literal (`as const` when kept in a variable) so the
 * handler's `params`, `body` and `query` get their types from them.
 *
 * @example
 * defineRoute({ method: 'get', path: '/api/tasks/:id', tag: 'tasks', access: 'user', summary: i18n('待办', 'A task'),
 *   response: TaskDetail, errors: ['task.not_found'], handler: async (c, { params }) => c.json(await get(params.id)) });
 */
export const defineRoute = <const P extends string, const PS = unknown, const B = unknown, const Q = unknown>(r: RouteSpec<P, PS, B, Q>): AnyRoute =>
  r as unknown as AnyRoute;

export const i18n = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** The schema of a route's path parameters: the declared ones, and a non-empty string for the rest. */
export function paramsSchema(r: Pick<AnyRoute, 'path' | 'params'>): JsonSchema {
  const names = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const declared = (r.params ?? {}) as Record<string, JsonSchema>;
  return {
    type: 'object',
    required: names,
    properties: Object.fromEntries(names.map((n) => [n, declared[n] ?? { type: 'string', minLength: 1 }])),
  };
}
