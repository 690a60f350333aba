import { Migration } from '@mikro-orm/migrations';

/**
 * 已办 (`GET /api/tasks?scope=done`) reads tasks by who finished them, latest first.
 * People and units are found by pinyin (拼音检索): `name_pinyin` holds the name's full pinyin and
 * initials (" liuyang ly"), written with the name; rows from before are filled at start
 * (`fillPinyin`, in the directory seeding), since SQL cannot compute pinyin.
 */
export class Migration0006StaffLists extends Migration {
  override up(): void {
    this.addSql(`ALTER TABLE app_user ADD COLUMN name_pinyin text NOT NULL DEFAULT ''`);
    this.addSql(`ALTER TABLE org_unit ADD COLUMN name_pinyin text NOT NULL DEFAULT ''`);
    this.addSql('CREATE INDEX task_completed_by_idx ON task (completed_by, completed_at)');
  }

  override down(): void {
    this.addSql('DROP INDEX IF EXISTS task_completed_by_idx');
    this.addSql('ALTER TABLE app_user DROP COLUMN name_pinyin');
    this.addSql('ALTER TABLE org_unit DROP COLUMN name_pinyin');
  }
}
