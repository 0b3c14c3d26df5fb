import { z } from 'zod';
import { bilingual } from '../bilingual';
import { Created, Empty, Id, IsoDateTime, RegionSlug, StaffRole, listOf } from '../common';
import { defineEvent, defineRequest } from '../define';

import { DeviceDescription, TokenPair } from './session.contracts';

export * from './profile.contracts';
export * from './session.contracts';

export const RegionStatus = z.enum(['active', 'suspended']);
export const Region = z.object({ id: Id, slug: RegionSlug, name: z.string(), status: RegionStatus });
export type Region = z.infer<typeof Region>;

export const Email = z.email(bilingual({ nl: 'moet een geldig e-mailadres zijn', en: 'must be a valid e-mail address' })).max(254).transform((s) => s.toLowerCase());
export const Password = z.string().min(10, bilingual({ nl: 'minstens 10 tekens', en: 'at least 10 characters' })).max(200);
export const DisplayName = z.string().trim().min(1).max(80);

/**
 * The version of the terms of use and privacy statement a person accepts when registering
 * (the pages /gebruiksvoorwaarden and /privacy show it). identity stores it with the time.
 */
export const TERMS_VERSION = '2026-12-01';
export const AcceptedTermsVersion = z.literal(TERMS_VERSION, bilingual({
  nl: `ga akkoord met de gebruiksvoorwaarden en de privacyverklaring (versie ${TERMS_VERSION})`,
  en: `accept the terms of use and the privacy statement (version ${TERMS_VERSION})`,
}));

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
export const StaffRoleRevoked = defineEvent({
  service: 'identity', aggregate: 'staff-role', event: 'revoked', version: 1,
  description: 'An account lost a staff role in a region.',
  schema: z.object({ accountId: Id, regionId: Id, role: StaffRole }),
});
export const AccountBlocked = defineEvent({
  service: 'identity', aggregate: 'account', event: 'blocked', version: 1,
  description: 'The national operator blocked an account: it cannot log in and its tokens are refused everywhere.',
  schema: z.object({ accountId: Id }),
});
export const AccountUnblocked = defineEvent({
  service: 'identity', aggregate: 'account', event: 'unblocked', version: 1,
  description: 'The national operator lifted the block of an account.',
  schema: z.object({ accountId: Id }),
});

// ---- the access directory: what an account may do now, kept by identity in a NATS KV bucket ----
/** Name of the JetStream key-value bucket (in the namespace) that holds one {@link AccessEntry} per account. */
export const ACCESS_BUCKET = 'kc-access';
/**
 * What an account may do now, as identity knows it: every service reads it (never the token)
 * to decide. `version` grows with every change of the account's access, so an older entry
 * never overwrites a newer one. Identifiers only.
 */
export const RegionLicenceChanged = defineEvent({
  service: 'identity', aggregate: 'region', event: 'licence-changed', version: 1,
  description: 'The national operator suspended or reinstated a region’s licence (or it expired): a suspended region is read-only.',
  schema: z.object({ regionId: Id, status: RegionStatus }),
});

/** Name of the KV bucket (in the namespace) with one {@link RegionEntry} per region: its licence status, as identity knows it now. */
export const REGIONS_BUCKET = 'kc-regions';
export const RegionEntry = z.object({ regionId: Id, slug: RegionSlug, status: RegionStatus, version: z.number().int().min(0) });
export type RegionEntry = z.infer<typeof RegionEntry>;

export const AccessEntry = z.object({
  accountId: Id,
  regionId: Id.nullable(),
  roles: z.array(StaffRole),
  operator: z.boolean(),
  blocked: z.boolean(),
  version: z.number().int().min(0),
});
export type AccessEntry = z.infer<typeof AccessEntry>;

// ---- requests ----
export const CreateRegion = defineRequest({
  pattern: 'identity.region.create', service: 'identity', command: true,
  description: 'License a new region (national operator only).',
  request: z.object({ slug: RegionSlug, name: z.string().trim().min(2).max(120) }).strict(),
  response: z.object({ id: Id, slug: RegionSlug, name: z.string() }),
});
export const RegionLicence = z.object({
  region: Region,
  validUntil: IsoDateTime.nullable(),
  note: z.string(),
  changedAt: IsoDateTime,
});
export const SetRegionLicence = defineRequest({
  pattern: 'identity.region.licence.set', service: 'identity', command: true,
  description: 'Suspend or reinstate a region’s licence (national operator only); a suspended region is read-only in every service within a second. validUntil: when an active licence ends by itself.',
  request: z.object({
    region: RegionSlug,
    status: RegionStatus,
    validUntil: IsoDateTime.nullable().optional(),
    note: z.string().trim().max(1000).default(''),
  }).strict(),
  response: RegionLicence,
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
  request: z.object({ email: Email, password: Password, displayName: DisplayName, region: RegionSlug, acceptedTermsVersion: AcceptedTermsVersion }).strict(),
  response: Created,
});
/** What a client sends to sign in (the gateway adds the device it read from the User-Agent). */
export const LoginCredentials = z.object({ email: Email, password: z.string().min(1).max(200) }).strict();
export const Login = defineRequest({
  pattern: 'identity.auth.login', service: 'identity',
  description: 'Exchange e-mail and password for a new session: a short-lived access token and a refresh token. `device` is set by the gateway.',
  request: z.object({ email: Email, password: z.string().min(1).max(200), device: DeviceDescription.optional() }).strict(),
  /** `consentRequired`: a newer version of the terms and privacy statement awaits acceptance (`POST /me/consent`). */
  response: TokenPair.extend({ consentRequired: z.boolean() }),
});
export const ChangePassword = defineRequest({
  pattern: 'identity.account.password.change', service: 'identity', command: true, allowedWhenSuspended: true,
  description: 'Change the calling account’s password (the current one is checked, limited like signing in); every other session of the account ends.',
  request: z.object({ currentPassword: z.string().min(1).max(200), newPassword: Password }).strict(),
  response: z.object({ endedSessions: z.number().int().min(0) }),
});
export const GetMe = defineRequest({
  pattern: 'identity.account.me', service: 'identity',
  description: 'The calling account (requires a token).',
  request: Empty,
  response: z.object({
    id: Id, email: z.string(), displayName: z.string(), region: Region.nullable(),
    roles: z.array(StaffRole), isOperator: z.boolean(), createdAt: z.string(),
    /** Whether the address was confirmed through the link in a verification mail. */
    emailVerified: z.boolean(),
    /** The version of the terms and privacy statement this account accepted (null: none yet, e.g. the operator). */
    termsVersion: z.string().nullable(),
    /** The current version has not been accepted: clients ask for consent before anything else. */
    consentRequired: z.boolean(),
  }),
});
export const AcceptTerms = defineRequest({
  pattern: 'identity.account.consent', service: 'identity', command: true, allowedWhenSuspended: true,
  description: 'Accept the current version of the terms of use and the privacy statement (recorded with the time; asked again when a new version comes).',
  request: z.object({ acceptedTermsVersion: AcceptedTermsVersion }).strict(),
  response: z.object({ termsVersion: z.string(), acceptedAt: IsoDateTime }),
});
/** Who gets the role: an account id, or the e-mail address of an account of the region. */
const oneAccount = (v: { accountId?: string; email?: string }) => (v.accountId === undefined) !== (v.email === undefined);
const ONE_ACCOUNT = { ...bilingual({ nl: 'geef precies één van accountId en email op', en: 'give exactly one of accountId and email' }), path: ['accountId'] };
/** Why a security-relevant command was given: kept in the audit log with it (optional, free text). */
export const AuditReason = z.string().trim().max(500).optional();
export const GrantStaffRoleBody = z.object({ accountId: Id.optional(), email: Email.optional(), role: StaffRole, reason: AuditReason }).strict().refine(oneAccount, ONE_ACCOUNT);
export const GrantStaffRole = defineRequest({
  pattern: 'identity.staff.grant', service: 'identity', command: true,
  description: 'Grant a staff role in a region to an account (by id or e-mail address); the operator, or a library_admin of that region.',
  request: z.object({ region: RegionSlug, accountId: Id.optional(), email: Email.optional(), role: StaffRole, reason: AuditReason }).strict().refine(oneAccount, ONE_ACCOUNT),
  response: z.object({ accountId: Id, regionId: Id, role: StaffRole }),
});
export const RevokeStaffRole = defineRequest({
  pattern: 'identity.staff.revoke', service: 'identity', command: true,
  description: 'Take a staff role away (operator, or a library_admin of that region); applies in every service at once.',
  request: z.object({ region: RegionSlug, accountId: Id, role: StaffRole, reason: AuditReason }).strict(),
  response: Empty,
});
export const StaffMember = z.object({ accountId: Id, displayName: z.string(), role: StaffRole, grantedAt: IsoDateTime });
export const ListStaffRoles = defineRequest({
  pattern: 'identity.staff.list', service: 'identity',
  description: 'The staff roles of a region with the holders’ names (operator, or a library_admin of that region).',
  request: z.object({ region: RegionSlug }).strict(),
  response: z.object({ items: z.array(StaffMember) }),
});
export const BlockAccount = defineRequest({
  pattern: 'identity.account.block', service: 'identity', command: true,
  description: 'Block an account (national operator only): it cannot log in and its tokens are refused everywhere at once.',
  request: z.object({ accountId: Id, reason: AuditReason }).strict(),
  response: z.object({ accountId: Id, blocked: z.boolean() }),
});
export const UnblockAccount = defineRequest({
  pattern: 'identity.account.unblock', service: 'identity', command: true,
  description: 'Lift the block of an account (national operator only).',
  request: z.object({ accountId: Id, reason: AuditReason }).strict(),
  response: z.object({ accountId: Id, blocked: z.boolean() }),
});
export const GetJwks = defineRequest({
  pattern: 'identity.auth.jwks', service: 'identity',
  description: 'The public keys (JWKS) that verify access tokens.',
  request: Empty,
  response: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }),
});
export const AccountName = z.object({
  id: Id, displayName: z.string(),
  /** The account's region (null: the operator); absent from an older identity. */
  regionId: Id.nullable().optional(),
});
export const AccountNames = defineRequest({
  pattern: 'identity.account.names', service: 'identity',
  description: 'The display names of accounts by id, as shown beside what they wrote (services ask it for authors and members; unknown ids are left out).',
  request: z.object({ ids: z.array(Id).min(1).max(200) }).strict(),
  response: z.object({ items: z.array(AccountName) }),
});

// ---- the audit log: security-relevant actions, recorded by identity in the transaction of the action ----
export const AuditAction = z.enum([
  'staff-role.granted', 'staff-role.revoked', 'account.blocked', 'account.unblocked', 'region.licence-changed', 'sign-in.locked',
  'session.refresh-reused', 'session.logout-all', 'account.password-changed', 'account.erased', 'account.password-reset',
]);
export type AuditAction = z.infer<typeof AuditAction>;
/** One recorded action: who (null when nobody signed in, e.g. a lockout or an expired licence), what, when, why, where. Never a password or token. */
export const AuditEntry = z.object({
  id: Id,
  occurredAt: IsoDateTime,
  action: AuditAction,
  actor: z.object({ id: Id, displayName: z.string().nullable() }).nullable(),
  target: z.object({ type: z.enum(['account', 'region']), id: Id, displayName: z.string().nullable() }).nullable(),
  region: z.object({ id: Id, slug: RegionSlug, name: z.string() }).nullable(),
  reason: z.string().nullable(),
  /** Identifiers and facts of the action (a role, a status, a number of failures). */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
const auditPage = {
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** Opaque `nextCursor` of the previous page; anything else is 400 INVALID_CURSOR. */
  cursor: z.string().max(200).optional(),
};
export const AuditPageQuery = z.object(auditPage).strict();
export const ListRegionAudit = defineRequest({
  pattern: 'identity.audit.region', service: 'identity',
  description: 'The audit log of a region, newest first (its library administrators, or the operator).',
  request: z.object({ region: RegionSlug, ...auditPage }).strict(),
  response: listOf(AuditEntry),
});
export const ListOperatorAudit = defineRequest({
  pattern: 'identity.audit.operator', service: 'identity',
  description: 'The audit log of the whole platform, newest first, optionally of one region (national operator only).',
  request: z.object({ region: RegionSlug.optional(), ...auditPage }).strict(),
  response: listOf(AuditEntry),
});
