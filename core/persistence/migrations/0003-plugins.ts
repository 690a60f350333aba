import { Migration } from '@mikro-orm/migrations';

/**
 * What plugins need: one row per action request (its attempts, outcome, and the incident an admin
 * retries), secrets granted to plugins (encrypted), document-number counters with their ledger,
 * a ledger of side effects done once (emails, SMS), and a sequence on notifications so live streams can resume (`Last-Event-ID`) and fan out
 * through `pg_notify` on every insert.
 */
const statements = [
  `CREATE TABLE action_run (
    id uuid PRIMARY KEY,
    instance_id uuid NOT NULL REFERENCES instance (id),
    request_id text NOT NULL,
    action text NOT NULL,
    state text NOT NULL DEFAULT '',
    params jsonb NOT NULL DEFAULT '{}',
    status text NOT NULL CHECK (status IN ('running', 'done', 'failed', 'incident', 'retrying', 'dismissed')),
    attempts integer NOT NULL DEFAULT 0,
    last_error text,
    result jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    resolved_by uuid REFERENCES app_user (id),
    UNIQUE (instance_id, request_id)
  )`,
  `CREATE INDEX action_run_status_idx ON action_run (status, updated_at)`,
  `CREATE TABLE plugin_secret (
    name text PRIMARY KEY,
    ciphertext text NOT NULL,
    grants text[] NOT NULL DEFAULT '{}',
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by uuid REFERENCES app_user (id)
  )`,
  `CREATE TABLE doc_number_counter (
    doc_type text NOT NULL,
    year integer NOT NULL,
    last integer NOT NULL,
    PRIMARY KEY (doc_type, year)
  )`,
  `CREATE TABLE doc_number (
    doc_type text NOT NULL,
    year integer NOT NULL,
    seq integer NOT NULL,
    number text NOT NULL,
    idempotency_key text NOT NULL UNIQUE,
    instance_id uuid REFERENCES instance (id),
    issued_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (doc_type, year, seq)
  )`,
  `CREATE TABLE plugin_effect (
    key text PRIMARY KEY,
    result jsonb NOT NULL DEFAULT '{}',
    at timestamptz NOT NULL DEFAULT now()
  )`,
  `ALTER TABLE notification ADD COLUMN seq bigserial`,
  `ALTER TABLE notification ADD COLUMN dedupe_key text`,
  `CREATE UNIQUE INDEX notification_dedupe_idx ON notification (user_id, dedupe_key)`,
  `CREATE INDEX notification_user_seq_idx ON notification (user_id, seq)`,
  `CREATE FUNCTION notification_announce() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     PERFORM pg_notify('chancery_notification', json_build_object('userId', NEW.user_id, 'seq', NEW.seq)::text);
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER notification_announce AFTER INSERT ON notification FOR EACH ROW EXECUTE FUNCTION notification_announce()`,
];

export class Migration0003Plugins extends Migration {
  override up(): void {
    for (const sql of statements) this.addSql(sql);
  }

  override down(): void {
    this.addSql('DROP TRIGGER IF EXISTS notification_announce ON notification');
    this.addSql('DROP FUNCTION IF EXISTS notification_announce()');
    this.addSql('ALTER TABLE notification DROP COLUMN IF EXISTS seq');
    this.addSql('ALTER TABLE notification DROP COLUMN IF EXISTS dedupe_key');
    for (const t of ['plugin_effect', 'doc_number', 'doc_number_counter', 'plugin_secret', 'action_run']) this.addSql(`DROP TABLE IF EXISTS ${t}`);
  }
}
