import { Migration } from '@mikro-orm/migrations';

/**
 * File contents in the database (the default storage, so every node of a cluster serves every
 * file) and the file → case references that decide who may download a file once it is attached.
 */
export class Migration0005AuthFiles extends Migration {
  override up(): void {
    // Contents in numbered pieces, so neither an upload nor a download holds a whole file in memory.
    this.addSql(`CREATE TABLE file_blob (
      key text NOT NULL,
      seq integer NOT NULL,
      data bytea NOT NULL,
      PRIMARY KEY (key, seq)
    )`);
    this.addSql(`CREATE TABLE file_ref (
      file_id uuid NOT NULL REFERENCES file (id) ON DELETE CASCADE,
      instance_id uuid NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (file_id, instance_id)
    )`);
    this.addSql('CREATE INDEX file_ref_instance_idx ON file_ref (instance_id)');
  }

  override down(): void {
    this.addSql('DROP TABLE file_ref');
    this.addSql('DROP TABLE file_blob');
  }
}
