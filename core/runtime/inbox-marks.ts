/**
 * What an inbox row shows beside the task itself, as office staff read a 待办 list: the step's
 * title in the reader's language, who started the case, 急件 / 特急 (the definition's `urgency`
 * rule), and whose task it was — 转交自 (transferred from), 委派自 (delegated by its holder),
 * 委托 (acting for someone away) or 已委托给 (mine, held by my delegate while I am away). Read for
 * one page of rows at once.
 */
import type { Lang } from '../errors.js';
import type { CompiledWorkflow } from '../machine/compile.js';
import { evalRule } from '../machine/scope.js';
import type { Executor } from '../persistence/types.js';
import type { InboxItem } from './queries.js';
import { textOf } from './text.js';

export interface InboxMarks {
  /** The step's title in the reader's language (the stored task title is zh-CN). */
  stepTitle: string;
  initiatorName: string | null;
  urgency: 'urgent' | 'very-urgent' | null;
  /** 转交自: who transferred the task to its holder. */
  transferredFrom: string | null;
  /** 委派自: the holder who delegated it and gets it back. */
  delegatedBy: string | null;
  /** 委托: the person away whose task this is (`delegated` rows). */
  actingForName: string | null;
  /** 已委托给: who holds my task for me while I am away (`readOnly` rows). */
  delegatedTo: string | null;
}

type Row = {
  id: string;
  owner_id: string | null;
  assignee_id: string | null;
  acting_for_id: string | null;
  initiator_id: string;
  initiator_unit_id: string | null;
  definition_version: number;
  data: Record<string, unknown>;
};

function urgencyOf(wf: CompiledWorkflow | undefined, r: Row): InboxMarks['urgency'] {
  if (wf?.definition.urgency === undefined) return null;
  try {
    const v = evalRule(wf.definition.urgency, { data: r.data, initiator: { id: r.initiator_id, unitId: r.initiator_unit_id ?? '' } });
    return v === 'urgent' || v === 'very-urgent' ? v : null;
  } catch {
    return null;
  }
}

export async function withInboxMarks<T extends InboxItem>(
  exec: Executor,
  items: T[],
  lang: Lang,
  wfOf: (key: string, version: number) => Promise<CompiledWorkflow>,
): Promise<Array<T & InboxMarks>> {
  if (items.length === 0) return [];
  const ids = items.map((i) => i.id);
  const rows = await exec.execute<Row>(
    `SELECT t.id, t.owner_id, t.assignee_id, t.acting_for_id, i.initiator_id, i.initiator_unit_id, i.definition_version, i.data FROM task t JOIN instance i ON i.id = t.instance_id WHERE t.id = ANY($1::uuid[])`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const transfers = await exec.execute<{ task_id: string; from_id: string | null }>(
    `SELECT DISTINCT ON (task_id) task_id, payload->>'from' AS from_id FROM audit_event
     WHERE instance_id = ANY($1::uuid[]) AND task_id = ANY($2::uuid[]) AND type = 'task.transferred' ORDER BY task_id, seq DESC`,
    [[...new Set(items.map((i) => i.instanceId))], ids],
  );
  const from = new Map(transfers.map((t) => [t.task_id, t.from_id]));
  const people = [
    ...new Set([...rows.flatMap((r) => [r.initiator_id, r.owner_id, r.assignee_id, r.acting_for_id]), ...from.values()].filter((x): x is string => !!x)),
  ];
  const names = new Map(
    (
      await exec.execute<{ id: string; display_name: string; display_name_en: string | null }>(
        'SELECT id, display_name, display_name_en FROM app_user WHERE id = ANY($1::uuid[])',
        [people],
      )
    ).map((u) => [u.id, lang === 'en' && u.display_name_en ? u.display_name_en : u.display_name]),
  );
  const name = (id: string | null | undefined) => (id ? (names.get(id) ?? null) : null);
  const workflows = new Map<string, CompiledWorkflow | undefined>();
  for (const r of rows) {
    const item = items.find((i) => i.id === r.id)!;
    const key = `${item.definition}@${r.definition_version}`;
    if (!workflows.has(key)) workflows.set(key, await wfOf(item.definition, r.definition_version).catch(() => undefined));
  }
  return items.map((item) => {
    const r = byId.get(item.id);
    const wf = r ? workflows.get(`${item.definition}@${r.definition_version}`) : undefined;
    const info = wf?.states.get(item.state);
    return {
      ...item,
      stepTitle: info ? textOf(info.spec.title ?? info.work?.spec.title, lang) || item.title : item.title,
      initiatorName: name(r?.initiator_id),
      urgency: r ? urgencyOf(wf, r) : null,
      transferredFrom: name(from.get(item.id)),
      delegatedBy: name(r?.owner_id),
      // Given to me for them when it opened (acting_for), or theirs under their delegation now.
      actingForName: item.delegated ? name(r?.acting_for_id ?? r?.assignee_id) : null,
      delegatedTo: item.readOnly ? name(r?.assignee_id) : null,
    };
  });
}
