import { z } from 'zod';

export const TOKEN_ISSUER = 'kenniscloud-identity';
export const TOKEN_AUDIENCE = 'kenniscloud';

/**
 * What an access token says about its bearer: who they are (account and region), nothing
 * about what they may do. Roles, operator status and blocks come from the access directory,
 * so a change applies at once instead of when the token expires. Older tokens that still
 * carry `roles`/`op` are accepted; those claims are ignored.
 */
export const AccessClaims = z.object({
  sub: z.uuid(),
  rid: z.uuid().nullable(),
  /** The session (sign-in) the token was issued for: ending it refuses the token everywhere. */
  sid: z.uuid().optional(),
});
export type AccessClaims = z.infer<typeof AccessClaims>;
