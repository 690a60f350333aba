import { Migration } from '@mikro-orm/migrations';

/**
 * Admin moves past a level (不得越级) waiting for a second admin: a migration or an admin event,
 * with the request as it was made, its reason, who asked and who decided.
 */
export class Migration0005AdminMoves extends Migration {
  override up(): void {
    this.addSql(`CREATE TABLE admin_move (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('migration', 'event')),
      definition_key text NOT NULL,
      instance_id uuid REFERENCES instance (id),
      request jsonb NOT NULL,
      reason text NOT NULL,
      levels jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'applied', 'rejected')),
      requested_by uuid NOT NULL REFERENCES app_user (id),
      requested_at timestamptz NOT NULL,
      decided_by uuid REFERENCES app_user (id),
      decided_at timestamptz,
      result jsonb
    )`);
    this.addSql(`CREATE INDEX admin_move_status_idx ON admin_move (status, requested_at)`);
  }

  override down(): void {
    this.addSql('DROP TABLE admin_move');
  }
}
