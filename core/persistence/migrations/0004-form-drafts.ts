import { Migration } from '@mikro-orm/migrations';

/** Form drafts saved while someone fills a form (autosave), one per user and draft key. */
export class Migration0004FormDrafts extends Migration {
  override up(): void {
    this.addSql(`CREATE TABLE form_draft (
      user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
      key text NOT NULL,
      data jsonb NOT NULL,
      saved_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, key)
    )`);
  }

  override down(): void {
    this.addSql('DROP TABLE form_draft');
  }
}
