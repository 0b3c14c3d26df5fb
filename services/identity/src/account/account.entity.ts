import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { v7 as uuidv7 } from 'uuid';

/** A person's account. Residents and staff belong to one region; the national operator to none. */
@Entity({ tableName: 'accounts' })
export class Account {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** Always lower-cased. */
  @Property({ type: 'text' })
  @Unique({ name: 'accounts_email_key' })
  email!: string;

  @Property({ type: 'text', hidden: true })
  passwordHash!: string;

  @Property({ type: 'text' })
  displayName!: string;

  @Property({ type: 'uuid', nullable: true })
  regionId: string | null = null;

  @Property()
  isOperator: boolean = false;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  blockedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  blockedBy: string | null = null;

  /** The version of the terms and privacy statement accepted (null for accounts made by the platform). */
  @Property({ type: 'text', nullable: true })
  termsVersion: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  termsAcceptedAt: Date | null = null;

  /** When the address was confirmed through the link in a verification mail (or a password reset). */
  @Property({ type: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null = null;

  constructor(input: { email: string; passwordHash: string; displayName: string; regionId: string | null; isOperator?: boolean; termsVersion?: string }) {
    this.email = input.email.toLowerCase();
    this.passwordHash = input.passwordHash;
    this.displayName = input.displayName;
    this.regionId = input.regionId;
    this.isOperator = input.isOperator ?? false;
    if (input.termsVersion) {
      this.termsVersion = input.termsVersion;
      this.termsAcceptedAt = new Date();
    }
  }
}
