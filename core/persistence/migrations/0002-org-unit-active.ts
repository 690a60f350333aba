import { Migration } from '@mikro-orm/migrations';

/** Org units can be deactivated (kept for the history of the cases they took part in) instead of deleted. */
export class Migration0002OrgUnitActive extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE org_unit ADD COLUMN active boolean NOT NULL DEFAULT true');
  }

  override down(): void {
    this.addSql('ALTER TABLE org_unit DROP COLUMN active');
  }
}
