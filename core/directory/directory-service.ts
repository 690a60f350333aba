/**
 * The directory's rules, apart from HTTP: who and what a reference names (users by id or username,
 * units by id or code), which unit may take new people, how users and units change, and what a
 * delegation (委托, out-of-office substitution) must satisfy. The routes parse, authorise and call
 * these; every refusal carries the pointer of the field it is about. Every change an administrator
 * makes (`by`) commits together with its entry in the system audit chain.
 */
import { ChanceryError } from '../errors.js';
import { appendSystemAudit, type SystemAuditInput } from '../persistence/system-audit.js';
import type { Database } from '../persistence/types.js';
import { createDirectoryAdmin, type DirectoryAdmin, type UnitInput, type UserInput } from './directory-admin.js';
import { createDirectoryStore } from './directory-store.js';
import { isUuid } from '../uuid.js';
import type { DirectoryUser, OrgUnit } from './types.js';

/**
 * A user as a request describes them: the directory's own user fields, all optional, with the
 * unit and manager references not yet resolved (a code or username may stand for an id).
 */
export type UserChange = Partial<UserInput>;

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

/** What a change of a user says in the audit: the fields, never the password (only that it was reset). */
function userAudit(change: UserChange): Record<string, unknown> {
  const { password, ...rest } = change;
  return { ...rest, ...(password ? { passwordReset: true } : {}) };
}

type AuditEntry = Pick<SystemAuditInput, 'kind' | 'target' | 'payload'>;

/**
 * @example
 * const directory = createDirectoryService(db);
 * const from = await directory.user('zongheke1');
 * await directory.createDelegation(from, { to: 'zongheke2', startsAt, endsAt });
 */
export function createDirectoryService(db: Database, clock: () => Date = () => new Date()) {
  const store = createDirectoryStore(db);

  /** An administrator's change (through the entity manager) and its system audit entry, in one transaction. */
  function audited<T>(by: string, change: (admin: DirectoryAdmin) => Promise<T>, entry: (result: T) => AuditEntry): Promise<T> {
    return db.entityTransaction(async (em, tx) => {
      const result = await change(createDirectoryAdmin(em));
      await appendSystemAudit(tx, { ...entry(result), actorId: by, at: clock() });
      return result;
    });
  }
  /** A change nobody audits (a user's own delegation), in a transaction of its own. */
  const unaudited = <T>(change: (admin: DirectoryAdmin) => Promise<T>): Promise<T> => db.entityTransaction((em) => change(createDirectoryAdmin(em)));

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
    user,
    unit,
    liveUnit,
    userWithRoles,

    async createUnit(change: UnitChange & Pick<UnitInput, 'code' | 'name' | 'kind'>, by: string): Promise<OrgUnit> {
      const parentId = change.parentId ? (await liveUnit(change.parentId, '/parentId')).id : null;
      const id = await audited(
        by,
        (admin) => admin.createUnit({ ...change, parentId }),
        (unitId) => ({ kind: 'directory.unit_created', target: unitId, payload: { ...change, parentId } }),
      );
      return unit(id);
    },

    /** Rename, move, reorder, (de)activate: both changes or neither (a refused deactivation leaves no half-applied rename). */
    async updateUnit(ref: string, change: UnitChange, by: string): Promise<OrgUnit> {
      const target = await unit(ref);
      const { active, parentId, ...rest } = change;
      const patch: Partial<UnitInput> & { active?: boolean } = { ...rest };
      if (parentId !== undefined) patch.parentId = parentId === null ? null : (await unit(parentId, '/parentId')).id;
      if (active === true) patch.active = true;
      await audited(
        by,
        async (admin) => {
          await admin.updateUnit(target.id, patch);
          if (active === false) await admin.deactivateUnit(target.id);
        },
        () => ({
          kind: 'directory.unit_updated',
          target: target.id,
          payload: { code: target.code, ...change, ...(patch.parentId !== undefined ? { parentId: patch.parentId } : {}) },
        }),
      );
      return unit(target.id);
    },

    /** Keeps the unit for history; refused while it has active people or sub-units. */
    async deactivateUnit(ref: string, by: string): Promise<OrgUnit> {
      const target = await unit(ref);
      await audited(
        by,
        (admin) => admin.deactivateUnit(target.id),
        () => ({ kind: 'directory.unit_deactivated', target: target.id, payload: { code: target.code } }),
      );
      return unit(target.id);
    },

    async createUser(change: UserChange & { username: string; displayName: string }, by: string) {
      const refs = await userRefs(change);
      const id = await audited(
        by,
        (admin) => admin.createUser({ ...change, ...refs } as UserInput),
        (userId) => ({ kind: 'directory.user_created', target: userId, payload: userAudit({ ...change, ...refs }) }),
      );
      return userWithRoles(id);
    },

    /** An administrator cannot deactivate themselves (nobody would be left to undo it). */
    async updateUser(ref: string, change: UserChange, by: string) {
      const target = await user(ref);
      if (change.active === false && target.id === by) throw new ChanceryError('directory.cannot_deactivate_self', {}, { pointer: '/active' });
      const refs = await userRefs(change);
      await audited(
        by,
        (admin) => admin.updateUser(target.id, { ...change, ...refs }),
        () => ({ kind: 'directory.user_updated', target: target.id, payload: { username: target.username, ...userAudit({ ...change, ...refs }) } }),
      );
      return target.id;
    },

    /** They can no longer sign in; their history stays. Not oneself. */
    async deactivateUser(ref: string, by: string) {
      const target = await user(ref);
      if (target.id === by) throw new ChanceryError('directory.cannot_deactivate_self');
      await audited(
        by,
        (admin) => admin.updateUser(target.id, { active: false }),
        () => ({ kind: 'directory.user_deactivated', target: target.id, payload: { username: target.username } }),
      );
      return target.id;
    },

    async createRole(role: { key: string; name: string; nameEn?: string }, by: string) {
      const created = { key: role.key, name: role.name, nameEn: role.nameEn ?? '' };
      await audited(
        by,
        (admin) => admin.createRole(created.key, created.name, created.nameEn),
        () => ({ kind: 'directory.role_created', target: created.key, payload: created }),
      );
      return created;
    },

    async addMembership(ref: string, role: string, unitRef: string, by: string) {
      const target = await user(ref);
      if (!(await store.listRoles()).some((r) => r.key === role)) throw new ChanceryError('directory.role_not_found', { role }, { pointer: '/role' });
      const into = await liveUnit(unitRef, '/unit');
      await audited(
        by,
        (admin) => admin.addMembership(target.id, role, into.id),
        () => ({ kind: 'directory.membership_added', target: target.id, payload: { username: target.username, role, unitId: into.id, unitCode: into.code } }),
      );
      return userWithRoles(target.id);
    },

    async removeMembership(ref: string, role: string, unitRef: string, by: string) {
      const target = await user(ref);
      const from = await unit(unitRef);
      await audited(
        by,
        (admin) => admin.removeMembership(target.id, role, from.id),
        () => ({ kind: 'directory.membership_removed', target: target.id, payload: { username: target.username, role, unitId: from.id, unitCode: from.code } }),
      );
      return userWithRoles(target.id);
    },

    /**
     * A delegation from `from` to another active user, for a period that ends after it starts,
     * optionally for one existing workflow. Set up by an administrator (`by`), it is audited.
     */
    async createDelegation(from: DirectoryUser, request: DelegationRequest, by?: string) {
      const to = await user(request.to, '/to');
      if (to.id === from.id) throw new ChanceryError('directory.self_delegation', { user: from.username }, { pointer: '/to' });
      if (!to.active) throw new ChanceryError('directory.user_inactive', { user: to.username }, { pointer: '/to' });
      const startsAt = new Date(request.startsAt);
      const endsAt = new Date(request.endsAt);
      if (endsAt.getTime() <= startsAt.getTime())
        throw new ChanceryError('directory.delegation_period', { startsAt: request.startsAt, endsAt: request.endsAt }, { pointer: '/endsAt' });
      if (request.definitionKey) {
        const known = await db.execute('SELECT 1 FROM definition WHERE key = $1 LIMIT 1', [request.definitionKey]);
        if (known.length === 0) throw new ChanceryError('definition.not_found', { key: request.definitionKey }, { pointer: '/definitionKey' });
      }
      const input = { fromUserId: from.id, toUserId: to.id, startsAt, endsAt, definitionKey: request.definitionKey ?? null };
      const id = by
        ? await audited(
            by,
            (admin) => admin.createDelegation(input),
            (delegationId) => ({
              kind: 'directory.delegation_created',
              target: delegationId,
              payload: { from: from.username, to: to.username, startsAt, endsAt, definitionKey: input.definitionKey },
            }),
          )
        : await unaudited((admin) => admin.createDelegation(input));
      return (await store.listDelegations({ userId: from.id })).find((d) => d.id === id)!;
    },

    /** Someone's own delegation (`mine`), or any delegation by an administrator (`by`, audited). A malformed id names none. */
    async deleteDelegation(id: string, who: { mine: string } | { by: string }) {
      if (!isUuid(id)) throw new ChanceryError('directory.delegation_not_found', { delegation: id });
      if ('mine' in who) return unaudited((admin) => admin.deleteDelegation(id, who.mine));
      return audited(
        who.by,
        (admin) => admin.deleteDelegation(id),
        () => ({ kind: 'directory.delegation_deleted', target: id, payload: {} }),
      );
    },

    /** My delegations, given and received, each saying which. */
    async myDelegations(me: string, filter: { direction?: 'given' | 'received'; current?: Date }) {
      const all = await store.listDelegations({ userId: me, ...(filter.current ? { current: filter.current } : {}) });
      const items = all.map((d) => ({ ...d, direction: d.fromUserId === me ? ('given' as const) : ('received' as const) }));
      return filter.direction ? items.filter((d) => d.direction === filter.direction) : items;
    },
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
