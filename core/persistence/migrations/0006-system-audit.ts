import { Migration } from '@mikro-orm/migrations';

/**
 * The system audit chain: one hash chain (like each case's `audit_event` chain) of what happens
 * outside cases — sign-ins throttled, accounts locked and unlocked, administrators' changes to the
 * directory, the business calendar, API keys and plugin secrets. Append-only like `audit_event`.
 */
export class Migration0006SystemAudit extends Migration {
  override up(): void {
    this.addSql(`CREATE TABLE system_audit (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      seq integer NOT NULL,
      at timestamptz NOT NULL,
      actor_id uuid,
      kind text NOT NULL,
      target text,
      payload jsonb NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL,
      CONSTRAINT system_audit_seq_unique UNIQUE (seq)
    )`);
    this.addSql('CREATE INDEX system_audit_kind_idx ON system_audit (kind, at)');
    this.addSql('CREATE INDEX system_audit_actor_idx ON system_audit (actor_id, at)');
    this.addSql('CREATE INDEX system_audit_at_idx ON system_audit (at)');
    this.addSql(`CREATE FUNCTION system_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'system_audit is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    this.addSql(`CREATE TRIGGER system_audit_no_update_delete BEFORE UPDATE OR DELETE ON system_audit
      FOR EACH ROW EXECUTE FUNCTION system_audit_append_only()`);
    this.addSql(`CREATE TRIGGER system_audit_no_truncate BEFORE TRUNCATE ON system_audit
      FOR EACH STATEMENT EXECUTE FUNCTION system_audit_append_only()`);
  }

  override down(): void {
    this.addSql('DROP TABLE system_audit');
    this.addSql('DROP FUNCTION system_audit_append_only()');
  }
}
