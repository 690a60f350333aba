/**
 * The directory's rules, without HTTP: delegations (委托) go to another active person for a period
 * that ends after it starts and for a workflow that exists; people are put only into active units;
 * an administrator cannot deactivate themselves; a unit change is all or nothing; a person lists and
 * cancels only their own delegations; each administrator's change is in the system audit chain, a
 * refused one is not. Each refusal points at the field it is about.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectoryService, type DirectoryService } from '../../../core/directory/directory-service.js';
import { seedDirectory } from '../../../core/directory/seed-directory.js';
import { ChanceryError } from '../../../core/errors.js';
import type { Database } from '../../../core/persistence/types.js';
import { listSystemAudit } from '../../../core/persistence/system-audit.js';
import { openTestDatabase } from '../../support/db.js';

async function refusal(p: Promise<unknown>): Promise<{ code: string; pointer: string | undefined }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ChanceryError) return { code: e.code, pointer: e.pointer };
    throw e;
  }
  throw new Error('was not refused');
}

describe('directory rules', () => {
  let db: Database;
  let directory: DirectoryService;
  const period = { startsAt: '2026-03-02T00:00:00Z', endsAt: '2026-03-09T00:00:00Z' };
  beforeAll(async () => {
    db = await openTestDatabase();
    await seedDirectory(db, { adminPassword: 'admin-pass-2026', demo: true, demoPassword: 'demo-pass-2026' });
    directory = createDirectoryService(db);
  });
  afterAll(() => db.close());

  it('sets up an out-of-office delegation to a colleague for a period', async () => {
    const from = await directory.user('zongheke1');
    const created = await directory.createDelegation(from, { to: 'zongheke2', ...period });
    expect(created).toMatchObject({ fromUserId: from.id, toUserId: (await directory.user('zongheke2')).id });
  });

  it('refuses a delegation to oneself, to nobody, backwards in time or for an unknown workflow, pointing at the field', async () => {
    const from = await directory.user('zongheke1');
    expect(await refusal(directory.createDelegation(from, { to: 'zongheke1', ...period }))).toEqual({ code: 'directory.self_delegation', pointer: '/to' });
    expect(await refusal(directory.createDelegation(from, { to: 'no-such-user', ...period }))).toEqual({ code: 'directory.user_not_found', pointer: '/to' });
    expect(await refusal(directory.createDelegation(from, { to: 'zongheke2', startsAt: period.endsAt, endsAt: period.startsAt }))).toEqual({
      code: 'directory.delegation_period',
      pointer: '/endsAt',
    });
    expect(await refusal(directory.createDelegation(from, { to: 'zongheke2', ...period, definitionKey: 'no-such-flow' }))).toEqual({
      code: 'definition.not_found',
      pointer: '/definitionKey',
    });
  });

  it('refuses a delegation to someone who was deactivated', async () => {
    const admin = await directory.user('admin');
    await directory.updateUser('ducha1', { active: false }, admin.id);
    const from = await directory.user('zongheke1');
    expect(await refusal(directory.createDelegation(from, { to: 'ducha1', ...period }))).toEqual({ code: 'directory.user_inactive', pointer: '/to' });
  });

  it('puts people only into active units, and keeps an administrator from deactivating themselves', async () => {
    const admin = await directory.user('admin');
    const unit = await directory.createUnit({ code: 'archive-room', name: '档案室', kind: 'section', parentId: 'office' }, admin.id);
    await directory.updateUnit(unit.id, { active: false }, admin.id);
    expect(await refusal(directory.createUser({ username: 'dangan1', displayName: '档案员', unitId: 'archive-room' }, admin.id))).toEqual({
      code: 'directory.unit_inactive',
      pointer: '/unitId',
    });
    expect(await refusal(directory.updateUser('admin', { active: false }, admin.id))).toEqual({ code: 'directory.cannot_deactivate_self', pointer: '/active' });
  });

  it('applies a unit change whole or not at all: a refused deactivation leaves the name as it was', async () => {
    const admin = await directory.user('admin');
    const before = await directory.unit('office');
    const refused = await refusal(directory.updateUnit('office', { name: '改名的办公室', active: false }, admin.id));
    expect(refused.code).toMatch(/^directory\./);
    expect((await directory.unit('office')).name).toBe(before.name);
  });

  it('lists my delegations with their direction, and lets me cancel only my own', async () => {
    const zongheke2 = await directory.user('zongheke2');
    const given = await directory.createDelegation(zongheke2, { to: 'zhuren', ...period });
    const mine = await directory.myDelegations(zongheke2.id, {});
    expect(mine.map((d) => d.direction).sort()).toEqual(['given', 'received']);
    expect((await directory.myDelegations(zongheke2.id, { direction: 'given' })).map((d) => d.id)).toEqual([given.id]);
    const zhuren = await directory.user('zhuren');
    expect(await refusal(directory.deleteDelegation(given.id, { mine: zhuren.id }))).toEqual({ code: 'directory.delegation_not_found', pointer: undefined });
    expect(await refusal(directory.deleteDelegation('not-a-uuid', { mine: zongheke2.id }))).toEqual({
      code: 'directory.delegation_not_found',
      pointer: undefined,
    });
    await directory.deleteDelegation(given.id, { mine: zongheke2.id });
    expect(await directory.myDelegations(zongheke2.id, { direction: 'given' })).toEqual([]);
  });

  it("records each administrator's change in the system audit chain, and nothing for a refused one", async () => {
    const admin = await directory.user('admin');
    const count = async () => (await listSystemAudit(db, { limit: 1, offset: 0 })).total;
    const before = await count();
    const user = await directory.createUser({ username: 'dangan2', displayName: '档案员二', unitId: 'office', password: 'a-password-2026' }, admin.id);
    await directory.updateUser(user.id, { password: 'another-password-2026' }, admin.id);
    await directory.deactivateUser(user.id, admin.id);
    expect(await refusal(directory.deactivateUser(admin.id, admin.id))).toEqual({ code: 'directory.cannot_deactivate_self', pointer: undefined });
    expect(await refusal(directory.updateUnit('office', { name: '改名', active: false }, admin.id))).toMatchObject({ code: 'directory.unit_in_use' });
    const entries = (await listSystemAudit(db, { actorId: admin.id, limit: 10, offset: 0 })).items;
    expect(await count()).toBe(before + 3);
    expect(entries.slice(0, 3).map((e) => e.kind)).toEqual(['directory.user_deactivated', 'directory.user_updated', 'directory.user_created']);
    expect(JSON.stringify(entries)).not.toContain('password-2026');
    expect(entries[1]!.payload).toEqual({ username: 'dangan2', passwordReset: true });
  });
});
