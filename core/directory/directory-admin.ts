/**
 * Writes behind the admin screens: units, users, roles, memberships, delegations and calendar
 * days. Admin CRUD goes through MikroORM's entity manager, inside `db.entityTransaction`, so the
 * entities are the one description of these tables and a change commits together with its
 * system-audit entry (written through the same transaction's `tx`). The engine's hot path reads
 * the directory with lean SQL (directory-store.ts) and never comes here.
 * Duplicates become `directory.duplicate`, unknown references `directory.*_not_found`.
 */
import { raw, type Hidden, type InferEntity } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ChanceryError } from '../errors.js';
import { AppUser, Delegation, Membership, OrgUnit, Role } from '../persistence/entities/directory.entity.js';
import { CalendarDay } from '../persistence/entities/support.entity.js';
import type { UnitKind } from './demo-directory.js';
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

/** Postgres error → ChanceryError; anything else is rethrown as is. Each method flushes, so its own errors surface here. */
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

/** The members of a patch that say something: `undefined` leaves a property as it is. */
function defined<T extends Record<string, unknown>>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * Ends every session of the user: tokens carrying the old version and their refresh tokens are
 * refused from now on. One statement (`token_version + 1` in the database), so two changes at once
 * both count.
 */
export async function bumpTokenVersion(em: EntityManager, userId: string): Promise<void> {
  await em.nativeUpdate(AppUser, { id: userId }, { tokenVersion: raw('token_version + 1') });
}

/** The unit and the units above it, nearest first; stops where a chain would loop. */
async function unitChain(em: EntityManager, unitId: string): Promise<Array<InferEntity<typeof OrgUnit>>> {
  const chain: Array<InferEntity<typeof OrgUnit>> = [];
  let next: string | undefined = unitId;
  while (next !== undefined && !chain.some((u) => u.id === next)) {
    const unit: InferEntity<typeof OrgUnit> | null = await em.findOne(OrgUnit, next);
    if (!unit) break;
    chain.push(unit);
    next = unit.parent?.id;
  }
  return chain;
}

/**
 * @example
 * const unitId = await db.entityTransaction(async (em, tx) => {
 *   const id = await createDirectoryAdmin(em).createUnit({ parentId: null, code: 'county', name: '县人民政府', kind: 'county' });
 *   await appendSystemAudit(tx, { kind: 'directory.unit_created', actorId, target: id, at: new Date() });
 *   return id;
 * });
 */
export function createDirectoryAdmin(em: EntityManager): DirectoryAdmin {
  const unitMissing = (unit: string) => new ChanceryError('directory.unit_not_found', { unit });
  const userMissing = (user: string) => new ChanceryError('directory.user_not_found', { user });
  return {
    createUnit: (u) =>
      guarded({ code: u.code }, async () => {
        const unit = em.create(OrgUnit, {
          parent: u.parentId,
          code: u.code,
          name: u.name,
          nameEn: u.nameEn ?? '',
          kind: u.kind,
          sort: u.sort ?? 0,
          namePinyin: pinyinKeys(u.name),
        });
        await em.flush();
        return unit.id;
      }),
    updateUnit: (id, patch) =>
      guarded({ code: patch.code ?? id }, async () => {
        if (patch.parentId) {
          const above = await unitChain(em, patch.parentId);
          if (above.length === 0) throw new ChanceryError('directory.unit_not_found', { unit: patch.parentId }, { pointer: '/parentId' });
          const self = above.find((u) => u.id === id);
          if (self) throw new ChanceryError('directory.unit_cycle', { unit: self.code }, { pointer: '/parentId' });
        }
        const change = defined({
          parent: patch.parentId,
          code: patch.code,
          name: patch.name,
          nameEn: patch.nameEn,
          kind: patch.kind,
          sort: patch.sort,
          active: patch.active,
          namePinyin: patch.name !== undefined ? pinyinKeys(patch.name) : undefined,
        });
        if (Object.keys(change).length === 0) return;
        const unit = await em.findOne(OrgUnit, id);
        if (!unit) throw unitMissing(id);
        em.assign(unit, change);
        await em.flush();
      }),
    deleteUnit: (id) =>
      guarded({ unit: id }, async () => {
        if ((await em.nativeDelete(OrgUnit, { id })) === 0) throw unitMissing(id);
      }),
    deactivateUnit: async (id) => {
      const unit = await em.findOne(OrgUnit, id);
      if (!unit) throw unitMissing(id);
      const users = await em.count(AppUser, { unit: id, active: true });
      const units = await em.count(OrgUnit, { parent: id, active: true });
      if (users > 0 || units > 0) throw new ChanceryError('directory.unit_in_use', { unit: unit.code, users, units });
      unit.active = false;
      await em.flush();
    },
    createUser: (u) =>
      guarded({ username: u.username }, async () => {
        const user = em.create(AppUser, {
          username: u.username,
          displayName: u.displayName,
          displayNameEn: u.displayNameEn ?? '',
          // No password: null (sign-in refused). The cast because MikroORM 6.6 types a nullable hidden
          // property as never null (Hidden<string | null> reduces to string & Brand).
          passwordHash: (u.password ? await hashPassword(u.password) : null) as Hidden<string>,
          unit: u.unitId ?? null,
          manager: u.managerId ?? null,
          isAdmin: u.isAdmin ?? false,
          active: u.active ?? true,
          namePinyin: pinyinKeys(u.displayName, { person: true }),
        });
        await em.flush();
        return user.id;
      }),
    updateUser: (id, patch) =>
      guarded({ username: patch.username ?? id }, async () => {
        const { password } = patch;
        const change = defined({
          username: patch.username,
          displayName: patch.displayName,
          displayNameEn: patch.displayNameEn,
          passwordHash: password ? await hashPassword(password) : undefined,
          unit: patch.unitId,
          manager: patch.managerId,
          isAdmin: patch.isAdmin,
          active: patch.active,
          namePinyin: patch.displayName !== undefined ? pinyinKeys(patch.displayName, { person: true }) : undefined,
        });
        if (Object.keys(change).length === 0) return;
        const user = await em.findOne(AppUser, id);
        if (!user) throw userMissing(id);
        em.assign(user, change);
        await em.flush();
        // A new password, a deactivation or a change of admin rights or unit ends the user's sessions.
        if (Boolean(password) || patch.active === false || patch.isAdmin !== undefined || patch.unitId !== undefined) await bumpTokenVersion(em, id);
      }),
    upsertRole: (key, name, nameEn = '') =>
      guarded({ key }, async () => {
        await em.upsert(Role, { key, name, nameEn });
      }),
    createRole: (key, name, nameEn = '') =>
      guarded({ key }, async () => {
        em.create(Role, { key, name, nameEn });
        await em.flush();
      }),
    deleteRole: async (key) => {
      if ((await em.nativeDelete(Role, { key })) === 0) throw new ChanceryError('directory.role_not_found', { role: key });
    },
    addMembership: (userId, roleKey, unitId) =>
      guarded({ membership: `${roleKey}@${unitId}` }, async () => {
        // Insert-or-nothing in one statement: the same post added twice at once is no error, and
        // only a post that is new ends the user's sessions.
        const { affectedRows } = await em
          .createQueryBuilder(Membership)
          .insert({ user: userId, role: roleKey, unit: unitId })
          .onConflict()
          .ignore()
          .execute('run');
        if (affectedRows > 0) await bumpTokenVersion(em, userId);
      }),
    removeMembership: async (userId, roleKey, unitId) => {
      if ((await em.nativeDelete(Membership, { user: userId, role: roleKey, unit: unitId })) > 0) await bumpTokenVersion(em, userId);
    },
    createDelegation: (d) =>
      guarded({ delegation: d.fromUserId }, async () => {
        const delegation = em.create(Delegation, {
          fromUser: d.fromUserId,
          toUser: d.toUserId,
          startsAt: d.startsAt,
          endsAt: d.endsAt,
          definitionKey: d.definitionKey ?? null,
        });
        await em.flush();
        return delegation.id;
      }),
    deleteDelegation: async (id, fromUserId) => {
      if ((await em.nativeDelete(Delegation, fromUserId ? { id, fromUser: fromUserId } : { id })) === 0)
        throw new ChanceryError('directory.delegation_not_found', { delegation: id });
    },
    setCalendarDay: async (day) => {
      await em.upsert(CalendarDay, { calendarKey: day.calendarKey, date: day.date, kind: day.kind, name: day.name ?? {} });
    },
    deleteCalendarDay: async (calendarKey, date) => {
      if ((await em.nativeDelete(CalendarDay, { calendarKey, date })) === 0) throw new ChanceryError('calendar.day_not_found', { key: calendarKey, date });
    },
    listCalendarDays: async (calendarKey, from, to) => {
      const days = await em.find(CalendarDay, { calendarKey, date: { $gte: from, $lte: to } }, { orderBy: { date: 'asc' } });
      return days.map((d) => ({ calendarKey: d.calendarKey, date: d.date, kind: d.kind, name: d.name }));
    },
  };
}
