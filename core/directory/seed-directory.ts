/**
 * Seeds the directory: the built-in roles and the admin user always, the demo county on request.
 * Idempotent: existing rows (and passwords) are left alone.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '../persistence/types.js';
import { demoUnits, demoUsers } from './demo-directory.js';
import { generatePassword, hashPassword } from './password.js';
import { builtinRoles } from './roles.js';
import { fillPinyin, pinyinKeys } from './pinyin.js';

export interface SeedOptions {
  adminPassword: string;
  demo: boolean;
  /** The one password every demo user gets; generated when omitted. */
  demoPassword?: string;
}

export interface SeedResult {
  /** Whether the admin user was created now (false: it existed). */
  adminCreated: boolean;
  /** Demo users created now (empty when they existed or `demo` is false). */
  demoUsersCreated: string[];
  /** Their shared password, to print once; undefined when no demo user was created. */
  demoPassword?: string;
}

/**
 * @example
 * const seeded = await seedDirectory(db, { adminPassword: config.adminPassword, demo: true });
 * if (seeded.demoPassword) console.log(`演示账号密码 / demo password: ${seeded.demoPassword}`);
 */
export async function seedDirectory(db: Database, options: SeedOptions): Promise<SeedResult> {
  const adminHash = await hashPassword(options.adminPassword);
  const demoPassword = options.demo ? (options.demoPassword ?? generatePassword()) : undefined;
  // One hash for the shared demo password: scrypt is deliberately slow and there are ~60 demo users.
  const demoHash = demoPassword ? await hashPassword(demoPassword) : undefined;

  return db.transaction(async (tx) => {
    for (const role of builtinRoles) {
      await tx.execute('INSERT INTO role (key, name, name_en) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING', [role.key, role.name, role.nameEn]);
    }
    const unitIds = options.demo ? await seedUnits(tx) : new Map<string, string>();
    const adminUnit = unitIds.get('info-centre') ?? null;
    const adminCreated = await insertUser(tx, {
      username: 'admin',
      displayName: '系统管理员',
      displayNameEn: 'Administrator',
      passwordHash: adminHash,
      unitId: adminUnit,
      managerId: null,
      isAdmin: true,
    });
    if (adminUnit) await addMembership(tx, 'admin', 'admin', unitIds.get('county') ?? adminUnit);

    const created: string[] = [];
    if (demoHash) {
      for (const user of demoUsers) {
        const ok = await insertUser(tx, {
          username: user.username,
          displayName: user.displayName,
          displayNameEn: user.displayNameEn,
          passwordHash: demoHash,
          unitId: unitIds.get(user.unit) ?? null,
          managerId: null,
          isAdmin: user.isAdmin ?? false,
        });
        if (ok) created.push(user.username);
      }
      for (const user of demoUsers) {
        if (user.manager) {
          await tx.execute(
            `UPDATE app_user SET manager_id = (SELECT id FROM app_user WHERE username = $2)
             WHERE username = $1 AND manager_id IS NULL`,
            [user.username, user.manager],
          );
        }
        for (const [role, unit] of [...user.roles, ['staff'] as [string]]) {
          await addMembership(tx, user.username, role, unitIds.get(unit ?? user.unit) ?? '');
        }
      }
    }
    // Rows written before names had their pinyin (an older database) get it now.
    await fillPinyin(tx);
    return {
      adminCreated,
      demoUsersCreated: created,
      ...(created.length > 0 && demoPassword ? { demoPassword } : {}),
    };
  });
}

async function seedUnits(tx: Tx): Promise<Map<string, string>> {
  let sort = 0;
  for (const unit of demoUnits) {
    await tx.execute(
      `INSERT INTO org_unit (id, parent_id, code, name, name_en, kind, sort, name_pinyin)
       VALUES ($1, (SELECT id FROM org_unit WHERE code = $2), $3, $4, $5, $6, $7, $8) ON CONFLICT (code) DO NOTHING`,
      [randomUUID(), unit.parent ?? null, unit.code, unit.name, unit.nameEn, unit.kind, (sort += 10), pinyinKeys(unit.name)],
    );
  }
  const rows = await tx.execute<{ id: string; code: string }>('SELECT id, code FROM org_unit');
  return new Map(rows.map((r) => [r.code, r.id]));
}

interface NewUser {
  username: string;
  displayName: string;
  displayNameEn: string;
  passwordHash: string;
  unitId: string | null;
  managerId: string | null;
  isAdmin: boolean;
}

async function insertUser(tx: Tx, user: NewUser): Promise<boolean> {
  const rows = await tx.execute(
    `INSERT INTO app_user (id, username, display_name, display_name_en, password_hash, unit_id, manager_id, is_admin, name_pinyin)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (username) DO NOTHING RETURNING id`,
    [
      randomUUID(),
      user.username,
      user.displayName,
      user.displayNameEn,
      user.passwordHash,
      user.unitId,
      user.managerId,
      user.isAdmin,
      pinyinKeys(user.displayName, { person: true }),
    ],
  );
  return rows.length === 1;
}

async function addMembership(tx: Tx, username: string, role: string, unitId: string): Promise<void> {
  await tx.execute(
    `INSERT INTO membership (user_id, role_key, unit_id)
     SELECT id, $2, $3 FROM app_user WHERE username = $1 ON CONFLICT DO NOTHING`,
    [username, role, unitId],
  );
}
