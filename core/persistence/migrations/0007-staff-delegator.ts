import { Migration } from '@mikro-orm/migrations';

/**
 * Someone away still sees the tasks their delegate holds for them (已委托给, read only): the inbox
 * reads open tasks by the person they are held for.
 */
export class Migration0007StaffDelegator extends Migration {
  override up(): void {
    this.addSql('CREATE INDEX task_acting_for_idx ON task (acting_for_id, status)');
  }

  override down(): void {
    this.addSql('DROP INDEX IF EXISTS task_acting_for_idx');
  }
}
