/**
 * The directory queries the engine needs, as lean SQL. Create one over the Database, or over a
 * transaction's `tx` when you are inside one (on PGlite the Database is not usable there).
 */
import type { Executor } from '../persistence/types.js';
import type { Delegation, DirectoryUser, OrgUnit, RoleInUnit } from './types.js';

const USER_COLUMNS = `u.id, u.username, u.display_name AS "displayName", u.display_name_en AS "displayNameEn",
  u.unit_id AS "unitId", u.manager_id AS "managerId", u.is_admin AS "isAdmin", u.active`;
const UNIT_COLUMNS = `id, parent_id AS "parentId", code, name, name_en AS "nameEn", kind, sort`;
const DELEGATION_COLUMNS = `id, from_user_id AS "fromUserId", to_user_id AS "toUserId", starts_at AS "startsAt",
  ends_at AS "endsAt", definition_key AS "definitionKey"`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a uuid; used to tell ids from usernames and unit codes. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

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
}

/**
 * @example
 * const directory = createDirectoryStore(db);
 * const clerks = await directory.usersWithRole('petition-clerk', unitId);
 * await db.transaction(async (tx) => { const head = await createDirectoryStore(tx).headOf(unitId); });
 */
export function createDirectoryStore(db: Executor): DirectoryStore {
  const one = async <T>(sql: string, params: unknown[]): Promise<T | null> =>
    ((await db.execute(sql, params as never)) as T[])[0] ?? null;

  return {
    getUser: (idOrUsername) =>
      one<DirectoryUser>(
        `SELECT ${USER_COLUMNS} FROM app_user u WHERE ${isUuid(idOrUsername) ? 'u.id = $1::uuid' : 'u.username = $1'}`,
        [idOrUsername],
      ),

    getUnit: (idOrCode) =>
      one<OrgUnit>(`SELECT ${UNIT_COLUMNS} FROM org_unit WHERE ${isUuid(idOrCode) ? 'id = $1::uuid' : 'code = $1'}`, [idOrCode]),

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
      (await db.execute(`SELECT role_key AS role, unit_id AS "unitId" FROM membership WHERE user_id = $1 ORDER BY 1, 2`, [
        userId,
      ])) as unknown as RoleInUnit[],
  };
}
