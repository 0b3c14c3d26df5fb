import { Migration } from '@mikro-orm/migrations';

/**
 * identity's RS256 signing keys. The private key is stored as PEM in identity's own database
 * for now; moving it into a KMS/HSM (sign remotely, keep only the public JWK here) is later work.
 * At most one key is active (signs new tokens); inactive keys stay in the JWKS until rotated out.
 */
export class Migration20261121000002SigningKeys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE signing_keys (
      kid text PRIMARY KEY,
      private_key_pem text NOT NULL,
      public_jwk jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      active boolean NOT NULL DEFAULT true
    )`);
    this.addSql('CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (active) WHERE active');
  }
}
