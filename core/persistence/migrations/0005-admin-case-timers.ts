import { Migration } from '@mikro-orm/migrations';

/**
 * The pending timers of running cases with the time each was scheduled from and when it fires,
 * so they can be listed (per case, and across cases for the supervision office) and recomputed
 * when the business calendar changes. Kept in step with the case's snapshot by the engine.
 */
export class Migration0005AdminCaseTimers extends Migration {
  override up(): void {
    this.addSql(`CREATE TABLE case_timer (
      instance_id uuid NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
      key text NOT NULL,
      state text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('due', 'remind', 'escalate', 'schedule')),
      definition_key text NOT NULL,
      calendar_key text NOT NULL,
      scheduled_at timestamptz NOT NULL,
      fire_at timestamptz NOT NULL,
      PRIMARY KEY (instance_id, key)
    )`);
    this.addSql(`CREATE INDEX case_timer_fire_at_idx ON case_timer (fire_at)`);
  }

  override down(): void {
    this.addSql('DROP TABLE case_timer');
  }
}
