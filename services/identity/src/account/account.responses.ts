import { TERMS_VERSION, type ResponseOf } from '@kc/contracts';
import type { GetMe } from '@kc/contracts';
import type { Region } from '../region/region.entity';
import { toRegionResponse } from '../region/region.responses';
import type { Account } from './account.entity';

export const toMeResponse = (account: Account, region: Region | null, roles: ResponseOf<typeof GetMe>['roles']): ResponseOf<typeof GetMe> => ({
  id: account.id,
  email: account.email,
  displayName: account.displayName,
  region: region ? toRegionResponse(region) : null,
  roles,
  isOperator: account.isOperator,
  createdAt: account.createdAt.toISOString(),
  emailVerified: account.emailVerifiedAt !== null,
  termsVersion: account.termsVersion,
  consentRequired: needsConsent(account),
});

/** A person (never the operator, whom the platform made) who has not accepted the current terms and privacy statement. */
export const needsConsent = (account: Pick<Account, 'isOperator' | 'termsVersion'>) => !account.isOperator && account.termsVersion !== TERMS_VERSION;
