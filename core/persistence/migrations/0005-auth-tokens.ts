import { Migration } from '@mikro-orm/migrations';

/**
 * Revocable sign-ins: a token version per user (every access token carries it; bumping it ends
 * every session of that user) and rotating refresh tokens, stored as sha256 hashes only.
 */
export class Migration0005AuthTokens extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE app_user ADD COLUMN token_version integer NOT NULL DEFAULT 0');
    this.addSql(`CREATE TABLE refresh_token (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
      family uuid NOT NULL,
      token_hash text NOT NULL UNIQUE,
      token_version integer NOT NULL,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL,
      used_at timestamptz,
      revoked_at timestamptz
    )`);
    this.addSql('CREATE INDEX refresh_token_family_idx ON refresh_token (family)');
    this.addSql('CREATE INDEX refresh_token_user_idx ON refresh_token (user_id)');
  }

  override down(): void {
    this.addSql('DROP TABLE refresh_token');
    this.addSql('ALTER TABLE app_user DROP COLUMN token_version');
  }
}
