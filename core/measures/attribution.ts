/**
 * Which unit a case or a task is counted for — the one rule, used by every statistics query
 * (dashboard, CSV, bulletins, custom measures):
 * - a case belongs to its receiving unit (受理单位): the unit of the person who started it;
 * - a task belongs to its handling unit (承办单位): the unit it was addressed to (a pool's unit,
 *   role in unit), and otherwise the unit of the person it is assigned to. Addressed first, because
 *   the unit asked to do the work answers for it even when someone from elsewhere picks it up.
 *
 * The SQL expects the case as `i`, the task as `t` and the task's assignee joined as `a`
 * (`LEFT JOIN app_user a ON a.id = t.assignee_id`).
 */

/** The unit a case (`i`) is counted for. */
export const CASE_UNIT_SQL = 'i.initiator_unit_id';

/** The unit a task (`t`, assignee `a`) is counted for. */
export const TASK_UNIT_SQL = 'COALESCE(t.candidate_unit_id, a.unit_id)';

/** The join that `TASK_UNIT_SQL` needs. */
export const TASK_ASSIGNEE_JOIN = 'LEFT JOIN app_user a ON a.id = t.assignee_id';
