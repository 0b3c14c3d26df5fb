import { z } from 'zod';
import { bilingual } from './bilingual';

export const Id = z.uuid(bilingual({ nl: 'moet een geldige id (UUID) zijn', en: 'must be a valid id (UUID)' }));
export const RegionSlug = z
  .string()
  .min(2)
  .max(63)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, bilingual({ nl: 'alleen kleine letters, cijfers en koppeltekens', en: 'only lower-case letters, digits and hyphens' }));
export const Visibility = z.enum(['public', 'members']);
export type Visibility = z.infer<typeof Visibility>;
export const StaffRole = z.enum(['library_admin', 'community_librarian']);
export type StaffRole = z.infer<typeof StaffRole>;
export const IsoDateTime = z.iso.datetime({ offset: true });

/** Cursor-paginated list, as every `/api/v1` list is. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable().optional() });
export const Empty = z.object({}).strict();
export const Created = z.object({ id: Id });

/** Who is asking, as the gateway forwards it with every request; services verify the token themselves. */
export const RequestMeta = z.object({
  token: z.string().max(8192).optional(),
  correlationId: z.string().min(1).max(200),
  idempotencyKey: z.string().min(1).max(200).optional(),
  lang: z.enum(['nl', 'en']).default('nl'),
});
export type RequestMeta = z.infer<typeof RequestMeta>;

/** The wire shape of every request/reply message. */
export const RpcMessage = z.object({ meta: RequestMeta, data: z.unknown() });
export type RpcMessage = z.infer<typeof RpcMessage>;

/** The caller as a service sees it, after verifying the token the gateway forwarded. */
export interface RequestContext {
  accountId: string | null;
  regionId: string | null;
  roles: StaffRole[];
  isOperator: boolean;
  /** The caller's region is suspended (licence): its writes are refused, reads go on. */
  regionSuspended?: boolean;
  /** The session (sign-in) the access token belongs to; null for a token without one. */
  sessionId?: string | null;
  correlationId: string;
  idempotencyKey?: string;
  /** SHA-256 of the request's pattern and validated data: an idempotency key reused for another request is refused. */
  requestFingerprint?: string;
  lang: 'nl' | 'en';
}
