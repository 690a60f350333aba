/**
 * The directory queries the engine needs, as lean SQL. Create one over the Database, or over a
 * transaction's `tx` when you are inside one (on PGlite the Database is not usable there).
 */
import { pinyinMatch } from './pinyin.js';
import { isUuid } from '../uuid.js';
import type { Executor, SqlParam } from '../persistence/types.js';
import type { Delegation, DelegationListItem, DirectoryUser, OrgUnit, OrgUnitNode, Role, RoleInUnit, UserFilter, UserListItem } from './types.js';

const USER_COLUMNS = `u.id, u.username, u.display_name AS "displayName", u.display_name_en AS "displayNameEn",
  u.unit_id AS "unitId", u.manager_id AS "managerId", u.is_admin AS "isAdmin", u.active`;
const UNIT_COLUMNS = `id, parent_id AS "parentId", code, name, name_en AS "nameEn", kind, sort, active`;
const DELEGATION_COLUMNS = `id, from_user_id AS "fromUserId", to_user_id AS "toUserId", starts_at AS "startsAt",
  ends_at AS "endsAt", definition_key AS "definitionKey"`;

export interface DirectoryStore {
  /** A user by id or username (inactive users included; check `active`). */
  getUser(idOrUsername: string): Promise<DirectoryUser | null>;
  /** A unit by id or code. */
  getUnit(idOrCode: string): Promise<OrgUnit | null>;
  /** Active users holding `roleKey` in exactly `unitId` (role-in-unit), by username. */
  usersWithRole(roleKey: string, unitId: string): Promise<DirectoryUser[]>;
  /** The unit itself, then its parent, … up to the root. Empty for an unknown unit. */
  unitAncestors(unitId: string): Promise<OrgUnit[]>;
  /** The first active holder of `head` in the unit. */
  headOf(unitId: string): Promise<DirectoryUser | null>;
  /** The manager at `level` (1 = direct manager); null when the chain is shorter. */
  managerChain(userId: string, level: number): Promise<DirectoryUser | null>;
  /** Delegations to `userId` in force at `at` (whom they stand in for). */
  activeDelegationsTo(userId: string, at: Date): Promise<Delegation[]>;
  /** The delegation from `userId` in force at `at`, for `definitionKey` or for every workflow; the newest wins. */
  activeDelegationFrom(userId: string, at: Date, definitionKey?: string): Promise<Delegation | null>;
  /** Every role-in-unit the user holds. */
  rolesOf(userId: string): Promise<RoleInUnit[]>;
  /** Every unit, parents before children, siblings by `sort` then code. */
  /** Units in tree order; `q` finds them by name, code, or the name's pinyin or initials. */
  listUnits(options?: { includeInactive?: boolean; q?: string }): Promise<OrgUnit[]>;
  /** A page of users matching the filter, by unit order then username, with the total. */
  searchUsers(filter: UserFilter): Promise<{ items: UserListItem[]; total: number }>;
  listRoles(): Promise<Role[]>;
  /** Delegations given by or to `userId` (or all, for admins), newest first; `current` hides the ended ones. */
  listDelegations(filter: { userId?: string; current?: Date }): Promise<DelegationListItem[]>;
}

/** Nests a flat unit list (as `listUnits` returns it) into trees under its roots. */
export function unitTree(units: readonly OrgUnit[]): OrgUnitNode[] {
  const nodes = new Map(units.map((u) => [u.id, { ...u, children: [] as OrgUnitNode[] }]));
  const roots: OrgUnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/**
 * @example
 * const directory = createDirectoryStore(db);
 * const clerks = await directory.usersWithRole('petition-clerk', unitId);
 * await db.transaction(async (tx) => { const head = await createDirectoryStore(tx).headOf(unitId); });
 */
export function createDirectoryStore(db: Executor): DirectoryStore {
  const one = async <T>(sql: string, params: unknown[]): Promise<T | null> => ((await db.execute(sql, params as never)) as T[])[0] ?? null;

  return {
    getUser: (idOrUsername) =>
      one<DirectoryUser>(`SELECT ${USER_COLUMNS} FROM app_user u WHERE ${isUuid(idOrUsername) ? 'u.id = $1::uuid' : 'u.username = $1'}`, [idOrUsername]),

    getUnit: (idOrCode) => one<OrgUnit>(`SELECT ${UNIT_COLUMNS} FROM org_unit WHERE ${isUuid(idOrCode) ? 'id = $1::uuid' : 'code = $1'}`, [idOrCode]),

    usersWithRole: async (roleKey, unitId) =>
      (await db.execute(
        `SELECT ${USER_COLUMNS} FROM membership m JOIN app_user u ON u.id = m.user_id
         WHERE m.role_key = $1 AND m.unit_id = $2 AND u.active ORDER BY u.username`,
        [roleKey, unitId],
      )) as unknown as DirectoryUser[],

    unitAncestors: async (unitId) =>
      (await db.execute(
        `WITH RECURSIVE up AS (
           SELECT o.*, 0 AS depth FROM org_unit o WHERE o.id = $1
           UNION ALL
           SELECT p.*, up.depth + 1 FROM org_unit p JOIN up ON p.id = up.parent_id WHERE up.depth < 32
         ) SELECT ${UNIT_COLUMNS} FROM up ORDER BY depth`,
        [unitId],
      )) as unknown as OrgUnit[],

    headOf: (unitId) =>
      one<DirectoryUser>(
        `SELECT ${USER_COLUMNS} FROM membership m JOIN app_user u ON u.id = m.user_id
         WHERE m.role_key = 'head' AND m.unit_id = $1 AND u.active ORDER BY u.username LIMIT 1`,
        [unitId],
      ),

    managerChain: (userId, level) =>
      one<DirectoryUser>(
        `WITH RECURSIVE chain AS (
           SELECT manager_id AS id, 1 AS level FROM app_user WHERE id = $1
           UNION ALL
           SELECT a.manager_id, chain.level + 1 FROM chain JOIN app_user a ON a.id = chain.id WHERE chain.level < $2
         ) SELECT ${USER_COLUMNS} FROM chain JOIN app_user u ON u.id = chain.id WHERE chain.level = $2`,
        [userId, level],
      ),

    activeDelegationsTo: async (userId, at) =>
      (await db.execute(
        `SELECT ${DELEGATION_COLUMNS} FROM delegation WHERE to_user_id = $1 AND starts_at <= $2 AND ends_at > $2
         ORDER BY starts_at`,
        [userId, at],
      )) as unknown as Delegation[],

    activeDelegationFrom: (userId, at, definitionKey) =>
      one<Delegation>(
        `SELECT ${DELEGATION_COLUMNS} FROM delegation
         WHERE from_user_id = $1 AND starts_at <= $2 AND ends_at > $2 AND (definition_key IS NULL OR definition_key = $3)
         ORDER BY (definition_key IS NULL), created_at DESC LIMIT 1`,
        [userId, at, definitionKey ?? null],
      ),

    rolesOf: async (userId) =>
      (await db.execute(`SELECT role_key AS role, unit_id AS "unitId" FROM membership WHERE user_id = $1 ORDER BY 1, 2`, [userId])) as unknown as RoleInUnit[],

    listUnits: async (options = {}) => {
      const where: string[] = options.includeInactive ? [] : ['active'];
      const params: SqlParam[] = [];
      if (options.q) {
        // By name (either language), code, or the name's pinyin and initials ("xzfbgs" → 县政府办公室).
        const n = params.push(`%${options.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
        const spelled = pinyinMatch(options.q);
        const p = spelled ? params.push(spelled) : 0;
        where.push(`(name ILIKE $${n} OR name_en ILIKE $${n} OR code ILIKE $${n}${p ? ` OR name_pinyin LIKE $${p}` : ''})`);
      }
      return (await db.execute(
        `WITH RECURSIVE t AS (
           SELECT o.*, 0 AS depth FROM org_unit o WHERE o.parent_id IS NULL
           UNION ALL
           SELECT c.*, t.depth + 1 FROM org_unit c JOIN t ON c.parent_id = t.id WHERE t.depth < 32
         ) SELECT ${UNIT_COLUMNS} FROM t ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY depth, sort, code`,
        params,
      )) as unknown as OrgUnit[];
    },

    searchUsers: async (f) => {
      const params: SqlParam[] = [];
      const where: string[] = f.includeInactive ? [] : ['u.active'];
      if (f.q) {
        const like = `%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
        const n = params.push(like);
        // Typed in pinyin, the name is found by its full pinyin or initials too ("liuyang", "ly" → 刘洋).
        const spelled = pinyinMatch(f.q);
        const p = spelled ? params.push(spelled) : 0;
        where.push(`(u.username ILIKE $${n} OR u.display_name ILIKE $${n} OR u.display_name_en ILIKE $${n}${p ? ` OR u.name_pinyin LIKE $${p}` : ''})`);
      }
      // With a role, the unit is where the role is held (role-in-unit); without, the user's own unit.
      let inUnits = '';
      if (f.unitId) {
        const n = params.push(f.unitId);
        inUnits = f.subunits
          ? `IN (WITH RECURSIVE d AS (SELECT id, 0 AS depth FROM org_unit WHERE id = $${n}
               UNION ALL SELECT o.id, d.depth + 1 FROM org_unit o JOIN d ON o.parent_id = d.id WHERE d.depth < 32) SELECT id FROM d)`
          : `= $${n}`;
      }
      if (f.role) {
        const n = params.push(f.role);
        where.push(`EXISTS (SELECT 1 FROM membership m WHERE m.user_id = u.id AND m.role_key = $${n}${inUnits ? ` AND m.unit_id ${inUnits}` : ''})`);
      } else if (inUnits) where.push(`u.unit_id ${inUnits}`);
      const pageSize = f.pageSize ?? 50;
      const offset = ((f.page ?? 1) - 1) * pageSize;
      const rows = (await db.execute(
        `SELECT u.id, u.username, u.display_name AS "displayName", u.display_name_en AS "displayNameEn", u.unit_id AS "unitId",
                o.name AS "unitName", o.name_en AS "unitNameEn", u.active, u.is_admin AS "isAdmin", count(*) OVER ()::int AS total
         FROM app_user u LEFT JOIN org_unit o ON o.id = u.unit_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY o.sort NULLS FIRST, o.code NULLS FIRST, u.username LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, pageSize, offset],
      )) as unknown as Array<UserListItem & { total: number }>;
      return { items: rows.map(({ total: _total, ...u }) => u), total: rows[0]?.total ?? 0 };
    },

    listRoles: async () => (await db.execute('SELECT key, name, name_en AS "nameEn" FROM role ORDER BY key')) as unknown as Role[],

    listDelegations: async ({ userId, current }) => {
      const params: SqlParam[] = [];
      const where: string[] = [];
      if (userId) where.push(`(d.from_user_id = $${params.push(userId)} OR d.to_user_id = $${params.length})`);
      if (current) where.push(`d.ends_at > $${params.push(current)}`);
      return (await db.execute(
        `SELECT d.id, d.from_user_id AS "fromUserId", d.to_user_id AS "toUserId", d.starts_at AS "startsAt", d.ends_at AS "endsAt",
                d.definition_key AS "definitionKey", f.username AS "fromUsername", f.display_name AS "fromDisplayName",
                t.username AS "toUsername", t.display_name AS "toDisplayName"
         FROM delegation d JOIN app_user f ON f.id = d.from_user_id JOIN app_user t ON t.id = d.to_user_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.starts_at DESC, d.created_at DESC LIMIT 500`,
        params,
      )) as unknown as DelegationListItem[];
    },
  };
}
