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
    // Cases that already hold files (bulletins) keep their readers. Same statement as BACKFILL_FILE_REFS
    // in forms/server/import-disk-files.ts, copied because a released migration must never change.
    this.addSql(`INSERT INTO file_ref (file_id, instance_id, created_at)
      SELECT DISTINCT f.id, i.id, now() FROM instance i
      CROSS JOIN LATERAL jsonb_path_query(i.data, 'strict $.**') AS v
      JOIN file f ON f.id::text = v ->> 'id'
      WHERE jsonb_typeof(v) = 'object' AND v ? 'sha256'
      ON CONFLICT DO NOTHING`);
  }

  override down(): void {
    this.addSql('DROP TABLE file_ref');
    this.addSql('DROP TABLE file_blob');
  }
}
