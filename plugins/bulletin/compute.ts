/**
 * The figures of a supervision bulletin (督查通报): per unit, the tasks due in the period done on
 * time, done late, and not done though due (missing), with a ranking by on-time rate.
 */
import type { Executor } from '../../core/index.js';

export interface UnitFigures {
  unitId: string;
  unit: string;
  unitEn: string;
  total: number;
  onTime: number;
  late: number;
  missing: number;
  /** Open and not yet due: shown, not ranked. */
  pending: number;
  /** onTime / (onTime + late + missing), 0..1; null when nothing was due. */
  rate: number | null;
  rank: number | null;
}

export async function computeBulletin(db: Executor, input: { from: Date; to: Date; asOf: Date; definitions?: string[] }): Promise<UnitFigures[]> {
  const rows = await db.execute<{ unit_id: string; name: string; name_en: string; sort: number; on_time: number; late: number; missing: number; pending: number }>(
    `SELECT u.id AS unit_id, u.name, u.name_en, u.sort,
       count(*) FILTER (WHERE t.status = 'completed' AND t.completed_at <= t.due_at)::int AS on_time,
       count(*) FILTER (WHERE t.status = 'completed' AND t.completed_at > t.due_at)::int AS late,
       count(*) FILTER (WHERE t.status = 'open' AND t.due_at < $3)::int AS missing,
       count(*) FILTER (WHERE t.status = 'open' AND t.due_at >= $3)::int AS pending
     FROM task t
     JOIN instance i ON i.id = t.instance_id
     LEFT JOIN app_user a ON a.id = t.assignee_id
     JOIN org_unit u ON u.id = COALESCE(t.candidate_unit_id, a.unit_id)
     WHERE t.due_at IS NOT NULL AND t.due_at >= $1 AND t.due_at < $2 AND t.status <> 'cancelled'
       AND ($4::text[] IS NULL OR i.definition_key = ANY($4::text[]))
     GROUP BY u.id, u.name, u.name_en, u.sort`,
    [input.from, input.to, input.asOf, input.definitions?.length ? input.definitions : null],
  );
  const figures: UnitFigures[] = rows.map((r) => {
    const counted = r.on_time + r.late + r.missing;
    return {
      unitId: r.unit_id, unit: r.name, unitEn: r.name_en, total: counted + r.pending,
      onTime: r.on_time, late: r.late, missing: r.missing, pending: r.pending,
      rate: counted === 0 ? null : r.on_time / counted, rank: null,
    };
  });
  figures.sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || a.missing - b.missing || a.late - b.late || a.unit.localeCompare(b.unit, 'zh-CN'));
  let rank = 0;
  let prev: UnitFigures | undefined;
  figures.forEach((f, i) => {
    if (f.rate === null) return;
    if (!prev || prev.rate !== f.rate || prev.missing !== f.missing || prev.late !== f.late) rank = i + 1;
    f.rank = rank;
    prev = f;
  });
  return figures;
}
