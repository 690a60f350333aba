/**
 * Writes behind the admin screens: units, users, roles, memberships, delegations and calendar
 * days. Lean SQL through any Executor (the Database, or a tx to group several changes).
 * Duplicates become `directory.duplicate`, unknown references `directory.*_not_found`.
 */
import { randomUUID } from 'node:crypto';
import { ChanceryError } from '../errors.js';
import type { Executor, SqlParam } from '../persistence/types.js';
import type { UnitKind } from './demo-directory.js';
import { createDirectoryStore } from './directory-store.js';
import { hashPassword } from './password.js';
import { pinyinKeys } from './pinyin.js';

export interface UnitInput {
  parentId: string | null;
  code: string;
  name: string;
  nameEn?: string;
  kind: UnitKind;
  sort?: number;
}
export interface UserInput {
  username: string;
  displayName: string;
  displayNameEn?: string;
  password?: string;
  unitId?: string | null;
  managerId?: string | null;
  isAdmin?: boolean;
  active?: boolean;
}
export interface DelegationInput {
  fromUserId: string;
  toUserId: string;
  startsAt: Date;
  endsAt: Date;
  definitionKey?: string | null;
}
export interface CalendarDayInput {
  calendarKey: string;
  date: string;
  kind: 'holiday' | 'workday';
  name?: { 'zh-CN'?: string; en?: string };
}

export interface DirectoryAdmin {
  createUnit(input: UnitInput): Promise<string>;
  /** Refuses (`directory.unit_cycle`) to move a unit under itself or one of its sub-units. */
  updateUnit(id: string, patch: Partial<UnitInput> & { active?: boolean }): Promise<void>;
  deleteUnit(id: string): Promise<void>;
  /** Keeps the unit for history; refused (`directory.unit_in_use`) while it has active users or sub-units. */
  deactivateUnit(id: string): Promise<void>;
  createUser(input: UserInput): Promise<string>;
  /** A new password, deactivation or a change of admin rights or unit also bumps the token version (ends the user's sessions). */
  updateUser(id: string, patch: Partial<UserInput>): Promise<void>;
  upsertRole(key: string, name: string, nameEn?: string): Promise<void>;
  /** Like `upsertRole`, but an existing key is `directory.duplicate`. */
  createRole(key: string, name: string, nameEn?: string): Promise<void>;
  deleteRole(key: string): Promise<void>;
  /** Both bump the user's token version when they change something. */
  addMembership(userId: string, roleKey: string, unitId: string): Promise<void>;
  removeMembership(userId: string, roleKey: string, unitId: string): Promise<void>;
  createDelegation(input: DelegationInput): Promise<string>;
  /** With `fromUserId`, only that user's own delegation; `directory.delegation_not_found` when nothing matched. */
  deleteDelegation(id: string, fromUserId?: string): Promise<void>;
  setCalendarDay(input: CalendarDayInput): Promise<void>;
  /** `calendar.day_not_found` when the calendar has no admin-set day on that date. */
  deleteCalendarDay(calendarKey: string, date: string): Promise<void>;
  listCalendarDays(calendarKey: string, from: string, to: string): Promise<CalendarDayInput[]>;
}

/** Postgres error → ChanceryError; anything else is rethrown as is. */
async function guarded<T>(what: Record<string, string>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === '23505') throw new ChanceryError('directory.duplicate', { name: Object.values(what)[0] ?? '' }, { cause: e });
    if (code === '23503') throw new ChanceryError('request.invalid', { reason: 'unknown reference / 引用的对象不存在' }, { cause: e });
    if (code === '23514') throw new ChanceryError('request.invalid', { reason: 'constraint / 约束不满足' }, { cause: e });
    throw e;
  }
}

/** Builds `SET a = $2, b = $3` from a camelCase patch (id is $1). */
function setClause(patch: Record<string, unknown>, columns: Record<string, string>): { sql: string; params: SqlParam[] } {
  const entries = Object.entries(patch).filter(([key, value]) => value !== undefined && key in columns);
  return {
    sql: entries.map(([key], i) => `${columns[key]} = $${i + 2}`).join(', '),
    params: entries.map(([, value]) => value as SqlParam),
  };
}

const unitColumns = {
  parentId: 'parent_id',
  code: 'code',
  name: 'name',
  nameEn: 'name_en',
  kind: 'kind',
  sort: 'sort',
  active: 'active',
  namePinyin: 'name_pinyin',
};
const userColumns = {
  username: 'username',
  displayName: 'display_name',
  displayNameEn: 'display_name_en',
  passwordHash: 'password_hash',
  unitId: 'unit_id',
  managerId: 'manager_id',
  isAdmin: 'is_admin',
  active: 'active',
  namePinyin: 'name_pinyin',
};

async function mustTouch(db: Executor, sql: string, params: SqlParam[], notFound: () => ChanceryError): Promise<void> {
  const { rowCount } = await db.query(sql, params);
  if (rowCount === 0) throw notFound();
}

/** Ends every session of the user: tokens carrying the old version and their refresh tokens are refused from now on. */
export async function bumpTokenVersion(db: Executor, userId: string): Promise<void> {
  await db.execute('UPDATE app_user SET token_version = token_version + 1 WHERE id = $1', [userId]);
}

/**
 * @example
 * const admin = createDirectoryAdmin(db);
 * const unitId = await admin.createUnit({ parentId: null, code: 'county', name: '县人民政府', kind: 'county' });
 */
export function createDirectoryAdmin(db: Executor): DirectoryAdmin {
  const unitMissing = (unit: string) => () => new ChanceryError('directory.unit_not_found', { unit });
  const userMissing = (user: string) => () => new ChanceryError('directory.user_not_found', { user });
  return {
    createUnit: (u) =>
      guarded({ code: u.code }, async () => {
        const id = randomUUID();
        await db.execute('INSERT INTO org_unit (id, parent_id, code, name, name_en, kind, sort, name_pinyin) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
          id,
          u.parentId,
          u.code,
          u.name,
          u.nameEn ?? '',
          u.kind,
          u.sort ?? 0,
          pinyinKeys(u.name),
        ]);
        return id;
      }),
    updateUnit: (id, patch) =>
      guarded({ code: patch.code ?? id }, async () => {
        if (patch.parentId) {
          const above = await createDirectoryStore(db).unitAncestors(patch.parentId);
          if (above.length === 0) throw new ChanceryError('directory.unit_not_found', { unit: patch.parentId }, { pointer: '/parentId' });
          const self = above.find((u) => u.id === id);
          if (self) throw new ChanceryError('directory.unit_cycle', { unit: self.code }, { pointer: '/parentId' });
        }
        const set = setClause({ ...patch, ...(patch.name !== undefined ? { namePinyin: pinyinKeys(patch.name) } : {}) }, unitColumns);
        if (set.sql) await mustTouch(db, `UPDATE org_unit SET ${set.sql} WHERE id = $1`, [id, ...set.params], unitMissing(id));
      }),
    deleteUnit: (id) => guarded({ unit: id }, () => mustTouch(db, 'DELETE FROM org_unit WHERE id = $1', [id], unitMissing(id))),
    deactivateUnit: async (id) => {
      const [unit] = await db.execute<{ code: string; users: number; units: number }>(
        `SELECT code, (SELECT count(*)::int FROM app_user WHERE unit_id = $1 AND active) AS users,
                (SELECT count(*)::int FROM org_unit WHERE parent_id = $1 AND active) AS units
         FROM org_unit WHERE id = $1`,
        [id],
      );
      if (!unit) throw unitMissing(id)();
      if (unit.users > 0 || unit.units > 0) throw new ChanceryError('directory.unit_in_use', { unit: unit.code, users: unit.users, units: unit.units });
      await db.execute('UPDATE org_unit SET active = false WHERE id = $1', [id]);
    },
    createUser: (u) =>
      guarded({ username: u.username }, async () => {
        const id = randomUUID();
        const hash = u.password ? await hashPassword(u.password) : null;
        await db.execute(
          `INSERT INTO app_user (id, username, display_name, display_name_en, password_hash, unit_id, manager_id, is_admin, active, name_pinyin)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            id,
            u.username,
            u.displayName,
            u.displayNameEn ?? '',
            hash,
            u.unitId ?? null,
            u.managerId ?? null,
            u.isAdmin ?? false,
            u.active ?? true,
            pinyinKeys(u.displayName, { person: true }),
          ],
        );
        return id;
      }),
    updateUser: (id, patch) =>
      guarded({ username: patch.username ?? id }, async () => {
        const { password, ...rest } = patch;
        const set = setClause(
          {
            ...rest,
            ...(password ? { passwordHash: await hashPassword(password) } : {}),
            ...(patch.displayName !== undefined ? { namePinyin: pinyinKeys(patch.displayName, { person: true }) } : {}),
          },
          userColumns,
        );
        // A new password, a deactivation or a change of admin rights or unit ends the user's sessions.
        const ends = Boolean(password) || patch.active === false || patch.isAdmin !== undefined || patch.unitId !== undefined;
        if (set.sql)
          await mustTouch(
            db,
            `UPDATE app_user SET ${set.sql}${ends ? ', token_version = token_version + 1' : ''} WHERE id = $1`,
            [id, ...set.params],
            userMissing(id),
          );
      }),
    upsertRole: (key, name, nameEn = '') =>
      guarded({ key }, async () => {
        await db.execute('INSERT INTO role (key, name, name_en) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET name = $2, name_en = $3', [
          key,
          name,
          nameEn,
        ]);
      }),
    createRole: (key, name, nameEn = '') =>
      guarded({ key }, async () => {
        await db.execute('INSERT INTO role (key, name, name_en) VALUES ($1, $2, $3)', [key, name, nameEn]);
      }),
    deleteRole: (key) => mustTouch(db, 'DELETE FROM role WHERE key = $1', [key], () => new ChanceryError('directory.role_not_found', { role: key })),
    addMembership: (userId, roleKey, unitId) =>
      guarded({ membership: `${roleKey}@${unitId}` }, async () => {
        const { rowCount } = await db.query('INSERT INTO membership (user_id, role_key, unit_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
          userId,
          roleKey,
          unitId,
        ]);
        if (rowCount > 0) await bumpTokenVersion(db, userId);
      }),
    removeMembership: async (userId, roleKey, unitId) => {
      const { rowCount } = await db.query('DELETE FROM membership WHERE user_id = $1 AND role_key = $2 AND unit_id = $3', [userId, roleKey, unitId]);
      if (rowCount > 0) await bumpTokenVersion(db, userId);
    },
    createDelegation: (d) =>
      guarded({ delegation: d.fromUserId }, async () => {
        const id = randomUUID();
        await db.execute('INSERT INTO delegation (id, from_user_id, to_user_id, starts_at, ends_at, definition_key) VALUES ($1, $2, $3, $4, $5, $6)', [
          id,
          d.fromUserId,
          d.toUserId,
          d.startsAt,
          d.endsAt,
          d.definitionKey ?? null,
        ]);
        return id;
      }),
    deleteDelegation: (id, fromUserId) =>
      mustTouch(
        db,
        `DELETE FROM delegation WHERE id = $1${fromUserId ? ' AND from_user_id = $2' : ''}`,
        fromUserId ? [id, fromUserId] : [id],
        () => new ChanceryError('directory.delegation_not_found', { delegation: id }),
      ),
    setCalendarDay: async (day) => {
      await db.execute(
        `INSERT INTO calendar_day (calendar_key, date, kind, name) VALUES ($1, $2, $3, $4::jsonb)
         ON CONFLICT (calendar_key, date) DO UPDATE SET kind = $3, name = $4::jsonb`,
        [day.calendarKey, day.date, day.kind, JSON.stringify(day.name ?? {})],
      );
    },
    deleteCalendarDay: (calendarKey, date) =>
      mustTouch(
        db,
        'DELETE FROM calendar_day WHERE calendar_key = $1 AND date = $2',
        [calendarKey, date],
        () => new ChanceryError('calendar.day_not_found', { key: calendarKey, date }),
      ),
    listCalendarDays: (calendarKey, from, to) =>
      db.execute(
        `SELECT calendar_key AS "calendarKey", date, kind, name FROM calendar_day
         WHERE calendar_key = $1 AND date BETWEEN $2 AND $3 ORDER BY date`,
        [calendarKey, from, to],
      ) as unknown as Promise<CalendarDayInput[]>,
  };
}
