import { Migration } from '@mikro-orm/migrations';

/**
 * Inbox signals: when a task is opened for someone (assigned to them, offered to their pool, or
 * assigned to a person they stand in for), a row here tells their live notification stream to
 * refresh the inbox. A trigger on `task` writes them in the same transaction as the task, so a
 * signal exists exactly when the assignment committed; on PostgreSQL each row is announced
 * through `pg_notify` on the notification channel, reaching streams on every node.
 */
const statements = [
  `CREATE TABLE inbox_signal (
    seq bigserial PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    task_id uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX inbox_signal_user_seq_idx ON inbox_signal (user_id, seq)`,
  `CREATE FUNCTION inbox_signal_announce() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     PERFORM pg_notify('chancery_notification', json_build_object('userId', NEW.user_id, 'inbox', NEW.seq)::text);
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER inbox_signal_announce AFTER INSERT ON inbox_signal FOR EACH ROW EXECUTE FUNCTION inbox_signal_announce()`,
  // Who sees a task arrive: its assignee and whoever stands in for them, or every member of the
  // pool it is offered to; a pool task being claimed leaves the other members' inboxes too. A
  // signal only makes an inbox reload (it carries no data), so a delegate whose delegation has not
  // begun yet is told too rather than deciding "now" here: the engine's clock is not the database's.
  `CREATE FUNCTION task_inbox_signal() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF NEW.status = 'open' AND (TG_OP = 'INSERT' OR OLD.status <> 'open' OR NEW.assignee_id IS DISTINCT FROM OLD.assignee_id
         OR NEW.candidate_role IS DISTINCT FROM OLD.candidate_role OR NEW.candidate_unit_id IS DISTINCT FROM OLD.candidate_unit_id) THEN
       INSERT INTO inbox_signal (user_id, task_id)
       SELECT DISTINCT u, NEW.id FROM (
         SELECT NEW.assignee_id AS u WHERE NEW.assignee_id IS NOT NULL
         UNION ALL SELECT d.to_user_id FROM delegation d
           WHERE NEW.assignee_id IS NOT NULL AND d.from_user_id = NEW.assignee_id AND d.ends_at > LEAST(now(), NEW.created_at)
         UNION ALL SELECT m.user_id FROM membership m
           WHERE NEW.assignee_id IS NULL AND m.role_key = NEW.candidate_role AND m.unit_id = NEW.candidate_unit_id
         UNION ALL SELECT m.user_id FROM membership m
           WHERE TG_OP = 'UPDATE' AND OLD.assignee_id IS NULL AND NEW.assignee_id IS NOT NULL AND m.role_key = OLD.candidate_role AND m.unit_id = OLD.candidate_unit_id
       ) who WHERE u IS NOT NULL;
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER task_inbox_signal AFTER INSERT OR UPDATE ON task FOR EACH ROW EXECUTE FUNCTION task_inbox_signal()`,
];

export class Migration0005FirstInboxSignal extends Migration {
  override up(): void {
    for (const sql of statements) this.addSql(sql);
  }

  override down(): void {
    this.addSql('DROP TRIGGER IF EXISTS task_inbox_signal ON task');
    this.addSql('DROP FUNCTION IF EXISTS task_inbox_signal()');
    this.addSql('DROP TABLE IF EXISTS inbox_signal');
    this.addSql('DROP FUNCTION IF EXISTS inbox_signal_announce()');
  }
}
