import { z } from 'zod';
import { Empty, Id, IsoDateTime, listOf } from '../common';
import { defineEvent, defineRequest } from '../define';

/** The longest an access token may live: short, so that a refresh token does the long part. */
export const MAX_ACCESS_TOKEN_SECONDS = 900;

/**
 * How long the session directory remembers an ended session: until every access token of it has
 * expired (at most {@link MAX_ACCESS_TOKEN_SECONDS} after the end), plus a margin for clocks.
 */
export const ENDED_SESSION_MEMORY_SECONDS = MAX_ACCESS_TOKEN_SECONDS + 120;

/** Name of the KV bucket (in the namespace) with one {@link EndedSessionEntry} per recently ended session. */
export const SESSIONS_BUCKET = 'kc-sessions';
/** A session that ended: its access tokens are refused everywhere until `until` (after which they have expired anyway). Identifiers only. */
export const EndedSessionEntry = z.object({ sessionId: Id, accountId: Id, until: IsoDateTime });
export type EndedSessionEntry = z.infer<typeof EndedSessionEntry>;

/** A short description of the device a session was started on ("Firefox op Linux"), made by the gateway from the User-Agent. */
export const DeviceDescription = z.string().trim().max(80);
export const RefreshToken = z.string().min(1).max(200);

export const TokenPair = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  /** Seconds the access token lives (at most 15 minutes). */
  expiresIn: z.number(),
  /** Used once, for the next pair: presenting it again ends the whole session. */
  refreshToken: z.string(),
  /** Seconds until the session ends by itself (the refresh lifetime from sign-in). */
  refreshExpiresIn: z.number(),
});
export type TokenPair = z.infer<typeof TokenPair>;

export const SessionEndReason = z.enum(['logout', 'logout-all', 'ended', 'password-changed', 'refresh-reused']);

// ---- events ----
export const SessionsEnded = defineEvent({
  service: 'identity', aggregate: 'session', event: 'ended', version: 1,
  description: 'One or more sessions of an account ended (logout, logout everywhere, a password change, a reused refresh token): their access tokens are refused everywhere within a second.',
  schema: z.object({ accountId: Id, reason: SessionEndReason }),
});

// ---- requests ----
export const RefreshSession = defineRequest({
  pattern: 'identity.auth.refresh', service: 'identity',
  description: 'Exchange a refresh token for a new access token and refresh token (the old one is used up); a refresh token presented a second time ends its whole session.',
  request: z.object({ refreshToken: RefreshToken }).strict(),
  response: TokenPair,
});
export const Logout = defineRequest({
  pattern: 'identity.session.logout', service: 'identity', command: true, allowedWhenSuspended: true,
  description: 'End the session of the calling access token: its refresh token stops working and its access tokens are refused everywhere within a second.',
  request: Empty, response: Empty,
});
export const LogoutAll = defineRequest({
  pattern: 'identity.session.logout-all', service: 'identity', command: true, allowedWhenSuspended: true,
  description: 'End every session of the calling account, this one included.',
  request: Empty, response: z.object({ ended: z.number().int().min(0) }),
});
export const SessionInfo = z.object({
  id: Id,
  device: z.string().nullable(),
  createdAt: IsoDateTime,
  lastUsedAt: IsoDateTime,
  expiresAt: IsoDateTime,
  /** The session of the access token that asked. */
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;
export const ListSessions = defineRequest({
  pattern: 'identity.session.list', service: 'identity',
  description: 'The active sessions (signed-in devices) of the calling account, newest first, the current one marked.',
  request: Empty, response: listOf(SessionInfo),
});
export const EndSession = defineRequest({
  pattern: 'identity.session.end', service: 'identity', command: true, allowedWhenSuspended: true,
  description: 'End one active session of the calling account (404 for any other).',
  request: z.object({ sessionId: Id }).strict(), response: Empty,
});
