import { z } from 'zod';
import { Created, Empty, Id, RegionSlug, StaffRole, listOf } from '../common';
import { defineEvent, defineRequest } from '../define';

export const Region = z.object({ id: Id, slug: RegionSlug, name: z.string(), status: z.enum(['active', 'suspended']) });
export type Region = z.infer<typeof Region>;

export const Email = z.email({ message: 'moet een geldig e-mailadres zijn' }).max(254).transform((s) => s.toLowerCase());
export const Password = z.string().min(10, { message: 'minstens 10 tekens' }).max(200);
export const DisplayName = z.string().trim().min(1).max(80);

// ---- events (identifiers only: no names or e-mail addresses travel on the stream) ----
export const RegionCreated = defineEvent({
  service: 'identity', aggregate: 'region', event: 'created', version: 1,
  description: 'A library region (tenant) was licensed by the national operator.',
  schema: z.object({ regionId: Id, slug: RegionSlug, name: z.string() }),
});
export const AccountRegistered = defineEvent({
  service: 'identity', aggregate: 'account', event: 'registered', version: 1,
  description: 'A resident registered an account in a region.',
  schema: z.object({ accountId: Id, regionId: Id }),
});
export const StaffRoleGranted = defineEvent({
  service: 'identity', aggregate: 'staff-role', event: 'granted', version: 1,
  description: 'An account received a staff role in a region.',
  schema: z.object({ accountId: Id, regionId: Id, role: StaffRole }),
});

// ---- requests ----
export const CreateRegion = defineRequest({
  pattern: 'identity.region.create', service: 'identity', command: true,
  description: 'License a new region (national operator only).',
  request: z.object({ slug: RegionSlug, name: z.string().trim().min(2).max(120) }).strict(),
  response: z.object({ id: Id, slug: RegionSlug, name: z.string() }),
});
export const ListRegions = defineRequest({
  pattern: 'identity.region.list', service: 'identity',
  description: 'All licensed regions (public).',
  request: Empty, response: listOf(Region),
});
export const GetRegion = defineRequest({
  pattern: 'identity.region.get', service: 'identity',
  description: 'One region by slug or id.',
  request: z.object({ slug: RegionSlug.optional(), id: Id.optional() }).strict(),
  response: Region,
});
export const RegisterAccount = defineRequest({
  pattern: 'identity.account.register', service: 'identity', command: true,
  description: 'Register a resident account in a region (slug).',
  request: z.object({ email: Email, password: Password, displayName: DisplayName, region: RegionSlug }).strict(),
  response: Created,
});
export const Login = defineRequest({
  pattern: 'identity.auth.login', service: 'identity',
  description: 'Exchange e-mail and password for a signed access token.',
  request: z.object({ email: Email, password: z.string().min(1).max(200) }).strict(),
  response: z.object({ accessToken: z.string(), tokenType: z.literal('Bearer'), expiresIn: z.number() }),
});
export const GetMe = defineRequest({
  pattern: 'identity.account.me', service: 'identity',
  description: 'The calling account (requires a token).',
  request: Empty,
  response: z.object({
    id: Id, email: z.string(), displayName: z.string(), region: Region.nullable(),
    roles: z.array(StaffRole), isOperator: z.boolean(), createdAt: z.string(),
  }),
});
export const GrantStaffRole = defineRequest({
  pattern: 'identity.staff.grant', service: 'identity', command: true,
  description: 'Grant a staff role in a region (operator, or a library_admin of that region).',
  request: z.object({ region: RegionSlug, accountId: Id, role: StaffRole }).strict(),
  response: z.object({ accountId: Id, regionId: Id, role: StaffRole }),
});
export const GetJwks = defineRequest({
  pattern: 'identity.auth.jwks', service: 'identity',
  description: 'The public keys (JWKS) that verify access tokens.',
  request: Empty,
  response: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }),
});
