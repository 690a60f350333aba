import { Migration } from '@mikro-orm/migrations';

/**
 * Lineage between cases (`case.start`, `case.signal`: a meeting's minutes open supervision items,
 * a merged request keeps links to both), and the retirement of a workflow (no new starts; running
 * cases continue), kept as an append-only list of who retired or restored it, when and why.
 */
export class Migration0006DslLinksRetire extends Migration {
  override up(): void {
    this.addSql(`CREATE TABLE case_link (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      from_instance_id uuid NOT NULL REFERENCES instance (id),
      to_instance_id uuid NOT NULL REFERENCES instance (id),
      kind text NOT NULL,
      created_by uuid REFERENCES app_user (id),
      created_at timestamptz NOT NULL
    )`);
    this.addSql('CREATE INDEX case_link_from_idx ON case_link (from_instance_id)');
    this.addSql('CREATE INDEX case_link_to_idx ON case_link (to_instance_id)');
    this.addSql(`CREATE TABLE definition_event (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      definition_key text NOT NULL,
      type text NOT NULL CHECK (type IN ('definition.retired', 'definition.restored')),
      actor_id uuid REFERENCES app_user (id),
      reason text,
      at timestamptz NOT NULL
    )`);
    this.addSql('CREATE INDEX definition_event_key_idx ON definition_event (definition_key, id)');
  }

  override down(): void {
    this.addSql('DROP TABLE definition_event');
    this.addSql('DROP TABLE case_link');
  }
}
