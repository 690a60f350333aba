/**
 * The one list envelope every list route answers with: `{ items, total, page, pageSize }`.
 * List routes accept `page` and `pageSize` (the same schema everywhere); short lists that are
 * read whole (roles, units, plugins) are paged in memory so a client needs one shape only.
 */

/** Query-schema properties of every list route. */
export const pagingProps = {
  page: { type: 'integer', minimum: 1 },
  pageSize: { type: 'integer', minimum: 1, maximum: 200 },
} as const;

export interface Paging {
  page?: number;
  pageSize?: number;
}

export interface ListEnvelope<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The page asked for, with `defaultSize` when the caller gave none. */
export function pageOf(q: Paging, defaultSize = 20): { page: number; pageSize: number; offset: number } {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? defaultSize;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/**
 * One page of a list that was read whole; without `pageSize` the whole list is the one page
 * (these lists are short, and a picker must not lose its 201st unit).
 * @example c.json(pageList(await store.listRoles(), query))
 */
export function pageList<T>(all: T[], q: Paging): ListEnvelope<T> {
  const { page, pageSize, offset } = pageOf(q, Math.max(all.length, 1));
  return { items: all.slice(offset, offset + pageSize), total: all.length, page, pageSize };
}
