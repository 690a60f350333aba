/**
 * Ids are uuids in their text form. The one test for "is this an id?" — used to tell ids from
 * usernames and unit codes, and to answer 404 for a malformed id before any SQL casts it. Pure,
 * no imports (the server, forms and the browser share it).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `isUuid('0d6f…-…')` → true; `isUuid('zongheke1')` → false. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
