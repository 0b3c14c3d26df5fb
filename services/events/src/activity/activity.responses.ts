import type { Activity } from './activity.entity';

export const toActivityResponse = (a: Activity) => ({
  id: a.id,
  communityId: a.communityId,
  title: a.title,
  description: a.description,
  startsAt: a.startsAt.toISOString(),
  endsAt: a.endsAt.toISOString(),
  timeZone: a.timeZone,
  mode: a.mode,
  location: a.location,
  onlineUrl: a.onlineUrl,
  capacity: a.capacity,
  attendeeCount: a.attendeeCount,
  waitlistCount: a.waitlistCount,
  cancelledAt: a.cancelledAt ? a.cancelledAt.toISOString() : null,
  cancelReason: a.cancelReason,
  recurrence: a.rrule ? { rrule: a.rrule } : null,
  place: a.place ?? null,
});
