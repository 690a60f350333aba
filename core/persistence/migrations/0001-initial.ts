/**
 * The initial schema. Hand-written so that what MikroORM cannot express from the entities lives
 * here too: the partial unique index on drafts, check constraints, and the append-only trigger.
 * Statements contain no `?` (knex would take it for a binding).
 */
import { Migration } from '@mikro-orm/migrations';

const directory = [
  `CREATE TABLE org_unit (
    id uuid PRIMARY KEY,
    parent_id uuid REFERENCES org_unit (id),
    code text NOT NULL UNIQUE,
    name text NOT NULL,
    name_en text NOT NULL DEFAULT '',
    kind text NOT NULL CHECK (kind IN ('county', 'office', 'department', 'township', 'section')),
    sort integer NOT NULL DEFAULT 0
  )`,
  `CREATE INDEX org_unit_parent_idx ON org_unit (parent_id)`,
  `CREATE TABLE app_user (
    id uuid PRIMARY KEY,
    username text NOT NULL UNIQUE,
    display_name text NOT NULL,
    display_name_en text NOT NULL DEFAULT '',
    password_hash text,
    unit_id uuid REFERENCES org_unit (id),
    manager_id uuid REFERENCES app_user (id),
    is_admin boolean NOT NULL DEFAULT false,
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX app_user_unit_idx ON app_user (unit_id)`,
  `CREATE TABLE role (key text PRIMARY KEY, name text NOT NULL, name_en text NOT NULL DEFAULT '')`,
  `CREATE TABLE membership (
    user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role_key text NOT NULL REFERENCES role (key) ON DELETE CASCADE,
    unit_id uuid NOT NULL REFERENCES org_unit (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, role_key, unit_id)
  )`,
  `CREATE INDEX membership_role_unit_idx ON membership (role_key, unit_id)`,
  `CREATE TABLE delegation (
    id uuid PRIMARY KEY,
    from_user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    to_user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    definition_key text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at),
    CHECK (from_user_id <> to_user_id)
  )`,
  `CREATE INDEX delegation_from_idx ON delegation (from_user_id, starts_at, ends_at)`,
  `CREATE INDEX delegation_to_idx ON delegation (to_user_id, starts_at, ends_at)`,
  `CREATE TABLE api_key (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    key_hash text NOT NULL UNIQUE,
    user_id uuid NOT NULL REFERENCES app_user (id),
    origins jsonb NOT NULL DEFAULT '[]',
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
  )`,
];

const workflow = [
  `CREATE TABLE definition (
    id uuid PRIMARY KEY,
    key text NOT NULL,
    version integer,
    status text NOT NULL CHECK (status IN ('draft', 'published')),
    title jsonb NOT NULL,
    body jsonb NOT NULL,
    created_by uuid REFERENCES app_user (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    published_by uuid REFERENCES app_user (id),
    published_at timestamptz,
    CONSTRAINT definition_key_version_unique UNIQUE (key, version),
    CHECK ((status = 'draft') = (version IS NULL))
  )`,
  `CREATE UNIQUE INDEX definition_one_draft_idx ON definition (key) WHERE version IS NULL`,
  `CREATE TABLE instance (
    id uuid PRIMARY KEY,
    definition_key text NOT NULL,
    definition_version integer NOT NULL,
    status text NOT NULL CHECK (status IN ('running', 'completed', 'rejected', 'withdrawn', 'cancelled')),
    title text NOT NULL DEFAULT '',
    initiator_id uuid NOT NULL REFERENCES app_user (id),
    initiator_unit_id uuid REFERENCES org_unit (id),
    data jsonb NOT NULL DEFAULT '{}',
    snapshot jsonb NOT NULL,
    version integer NOT NULL DEFAULT 1,
    state text NOT NULL DEFAULT '',
    due_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    FOREIGN KEY (definition_key, definition_version) REFERENCES definition (key, version)
  )`,
  `CREATE INDEX instance_definition_idx ON instance (definition_key, definition_version, status)`,
  `CREATE INDEX instance_initiator_idx ON instance (initiator_id, created_at)`,
  `CREATE INDEX instance_status_idx ON instance (status, due_at)`,
  `CREATE TABLE task (
    id uuid PRIMARY KEY,
    instance_id uuid NOT NULL REFERENCES instance (id),
    state_key text NOT NULL,
    slot text NOT NULL DEFAULT '',
    kind text NOT NULL CHECK (kind IN ('task', 'approval', 'item')),
    status text NOT NULL CHECK (status IN ('open', 'completed', 'cancelled')),
    title text NOT NULL DEFAULT '',
    form_key text,
    assignee_id uuid REFERENCES app_user (id),
    candidate_role text,
    candidate_unit_id uuid REFERENCES org_unit (id),
    owner_id uuid REFERENCES app_user (id),
    acting_for_id uuid REFERENCES app_user (id),
    due_at timestamptz,
    outcome text,
    opinion text,
    data jsonb,
    completed_by uuid REFERENCES app_user (id),
    completed_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    sort integer NOT NULL DEFAULT 0
  )`,
  `CREATE INDEX task_assignee_inbox_idx ON task (assignee_id, status, due_at)`,
  `CREATE INDEX task_candidate_inbox_idx ON task (candidate_role, candidate_unit_id, status, due_at)`,
  `CREATE INDEX task_instance_idx ON task (instance_id, status)`,
];

const audit = [
  `CREATE TABLE audit_event (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id uuid NOT NULL REFERENCES instance (id),
    seq integer NOT NULL,
    at timestamptz NOT NULL,
    actor_id uuid,
    acting_for_id uuid,
    type text NOT NULL,
    state text,
    task_id uuid,
    payload jsonb NOT NULL DEFAULT '{}',
    prev_hash text NOT NULL,
    hash text NOT NULL,
    CONSTRAINT audit_event_instance_seq_unique UNIQUE (instance_id, seq)
  )`,
  `CREATE INDEX audit_event_at_idx ON audit_event (at)`,
  `CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, at)`,
  `CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
   END
   $$`,
  `CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
     FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`,
  `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
     FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`,
];

const support = [
  `CREATE TABLE calendar_day (
    calendar_key text NOT NULL,
    date date NOT NULL,
    kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (calendar_key, date)
  )`,
  `CREATE TABLE idempotency_key (
    key text NOT NULL,
    user_id uuid NOT NULL,
    request_hash text NOT NULL,
    status integer NOT NULL,
    body jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
  )`,
  `CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at)`,
  `CREATE TABLE notification (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES app_user (id),
    instance_id uuid REFERENCES instance (id),
    task_id uuid REFERENCES task (id),
    kind text NOT NULL CHECK (kind IN ('cc', 'urge', 'remind', 'escalate', 'info')),
    title jsonb NOT NULL,
    body jsonb NOT NULL DEFAULT '{}',
    read_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX notification_user_idx ON notification (user_id, read_at)`,
  `CREATE TABLE file (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    size bigint NOT NULL,
    mime text NOT NULL,
    sha256 text NOT NULL,
    storage_key text NOT NULL,
    uploaded_by uuid REFERENCES app_user (id),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
];

const tables = [
  'file',
  'notification',
  'idempotency_key',
  'calendar_day',
  'audit_event',
  'task',
  'instance',
  'definition',
  'api_key',
  'delegation',
  'membership',
  'role',
  'app_user',
  'org_unit',
];

/** Creates every table of the first release. */
export class Migration0001Initial extends Migration {
  override up(): void {
    // One string per statement keeps PGlite on its fast single-statement path.
    for (const sql of [...directory, ...workflow, ...audit, ...support]) this.addSql(sql);
  }

  override down(): void {
    for (const table of tables) this.addSql(`DROP TABLE IF EXISTS ${table} CASCADE`);
    this.addSql('DROP FUNCTION IF EXISTS audit_event_append_only()');
  }
}
