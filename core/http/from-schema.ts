/**
 * The TypeScript type a JSON Schema describes, computed by the compiler from an `as const` schema,
 * so a route's declared schema is the only source of its handler's input types (and of the UI's
 * response types). Covers what the route table uses: `type` (one or a list), `enum`, `const`,
 * `properties` + `required`, `additionalProperties`, `items`, `anyOf`/`oneOf` (alternatives that
 * only list required keys leave the object's type as it is) and component
 * references made with `component()`. Anything else maps to `unknown`, never to `any`.
 *
 * @example
 * const body = { type: 'object', required: ['to'], properties: { to: { type: 'string' } } } as const;
 * type Body = FromSchema<typeof body>; // { to: string }
 */

/** Carries the TypeScript type of a `$ref` to a shared schema (type-level only, never set). */
declare const SCHEMA_TYPE: unique symbol;

/** A `{ $ref: '#/components/schemas/…' }` whose target's type is known to the compiler. */
export interface SchemaRef<T> {
  readonly $ref: string;
  readonly [SCHEMA_TYPE]?: T;
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type RequiredKeys<S> = S extends { readonly required: readonly (infer R)[] } ? R & string : never;

type Props<S> = S extends { readonly properties: infer P } ? P : {};

type Extra<S> = S extends { readonly additionalProperties: false }
  ? {}
  : S extends { readonly additionalProperties: true }
    ? Record<string, unknown>
    : S extends { readonly additionalProperties: infer A extends object }
      ? Record<string, FromSchema<A>>
      : S extends { readonly properties: object }
        ? {}
        : Record<string, unknown>;

type ObjectOf<S, P = Props<S>> = Simplify<
  { -readonly [K in keyof P as K extends RequiredKeys<S> ? K : never]: FromSchema<P[K]> } & {
    -readonly [K in keyof P as K extends RequiredKeys<S> ? never : K]?: FromSchema<P[K]>;
  } & Extra<S>
>;

type ByType<T, S> = T extends 'string'
  ? string
  : T extends 'integer' | 'number'
    ? number
    : T extends 'boolean'
      ? boolean
      : T extends 'null'
        ? null
        : T extends 'array'
          ? S extends { readonly items: infer I }
            ? FromSchema<I>[]
            : unknown[]
          : T extends 'object'
            ? ObjectOf<S>
            : never;

/** The type of the values a JSON Schema accepts (see the module comment for what is covered). */
export type FromSchema<S> = S extends { readonly [SCHEMA_TYPE]?: infer T } ? (unknown extends T ? FromPlain<S> : T) : FromPlain<S>;

type FromPlain<S> = S extends { readonly const: infer C }
  ? C
  : S extends { readonly enum: readonly (infer E)[] }
    ? E
    : S extends { readonly anyOf: readonly (infer A)[] }
      ? Alternatives<S, A>
      : S extends { readonly oneOf: readonly (infer A)[] }
        ? Alternatives<S, A>
        : FromType<S>;

/**
 * `oneOf`/`anyOf` alternatives; when they only say which keys are required (`[{ required: ['cron'] },
 * { required: ['every'] }]`), the object itself is the type.
 */
type Alternatives<S, A> = [keyof A] extends ['required'] ? FromType<S> : FromSchema<A>;

type FromType<S> = S extends { readonly type: readonly (infer T)[] } ? ByType<T, S> : S extends { readonly type: infer T } ? ByType<T, S> : unknown;
