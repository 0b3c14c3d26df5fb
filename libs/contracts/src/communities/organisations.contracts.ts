import { z } from 'zod';
import { Created, Empty, Id, IsoDateTime, RegionSlug, listOf } from '../common';
import { defineEvent, defineRequest } from '../define';
import { plainText } from './text';

/**
 * Partner organisations (broadcasters, universities, associations, ADR 0037): a public profile in
 * a region (or national), members with a role, and the communities and activities it co-hosts.
 */
export const OrganisationRole = z.enum(['admin', 'member']);
export type OrganisationRole = z.infer<typeof OrganisationRole>;

/** A public http(s) address; communities checks the host (no local or private address). */
export const OrganisationWebsite = plainText(8, 500);
const OrganisationName = plainText(2, 120);
/** Markdown, rendered and sanitised as contributions are. */
const OrganisationDescription = plainText(0, 5000);

// ---- events (no personal data: an organisation's profile is public) ----
export const OrganisationProfiled = defineEvent({
  service: 'communities', aggregate: 'organisation', event: 'profiled', version: 1,
  description: 'A partner organisation was created or its name changed (`regionId` null: national); events shows it beside the activities it co-hosts.',
  schema: z.object({ organisationId: Id, regionId: Id.nullable(), name: z.string() }),
});

// ---- requests ----
export const OrganisationMember = z.object({ accountId: Id, displayName: z.string(), role: OrganisationRole, addedAt: IsoDateTime });
export const OrganisationSummary = z.object({ id: Id, regionId: Id.nullable(), name: z.string(), website: z.string() });
export const OrganisationProfile = OrganisationSummary.extend({
  description: z.string(),
  /** The description as sanitised HTML, ready to place in a page. */
  descriptionHtml: z.string(),
  /** Only for its members, the region's staff and the operator; null for others. */
  members: z.array(OrganisationMember).nullable(),
  myRole: OrganisationRole.nullable(),
  /** The caller may change the profile and its members (its admins, the region's library admins, the operator). */
  canManage: z.boolean(),
  /** The communities it co-hosts that the caller may see. */
  communities: z.array(z.object({ id: Id, name: z.string() })),
  createdAt: IsoDateTime,
});

export const CreateOrganisation = defineRequest({
  pattern: 'communities.organisation.create', service: 'communities', command: true,
  // 403 NOT_A_LIBRARY_ADMIN; 400 INVALID_WEBSITE; 404 REGION_NOT_FOUND.
  description: 'Create a partner organisation in a region (its library administrators; without `region` theirs) or nationally (the operator, without `region`); the creator is its first admin.',
  request: z.object({ name: OrganisationName, description: OrganisationDescription.default(''), website: OrganisationWebsite, region: RegionSlug.optional() }).strict(),
  response: Created,
});
export const GetOrganisation = defineRequest({
  pattern: 'communities.organisation.get', service: 'communities',
  description: 'An organisation’s public profile, with its members (for members and staff only) and the communities it co-hosts.',
  request: z.object({ id: Id }).strict(),
  response: OrganisationProfile,
});
export const ListOrganisations = defineRequest({
  pattern: 'communities.organisation.list', service: 'communities',
  description: 'The organisations of a region (the caller’s without `region`) and the national ones, by name.',
  request: z.object({
    region: RegionSlug.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50), cursor: z.string().max(200).optional(),
  }).strict(),
  response: listOf(OrganisationSummary),
});
export const UpdateOrganisationBody = z.object({ name: OrganisationName.optional(), description: OrganisationDescription.optional(), website: OrganisationWebsite.optional() }).strict();
export const UpdateOrganisation = defineRequest({
  pattern: 'communities.organisation.update', service: 'communities', command: true,
  description: 'Change an organisation’s profile (its admins, the region’s library administrators, the operator).',
  request: UpdateOrganisationBody.extend({ id: Id }).strict(),
  response: Empty,
});
export const AddOrganisationMemberBody = z.object({ accountId: Id, role: OrganisationRole }).strict();
export const AddOrganisationMember = defineRequest({
  pattern: 'communities.organisation.member.add', service: 'communities', command: true,
  // 404 ACCOUNT_NOT_FOUND; 409 ACCOUNT_OF_OTHER_REGION, ALREADY_ORGANISATION_MEMBER.
  description: 'Add an account of the organisation’s region (any, for a national one) as admin or member (its admins, the region’s library administrators, the operator).',
  request: AddOrganisationMemberBody.extend({ organisationId: Id }).strict(),
  response: OrganisationMember,
});
export const ChangeOrganisationMemberRole = defineRequest({
  pattern: 'communities.organisation.member.role', service: 'communities', command: true,
  // 409 LAST_ORGANISATION_ADMIN.
  description: 'Change a member’s role; the last admin stays admin.',
  request: z.object({ organisationId: Id, accountId: Id, role: OrganisationRole }).strict(),
  response: OrganisationMember,
});
export const RemoveOrganisationMember = defineRequest({
  pattern: 'communities.organisation.member.remove', service: 'communities', command: true,
  description: 'Take a member out of an organisation (its admins, the region’s library administrators, the operator; a member may leave); the last admin stays.',
  request: z.object({ organisationId: Id, accountId: Id }).strict(),
  response: Empty,
});

// ---- co-hosting communities ----
export const CommunityPartner = z.object({ organisationId: Id, name: z.string() });
export const AddCommunityPartner = defineRequest({
  pattern: 'communities.partner.add', service: 'communities', command: true,
  // 403 NOT_AN_ORGANISER; 404 ORGANISATION_NOT_FOUND; 409 ORGANISATION_OF_OTHER_REGION.
  description: 'Name an organisation (of the community’s region, or national) co-host of a community (its organisers); shown as "In samenwerking met …".',
  request: z.object({ communityId: Id, organisationId: Id }).strict(),
  response: CommunityPartner,
});
export const RemoveCommunityPartner = defineRequest({
  pattern: 'communities.partner.remove', service: 'communities', command: true,
  description: 'End a co-hosting (the community’s organisers, or the organisation’s admins).',
  request: z.object({ communityId: Id, organisationId: Id }).strict(),
  response: Empty,
});
export const ListCommunityPartners = defineRequest({
  pattern: 'communities.partner.list', service: 'communities',
  description: 'The organisations co-hosting a community the caller may see.',
  request: z.object({ communityId: Id }).strict(),
  response: z.object({ items: z.array(CommunityPartner) }),
});
