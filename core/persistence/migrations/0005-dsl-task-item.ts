import { Migration } from '@mikro-orm/migrations';

/**
 * A per-item sub-task carries its item (the unit it is for, by name, with its targets), the item's
 * index, and the form values prefilled from the item, so the task API and view can show them.
 */
export class Migration0005DslTaskItem extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE task ADD COLUMN item jsonb');
    this.addSql('ALTER TABLE task ADD COLUMN item_index integer');
    this.addSql('ALTER TABLE task ADD COLUMN prefill jsonb');
  }

  override down(): void {
    this.addSql('ALTER TABLE task DROP COLUMN prefill');
    this.addSql('ALTER TABLE task DROP COLUMN item_index');
    this.addSql('ALTER TABLE task DROP COLUMN item');
  }
}
