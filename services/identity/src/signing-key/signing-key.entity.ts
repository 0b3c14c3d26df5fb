import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** One RS256 key pair of identity (see Migration20261121000002SigningKeys: KMS is later work). */
@Entity({ tableName: 'signing_keys' })
export class SigningKey {
  @PrimaryKey({ type: 'text' })
  kid!: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  privateKeyPem!: string;

  @Property({ type: 'json' })
  publicJwk!: Record<string, unknown>;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property()
  active: boolean = true;

  constructor(kid: string, privateKeyPem: string, publicJwk: Record<string, unknown>) {
    this.kid = kid;
    this.privateKeyPem = privateKeyPem;
    this.publicJwk = publicJwk;
  }
}
