import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AccessPublisher } from '../access/access.publisher';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config';
import { Account } from './account.entity';
import { PasswordHasher } from './password-hasher';

const BOOTSTRAP_LOCK = "hashtext('kc:identity:bootstrap-operator')";

/**
 * Creates the national operator's account at start when `KC_BOOTSTRAP_OPERATOR_EMAIL` and
 * `KC_BOOTSTRAP_OPERATOR_PASSWORD` are set and no account with that address exists. Replicas
 * starting together serialise on an advisory lock (the unique e-mail index backs it up), so
 * exactly one account is created. An existing account is never changed (no password reset by
 * environment variable). The operator has no region, so no AccountRegistered event is published;
 * the account is written into the access directory directly (and again by the sync at every start).
 */
@Injectable()
export class OperatorBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('operator-bootstrap');

  constructor(
    private readonly em: EntityManager,
    private readonly passwords: PasswordHasher,
    private readonly access: AccessPublisher,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { KC_BOOTSTRAP_OPERATOR_EMAIL: rawEmail, KC_BOOTSTRAP_OPERATOR_PASSWORD: password } = this.config;
    if (!rawEmail || !password) return;
    const email = rawEmail.toLowerCase();
    if (await this.em.fork().findOne(Account, { email })) return;
    const passwordHash = await this.passwords.hash(password);
    const created = await this.em.fork().transactional(async (tx) => {
      // Replicas serialise here; a registration racing with the same address loses on the unique index.
      await tx.execute(`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`);
      const existing = await tx.findOne(Account, { email });
      if (existing) {
        if (!existing.isOperator) this.logger.warn(`bootstrap operator address belongs to a non-operator account ${existing.id}; left unchanged`);
        return undefined;
      }
      const account = new Account({ email, passwordHash, displayName: 'Landelijke beheerder', regionId: null, isOperator: true });
      tx.persist(account);
      return account;
    }).catch((error: unknown) => {
      if (error instanceof UniqueConstraintViolationException) return undefined;
      throw error;
    });
    if (!created) return;
    this.logger.log(`bootstrap operator account ${created.id} created`);
    // The operator's powers come from the access directory, like everyone's.
    await this.access.publish(created.id);
  }
}
