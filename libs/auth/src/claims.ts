import { z } from 'zod';
import { StaffRole } from '@kc/contracts';

export const TOKEN_ISSUER = 'kenniscloud-identity';
export const TOKEN_AUDIENCE = 'kenniscloud';

/** What an access token says about its bearer: identifiers and roles, no personal data. */
export const AccessClaims = z.object({
  sub: z.uuid(),
  rid: z.uuid().nullable(),
  roles: z.array(StaffRole),
  op: z.boolean(),
});
export type AccessClaims = z.infer<typeof AccessClaims>;
