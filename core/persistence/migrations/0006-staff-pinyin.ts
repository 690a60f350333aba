import { Migration } from '@mikro-orm/migrations';

/**
 * People and units are found by pinyin (拼音检索): `name_pinyin` holds the name's full pinyin and
 * initials (" liuyang ly"), written with the name; rows from before are filled at start
 * (`fillPinyin`, in the directory seeding), since SQL cannot compute pinyin.
 */
export class Migration0006StaffPinyin extends Migration {
  override up(): void {
    this.addSql(`ALTER TABLE app_user ADD COLUMN name_pinyin text NOT NULL DEFAULT ''`);
    this.addSql(`ALTER TABLE org_unit ADD COLUMN name_pinyin text NOT NULL DEFAULT ''`);
  }

  override down(): void {
    this.addSql('ALTER TABLE app_user DROP COLUMN name_pinyin');
    this.addSql('ALTER TABLE org_unit DROP COLUMN name_pinyin');
  }
}
