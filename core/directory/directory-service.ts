/**
 * The directory's rules, apart from HTTP: who and what a reference names (users by id or username,
 * units by id or code), which unit may take new people, how users and units change, and what a
 * delegation (委托, out-of-office substitution) must satisfy. The routes parse, authorise and call
 * these; every refusal carries the pointer of the field it is about.
 */
import { ChanceryError } from '../errors.js';
import type { Executor, Database } from '../persistence/types.js';
import { createDirectoryAdmin, type UnitInput, type UserInput } from './directory-admin.js';
import { createDirectoryStore } from './directory-store.js';
import type { DirectoryUser, OrgUnit } from './types.js';

/** A user as a request describes them: references not yet resolved. */
export interface UserChange {
  username?: string;
  displayName?: string;
  displayNameEn?: string;
  password?: string;
  unitId?: string | null;
  managerId?: string | null;
  isAdmin?: boolean;
  active?: boolean;
}

export interface UnitChange {
  code?: string;
  name?: string;
  nameEn?: string;
  kind?: UnitInput['kind'];
  parentId?: string | null;
  sort?: number;
  active?: boolean;
}

export interface DelegationRequest {
  to: string;
  startsAt: string;
  endsAt: string;
  definitionKey?: string;
}

const at = (pointer: string | undefined) => (pointer === undefined ? {} : { pointer });

/**
 * @example
 * const directory = createDirectoryService(db);
 * const from = await directory.user('zongheke1');
 * await directory.createDelegation(from, { to: 'zongheke2', startsAt, endsAt });
 */
export function createDirectoryService(db: Database) {
  const store = createDirectoryStore(db);
  const admin = createDirectoryAdmin(db);

  async function user(idOrName: string, pointer?: string): Promise<DirectoryUser> {
    const u = await store.getUser(idOrName);
    if (!u) throw new ChanceryError('directory.user_not_found', { user: idOrName }, at(pointer));
    return u;
  }
  async function unit(idOrCode: string, pointer?: string): Promise<OrgUnit> {
    const u = await store.getUnit(idOrCode);
    if (!u) throw new ChanceryError('directory.unit_not_found', { unit: idOrCode }, at(pointer));
    return u;
  }
  /** A unit new things may be put in: it exists and is active. */
  async function liveUnit(idOrCode: string, pointer: string): Promise<OrgUnit> {
    const u = await unit(idOrCode, pointer);
    if (!u.active) throw new ChanceryError('directory.unit_inactive', { unit: u.code }, { pointer });
    return u;
  }
  async function userWithRoles(idOrName: string) {
    const u = await user(idOrName);
    const roles = await db.execute(
      `SELECT m.role_key AS role, m.unit_id AS "unitId", o.code AS "unitCode", o.name AS "unitName", o.name_en AS "unitNameEn"
       FROM membership m JOIN org_unit o ON o.id = m.unit_id WHERE m.user_id = $1 ORDER BY m.role_key, o.code`,
      [u.id],
    );
    return { ...u, roles };
  }
  /** Unit and manager references of a user change, resolved to ids. */
  async function userRefs(change: UserChange): Promise<Partial<UserInput>> {
    const out: Partial<UserInput> = {};
    if (change.unitId !== undefined) out.unitId = change.unitId === null ? null : (await liveUnit(change.unitId, '/unitId')).id;
    if (change.managerId !== undefined) out.managerId = change.managerId === null ? null : (await user(change.managerId, '/managerId')).id;
    return out;
  }

  return {
    store,
    admin,
    user,
    unit,
    liveUnit,
    userWithRoles,

    async createUnit(change: UnitChange & Pick<UnitInput, 'code' | 'name' | 'kind'>): Promise<OrgUnit> {
      const parentId = change.parentId ? (await liveUnit(change.parentId, '/parentId')).id : null;
      return unit(await admin.createUnit({ ...change, parentId }));
    },

    /** Rename, move, reorder, (de)activate: both changes or neither (a refused deactivation leaves no half-applied rename). */
    async updateUnit(ref: string, change: UnitChange): Promise<OrgUnit> {
      const target = await unit(ref);
      const { active, parentId, ...rest } = change;
      const patch: Partial<UnitInput> & { active?: boolean } = { ...rest };
      if (parentId !== undefined) patch.parentId = parentId === null ? null : (await unit(parentId, '/parentId')).id;
      if (active === true) patch.active = true;
      await db.transaction(async (tx) => {
        const inTx = createDirectoryAdmin(tx as Executor);
        await inTx.updateUnit(target.id, patch);
        if (active === false) await inTx.deactivateUnit(target.id);
      });
      return unit(target.id);
    },

    async createUser(change: UserChange & { username: string; displayName: string }) {
      const id = await admin.createUser({ ...change, ...(await userRefs(change)) } as UserInput);
      return userWithRoles(id);
    },

    /** An administrator cannot deactivate themselves (nobody would be left to undo it). */
    async updateUser(ref: string, change: UserChange, actorId: string) {
      const target = await user(ref);
      if (change.active === false && target.id === actorId) throw new ChanceryError('directory.cannot_deactivate_self', {}, { pointer: '/active' });
      await admin.updateUser(target.id, { ...change, ...(await userRefs(change)) });
      return target.id;
    },

    async addMembership(ref: string, role: string, unitRef: string) {
      const target = await user(ref);
      if (!(await store.listRoles()).some((r) => r.key === role)) throw new ChanceryError('directory.role_not_found', { role }, { pointer: '/role' });
      await admin.addMembership(target.id, role, (await liveUnit(unitRef, '/unit')).id);
      return userWithRoles(target.id);
    },

    /**
     * A delegation from `from` to another active user, for a period that ends after it starts,
     * optionally for one existing workflow.
     */
    async createDelegation(from: DirectoryUser, request: DelegationRequest) {
      const to = await user(request.to, '/to');
      if (to.id === from.id) throw new ChanceryError('directory.self_delegation', { user: from.username }, { pointer: '/to' });
      if (!to.active) throw new ChanceryError('directory.user_inactive', { user: to.username }, { pointer: '/to' });
      const startsAt = new Date(request.startsAt);
      const endsAt = new Date(request.endsAt);
      if (endsAt.getTime() <= startsAt.getTime()) throw new ChanceryError('directory.delegation_period', { startsAt: request.startsAt, endsAt: request.endsAt }, { pointer: '/endsAt' });
      if (request.definitionKey) {
        const known = await db.execute('SELECT 1 FROM definition WHERE key = $1 LIMIT 1', [request.definitionKey]);
        if (known.length === 0) throw new ChanceryError('definition.not_found', { key: request.definitionKey }, { pointer: '/definitionKey' });
      }
      const id = await admin.createDelegation({ fromUserId: from.id, toUserId: to.id, startsAt, endsAt, definitionKey: request.definitionKey ?? null });
      return (await store.listDelegations({ userId: from.id })).find((d) => d.id === id)!;
    },
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
