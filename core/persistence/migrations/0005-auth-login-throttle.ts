import { Migration } from '@mikro-orm/migrations';

/**
 * Failed sign-ins per account (`u:<username>`) and per client address (`ip:<address>`), kept in
 * the database so every node of a cluster counts the same guesses.
 */
export class Migration0005AuthLoginThrottle extends Migration {
  override up(): void {
    this.addSql(`CREATE TABLE login_throttle (
      key text PRIMARY KEY,
      failures integer NOT NULL,
      blocked_until timestamptz,
      last_failure timestamptz NOT NULL,
      ips text[] NOT NULL DEFAULT '{}'
    )`);
  }

  override down(): void {
    this.addSql('DROP TABLE login_throttle');
  }
}
