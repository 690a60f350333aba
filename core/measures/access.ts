/**
 * Who may see which units' statistics: administrators and county-wide leaders (county head,
 * deputy heads, office director, supervision and target officers) every unit; heads of unit their
 * unit and its sub-units; anyone else nothing.
 */
import { ChanceryError } from '../errors.js';
import type { Executor } from '../persistence/types.js';

/** Roles that see the whole county. */
export const LEADER_ROLES = ['county-head', 'deputy-head', 'office-director', 'supervision-officer', 'target-officer'] as const;

export type OrgUnit = {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  nameEn: string;
};

/** The directory's units, in its display order. */
export function loadUnits(db: Executor): Promise<OrgUnit[]> {
  return db.execute<OrgUnit>(`SELECT id, parent_id AS "parentId", code, name, name_en AS "nameEn" FROM org_unit ORDER BY sort, code`);
}

/**
 * The units `actor` may count (null: every unit), narrowed to `unit` (an id or a code, with its
 * sub-units) when asked; refuses a caller who may see none, or a unit outside what they may see.
 */
export async function statsScope(
  db: Executor,
  actor: { id: string; isAdmin: boolean },
  units: OrgUnit[],
  unit?: string,
): Promise<{ scope: Set<string> | null; unit: OrgUnit | null }> {
  const allowed = await allowedUnits(db, actor, units);
  if (!unit) return { scope: allowed, unit: null };
  const found = units.find((u) => u.id === unit || u.code === unit);
  if (!found) throw new ChanceryError('directory.unit_not_found', { unit }, { pointer: '/unit' });
  if (allowed && !allowed.has(found.id)) throw new ChanceryError('stats.unit_out_of_scope', { unit: found.code }, { pointer: '/unit' });
  return { scope: subtree(units, found.id), unit: found };
}

async function allowedUnits(db: Executor, actor: { id: string; isAdmin: boolean }, units: OrgUnit[]): Promise<Set<string> | null> {
  if (actor.isAdmin) return null;
  const roles = await db.execute<{ role: string; unitId: string }>('SELECT role_key AS role, unit_id AS "unitId" FROM membership WHERE user_id = $1', [
    actor.id,
  ]);
  if (roles.some((r) => (LEADER_ROLES as readonly string[]).includes(r.role))) return null;
  const heads = roles.filter((r) => r.role === 'head');
  if (heads.length === 0) throw new ChanceryError('stats.forbidden');
  const out = new Set<string>();
  for (const h of heads) for (const id of subtree(units, h.unitId)) out.add(id);
  return out;
}

function subtree(units: OrgUnit[], rootId: string): Set<string> {
  const out = new Set([rootId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of units)
      if (u.parentId && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
  }
  return out;
}
