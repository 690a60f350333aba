import { Migration } from '@mikro-orm/migrations';

/**
 * Notices the system gives operators (such as "next year's holidays are not entered yet"): what
 * was said and when, so a notice is logged at most once a day across restarts and nodes, and the
 * admin screens can show the ones still current.
 */
export class Migration0005FirstSystemNotice extends Migration {
  override up(): void {
    this.addSql(`CREATE TABLE system_notice (
      key text PRIMARY KEY,
      message jsonb NOT NULL,
      said_at timestamptz NOT NULL
    )`);
  }

  override down(): void {
    this.addSql('DROP TABLE system_notice');
  }
}
