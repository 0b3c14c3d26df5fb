import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AccessDirectory, AuthModule, KEY_SOURCE, operatorUsageModule, personalDataModule } from '@kc/auth';
import { IdentityPersonalData, IdentityUsage } from '@kc/contracts';
import { NatsClient, serviceHealthModule, serviceBackbone } from '@kc/messaging';

import { DatabaseHealthIndicator } from '@kc/persistence';
import type { Logger } from 'pino';
import { AccessModule } from './access/access.module';
import { Account } from './account/account.entity';
import { AccountModule } from './account/account.module';
import { AuditModule } from './audit/audit.module';
import { ProfileModule } from './profile/profile.module';
import { DataExportModule } from './data-export/data-export.module';
import { ErasureModule } from './erasure/erasure.module';
import { RetentionModule } from './retention/retention.module';
import { SsoModule } from './sso/sso.module';
import { EmailVerificationModule } from './email-verification/email-verification.module';
import { MailModule } from './mail/mail.module';
import { PasswordResetModule } from './password-reset/password-reset.module';
import type { IdentityConfig } from './config';
import { IDENTITY_CONFIG } from './config';
import { identityMigrations } from './migrations';
import { Region } from './region/region.entity';
import { RegionModule } from './region/region.module';
import { SessionModule } from './session/session.module';
import { recentlySignedIn } from './session/sign-in-day';
import { SigningKey } from './signing-key/signing-key.entity';
import { SigningKeyModule } from './signing-key/signing-key.module';
import { SigningKeyStore } from './signing-key/signing-key.store';
import { StaffRoleGrant } from './staff-role/staff-role.entity';
import { StaffRoleModule } from './staff-role/staff-role.module';

/** The validated configuration, visible to every identity module. */
@Global()
@Module({})
class IdentityConfigModule {
  static forRoot(config: IdentityConfig): DynamicModule {
    return { module: IdentityConfigModule, providers: [{ provide: IDENTITY_CONFIG, useValue: config }], exports: [IDENTITY_CONFIG] };
  }
}

@Module({})
export class IdentityModule {
  static forRoot(config: IdentityConfig, logger: Logger): DynamicModule {
    return {
      module: IdentityModule,
      imports: [
        IdentityConfigModule.forRoot(config),
        ...serviceBackbone(config, logger, { service: 'identity', database: 'identity', entities: [Region, SigningKey, Account, StaffRoleGrant], migrations: identityMigrations, produces: true }),
        SigningKeyModule,
        // identity verifies tokens with its own keys from its database (never over NATS to itself).
        AuthModule.forService({ provide: KEY_SOURCE, useExisting: SigningKeyStore }),
        serviceHealthModule('identity', [DatabaseHealthIndicator, NatsClient, AccessDirectory]),
        AccessModule,
        RegionModule,
        AccountModule,
        SessionModule,
        EmailVerificationModule,
        PasswordResetModule,
        MailModule,
        StaffRoleModule,
        AuditModule,
        ProfileModule,
        operatorUsageModule(IdentityUsage, [
          { table: 'accounts', count: 'accounts' },
          { table: 'profiles', count: 'profiles', via: { table: 'accounts', column: 'account_id' } },
          { table: 'staff_roles', count: 'staffRoles' },
        ], recentlySignedIn),
        personalDataModule(IdentityPersonalData, 'identity', [
          { name: 'account', table: 'accounts', column: 'id', omit: ['password_hash', 'access_version'] },
          { name: 'profile', table: 'profiles', column: 'account_id' },
          { name: 'consents', table: 'consents', column: 'account_id' },
          { name: 'staffRoles', table: 'staff_roles', column: 'account_id' },
          { name: 'sessions', table: 'sessions', column: 'account_id' },
          // Which library identity provider accounts (issuer and subject) sign in as this account.
          { name: 'ssoLinks', table: 'sso_links', column: 'account_id' },
          { name: 'auditAboutMe', table: 'audit_log', column: 'target_id' },
          { name: 'auditByMe', table: 'audit_log', column: 'actor_id' },
          { name: 'dataExports', table: 'data_exports', column: 'account_id', omit: ['document'] },
          // The mails waiting or recently sent, without their bodies (those hold live links).
          { name: 'mails', table: 'mail_outbox', column: 'account_id', omit: ['text_body', 'html_body'] },
        ]),
        DataExportModule,
        ErasureModule,
        RetentionModule,
        SsoModule,
      ],
    };
  }
}
