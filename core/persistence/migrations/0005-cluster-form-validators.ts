import { Migration } from '@mikro-orm/migrations';

/** Precompiled form validator modules by content hash: any node serves what another compiled. */
export class Migration0005ClusterFormValidators extends Migration {
  override up(): void {
    this.addSql(`CREATE TABLE form_validator (
      hash text PRIMARY KEY,
      code text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  override down(): void {
    this.addSql('DROP TABLE form_validator');
  }
}
